"""Run long work off the GUI thread (QThreadPool) and get the result back on it."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # reported on the GUI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()


def run_in_background(fn, on_done=None, on_error=None, on_progress=None) -> Task:
    task = Task(fn)
    _running.add(task)  # keep signals alive until the task reports back
    task.setAutoDelete(False)

    def finish(_=None, *__):
        _running.discard(task)

    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
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
