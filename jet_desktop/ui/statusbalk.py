"""What a save did, in the main window's status bar: a form that closes on a successful save says so there
(ui/onopgeslagen.BewaakteInvoer.accept), so the user sees it worked without a box to click away."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

DUUR_MS = 10_000


def hoofdvenster(widget: QWidget | None) -> QMainWindow | None:
    """The main window a widget belongs to (up its parents), else the one shown main window."""
    w = widget
    while w is not None:
        if isinstance(w, QMainWindow):
            return w
        w = w.parentWidget()
    return next((t for t in QApplication.topLevelWidgets() if isinstance(t, QMainWindow) and t.isVisible()), None)


def meld(widget: QWidget | None, tekst: str, duur_ms: int = DUUR_MS) -> None:
    venster = hoofdvenster(widget)
    if venster is not None and tekst:
        venster.statusBar().showMessage(tekst, duur_ms)
