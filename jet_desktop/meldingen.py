"""Failures of the database or the disk in Dutch, for the command line and the GUI alike.

Pure (no Qt): `is_bezet` (another program holds the store's write lock: SQLite "database is locked"),
`is_schijf_vol` (ENOSPC, SQLite "database or disk is full", PostgreSQL "could not extend file"),
`os_reden` (an OSError's cause; strerror is English). commands/foutmeldingen.py and
ui/foutmelding.py build their messages from these.
"""

from __future__ import annotations

import errno

_OS_REDENEN = {
    errno.ENOENT: "de map of het bestand bestaat niet",
    errno.EACCES: "u hebt geen toestemming om hier te schrijven of te lezen",
    errno.EPERM: "u hebt geen toestemming om hier te schrijven of te lezen",
    errno.EISDIR: "het is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "er bestaat al een bestand of map met die naam",
    errno.EBUSY: "het is in gebruik",
    errno.EXDEV: "het ligt op een andere schijf",
    errno.EIO: "de schijf gaf een leesfout of schrijffout",
    errno.EPIPE: "het programma dat de uitvoer las, is gestopt",
}
_VOL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
if hasattr(errno, "EDQUOT"):
    _OS_REDENEN[errno.EDQUOT] = "de schijfruimte (quotum) is op"


def os_reden(exc: OSError) -> str:
    """Why an OSError happened, in Dutch."""
    if exc.errno in _OS_REDENEN:
        return _OS_REDENEN[exc.errno]
    return f"systeemfout {errno.errorcode.get(exc.errno, exc.errno)}" if exc.errno else type(exc).__name__


def db_tekst(exc: BaseException) -> str:
    """The driver's own text of a database error, lower case ('' for anything else)."""
    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover
        DBAPIError = ()
    if isinstance(exc, DBAPIError):
        return str(exc.orig).lower()
    import sqlite3

    if isinstance(exc, sqlite3.DatabaseError) or type(exc).__module__.startswith(("sqlcipher3", "psycopg")):
        return str(exc).lower()
    return ""


def is_schijf_vol(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _VOL:
        return True
    tekst = db_tekst(exc)
    return any(t in tekst for t in ("database or disk is full", "no space left on device", "could not extend file",
                                    "disk full"))


def is_bezet(exc: BaseException) -> bool:
    tekst = db_tekst(exc)
    return any(t in tekst for t in ("database is locked", "database table is locked", "database is busy"))
