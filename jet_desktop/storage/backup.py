"""Backup and restore of a SQLite store, safe while the application has it open.

A backup uses SQLite's online backup (a consistent copy, WAL contents included, while other
connections keep working), is written beside its target under a temporary name, checked, and
only then renamed into place. A restore checks the backup first (integrity and schema version)
and keeps a copy of the store it replaces; a bad backup changes nothing.

A restore takes the store to itself (storage/slot.py: refused while another process has it open)
and builds the restored file beside the store, checked, before it is renamed over it; a backup
holds the store open (shared) while it copies, so it never runs while the store is replaced.
A full disk is `SchijfVol` ("De schijf is vol: …"), and nothing is half-done.

An encrypted store gives an encrypted backup with the same wachtwoordzin (the pages are copied
as they are). A backup made under an older wachtwoordzin is restored by giving that one too:
the restored store is then re-encrypted with the current wachtwoordzin.
"""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from jet_desktop.domain.errors import JetFout
from jet_desktop.storage import slot
from jet_desktop.storage.bestand import DatabaseError, WachtwoordzinFout, attach, echt_pad, open_bestand
from jet_desktop.storage.migrations import MIGRATIONS_DIR
from jet_desktop.storage.schema_version import HEAD_REVISION


class BackupFout(JetFout):
    """A backup or restore that cannot be done; the message is Dutch and says why. Nothing changed."""


class SchijfVol(BackupFout):
    """The disk (or the user's quota) is full; nothing was half-done."""


BIJBESTANDEN = ("-wal", "-shm", "-journal")


def bijbestanden(db: Path) -> list[Path]:
    return [db.with_name(db.name + s) for s in BIJBESTANDEN]


def _is_vol(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    code = getattr(exc, "sqlite_errorcode", None)
    return code == 13 or "disk is full" in str(exc)  # SQLITE_FULL


def _vrij(map_: Path) -> int | None:
    try:
        return shutil.disk_usage(map_).free
    except OSError:
        return None


@contextmanager
def schijffouten(waar: str | Path):
    """Turn what a full disk, an unwritable place or an I/O error raises into a Dutch BackupFout about `waar`."""
    waar = Path(waar)
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except (BackupFout, WachtwoordzinFout):
        raise
    except (OSError, DatabaseError, DBAPIError) as exc:
        if isinstance(exc, DBAPIError):
            if not isinstance(exc.orig, DatabaseError):
                raise
            exc = exc.orig
        vrij = _vrij(waar if waar.is_dir() else waar.parent)
        # a nearly full disk explains an unspecific SQLite error, not an OSError that says what it is (/proc)
        bepaald = isinstance(exc, OSError) and exc.errno is not None and exc.errno != errno.EIO
        if _is_vol(exc) or (not bepaald and vrij is not None and vrij < 1_000_000):
            raise SchijfVol(f"De schijf is vol: er is geen ruimte in {waar if waar.is_dir() else waar.parent}. "
                            "Er is niets gewijzigd; maak ruimte en probeer het opnieuw.") from None
        raise BackupFout(f"{waar} kan niet worden gelezen of geschreven ({_reden(exc)}).") from None


_SQLITE_REDENEN = (("malformed", "het bestand is beschadigd"), ("not a database", "het is geen database"),
                   ("readonly", "het bestand of de map is alleen-lezen"),
                   ("unable to open", "het bestand kan niet worden geopend"),
                   ("locked", "het bestand is in gebruik door een ander programma"),
                   ("disk i/o", "de schijf gaf een leesfout of schrijffout"))


def _reden(exc: BaseException) -> str:
    """Why, in Dutch (strerror and SQLite's texts are English)."""
    from jet_desktop.meldingen import os_reden

    if isinstance(exc, OSError):
        return os_reden(exc)
    tekst = str(exc).lower()
    return next((reden for sleutel, reden in _SQLITE_REDENEN if sleutel in tekst), "een databasefout")


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
        raise BackupFout(f"{pad} bestaat niet." if not pad.is_dir() else f"{pad} is een map, geen gegevensset.")
    try:
        with schijffouten(pad):
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
            raise BackupFout(f"{pad.name} is geen leesbare JET-gegevensset ({_reden(exc)}).") from None
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
        with schijffouten(doel):
            attach(conn, doel, "doel", doel_wachtwoordzin)
            conn.execute("SELECT sqlcipher_export('doel')").fetchall()
            conn.execute("DETACH DATABASE doel")
    finally:
        conn.close()


def _zelfde(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def maak_backup(db: str | Path, doel: str | Path, wachtwoordzin: str | None = None) -> Path:
    """Write a checked backup of the store `db` to `doel` (replacing an older file of that name). Holds the
    store open (shared) meanwhile: a restore or re-key elsewhere waits for it, and it for them."""
    db, doel = echt_pad(db), Path(doel)
    if any(_zelfde(doel, p) or Path(os.path.abspath(doel)) == Path(os.path.abspath(p))
           for p in [db, *bijbestanden(db), slot.slot_pad(db)]):
        raise BackupFout(f"{doel} is de gegevensset zelf (of een bestand ervan); kies een ander bestand.")
    if doel.is_dir():
        raise BackupFout(f"{doel} is een map; geef een bestandsnaam op.")
    geen_apparaat(doel)
    if not db.is_file():
        raise BackupFout(f"{db} bestaat niet.")
    with slot.gedeeld(db):
        return _maak_backup(db, doel, wachtwoordzin)


def _maak_backup(db: Path, doel: Path, wachtwoordzin: str | None) -> Path:
    """maak_backup without taking the lock (the caller holds it)."""
    controleer(db, wachtwoordzin)
    with schijffouten(doel):
        doel.parent.mkdir(parents=True, exist_ok=True)
    # a name of its own: two backups to one target at once (two sign-ins in a row) do not collide
    tijdelijk = doel.with_name(f"{doel.name}.{uuid.uuid4().hex[:8]}.bezig")
    try:
        with schijffouten(doel):
            _kopieer(db, tijdelijk, wachtwoordzin)
        controleer(tijdelijk, wachtwoordzin)
        with schijffouten(doel):  # on the disk before it is called a reservekopie (a power cut after the rename)
            _naar_schijf(tijdelijk)
        # overwriting a file that is itself a store someone has open would replace it under them
        with slot.exclusief(doel, "reservekopie overschrijven") if slot.slot_pad(doel).exists() else _niets():
            with schijffouten(doel):
                os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


@contextmanager
def _niets():
    yield


def _naar_schijf(pad: Path) -> None:
    fd = os.open(pad, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def geen_apparaat(pad: Path) -> None:
    """Refuse a target that exists but is no regular file (/dev/null, a pipe, a socket): the copy is
    renamed over its target, which would replace the device itself (as root: /dev/null for everyone)."""
    if pad.exists() and not pad.is_file():
        raise BackupFout(f"{pad} is geen gewoon bestand; kies een bestandsnaam voor de reservekopie.")


def herstel(backup: str | Path, db: str | Path, nu: datetime | None = None, wachtwoordzin: str | None = None,
            backup_wachtwoordzin: str | None = None) -> Path | None:
    """Replace the store `db` by `backup` after checking it. Returns where the replaced store was
    kept (None when there was none): `reservekopieen/<naam>-vervangen-<jjjjmmdd-uummss>.db` beside it.

    `backup_wachtwoordzin`: the backup's own, when it was made under another wachtwoordzin; the
    restored store gets `wachtwoordzin` (the current one). Takes the store exclusively (refused with
    GegevenssetBezet while it is open elsewhere); the restored file is built beside the store and
    renamed over it, so a failure (a full disk) leaves the store as it was."""
    backup, db = Path(backup), echt_pad(db)
    if db.exists() and not db.is_file():
        raise BackupFout(f"{db} is geen gewoon bestand en dus geen gegevensset; er is niets teruggezet.")
    if _zelfde(backup, db) or Path(os.path.abspath(backup)) == Path(os.path.abspath(db)):
        raise BackupFout(f"{backup} is de gegevensset zelf; kies een reservekopie.")
    if any(_zelfde(backup, p) for p in bijbestanden(db)):
        raise BackupFout(f"{backup} hoort bij de gegevensset zelf; kies een reservekopie.")
    eigen = backup_wachtwoordzin if backup_wachtwoordzin is not None else wachtwoordzin
    if eigen is not None and wachtwoordzin is None:
        raise BackupFout("De reservekopie is versleuteld; zonder wachtwoordzin voor de gegevensset zou hij "
                         "onversleuteld worden teruggezet. Geef de wachtwoordzin op (JET_PASSPHRASE).")
    controleer(backup, eigen)
    with slot.exclusief(db, "reservekopie terugzetten"):
        return _herstel(backup, db, nu, wachtwoordzin, eigen)


def _herstel(backup: Path, db: Path, nu: datetime | None, wachtwoordzin: str | None, eigen: str | None) -> Path | None:
    bewaard = None
    tussen = db.with_name(db.name + ".herstel")
    tussen.unlink(missing_ok=True)  # left by a restore that was killed
    if db.exists():
        stempel = (nu or datetime.now()).strftime("%Y%m%d-%H%M%S")
        # beside the other reservekopieën: encrypting or re-keying the store takes it along
        bewaard = db.parent / "reservekopieen" / f"{db.stem}-vervangen-{stempel}{db.suffix}"
        n = 1
        while bewaard.exists():  # two restores in one second: the first kept copy must not be overwritten
            n += 1
            bewaard = bewaard.with_name(f"{db.stem}-vervangen-{stempel}-{n}{db.suffix}")
        try:
            _maak_backup(db, bewaard, wachtwoordzin)  # the online backup takes the WAL's contents along
        except SchijfVol:
            raise
        except BackupFout:  # the store to replace is itself damaged: keep its bytes as they are
            with schijffouten(bewaard):
                bewaard.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(db, bewaard)
                for bij, kopie in zip(bijbestanden(db), bijbestanden(bewaard)):
                    if bij.exists() and not bij.name.endswith("-shm"):
                        shutil.copy2(bij, kopie)
    if db.exists():
        try:  # the WAL into the store file, so that removing it below loses nothing even before the rename
            with schijffouten(db):
                conn = open_bestand(db, wachtwoordzin)
                try:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                finally:
                    conn.close()
        except SchijfVol:
            raise
        except (BackupFout, WachtwoordzinFout):
            pass  # a damaged store: its bytes and WAL are in the kept copy
    vervangen = False
    try:
        with schijffouten(db):
            if eigen == wachtwoordzin:
                _kopieer(backup, tussen, wachtwoordzin)
            else:  # re-encrypt with the current wachtwoordzin
                exporteer(backup, eigen, tussen, wachtwoordzin)
        controleer(tussen, wachtwoordzin)
        with schijffouten(db):
            # the old store's WAL, shared memory and journal must not be applied to the new file; what they
            # held is in the kept copy, and nobody else has the store open
            for bij in bijbestanden(db):
                bij.unlink(missing_ok=True)
            os.replace(tussen, db)
            vervangen = True
    finally:
        tussen.unlink(missing_ok=True)
        if not vervangen and bewaard is not None:  # the store stays: its kept copy would only fill the disk
            for p in (bewaard, *bijbestanden(bewaard)):
                p.unlink(missing_ok=True)
    controleer(db, wachtwoordzin)
    return bewaard


def dagelijkse_backup(db: str | Path, map_: str | Path, vandaag, bewaren: int,
                      wachtwoordzin: str | None = None) -> Path | None:
    """The first call of a day writes `<naam>-JJJJMMDD.db` into `map_` and removes all but the newest
    `bewaren` of them; later calls that day do nothing (None)."""
    db, map_ = echt_pad(db), Path(map_)
    doel = map_ / f"{db.stem}-{vandaag:%Y%m%d}{db.suffix}"
    if doel.exists():
        return None
    maak_backup(db, doel, wachtwoordzin)  # waits for (and then copies) a restore or re-key running meanwhile
    eerdere = sorted(map_.glob(f"{db.stem}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]{db.suffix}"))
    for oud in eerdere[:-max(bewaren, 1)]:
        oud.unlink(missing_ok=True)
    return doel
