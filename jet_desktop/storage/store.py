"""A Store is an open dataset (engine + who is working) that services act on."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Table, select, update
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DatabaseError

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import JetFout
from jet_desktop.storage.bestand import WachtwoordzinFout
from jet_desktop.storage.bijwerken import Bijgewerkt, NietBijgewerkt, NieuwereGegevensset, werk_bij
from jet_desktop.storage.engine import make_engine, sqlite_url
from jet_desktop.storage.models import utcnow


def _sleutel_melding(url: URL) -> str:
    from pathlib import Path

    naam = Path(url.database or "").name
    if url.password is None:
        return f"De gegevensset {naam} is versleuteld: geef de wachtwoordzin op."
    return f"De wachtwoordzin is onjuist (of {naam} is geen JET-gegevensset). Er is niets gewijzigd."


class TeamserverVersieFout(JetFout):
    """The team server's schema is not this version's: IT upgrades it (`teamserver init`)."""


class StaleEditError(JetFout, RuntimeError):
    """The record changed since it was loaded; the save was refused, nothing written."""

    def __init__(self, what: str, changed_by: str | None, changed_at: datetime | None):
        if changed_at is not None and changed_at.tzinfo is None:  # SQLite hands back the stored UTC as naive
            changed_at = changed_at.replace(tzinfo=timezone.utc)
        self.changed_by = changed_by
        self.changed_at = changed_at
        if changed_by is None:
            msg = f"{what} bestaat niet meer of is verwijderd; uw wijziging is niet opgeslagen."
        else:
            stamp = changed_at.astimezone().strftime("%d-%m-%Y %H:%M") if changed_at else "?"
            msg = (
                f"{what} is intussen gewijzigd door {changed_by or 'onbekend'} ({stamp}); "
                "uw wijziging is niet opgeslagen. Laad de gegevens opnieuw en voer uw wijziging nogmaals in."
            )
        super().__init__(msg)


@dataclass
class Store:
    """`user`/`user_id`/`rol` say who works: set by services/gebruikers.inloggen. `rol` None is the
    system itself (headless commands, demo generator): every right (domain/rollen.py)."""

    engine: Engine
    user: str = "onbekend"  # name written to updated_by
    user_id: uuid.UUID | None = None
    rol: Rol | None = None
    namens: str = ""  # NEN 7513 "on whose behalf", e.g. "opdrachtregel"
    # a PostgreSQL store set up by `teamserver init` (storage/teamserver.py): the audit log, the logins and
    # the numbering go through the server's functions, and the database checks every row again
    teamserver: bool = False
    # what opening this store did to bring it to this version's schema (storage/bijwerken.py): the sign-in
    # writes its audit line, the window and the command line say it
    bijgewerkt: Bijgewerkt | None = None

    @classmethod
    def open(cls, url: str, user: str = "onbekend", migrate: bool = True,
             melden: Callable[[str], None] | None = None) -> "Store":
        """Open (and migrate) a store. A SQLite file that does not open with the given wachtwoordzin
        (or is encrypted and none was given) raises WachtwoordzinFout; the file is not touched. An older
        local store is copied (checked) before it is migrated, a newer one refused (storage/bijwerken.py);
        `melden` hears those steps."""
        engine = make_engine(url)
        teamserver = False
        bijgewerkt = None
        try:
            if not url.startswith("sqlite"):
                from jet_desktop.storage.teamserver import is_teamserver

                with engine.connect() as conn:
                    teamserver = is_teamserver(conn)
            if teamserver:  # a medewerker's login may not migrate: IT does, with `teamserver init`
                from jet_desktop.storage.migrations import current_revision
                from jet_desktop.storage.schema_version import HEAD_REVISION

                if (versie := current_revision(engine)) != HEAD_REVISION:
                    from jet_desktop.versie import SCHEMA_VERSIES

                    if versie not in SCHEMA_VERSIES:  # a newer server: this workstation or laptop updates
                        raise TeamserverVersieFout(
                            f"De teamserver heeft schemaversie {versie}, nieuwer dan deze JET Desktop ({HEAD_REVISION}). "
                            "Installeer de nieuwe versie van JET Desktop; wat op deze computer wacht, blijft bewaard.")
                    raise TeamserverVersieFout(
                        f"De teamserver heeft schemaversie {versie}, deze JET Desktop verwacht {HEAD_REVISION}. "
                        "Vraag IT om `jet-desktop teamserver init` met deze versie te draaien.")
            elif migrate:
                bijgewerkt = werk_bij(engine, melden)
            else:
                with engine.connect() as conn:
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master" if url.startswith("sqlite") else "SELECT 1")
        except (TeamserverVersieFout, NieuwereGegevensset, NietBijgewerkt):
            engine.dispose()
            raise
        except DatabaseError as exc:
            engine.dispose()
            if url.startswith("sqlite") and "file is not a database" in str(exc.orig):
                raise WachtwoordzinFout(_sleutel_melding(engine.url)) from None
            raise
        except BaseException:  # a reservekopie that could not be made (a full disk): nothing was migrated
            engine.dispose()
            raise
        return cls(engine, user, teamserver=teamserver, bijgewerkt=bijgewerkt)

    @classmethod
    def open_file(cls, path, user: str = "onbekend") -> "Store":
        return cls.open(sqlite_url(path), user)

    def stamp(self) -> dict:
        """Columns to set on insert/update for the current user."""
        now = utcnow()
        return {"updated_at": now, "updated_by": self.user}

    def new_row(self, **values) -> dict:
        now = utcnow()
        return {"id": uuid.uuid4(), "version": 1, "created_at": now, "updated_at": now,
                "updated_by": self.user, **values}


def versioned_update(
    conn: Connection, store: Store, table: Table, row_id: uuid.UUID, expected_version: int,
    what: str, **values,
) -> int:
    """UPDATE ... WHERE id AND version = expected; refuse a stale save. Returns the new version."""
    result = conn.execute(
        update(table)
        .where(table.c.id == row_id, table.c.version == expected_version)
        .values(version=table.c.version + 1, **store.stamp(), **values)
    )
    if result.rowcount != 1:
        row = conn.execute(select(table.c.updated_by, table.c.updated_at).where(table.c.id == row_id)).first()
        raise StaleEditError(what, row.updated_by if row else None, row.updated_at if row else None)
    return expected_version + 1
