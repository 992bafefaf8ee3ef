"""Keyboard and size basics every form shares: Ctrl+S saves, the first field has the focus, and the
window grows so that a message under a field (or at the bottom) is shown in full."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def bij_opslaan_toets(widget: QWidget, opslaan: Callable[[], object],
                      context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    """Ctrl+S (the platform's Save key) runs `opslaan` while `widget`'s window (or, with
    WidgetWithChildrenShortcut, the widget) has the focus."""
    sneltoets = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), widget)
    sneltoets.setContext(context)
    sneltoets.activated.connect(opslaan)
    return sneltoets


def _bewerkbaar(w: QWidget) -> bool:
    if not w.isEnabled() or w.isHidden() or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)) and w.isReadOnly():
        return False
    return True


def eerste_veld(widgets: Iterable[QWidget]) -> QWidget | None:
    """The first field the user can type in or choose; in a row of radio buttons the chosen one."""
    for w in widgets:
        if isinstance(w, QAbstractButton) or not w.findChildren(QAbstractButton):
            if _bewerkbaar(w):
                return w
            continue
        knoppen = [k for k in w.findChildren(QAbstractButton) if k.isCheckable() and _bewerkbaar(k)]
        if knoppen:
            return next((k for k in knoppen if k.isChecked()), knoppen[0])
    return None


def focus_op_eerste_veld(widgets: Iterable[QWidget]) -> None:
    veld = eerste_veld(widgets)
    if veld is not None:
        veld.setFocus(Qt.FocusReason.OtherFocusReason)


MIN_BREEDTE = 460


def toon_meldingen_geheel(venster: QWidget) -> None:
    """Grow the window (never shrink it) to the height its layout needs at its width (at least
    MIN_BREEDTE), so a long message (a word-wrapped ErrorLabel) is fully visible; at most the screen."""
    lay = venster.layout()
    if lay is None:
        return
    lay.activate()
    breedte = max(venster.width(), MIN_BREEDTE)  # a narrow window would make a message a long thin column
    nodig = lay.totalHeightForWidth(breedte) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
    nodig = max(nodig, lay.totalMinimumSize().height())
    scherm = venster.screen()
    if scherm is not None:
        breedte = min(breedte, max(venster.width(), scherm.availableGeometry().width()))
        nodig = min(nodig, scherm.availableGeometry().height())
    if venster.height() < nodig or venster.width() < breedte:
        venster.resize(breedte, max(venster.height(), nodig))
    lay.activate()


def veld_waarde(widget: QWidget) -> str:
    """What a form field holds as the user sees it; '' when empty or not chosen."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):  # a password is never shown or copied
        return widget.text().strip() if widget.echoMode() == QLineEdit.EchoMode.Normal else ""
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.currentData() not in (None, "") else ""
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    # a row of radio buttons or check boxes
    return ", ".join(b.text() for b in widget.findChildren(QAbstractButton) if b.isCheckable() and b.isChecked())
