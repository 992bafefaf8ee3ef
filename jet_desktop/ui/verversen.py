"""Lists that follow a colleague's changes (docs/samenwerken.md): the Qt side of storage/wijzigingsmelding.py.

`Verversing(store)` runs the store's listener (its own connection, its own thread: LISTEN/NOTIFY on
PostgreSQL, a poll of PRAGMA data_version on SQLite) and emits `gewijzigd(frozenset of table names)` on
the GUI thread: a burst of changes once, `PAUZE_MS` after the first of it (the tables of the whole
burst together), and not while a modal dialog is open (then once it has closed: a list never changes
under a dialog opened from it). `start()` after signing in, `stop()` before the store's engine goes
(sign-out, closing the window); the main window does both (ui/main_window.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from jet_desktop.storage import wijzigingsmelding
from jet_desktop.storage.store import Store

PAUZE_MS = 500  # a burst of changes (a herverdeling, an import) is one refresh
DIALOOG_MS = 1000  # how often to look again whether the modal dialog has closed


class Verversing(QObject):
    gewijzigd = Signal(object)  # frozenset[str]: the tables changed since the last emit
    _binnen = Signal(object)  # from the listener's thread; queued to this object's (the GUI) thread

    def __init__(self, store: Store, parent=None, pauze_ms: int = PAUZE_MS):
        super().__init__(parent)
        self._tabellen: set[str] = set()
        self._pauze_ms, self._aan = pauze_ms, False
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._geef_door)
        self._binnen.connect(self._ontvang)
        # the listener holds only the signal's emit: no Qt object is touched on its thread
        self.luisteraar = wijzigingsmelding.luisteraar(store.engine, self._binnen.emit)
        luisteraar = self.luisteraar  # a window deleted without closing: the thread goes too (destroyed passes
        self.destroyed.connect(lambda *_object: luisteraar.stop())  # the object: never as stop's timeout)

    def start(self) -> None:
        self._aan = True
        self.luisteraar.start()

    def stop(self) -> None:
        self._aan = False
        self._timer.stop()
        self._tabellen.clear()
        self.luisteraar.stop()

    def _ontvang(self, tabellen) -> None:
        if not self._aan:
            return  # stopped meanwhile
        self._tabellen |= tabellen
        if not self._timer.isActive():
            self._timer.start(self._pauze_ms)

    def _geef_door(self) -> None:
        if not self._tabellen:
            return
        if QApplication.activeModalWidget() is not None:  # a dialog is open: after it
            self._timer.start(DIALOOG_MS)
            return
        tabellen, self._tabellen = frozenset(self._tabellen), set()
        self.gewijzigd.emit(tabellen)
