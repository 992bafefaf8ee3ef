"""Backup and restore of a SQLite store, safe while the application has it open.

A backup uses SQLite's online backup (a consistent copy, WAL contents included, while other
connections keep working), is written beside its target under a temporary name, checked, and
only then renamed into place. A restore checks the backup first (integrity and schema version)
and keeps a copy of the store it replaces; a bad backup changes nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from jet_desktop.storage.migrations import MIGRATIONS_DIR
from jet_desktop.storage.schema_version import HEAD_REVISION


class BackupFout(Exception):
    """A backup or restore that cannot be done; the message is Dutch and says why. Nothing changed."""


def bekende_revisies() -> set[str]:
    """The schema revisions this version knows (the `revision = "..."` lines in db/versions)."""
    gevonden = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for regel in script.read_text(encoding="utf-8").splitlines():
            if regel.startswith("revision = "):
                gevonden.add(regel.split("=", 1)[1].strip().strip("'\""))
    return gevonden


def _lees(pad: Path) -> sqlite3.Connection:
    if not pad.is_file():
        raise BackupFout(f"{pad} bestaat niet.")
    return sqlite3.connect(f"file:{pad}?mode=ro", uri=True)


def controleer(pad: str | Path) -> str:
    """Check a store file: SQLite, intact (PRAGMA integrity_check), a JET data set of a schema
    version this program knows. Returns the schema revision."""
    pad = Path(pad)
    conn = _lees(pad)
    try:
        try:
            uitslag = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise BackupFout(f"{pad.name} is geen leesbare JET-gegevensset ({exc}).") from None
        if uitslag != ["ok"]:
            raise BackupFout(f"{pad.name} is beschadigd: {'; '.join(uitslag[:3])}.")
        try:
            revisie = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            revisie = None
    finally:
        conn.close()
    if revisie is None:
        raise BackupFout(f"{pad.name} is geen JET-gegevensset (er is geen schemaversie).")
    if revisie[0] not in bekende_revisies():
        raise BackupFout(f"{pad.name} heeft schemaversie {revisie[0]}, die deze versie van JET Desktop niet kent "
                         f"(nieuwste bekende: {HEAD_REVISION}); gebruik een nieuwere versie van het programma.")
    return revisie[0]


def _kopieer(bron: Path, doel: Path) -> None:
    """Online backup of `bron` into `doel` (created or overwritten page by page, under SQLite's locks)."""
    src = _lees(bron)
    try:
        dst = sqlite3.connect(doel)
        try:
            src.backup(dst)
            # a copy in rollback-journal mode is one self-contained file (no -wal/-shm beside it);
            # the application switches a store back to WAL when it opens it
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def maak_backup(db: str | Path, doel: str | Path) -> Path:
    """Write a checked backup of the store `db` to `doel` (replacing an older file of that name)."""
    db, doel = Path(db), Path(doel)
    controleer(db)
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = doel.with_name(doel.name + ".bezig")
    try:
        _kopieer(db, tijdelijk)
        controleer(tijdelijk)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


def herstel(backup: str | Path, db: str | Path, nu: datetime | None = None) -> Path | None:
    """Replace the store `db` by `backup` after checking it. Returns where the replaced store was
    kept (None when there was none): `<naam>-vervangen-<jjjjmmdd-uummss>.db` beside it."""
    backup, db = Path(backup), Path(db)
    controleer(backup)
    bewaard = None
    if db.exists():
        stempel = (nu or datetime.now()).strftime("%Y%m%d-%H%M%S")
        bewaard = db.with_name(f"{db.stem}-vervangen-{stempel}{db.suffix}")
        try:
            maak_backup(db, bewaard)
        except BackupFout:  # the store to replace is itself damaged: keep its bytes as they are
            shutil.copy2(db, bewaard)
    _kopieer(backup, db)
    controleer(db)
    return bewaard


def dagelijkse_backup(db: str | Path, map_: str | Path, vandaag, bewaren: int) -> Path | None:
    """The first call of a day writes `<naam>-JJJJMMDD.db` into `map_` and removes all but the newest
    `bewaren` of them; later calls that day do nothing (None)."""
    db, map_ = Path(db), Path(map_)
    doel = map_ / f"{db.stem}-{vandaag:%Y%m%d}{db.suffix}"
    if doel.exists():
        return None
    maak_backup(db, doel)
    eerdere = sorted(map_.glob(f"{db.stem}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]{db.suffix}"))
    for oud in eerdere[:-max(bewaren, 1)]:
        oud.unlink(missing_ok=True)
    return doel
