"""The application's log: `<data dir>/logs/jet-desktop.log`, one file for the GUI and the command line.

`start(niveau)` is called once at every start (cli.main, so `jet-desktop --log-level debug` for both);
it rotates the file at midnight and keeps `BEWAARD` days (TimedRotatingFileHandler), the file only
readable for its owner (0600). Only the `jet_desktop` loggers write to it: SQLAlchemy, Qt and other
libraries never do (SQLAlchemy at debug would log rows).

No personal data, ever — by design, with two safety nets:
- our own log calls carry ids, counts, types and names of code (never a name, BSN, note or password);
- a traceback is written by `veilige_stapel`: files (relative to the package), lines, functions and
  the exception's type (no source lines), with the exception's own text left out (it may hold a name or a BSN: a
  database error quotes the row), except for the few built-in types whose text is about code;
- the formatter replaces anything that looks like a BSN (nine digits passing the elfproef) by [BSN?],
  in the message and the traceback alike.

Pure Python (no Qt, no database): the GUI and the commands alike use it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import traceback
from pathlib import Path

from jet_desktop import __version__

LOGGER = "jet_desktop"
NIVEAUS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
STANDAARD = "info"
BEWAARD = 14  # days of old logs kept beside the current one
FORMAAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# built-in exceptions whose text is written by Python about code, not about data
_TEKST_VEILIG = (AttributeError, NameError, ImportError, NotImplementedError, RecursionError, ZeroDivisionError,
                 SyntaxError)

_handler: logging.Handler | None = None
logging.getLogger(LOGGER).addHandler(logging.NullHandler())  # without start() (tests, a library): nothing on stderr


def pad() -> Path:
    from jet_desktop.paths import data_dir

    return data_dir() / "logs" / "jet-desktop.log"


def logmap() -> Path:
    """The folder of the log (and its rotated predecessors)."""
    return pad().parent


class _Bestand(logging.handlers.TimedRotatingFileHandler):
    """Opens the log (and every new one after a rotation) readable for its owner only."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


class _Opmaak(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return zonder_bsn(super().format(record))  # the last safety net: message and traceback alike

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return veilige_stapel(ei[1]).rstrip("\n")

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - code only: files, lines, functions
        return stack_info


_BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _is_bsn(cijfers: str) -> bool:
    som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1))) - int(cijfers[8])
    return som % 11 == 0 and cijfers != "000000000"


def zonder_bsn(tekst: str) -> str:
    return _BSN.sub(lambda m: "[BSN?]" if _is_bsn(m.group()) else m.group(), tekst)


def niveau_van(naam: str | None) -> int:
    return NIVEAUS.get((naam or STANDAARD).lower(), logging.INFO)


def start(niveau: str | None = None) -> Path | None:
    """Log to `pad()` from now on at `niveau` (debug, info, warning, error; None: $JET_LOG_LEVEL or info).
    Called again (tests, another JET_DATA_DIR) it moves to the new file. A log that cannot be made (a
    read-only data folder) is no reason not to start: None, and the application runs without it."""
    global _handler
    niveau = niveau or os.environ.get("JET_LOG_LEVEL") or STANDAARD
    logger = logging.getLogger(LOGGER)
    logger.setLevel(niveau_van(niveau))
    doel = pad()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(doel.absolute()):
        return doel
    stop()
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        handler = _Bestand(doel, when="midnight", backupCount=BEWAARD, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(_Opmaak(FORMAAT))
    logger.addHandler(handler)
    _handler = handler
    logger.debug("Logboek gestart op niveau %s", niveau)
    return doel


def stop() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger(LOGGER).removeHandler(_handler)
        _handler.close()
        _handler = None


def actief() -> bool:
    return _handler is not None


def _kort_pad(bestand: str) -> str:
    """A source file without the folders above the package (they may hold the user's name)."""
    delen = Path(bestand).parts
    for anker in ("jet_desktop", "site-packages", "dist-packages"):
        if anker in delen:
            i = len(delen) - 1 - delen[::-1].index(anker)
            return "/".join(delen[i if anker == "jet_desktop" else i + 1:])
    return Path(bestand).name


def beschrijving(exc: BaseException) -> str:
    """The exception's type, and what can be said of it without its text: an OSError's errno, a database
    error's driver class and SQLSTATE; the text itself only for the built-in types that speak of code."""
    soort = type(exc)
    naam = soort.__name__ if soort.__module__ == "builtins" else f"{soort.__module__}.{soort.__qualname__}"
    extra = []
    if isinstance(exc, OSError) and exc.errno:
        import errno

        extra.append(errno.errorcode.get(exc.errno, str(exc.errno)))
    orig = getattr(exc, "orig", None)
    if orig is not None:
        extra.append(f"{type(orig).__module__}.{type(orig).__qualname__}")
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or getattr(orig, "sqlite_errorname", None)
        if code:
            extra.append(str(code))
    if getattr(exc, "connection_invalidated", False):
        extra.append("verbinding verbroken")
    tekst = f"{naam} ({', '.join(extra)})" if extra else naam
    if isinstance(exc, _TEKST_VEILIG) and not isinstance(exc, OSError):
        tekst += f": {exc}"
    return tekst


def veilige_stapel(exc: BaseException | None) -> str:
    """A traceback without personal data: files, lines and functions (the version says which code), the
    exception's `beschrijving` instead of its text; causes and contexts as Python shows them. No source
    lines: a line like `raise KeyError("…")` would carry whatever literal stands in it."""
    if exc is None:
        return ""
    delen: list[str] = []
    gezien: set[int] = set()
    huidig: BaseException | None = exc
    while huidig is not None and id(huidig) not in gezien:
        gezien.add(id(huidig))
        regels = ["Traceback (most recent call last):\n"]
        for f in traceback.extract_tb(huidig.__traceback__):
            regels.append(f'  File "{_kort_pad(f.filename)}", line {f.lineno}, in {f.name}\n')  # no source line
        regels.append(f"{beschrijving(huidig)}\n")
        delen.insert(0, "".join(regels))
        if huidig.__cause__ is not None:
            delen.insert(0, "\nDe bovenstaande fout was de directe oorzaak van de volgende:\n\n")
            huidig = huidig.__cause__
        elif huidig.__context__ is not None and not huidig.__suppress_context__:
            delen.insert(0, "\nTijdens het afhandelen van de bovenstaande fout ging ook dit mis:\n\n")
            huidig = huidig.__context__
        else:
            huidig = None
    return "".join(delen)


def versie() -> str:
    """Version lines for a report: the application, Python, the platform (no user name, no paths)."""
    import platform

    regels = [f"JET Desktop {__version__}", f"Python {platform.python_version()} ({sys.implementation.name})",
              f"Platform: {platform.system()} {platform.release()} ({platform.machine()})"]
    if "PySide6" in sys.modules:
        try:
            import PySide6
            from PySide6 import QtCore

            regels.append(f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}")
        except Exception:  # noqa: BLE001 - a version line is not worth a failure
            pass
    if "sqlalchemy" in sys.modules:
        regels.append(f"SQLAlchemy {sys.modules['sqlalchemy'].__version__}")
    return "\n".join(regels)


def staart(regels: int = 400, max_bytes: int = 256 * 1024) -> str:
    """The last `regels` lines of the current log ('' when there is none yet)."""
    try:
        with open(pad(), "rb") as f:
            f.seek(0, os.SEEK_END)
            grootte = f.tell()
            f.seek(max(0, grootte - max_bytes))
            data = f.read()
    except OSError:
        return ""
    tekst = data.decode("utf-8", errors="replace")
    if grootte > max_bytes:
        tekst = tekst.split("\n", 1)[-1]  # the first line may be cut
    return "\n".join(tekst.splitlines()[-regels:])
