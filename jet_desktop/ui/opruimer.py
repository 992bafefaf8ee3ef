"""Python's cyclic garbage collector runs on the GUI thread only.

Left to itself the collector starts whenever a thread has allocated enough, so also on a worker thread
(ui/workers.py) in the middle of a query. A cycle it frees there may hold a Qt object (a dialog, a model,
a widget some closure still referred to); its C++ destructor then runs on the worker while the GUI thread
uses or deletes the same tree. That crashed JET Desktop intermittently (a segfault in `~QWidget` during
a deferred delete, or "Garbage-collecting" on a worker in faulthandler's dump). So, as Anki, pyqtgraph
and GitFourchette do: automatic collection is switched off and a timer on the GUI thread collects with
the same thresholds (reference counting, which frees almost everything, goes on as always).

`installeer(app)` once, after the QApplication exists (ui/app.py; tests/ui/conftest.py does the same).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

_log = logging.getLogger(__name__)

INTERVAL_MS = 1000


class Opruimer(QObject):
    """Collects on a timer, generation by generation, as the automatic collector would."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.drempels = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.ruim_op)
        self.timer.start()

    def ruim_op(self) -> int:
        """Collect the generations whose count passed its threshold; how many objects were unreachable."""
        n0, n1, n2 = gc.get_count()
        if n0 <= self.drempels[0]:
            return 0
        generatie = 2 if n1 > self.drempels[1] and n2 > self.drempels[2] else 1 if n1 > self.drempels[1] else 0
        return gc.collect(generatie)


_actief: Opruimer | None = None


def installeer(app: QObject) -> Opruimer:
    """Switch automatic collection off and collect on `app`'s (the GUI) thread; once per process."""
    global _actief
    if _actief is None:
        _actief = Opruimer(app)
        _log.debug("Automatische garbage collection uit; elke %d ms op de GUI-draad", INTERVAL_MS)
    return _actief
