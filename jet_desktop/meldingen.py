"""Failures of the database or the disk in Dutch, for the command line and the GUI alike.

Pure (no Qt): `is_bezet` (another program holds the store's write lock: SQLite "database is locked"),
`is_schijf_vol` (ENOSPC, SQLite "database or disk is full", PostgreSQL "could not extend file"),
`is_verbinding_weg` (the PostgreSQL server stopped, the network went, the connection was dropped),
`os_reden` (an OSError's cause; strerror is English). commands/foutmeldingen.py and
ui/foutmelding.py build their messages from these.
"""

from __future__ import annotations

import errno

from jet_desktop.domain.errors import JetFout

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


# SQLSTATE classes of a connection that is gone: 08 connection exception, 57P01-57P03 the server shuts
# down, crashed or does not accept connections yet
_WEG_SQLSTATE = ("08", "57P01", "57P02", "57P03")


def _driverfout(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def is_verbinding_weg(exc: BaseException) -> bool:
    """The connection to the database server is gone or cannot be made now: SQLAlchemy marked the
    connection invalid (connection_invalidated), or psycopg raised an OperationalError without a
    SQLSTATE (the client lost the socket: "server closed the connection unexpectedly", "connection
    refused") or with a connection SQLSTATE, or an InterfaceError ("the connection is closed").
    Never a local SQLite file: its OperationalError is a busy or damaged file."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = _driverfout(exc)
    if not type(orig).__module__.startswith("psycopg"):
        return False
    import psycopg

    if isinstance(orig, psycopg.InterfaceError):
        return True
    if isinstance(orig, psycopg.OperationalError):
        staat = getattr(orig, "sqlstate", None)
        return staat is None or staat.startswith(_WEG_SQLSTATE)
    return False


def is_verbinding_verbroken(exc: BaseException) -> bool:
    """is_verbinding_weg for a connection that was there and went (not one that never came: a wrong
    address or password), as far as the driver tells: a command then says "verbroken", not "check --url"."""
    if not is_verbinding_weg(exc):
        return False
    if getattr(exc, "connection_invalidated", False):
        return True
    staat = getattr(_driverfout(exc), "sqlstate", None) or ""
    tekst = db_tekst(exc)
    return staat.startswith(("57P01", "57P02", "08006", "08003")) or any(t in tekst for t in (
        "server closed the connection", "terminating connection", "connection is closed", "consuming input failed",
        "connection is lost", "connection reset", "broken pipe", "connection already closed"))


class OSFout(OSError):
    """An OSError with a Dutch text (`strerror` is the Dutch reason)."""

    def __str__(self) -> str:
        return f"{self.strerror[:1].upper()}{self.strerror[1:]} ({self.filename})" if self.filename \
            else f"{self.strerror[:1].upper()}{self.strerror[1:]}"


class NietGelukt(JetFout, RuntimeError):
    """A database failure that is nobody's mistake (a lost connection to the teamserver, a busy store, a full disk),
    in Dutch; nothing was saved."""


def in_het_nederlands(exc: BaseException) -> BaseException:
    if isinstance(exc, OSError) and not isinstance(exc, OSFout) and exc.errno:
        nieuw = OSFout(exc.errno, os_reden(exc), exc.filename)
        nieuw.__cause__ = exc
        return nieuw
    if is_verbinding_weg(exc):
        return NietGelukt("De verbinding met de teamserver is verbroken; er is niets opgeslagen. Probeer het "
                          "opnieuw zodra de server weer bereikbaar is.")
    if is_bezet(exc):
        return NietGelukt("De gegevensset is bezet door een ander programma; er is niets opgeslagen. "
                          "Probeer het opnieuw.")
    if is_schijf_vol(exc):
        return NietGelukt("De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.")
    return exc


def teamserver_weigering(exc: BaseException) -> str | None:
    """The Dutch text of what the team server refused: its rights (SQLSTATE 42501: a policy, a missing
    grant) or a check of its own functions (storage/teamserver.py raises Dutch messages); else None."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) not in ("42501", "22023", "42710"):
        return None
    diag = getattr(orig, "diag", None)
    eerste = (getattr(diag, "message_primary", None) or str(orig).splitlines()[0]).rstrip(".")
    if any(t in eerste for t in ("row-level security", "permission denied", "must be", "not allowed")):
        eerste = "u heeft geen rechten op deze gegevens"
    elif getattr(orig, "sqlstate", None) != "42501":
        return f"{eerste}. Er is niets gewijzigd."
    return f"De teamserver weigert dit: {eerste}. Er is niets opgeslagen."
