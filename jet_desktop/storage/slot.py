"""Who has a local store file open: a presence lock beside the store.

Every process with a connection to a SQLite store file holds a SHARED lock on `<store>.slot`
(flock on POSIX, LockFileEx on Windows), taken before SQLite opens the file and released when the
last connection closes (storage/engine.py hooks this into every SQLite engine; a backup takes it
too). Beside it each holder keeps a small file `<store>.slot-<token>.json` saying who it is: OS
user, process id, host, the medewerker once signed in — never anything about clients.

An operation that replaces the store file (restore, re-keying, encryption: storage/backup.py,
storage/versleuteling.py) takes the lock EXCLUSIVELY for its whole duration; when another process
(or another connection of this one) has the file open it refuses with `GegevenssetBezet`, naming
who, and nothing changes. Meanwhile a new opener waits (`WACHT_OPENEN` seconds, then a message):
no one can open the old file and write into a file that is then replaced.

A lock dies with its process (also after SIGKILL); the holder file it leaves is recognised as
stale (its own lock on it is gone) and removed by the next exclusive operation. The `.slot` file
itself stays (removing a lock file races with whoever opens it next).
"""

from __future__ import annotations

import errno
import gc
import getpass
import json
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from jet_desktop.meldingen import os_reden
from jet_desktop.storage.bestand import WachtwoordzinFout

# how long a new connection waits while the store is being replaced (a re-key of a big store takes a while)
WACHT_OPENEN = float(os.environ.get("JET_SLOT_WACHT", "30"))
_STAP = 0.05


class GegevenssetBezet(WachtwoordzinFout):
    """The store file is in use elsewhere (or being replaced): nothing was changed. A WachtwoordzinFout
    subclass so that every command and the sign-in show it as a message ("the file does not open now")."""


# --- the platform's lock primitive: non-blocking, True when taken ---------------------------------
if os.name == "nt":  # pragma: no cover - not run on the CI's Linux
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _OVERLAPPED(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p), ("Offset", wintypes.DWORD),
                    ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _k32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _BYTE = 0x7FFFFFF0  # a byte far past the holder text: Windows locks are mandatory, the text stays readable

    def _probeer(fd: int, exclusief: bool) -> bool:
        return _neem(fd, exclusief)

    def _neem(fd: int, exclusief: bool) -> bool:
        ov = _OVERLAPPED(Offset=_BYTE)
        flags = 0x1 | (0x2 if exclusief else 0)  # LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK
        if _k32.LockFileEx(wintypes.HANDLE(msvcrt.get_osfhandle(fd)), flags, 0, 1, 0, ctypes.byref(ov)):
            return True
        return ctypes.get_last_error() not in (33, 158)  # LOCK_VIOLATION, NOT_LOCKED: held elsewhere

    def _laat(fd: int) -> None:
        ov = _OVERLAPPED(Offset=_BYTE)
        _k32.UnlockFileEx(wintypes.HANDLE(msvcrt.get_osfhandle(fd)), 0, 1, 0, ctypes.byref(ov))
else:
    import fcntl

    def _probeer(fd: int, exclusief: bool) -> bool:
        """True when taken, False when held elsewhere; OSError when the file system has no locks."""
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusief else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                return False
            raise

    def _neem(fd: int, exclusief: bool) -> bool:
        try:
            return _probeer(fd, exclusief)
        except OSError:  # a file system without locks (ENOLCK, EOPNOTSUPP): work on as before
            return True

    def _laat(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def slot_pad(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + ".slot")


def _sleutel(db: str | Path) -> Path:
    # symlinks resolved: the engine (paths.sqlite_url resolves) and a command given the link share one lock
    return Path(os.path.realpath(Path(db).expanduser()))


def _open_slot(db: Path) -> int | None:
    pad = slot_pad(db)
    try:
        return os.open(pad, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        fout = exc
    try:  # another OS user's file (mode 0600 is theirs), read-only: a shared or exclusive flock works on it
        return os.open(pad, os.O_RDONLY)
    except OSError:
        pass
    if os.path.lexists(pad):  # there but not to be opened (a folder, another user's): without it nobody is seen
        raise GegevenssetBezet(f"De vergrendeling {pad.name} naast de gegevensset kan niet worden geopend "
                               f"({os_reden(fout)}); zonder die vergrendeling is niet te zien wie de "
                               f"gegevensset open heeft. Verwijder of herstel {pad} (zie docs/security.md). "
                               "Er is niets gewijzigd.")
    return None  # a read-only folder: SQLite cannot write there either; nothing to coordinate


# --- who holds it ---------------------------------------------------------------------------------
class _Houder:
    """This process's holder file for one store: created locked, so a reader can tell a live one."""

    def __init__(self, db: Path, wat: str):
        self.db, self.fd, self.pad = db, None, None
        self.gegevens = {"gebruiker": _os_gebruiker(), "pid": os.getpid(), "host": socket.gethostname(),
                         "medewerker": "", "wat": wat, "sinds": datetime.now().isoformat(timespec="seconds")}
        token = uuid.uuid4().hex[:12]
        definitief = db.with_name(f"{db.name}.slot-{token}.json")
        try:
            if os.name == "nt":  # pragma: no cover - an open file cannot be removed there: that is the liveness sign
                self.fd = os.open(definitief, os.O_RDWR | os.O_CREAT, 0o600)
                self.pad = definitief
            else:  # locked under a temporary name first: a reader never sees it unlocked
                tijdelijk = db.with_name(f"{db.name}.slot-{token}.nieuw")
                self.fd = os.open(tijdelijk, os.O_RDWR | os.O_CREAT, 0o600)
                _neem(self.fd, True)
                os.replace(tijdelijk, definitief)
                self.pad = definitief
            self._schrijf()
        except OSError:  # e.g. a full disk: the lock still works, only the name of the holder is missing
            pass

    def _schrijf(self) -> None:
        if self.fd is None:
            return
        data = json.dumps(self.gegevens).encode("utf-8")
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, data)

    def noteer(self, **velden) -> None:
        self.gegevens.update(velden)
        try:
            self._schrijf()
        except OSError:
            pass

    def sluit(self) -> None:
        if self.fd is None:
            return
        if os.name != "nt":  # removed while still locked: a reader never finds it unlocked and alive
            self._weg()
        os.close(self.fd)
        if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
            self._weg()
        self.fd = None

    def _weg(self) -> None:
        try:
            if self.pad is not None:
                os.unlink(self.pad)
        except OSError:
            pass


def _os_gebruiker() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some services)
        return "?"


def houders(db: str | Path) -> list[dict]:
    """Who holds the store open now (live holders only); stale holder files are removed."""
    db = _sleutel(db)
    uit = []
    for pad in sorted(db.parent.glob(f"{_glob_escape(db.name)}.slot-*.json")):
        if not pad.is_file():  # a folder of that name is nobody's holder file
            continue
        try:  # read-write: an exclusive lock over NFS (fcntl emulation) needs a writable descriptor
            fd = os.open(pad, os.O_RDWR)
        except OSError:
            try:
                fd = os.open(pad, os.O_RDONLY)
            except OSError:
                continue
        try:
            if os.name == "nt":  # pragma: no cover
                levend = True
            else:
                try:
                    levend = not _probeer(fd, True)
                except OSError:
                    levend = True  # cannot tell: never remove a holder that may be alive
            tekst = os.read(fd, 64_000)
        finally:
            os.close(fd)
        if os.name == "nt":  # pragma: no cover - removable means nobody has it open
            try:
                os.unlink(pad)
                levend = False
            except OSError:
                levend = True
        if not levend:
            try:
                pad.unlink()
            except OSError:
                pass
            continue
        try:
            uit.append(json.loads(tekst.decode("utf-8")))
        except ValueError:
            uit.append({})
    return uit


def _glob_escape(naam: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in naam)


def beschrijf(h: dict) -> str:
    """'anouk (medewerker Anouk de Vries, proces 1234 op host laptop-12)'."""
    wie = h.get("gebruiker") or "onbekend"
    extra = [f"medewerker {h['medewerker']}"] if h.get("medewerker") else []
    extra.append(f"proces {h.get('pid', '?')} op host {h.get('host', '?')}")
    return f"{wie} ({', '.join(extra)})"


def _melding_bezet(db: Path) -> str:
    lijst = houders(db)
    wie = "; ".join(beschrijf(h) for h in lijst) if lijst else "een ander programma"
    return f"De gegevensset {db.name} is nog geopend door {wie}; sluit JET Desktop daar eerst. Er is niets gewijzigd."


def _melding_wordt_vervangen(db: Path) -> str:
    lijst = [h for h in houders(db) if h.get("wat") and h.get("wat") != "geopend"]
    wie = "; ".join(f"{beschrijf(h)}: {h['wat']}" for h in lijst) if lijst else "een andere gebruiker"
    return (f"De gegevensset {db.name} wordt op dit moment vervangen ({wie}); probeer het over een ogenblik "
            "opnieuw. Er is niets gewijzigd.")


# --- shared: counted per process and store --------------------------------------------------------
class _Gedeeld:
    def __init__(self, fd: int | None, houder: _Houder | None):
        self.fd, self.houder, self.aantal = fd, houder, 0


_mutex = threading.RLock()
_gedeeld: dict[Path, _Gedeeld] = {}


def neem_gedeeld(db: str | Path, wacht: float | None = None) -> Path:
    """Count one more user of `db` in this process; the first takes the shared lock (waiting while an
    exclusive operation runs, then GegevenssetBezet). Returns the key for `laat_gedeeld`."""
    sleutel = _sleutel(db)
    with _mutex:
        g = _gedeeld.get(sleutel)
        if g is not None:
            g.aantal += 1
            return sleutel
    # waiting happens outside the mutex: other threads keep closing and opening other stores meanwhile
    fd = _open_slot(sleutel)
    if fd is not None:
        grens = time.monotonic() + (WACHT_OPENEN if wacht is None else wacht)
        while not _neem(fd, False):
            if time.monotonic() >= grens:
                os.close(fd)
                raise GegevenssetBezet(_melding_wordt_vervangen(sleutel))
            time.sleep(_STAP)
    with _mutex:
        g = _gedeeld.get(sleutel)
        if g is not None:  # another thread of ours took it meanwhile: count on its lock
            if fd is not None:
                os.close(fd)
        else:
            g = _gedeeld[sleutel] = _Gedeeld(fd, _Houder(sleutel, "geopend") if fd is not None else None)
        g.aantal += 1
    return sleutel


def laat_gedeeld(sleutel: Path) -> None:
    with _mutex:
        g = _gedeeld.get(sleutel)
        if g is None:
            return
        g.aantal -= 1
        if g.aantal > 0:
            return
        del _gedeeld[sleutel]
        if g.houder is not None:
            g.houder.sluit()
        if g.fd is not None:
            os.close(g.fd)  # releases the lock


@contextmanager
def gedeeld(db: str | Path):
    """Hold the store open (shared) for a block: a backup, which may run beside other users."""
    sleutel = neem_gedeeld(db)
    try:
        yield
    finally:
        laat_gedeeld(sleutel)


def noteer_medewerker(db: str | Path, naam: str) -> None:
    """Name the signed-in medewerker in this process's holder file (after sign-in)."""
    with _mutex:
        g = _gedeeld.get(_sleutel(db))
        if g is not None and g.houder is not None:
            g.houder.noteer(medewerker=naam)


@contextmanager
def exclusief(db: str | Path, wat: str, wacht: float = 1.0):
    """The store to ourselves for a block (restore, re-key, encryption). Refuses after `wacht` seconds
    (for connections that are just closing) with GegevenssetBezet naming who has it open; when only this
    process holds it (a backup on a worker thread) it waits up to WACHT_OPENEN for that to end."""
    sleutel = _sleutel(db)
    fd = _open_slot(sleutel)
    if fd is None:
        yield
        return
    begin, gc_gedaan = time.monotonic(), False
    while not _neem(fd, True):
        duur = time.monotonic() - begin
        if duur >= wacht and not gc_gedaan:  # connections of engines dropped without dispose() release on collection
            gc.collect()
            gc_gedaan = True
            continue
        # held only by this process (the daily backup on a worker thread, say): that ends by itself
        if duur >= wacht and (duur >= WACHT_OPENEN or any(h.get("pid") != os.getpid() or h.get("host") !=
                                                          socket.gethostname() for h in houders(sleutel))):
            os.close(fd)
            raise GegevenssetBezet(_melding_bezet(sleutel))
        time.sleep(_STAP)
    houders(sleutel)  # removes holder files that processes killed earlier left behind
    houder = _Houder(sleutel, wat)
    try:
        yield
    finally:
        houder.sluit()
        os.close(fd)


# --- SQLAlchemy: every SQLite engine holds the shared lock while it has connections ---------------
class _Vrijgave:
    """One DBAPI connection's share of the lock: released once, at close or when the connection is
    garbage-collected (an engine dropped without dispose() must not hold the store for ever)."""

    def __init__(self, sleutel: Path):
        self.sleutel, self.gedaan = sleutel, False

    def __call__(self) -> None:
        with _mutex:
            if self.gedaan:
                return
            self.gedaan = True
        laat_gedeeld(self.sleutel)


_per_verbinding: dict[int, _Vrijgave] = {}
_klassen: dict[type, type] = {}


def _met_zwakke_verwijzing(basis: type) -> type:
    """A subclass of the driver's Connection: those can be weakly referenced (finalizers), the base cannot."""
    if basis not in _klassen:
        _klassen[basis] = type("JetVerbinding", (basis,), {})
    return _klassen[basis]


def bewaak(engine, db: str | Path) -> None:
    """Hook the presence lock into `engine`: taken before each DBAPI connection is made, released when
    it is closed (engine.dispose() closes them) or garbage-collected."""
    import weakref

    from sqlalchemy import event

    @event.listens_for(engine, "do_connect")
    def _verbind(dialect, _record, cargs, cparams):
        sleutel = neem_gedeeld(db)
        vrijgave = _Vrijgave(sleutel)
        try:
            klasse = getattr(dialect.loaded_dbapi, "Connection", None)
            if isinstance(klasse, type) and "factory" not in cparams:
                cparams["factory"] = _met_zwakke_verwijzing(klasse)
            conn = dialect.connect(*cargs, **cparams)
        except BaseException:
            vrijgave()
            raise
        with _mutex:
            _per_verbinding[id(conn)] = vrijgave
        try:
            weakref.finalize(conn, vrijgave)
        except TypeError:  # a driver whose connections take no weak reference: close() releases it
            pass
        return conn

    def _gesloten(dbapi_conn, _record):
        with _mutex:
            vrijgave = _per_verbinding.pop(id(dbapi_conn), None)
        if vrijgave is not None:
            vrijgave()

    event.listen(engine, "close", _gesloten)
    event.listen(engine, "close_detached", lambda dbapi_conn: _gesloten(dbapi_conn, None))
