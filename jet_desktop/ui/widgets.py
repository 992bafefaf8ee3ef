"""Small form widgets: a date field that accepts Dutch dates, a field error label."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QTableView

from jet_desktop.ui.formatting import datum, parse_datum


class DateField(QLineEdit):
    """Empty, or a date typed as dd-mm-jjjj (or jjjj-mm-dd)."""

    def __init__(self, value: date | None = None, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("dd-mm-jjjj")
        self.setMaximumWidth(130)
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        self.setText(datum(value))

    def date_or_none(self) -> date | None:
        """None when empty; raises ValueError when the text is not a date."""
        return parse_datum(self.text()) if self.text().strip() else None


class ErrorLabel(QLabel):
    """Red message under a field; hidden while empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


def select_data(combo: QComboBox, value) -> bool:
    """Select the item whose data equals `value` (QComboBox.findData compares Python objects by identity)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return True
    return False


def keuzetabel(model) -> QTableView:
    """A read-only list of rows to choose one from: whole rows, one at a time, columns fitting their content."""
    tabel = QTableView()
    tabel.setModel(model)
    tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabel.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tabel.horizontalHeader().setStretchLastSection(True)
    tabel.verticalHeader().setVisible(False)
    return tabel
