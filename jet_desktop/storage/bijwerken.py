"""Bringing a store to this version's schema without risk: the first start of a new version (docs/installer.md).

- A store of an older schema: for a local file first a checked reservekopie (`reservekopieen/<naam>-voor-
  bijwerken-naar-<versie>-<tijd>.db`, beside the daily ones and never rotated away by them), then the
  migrations in one transaction. A reservekopie that cannot be made (a full disk) stops the upgrade: the store
  stays as it was, and opens again once there is room.
- A store of a schema this version does not know (made by a newer JET Desktop): refused with a Dutch message,
  the file untouched — its revision is read through a read-only connection before anything opens it for
  writing.
- A new, empty store: the migrations from empty, nothing to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from jet_desktop import __version__
from jet_desktop.domain.errors import JetFout
from jet_desktop.storage.migrations import current_revision, upgrade_to_head
from jet_desktop.storage.schema_version import HEAD_REVISION

RESERVEKOPIE_MAP = "reservekopieen"  # as services/reservekopie.py: one folder of copies beside the store


class NieuwereGegevensset(JetFout):
    """The store was made by a newer JET Desktop; nothing was changed."""


class NietBijgewerkt(JetFout):
    """The reservekopie before an upgrade could not be made: the store was not migrated, nothing changed."""


@dataclass(frozen=True)
class Bijgewerkt:
    """What the upgrade of one store did: from which schema revision, and the copy taken before."""

    van: str
    naar: str
    reservekopie: Path | None  # None: a shared store (its server keeps the backups)

    @property
    def van_versie(self) -> str:
        from jet_desktop.versie import SCHEMA_VERSIES

        return SCHEMA_VERSIES.get(self.van, "?")

    @property
    def melding(self) -> str:
        """For the medewerker (a message box, the command line)."""
        tekst = f"Uw gegevensset is bijgewerkt van JET Desktop {self.van_versie} naar {__version__}."
        if self.reservekopie is not None:
            tekst += f" Vooraf is een gecontroleerde reservekopie gemaakt:\n{self.reservekopie}"
        return tekst + f"\n(schemaversie {self.van} → {self.naar})"

    @property
    def kort(self) -> str:
        """For the status bar."""
        return f"Gegevensset bijgewerkt naar JET Desktop {__version__}" + (
            f"; reservekopie vooraf: {self.reservekopie.name}" if self.reservekopie is not None else "")

    @property
    def omschrijving(self) -> str:
        """For the audit log: versions and the copy's file name, no path (it names the user's folders)."""
        kopie = f"; reservekopie {self.reservekopie.name}" if self.reservekopie is not None else ""
        return f"gegevensset bijgewerkt naar JET Desktop {__version__}: schema {self.van} naar {self.naar}{kopie}"


def revisie_van_bestand(pad: Path, wachtwoordzin: str | None) -> str | None:
    """The schema revision of a SQLite store, read without writing a byte (None: no schema yet)."""
    from sqlcipher3.dbapi2 import DatabaseError

    from jet_desktop.storage.bestand import WachtwoordzinFout, open_bestand

    if not pad.is_file() or pad.stat().st_size == 0:
        return None
    try:
        # a closed store has no -wal file: read as immutable, so not even a -shm file appears beside a store this
        # version refuses; a -wal file (a store open elsewhere, or after a crash) has to be read through
        conn = open_bestand(pad, wachtwoordzin, alleen_lezen=True,
                            onveranderlijk=not pad.with_name(pad.name + "-wal").exists())
    except WachtwoordzinFout:
        return None  # the engine's first connection fails the same way, and Store.open says it in its words
    except DatabaseError as exc:
        raise _onleesbaar(pad, exc) from None
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone() is None:
            return None
        rij = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return rij[0] if rij else None
    except DatabaseError as exc:  # never "no schema": an older store read as new would be migrated without a copy
        raise _onleesbaar(pad, exc) from None
    finally:
        conn.close()


def _onleesbaar(pad: Path, exc: Exception) -> NietBijgewerkt:
    from jet_desktop.storage.backup import _reden

    return NietBijgewerkt(f"De schemaversie van {pad.name} kan nu niet worden gelezen ({_reden(exc)}); er is niets "
                          "gewijzigd. Probeer het zo opnieuw.")


def weiger_nieuwere(revisie: str | None, naam: str) -> None:
    from jet_desktop.storage.backup import bekende_revisies

    if revisie is not None and revisie != HEAD_REVISION and revisie not in bekende_revisies():
        raise NieuwereGegevensset(
            f"{naam} is gemaakt met een nieuwere versie van JET Desktop (schemaversie {revisie}); deze versie "
            f"({__version__}, schemaversie {HEAD_REVISION}) kan hem niet openen. Installeer de nieuwste versie "
            "van JET Desktop. Er is niets aan de gegevensset gewijzigd.")


def reservekopie_pad(db: Path, nu: datetime | None = None) -> Path:
    nu = nu or datetime.now()
    return db.parent / RESERVEKOPIE_MAP / f"{db.stem}-voor-bijwerken-naar-{__version__}-{nu:%Y%m%d-%H%M%S}{db.suffix}"


def werk_bij(engine: Engine, melden: Callable[[str], None] | None = None) -> Bijgewerkt | None:
    """The store of `engine` at this version's schema (see the module text). `melden(tekst)` hears each step
    (the GUI shows it while the sign-in waits). Returns what was done, or None when there was nothing to keep
    (already current, or new). Call before the engine has opened a local file for writing."""
    from jet_desktop.storage.backup import BackupFout, maak_backup

    melden = melden or (lambda _tekst: None)
    sqlite = engine.dialect.name == "sqlite"
    pad = Path(engine.url.database) if sqlite and engine.url.database else None
    if pad is not None:
        revisie = revisie_van_bestand(pad, engine.url.password)
    else:
        revisie = current_revision(engine)
    if revisie == HEAD_REVISION:
        if pad is not None:  # opened now, as before: a store being replaced elsewhere is waited for (storage/slot.py)
            with engine.connect():
                pass
        return None
    weiger_nieuwere(revisie, pad.name if pad is not None else "De gedeelde gegevensset")
    if revisie is None:
        upgrade_to_head(engine)
        return None
    kopie = None
    if pad is not None:
        melden("Reservekopie maken voor het bijwerken van de gegevensset…")
        try:
            kopie = maak_backup(pad, reservekopie_pad(pad), engine.url.password)
        except BackupFout as exc:
            raise NietBijgewerkt(
                f"JET Desktop {__version__} moet {pad.name} bijwerken en maakt daarvoor eerst een reservekopie, "
                f"maar die is niet gelukt: {exc} Er is niets gewijzigd; de gegevensset opent weer zodra de "
                "reservekopie kan worden gemaakt (bijvoorbeeld als er weer ruimte op de schijf is).") from None
    melden(f"Gegevensset bijwerken voor JET Desktop {__version__}…")
    upgrade_to_head(engine)
    return Bijgewerkt(revisie, HEAD_REVISION, kopie)
