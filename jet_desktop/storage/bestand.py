"""The SQLite store file opened directly (no SQLAlchemy): for backup, restore, re-keying.

Every file is opened through SQLCipher (`sqlcipher3`), which reads an unencrypted SQLite file
too when no key is given. An encrypted file has no readable header: its first 16 bytes are
random, where a plain file starts with "SQLite format 3".
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import sqlcipher3

from jet_desktop.domain.errors import JetFout
from jet_desktop.paths import CIPHER_PAGE_SIZE

HEADER = b"SQLite format 3\x00"
DatabaseError = sqlcipher3.DatabaseError


class WachtwoordzinFout(JetFout):
    """The file does not open with this wachtwoordzin (or is no database at all). Nothing changed."""


def echt_pad(pad: str | Path) -> Path:
    """The file itself behind a symlinked path: an operation that replaces the store must replace the file
    the engine opens (paths.sqlite_url resolves too), not the link beside it."""
    return Path(os.path.realpath(Path(pad).expanduser()))


def is_versleuteld(pad: str | Path) -> bool | None:
    """True/False for an existing store file; None when there is no file (or it is empty)."""
    pad = Path(pad)
    if not pad.is_file() or pad.stat().st_size == 0:
        return None
    with pad.open("rb") as f:
        return f.read(16) != HEADER


def sleutel_pragma(wachtwoordzin: str) -> str:
    return "PRAGMA key = '" + wachtwoordzin.replace("'", "''") + "'"


def open_bestand(pad: str | Path, wachtwoordzin: str | None, alleen_lezen: bool = False,
                 onveranderlijk: bool = False) -> sqlcipher3.Connection:
    """A raw connection with the key set and checked (raises WachtwoordzinFout). `onveranderlijk`: read-only
    without even the -wal/-shm files a WAL-mode store's reader makes (SQLite's immutable=1): for a file that
    must stay exactly as it is, and only when no -wal file beside it holds changes."""
    pad = Path(pad)
    # in a URI '#' and '?' end the path ("team #2/jet.db" opened "team "): percent-encoded, SQLite decodes them
    uri = f"file:{quote(str(pad.absolute()), safe='/')}?mode=ro" + ("&immutable=1" if onveranderlijk else "")
    alleen_lezen = alleen_lezen or onveranderlijk
    conn = sqlcipher3.connect(uri if alleen_lezen else str(pad), uri=alleen_lezen, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level=NONE")
    if wachtwoordzin is not None:
        conn.execute(sleutel_pragma(wachtwoordzin))
        conn.execute(f"PRAGMA cipher_page_size = {CIPHER_PAGE_SIZE}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        if not is_geen_database(exc):  # a full disk, an I/O error, a folder that cannot be written: not the key
            raise
        if wachtwoordzin is None and is_versleuteld(pad):
            raise WachtwoordzinFout(f"{pad.name} is versleuteld: geef de wachtwoordzin op.") from None
        raise WachtwoordzinFout(f"{pad.name} opent niet met deze wachtwoordzin "
                                "(of het is geen JET-gegevensset).") from None
    return conn


def is_geen_database(exc: Exception) -> bool:
    """SQLITE_NOTADB: what a wrong key (or a file that is no database) gives; anything else is another fault."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code == 26 if code is not None else "file is not a database" in str(exc)


def attach(conn: sqlcipher3.Connection, pad: Path, alias: str, wachtwoordzin: str | None) -> None:
    """ATTACH a file with its own key (None: unencrypted) and the page size of encrypted stores."""
    sleutel = (wachtwoordzin or "").replace("'", "''")
    naam = str(pad).replace("'", "''")
    conn.execute(f"ATTACH DATABASE '{naam}' AS {alias} KEY '{sleutel}'")
    if wachtwoordzin:
        conn.execute(f"PRAGMA {alias}.cipher_page_size = {CIPHER_PAGE_SIZE}")
