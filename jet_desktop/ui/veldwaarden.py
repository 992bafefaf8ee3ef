"""What a form field holds and how to put a value back: read by the unsaved-changes check
(ui/onopgeslagen.py), the merge of a stale save (ui/dialogs/wijziging_conflict.py, ui/samenvoegen.py)
and the conflict dialog. Line edits, plain text, date fields, combo boxes, spin boxes and rows of
check or radio buttons."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from jet_desktop.ui.widgets import DateField, select_data


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


def knoppen(widget: QWidget) -> list[QAbstractButton]:
    """The check boxes or radio buttons of a row of choices."""
    return [b for b in widget.findChildren(QAbstractButton) if b.isCheckable()]


def veld_ruw(widget: QWidget):
    """A form field's value, comparable with a record's value put in the same terms: the text of a text
    field or a date field (dd-mm-jjjj), the data of a combo box's item (its text when it has none), a
    spin box's number, the checked buttons' texts of a row of choices (", "-joined)."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        if all(widget.itemData(i) is None for i in range(widget.count())):  # items without data: the text
            return widget.currentText()
        return widget.currentData()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():  # one check box (gezag): checked or not
        return widget.isChecked()
    return ", ".join(b.text() for b in knoppen(widget) if b.isChecked())


def zet_veld_waarde(widget: QWidget, waarde) -> None:
    """Put a value (as `veld_ruw` gives it) back into the field: the merged value after a stale save."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if waarde is None else str(waarde))
    elif isinstance(widget, DateField):
        if isinstance(waarde, date):
            widget.set_date(waarde)
        else:
            widget.setText(waarde or "")
    elif isinstance(widget, QLineEdit):
        widget.setText("" if waarde is None else str(waarde))
    elif isinstance(widget, QComboBox):
        if not select_data(widget, waarde) and (i := widget.findText(str(waarde))) >= 0:
            widget.setCurrentIndex(i)
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(waarde)
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        widget.setChecked(bool(waarde))
    else:
        gekozen = set(str(waarde).split(", ")) if waarde else set()
        for b in knoppen(widget):
            if b.text() in gekozen:
                b.setChecked(True)
        for b in knoppen(widget):  # an exclusive radio button is unchecked by checking another
            if b.text() not in gekozen and b.isChecked() and not b.autoExclusive():
                b.setChecked(False)


def weergave(widget: QWidget, waarden: Iterable) -> tuple[tuple[object, str], ...]:
    """How values of this field read: a combo box's item texts, a spin box's text with its unit, the
    buttons of a row of choices (a field with a `weergave` is chosen, never typed, in the merge)."""
    if isinstance(widget, QComboBox):
        op_tekst = all(widget.itemData(i) is None for i in range(widget.count()))  # as veld_ruw
        return tuple((widget.itemText(i) if op_tekst else widget.itemData(i), widget.itemText(i))
                     for i in range(widget.count()))
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return tuple((w, f"{widget.prefix()}{widget.textFromValue(w)}{widget.suffix()}")
                     for w in dict.fromkeys(waarden) if isinstance(w, (int, float)))
    if isinstance(widget, (QPlainTextEdit, QLineEdit)):
        return ()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return (True, "ja"), (False, "nee")
    return tuple((b.text(), b.text()) for b in knoppen(widget))  # a choice, not a text to edit


def is_wachtwoord(widget: QWidget) -> bool:
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal
