"""Bringing a store to this version's schema without risk: the first start of a new version (docs/installer.md).

- A store of an older schema: for a local file first a checked reservekopie (`reservekopieen/<naam>-voor-
  bijwerken-naar-<versie>-<tijd>.db`, beside the daily ones and never rotated away by them), then the
  migrations in one transaction. A reservekopie that cannot be made (a full disk) stops the upgrade: the store
  stays as it was, and opens again once there is room.
- A store of a schema this version does not know (made by a newer JET Desktop): refused with a Dutch message,
  the file untouched — its revision is read through a read-only connection before anything opens it for
  writing.
- A new, empty store: the migrations from empty, nothing to keep.
- Found by an adversarial run (SIGKILL, two starts at once, a store held open, read-only files): a -journal
  left by a killed older release is rolled back first; a store in use or read-only is a Dutch NietBijgewerkt
  with nothing changed; two starts in one second get copies of their own; half-made copies (*.bezig) of a
  killed start are cleared after the next upgrade.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

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
        # version refuses; a -wal or -journal file (a store open elsewhere, or after a crash) has to be read through
        conn = open_bestand(pad, wachtwoordzin, alleen_lezen=True, onveranderlijk=not any(
            pad.with_name(pad.name + kant).exists() for kant in ("-wal", "-journal")))
    except WachtwoordzinFout:
        return None  # the engine's first connection fails the same way, and Store.open says it in its words
    except DatabaseError as exc:
        raise _onleesbaar(pad, exc) from None
    try:
        tabellen = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
        rij = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tabellen \
            else None
        if rij is None and tabellen - {"alembic_version"}:  # tables without a version: never "new", never migrated
            raise NietBijgewerkt(f"{pad.name} heeft tabellen maar geen schemaversie van JET Desktop: het is geen "
                                 "JET-gegevensset, of hij is beschadigd. Er is niets gewijzigd; zet zo nodig een "
                                 "reservekopie terug (jet-desktop restore).")
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
    """A name of its own: two starts in the same second never put one copy over the other."""
    nu = nu or datetime.now()
    naam = f"{db.stem}-voor-bijwerken-naar-{__version__}-{nu:%Y%m%d-%H%M%S}"
    pad, n = db.parent / RESERVEKOPIE_MAP / f"{naam}{db.suffix}", 1
    while pad.exists():
        n += 1
        pad = pad.with_name(f"{naam}-{n}{db.suffix}")
    return pad


def werk_bij(engine: Engine, melden: Callable[[str], None] | None = None) -> Bijgewerkt | None:
    """The store of `engine` at this version's schema (see the module text). `melden(tekst)` hears each step
    (the GUI shows it while the sign-in waits). Returns what was done, or None when there was nothing to keep
    (already current, or new). Call before the engine has opened a local file for writing."""
    from jet_desktop.storage.backup import BackupFout, maak_backup

    melden = melden or (lambda _tekst: None)
    sqlite = engine.dialect.name == "sqlite"
    pad = Path(engine.url.database) if sqlite and engine.url.database else None
    if pad is not None:
        herstel_onderbroken_schrijven(pad, engine.url.password)
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
        _vereis_schrijfbaar(pad)
        melden("Reservekopie maken voor het bijwerken van de gegevensset…")
        try:
            kopie = maak_backup(pad, reservekopie_pad(pad), engine.url.password)
        except BackupFout as exc:
            raise NietBijgewerkt(
                f"JET Desktop {__version__} moet {pad.name} bijwerken en maakt daarvoor eerst een reservekopie, "
                f"maar die is niet gelukt: {exc} Er is niets gewijzigd; de gegevensset opent weer zodra de "
                "reservekopie kan worden gemaakt (bijvoorbeeld als er weer ruimte op de schijf is).") from None
    melden(f"Gegevensset bijwerken voor JET Desktop {__version__}…")
    try:
        upgrade_to_head(engine)
    except OperationalError as exc:  # another start upgrading it at this moment, or a store held open elsewhere
        if not _bezet(exc):
            raise
        raise NietBijgewerkt(
            f"{pad.name if pad is not None else 'De gegevensset'} is op dit moment in gebruik (een tweede JET Desktop "
            "of een ander programma), zodat het bijwerken niet kon beginnen. Er is niets gewijzigd en niets "
            "verloren; start JET Desktop zo opnieuw.") from None
    if pad is not None:
        _ruim_oude_halve_kopieen(pad.parent / RESERVEKOPIE_MAP)
    return Bijgewerkt(revisie, HEAD_REVISION, kopie)


def herstel_onderbroken_schrijven(pad: Path, wachtwoordzin: str | None) -> None:
    """A -journal file beside a rollback-journal store (a release before WAL, killed while writing) holds the
    pages to put back: only a connection that may write rolls it back. Without this, every read-only look
    (the version, the reservekopie) would see the half-written file, or refuse it, at every start."""
    from sqlcipher3.dbapi2 import DatabaseError

    from jet_desktop.storage.bestand import WachtwoordzinFout, open_bestand

    journaal = pad.with_name(pad.name + "-journal")
    if not journaal.is_file() or journaal.stat().st_size == 0 or not pad.is_file():
        return
    try:
        open_bestand(pad, wachtwoordzin).close()  # its first read rolls the interrupted write back
    except WachtwoordzinFout:
        return  # the engine's first connection says it in its words
    except DatabaseError as exc:
        raise _onleesbaar(pad, exc) from None


def _vereis_schrijfbaar(pad: Path) -> None:
    """An upgrade writes the store and its folder (-wal, -shm): refused before the copy is made, in Dutch."""
    for wat, p in (("het bestand", pad), ("de map", pad.parent)):
        if not os.access(p, os.W_OK):
            raise NietBijgewerkt(
                f"JET Desktop {__version__} moet {pad.name} bijwerken, maar {wat} {p} is alleen-lezen. Er is niets "
                "gewijzigd; de gegevensset opent weer zodra u er weer in mag schrijven (vraag het zo nodig aan IT).")


def _bezet(exc: OperationalError) -> bool:
    tekst = str(exc.orig).lower()
    return "locked" in tekst or "busy" in tekst


def _ruim_oude_halve_kopieen(map_: Path, ouder_dan_s: float = 3600) -> None:
    """Copies a killed start left half-made (*.bezig, never taken for a reservekopie: they do not end in .db)
    are removed once an upgrade has succeeded, when older than an hour (a copy being made now is younger)."""
    grens = time.time() - ouder_dan_s
    for p in map_.glob("*.bezig") if map_.is_dir() else ():
        try:
            if p.stat().st_mtime < grens:
                p.unlink()
        except OSError:
            pass
