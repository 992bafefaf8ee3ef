"""Backup and restore of a SQLite store, safe while the application has it open.

A backup uses SQLite's online backup (a consistent copy, WAL contents included, while other
connections keep working), is written beside its target under a temporary name, checked, and
only then renamed into place. A restore checks the backup first (integrity and schema version)
and keeps a copy of the store it replaces; a bad backup changes nothing.

An encrypted store gives an encrypted backup with the same wachtwoordzin (the pages are copied
as they are). A backup made under an older wachtwoordzin is restored by giving that one too:
the restored store is then re-encrypted with the current wachtwoordzin.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

from jet_desktop.storage.bestand import DatabaseError, WachtwoordzinFout, attach, open_bestand
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


def _lees(pad: Path, wachtwoordzin: str | None):
    if not pad.is_file():
        raise BackupFout(f"{pad} bestaat niet.")
    try:
        return open_bestand(pad, wachtwoordzin, alleen_lezen=True)
    except WachtwoordzinFout as exc:
        raise BackupFout(str(exc)) from None


def controleer(pad: str | Path, wachtwoordzin: str | None = None) -> str:
    """Check a store file: SQLite, intact (PRAGMA integrity_check), a JET data set of a schema
    version this program knows. Returns the schema revision."""
    pad = Path(pad)
    conn = _lees(pad, wachtwoordzin)
    try:
        try:
            uitslag = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except DatabaseError as exc:
            raise BackupFout(f"{pad.name} is geen leesbare JET-gegevensset ({exc}).") from None
        if uitslag != ["ok"]:
            raise BackupFout(f"{pad.name} is beschadigd: {'; '.join(uitslag[:3])}.")
        try:
            revisie = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except DatabaseError:
            revisie = None
    finally:
        conn.close()
    if revisie is None:
        raise BackupFout(f"{pad.name} is geen JET-gegevensset (er is geen schemaversie).")
    if revisie[0] not in bekende_revisies():
        raise BackupFout(f"{pad.name} heeft schemaversie {revisie[0]}, die deze versie van JET Desktop niet kent "
                         f"(nieuwste bekende: {HEAD_REVISION}); gebruik een nieuwere versie van het programma.")
    return revisie[0]


def _kopieer(bron: Path, doel: Path, wachtwoordzin: str | None) -> None:
    """Online backup of `bron` into `doel` (created or overwritten page by page, under SQLite's locks);
    both under the same wachtwoordzin."""
    src = _lees(bron, wachtwoordzin)
    try:
        try:
            dst = open_bestand(doel, wachtwoordzin)
        except WachtwoordzinFout as exc:
            raise BackupFout(str(exc)) from None
        try:
            src.backup(dst)
            # a copy in rollback-journal mode is one self-contained file (no -wal/-shm beside it);
            # the application switches a store back to WAL when it opens it
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def exporteer(bron: Path, bron_wachtwoordzin: str | None, doel: Path, doel_wachtwoordzin: str | None) -> None:
    """Write all of `bron` into the new file `doel` under another key (sqlcipher_export):
    encrypt a plain store, re-key, decrypt never (the application has no use for it)."""
    doel.unlink(missing_ok=True)
    conn = _lees(bron, bron_wachtwoordzin)
    try:
        attach(conn, doel, "doel", doel_wachtwoordzin)
        conn.execute("SELECT sqlcipher_export('doel')").fetchall()
        conn.execute("DETACH DATABASE doel")
    finally:
        conn.close()


def maak_backup(db: str | Path, doel: str | Path, wachtwoordzin: str | None = None) -> Path:
    """Write a checked backup of the store `db` to `doel` (replacing an older file of that name)."""
    db, doel = Path(db), Path(doel)
    controleer(db, wachtwoordzin)
    doel.parent.mkdir(parents=True, exist_ok=True)
    # a name of its own: two backups to one target at once (two sign-ins in a row) do not collide
    tijdelijk = doel.with_name(f"{doel.name}.{uuid.uuid4().hex[:8]}.bezig")
    try:
        _kopieer(db, tijdelijk, wachtwoordzin)
        controleer(tijdelijk, wachtwoordzin)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


def herstel(backup: str | Path, db: str | Path, nu: datetime | None = None, wachtwoordzin: str | None = None,
            backup_wachtwoordzin: str | None = None) -> Path | None:
    """Replace the store `db` by `backup` after checking it. Returns where the replaced store was
    kept (None when there was none): `reservekopieen/<naam>-vervangen-<jjjjmmdd-uummss>.db` beside it.

    `backup_wachtwoordzin`: the backup's own, when it was made under another wachtwoordzin; the
    restored store gets `wachtwoordzin` (the current one)."""
    backup, db = Path(backup), Path(db)
    eigen = backup_wachtwoordzin if backup_wachtwoordzin is not None else wachtwoordzin
    if eigen is not None and wachtwoordzin is None:
        raise BackupFout("De reservekopie is versleuteld; zonder wachtwoordzin voor de gegevensset zou hij "
                         "onversleuteld worden teruggezet. Geef de wachtwoordzin op (JET_PASSPHRASE).")
    controleer(backup, eigen)
    bewaard = None
    if db.exists():
        stempel = (nu or datetime.now()).strftime("%Y%m%d-%H%M%S")
        # beside the other reservekopieën: encrypting or re-keying the store takes it along
        bewaard = db.parent / "reservekopieen" / f"{db.stem}-vervangen-{stempel}{db.suffix}"
        try:
            maak_backup(db, bewaard, wachtwoordzin)
        except BackupFout:  # the store to replace is itself damaged: keep its bytes as they are
            shutil.copy2(db, bewaard)
    if eigen == wachtwoordzin:
        _kopieer(backup, db, wachtwoordzin)
    else:  # re-encrypt with the current wachtwoordzin first, then copy that in
        tussen = db.with_name(db.name + ".herstel")
        try:
            exporteer(backup, eigen, tussen, wachtwoordzin)
            _kopieer(tussen, db, wachtwoordzin)
        finally:
            tussen.unlink(missing_ok=True)
    controleer(db, wachtwoordzin)
    return bewaard


def dagelijkse_backup(db: str | Path, map_: str | Path, vandaag, bewaren: int,
                      wachtwoordzin: str | None = None) -> Path | None:
    """The first call of a day writes `<naam>-JJJJMMDD.db` into `map_` and removes all but the newest
    `bewaren` of them; later calls that day do nothing (None)."""
    db, map_ = Path(db), Path(map_)
    doel = map_ / f"{db.stem}-{vandaag:%Y%m%d}{db.suffix}"
    if doel.exists():
        return None
    maak_backup(db, doel, wachtwoordzin)
    eerdere = sorted(map_.glob(f"{db.stem}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]{db.suffix}"))
    for oud in eerdere[:-max(bewaren, 1)]:
        oud.unlink(missing_ok=True)
    return doel
