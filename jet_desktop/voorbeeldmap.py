"""The private folder for print-preview PDFs (they hold names or initials and dossiernummers).

Not the shared temp folder: `<data dir>/afdrukvoorbeeld/` (mode 0700, only the user), and in it one
folder per running instance, `<pid>-<random>/` (mode 0700, tempfile.mkdtemp). Each instance holds
an exclusive lock on `.in-gebruik` in its own folder for as long as it runs; the operating system
drops the lock when the process ends, also at a crash or SIGKILL.

At start-up `ruim_achtergebleven_pdfs()` removes every instance folder whose lock can be taken —
its process is gone, however recently — and leaves the folders of instances still running (their
lock is held). A process id that the system reuses does not matter: the lock, not the pid, decides.
A normal exit removes the instance's own folder too (atexit).

Files `jet-*.pdf` that versions before this one left in the system temp folder are removed once
they are older than 12 hours (an instance of such a version may still be showing one).

No Qt here: the GUI calls the clean-up before its first window needs anything else.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from jet_desktop.paths import data_dir

MAPNAAM = "afdrukvoorbeeld"
SLOT = ".in-gebruik"
OUDE_VERSIE_UREN = 12

_eigen: Path | None = None
_slot_bestand = None  # the open, locked file of this instance (kept open while the process runs)


def basismap() -> Path:
    """`<data dir>/afdrukvoorbeeld`, created with mode 0700 (and tightened to it if it existed)."""
    base = data_dir() / MAPNAAM
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(base, 0o700)
    return base


def _neem_slot(f) -> bool:
    """An exclusive lock on the open file `f`, without waiting; False when another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def eigen_map() -> Path:
    """This instance's folder (made on first use, 0700), with its lock taken."""
    global _eigen, _slot_bestand
    if _eigen is not None and _eigen.is_dir():
        return _eigen
    map_ = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=basismap()))  # mode 0700
    f = open(map_ / SLOT, "a+b")
    if not _neem_slot(f):  # cannot happen for a new folder; keep it safe anyway
        f.close()
        raise OSError(f"De map voor het afdrukvoorbeeld ({map_}) is in gebruik.")
    _eigen, _slot_bestand = map_, f
    return map_


def nieuw_pdf_pad() -> str:
    """A new, empty file (mode 0600) for a preview PDF in this instance's folder."""
    fd, pad = tempfile.mkstemp(prefix="jet-", suffix=".pdf", dir=eigen_map())
    os.close(fd)
    return pad


def _ruim_eigen_op() -> None:
    global _eigen, _slot_bestand
    if _eigen is None:
        return
    shutil.rmtree(_eigen, ignore_errors=True)  # on Windows the locked file goes after the close below
    if _slot_bestand is not None:
        _slot_bestand.close()
    shutil.rmtree(_eigen, ignore_errors=True)
    _eigen, _slot_bestand = None, None


atexit.register(_ruim_eigen_op)


def _is_achtergelaten(map_: Path) -> bool:
    """True when no running process holds the folder's lock."""
    slot = map_ / SLOT
    try:
        f = open(slot, "r+b")
    except FileNotFoundError:
        # made but not yet locked (a moment at start) or the lock file is gone: look at the pid
        pid = map_.name.split("-", 1)[0]
        return pid.isdigit() and not _leeft(int(pid))
    except OSError:
        return False
    try:
        return _neem_slot(f)
    finally:
        f.close()  # releases the lock we may just have taken


def _leeft(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # without the lock file we cannot tell; leave it (the lock is the rule)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def ruim_achtergebleven_pdfs() -> int:
    """Remove the preview folders of instances that no longer run (all of them, whatever their age)
    and old preview files of earlier versions in the temp folder; returns the number of PDFs removed."""
    weg = 0
    try:
        mappen = [p for p in basismap().iterdir() if p.is_dir() and p != _eigen]
    except OSError:
        mappen = []
    for map_ in mappen:
        if not _is_achtergelaten(map_):
            continue
        pdfs = len(list(map_.glob("*.pdf")))
        shutil.rmtree(map_, ignore_errors=True)
        if not map_.exists():
            weg += pdfs
    weg += _ruim_oude_versie()
    return weg


def _ruim_oude_versie() -> int:
    import glob
    import time

    grens = time.time() - OUDE_VERSIE_UREN * 3600
    weg = 0
    for pad in glob.glob(os.path.join(tempfile.gettempdir(), "jet-*.pdf")):
        try:
            if os.path.getmtime(pad) < grens:
                os.remove(pad)
                weg += 1
        except OSError:
            pass
    return weg
