"""Keyboard use of the lists: Enter (or Return) opens the selected row, as a double-click does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterOpent(QObject):
    def __init__(self, view, slot):
        super().__init__(view)
        self.view, self.slot = view, slot

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.KeyPress and event.key() in ENTER
                and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
                and self.view.currentIndex().isValid()
                and self.view.state() != self.view.State.EditingState):
            self.slot()
            return True
        return False


def enter_opent(view, slot) -> None:
    """Enter on `view` (a QAbstractItemView) with a current row calls `slot()`."""
    view.installEventFilter(_EnterOpent(view, slot))
