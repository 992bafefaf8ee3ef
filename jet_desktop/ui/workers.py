"""Run long work off the GUI thread (QThreadPool) and get the result back on it.

A failure reaches `on_error(exc, traceback)` in Dutch where it is nobody's mistake: an OSError with
an errno becomes an `OSFout` (still an OSError, same errno and file; its text and strerror Dutch:
"de schijf is vol"), a lost connection to the teamserver, a busy store or a full disk met by the
database a `NietGelukt`. Handlers that show `str(exc)` thus show Dutch. Every failure is logged with
its traceback (jet_desktop/logboek.py; without the exception's text), also when the work has its own
`on_error`. Work started without `on_error` shows its failure in the one error dialog
(ui/foutdialoog.py) instead of nowhere."""

from __future__ import annotations

import logging
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from jet_desktop.domain.errors import JetFout
from jet_desktop.meldingen import NietGelukt, OSFout, in_het_nederlands  # noqa: F401  (they were defined here)

_log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)


class Task(QRunnable):
    """`fn(progress)` runs in a worker thread; `progress(done, total, label)` may be called from it."""

    def __init__(self, fn: Callable[[Callable[[int, int, str], None]], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        naam = getattr(self.fn, "__qualname__", type(self.fn).__name__)  # code, never data
        begin = time.perf_counter()
        _log.debug("Taak %s gestart", naam)
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # reported on the GUI thread
            from jet_desktop import logboek

            nl = in_het_nederlands(exc)
            _log.log(logging.WARNING if nl is not exc or isinstance(exc, JetFout) else logging.ERROR,
                     "Taak %s mislukt na %.2f s: %s", naam, time.perf_counter() - begin, logboek.beschrijving(exc),
                     exc_info=exc)
            self.signals.failed.emit(nl, traceback.format_exc())
        else:
            _log.debug("Taak %s klaar in %.2f s", naam, time.perf_counter() - begin)
            self.signals.done.emit(result)


_running: set[Task] = set()


def _toon(exc, _tb: str = "") -> None:
    """Work without its own error handler: the error dialog (never silent; already logged in Task.run)."""
    from jet_desktop.ui import foutdialoog

    foutdialoog.toon_fout(exc, wat="Het werk op de achtergrond", gelogd=True)


def run_in_background(fn, on_done=None, on_error=None, on_progress=None) -> Task:
    task = Task(fn)
    _running.add(task)  # keep signals alive until the task reports back
    task.setAutoDelete(False)

    def finish(_=None, *__):
        _running.discard(task)

    if on_done:
        task.signals.done.connect(on_done)
    task.signals.failed.connect(on_error or _toon)
    if on_progress:
        task.signals.progress.connect(on_progress)
    task.signals.done.connect(finish)
    task.signals.failed.connect(finish)
    QThreadPool.globalInstance().start(task)
    return task


class BlijftOpenTijdensWerk:
    """Mixin for a QDialog with background work: while `self.bezig`, Escape and the close button do
    nothing (the work finishes, or writes nothing, before the dialog can go)."""

    bezig = False

    def reject(self) -> None:
        if not self.bezig:
            super().reject()

    def closeEvent(self, event) -> None:
        if self.bezig:
            event.ignore()
        else:
            super().closeEvent(event)
