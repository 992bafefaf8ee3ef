"""A table model over a list of row objects, for lists of modest size.

Sorting and filtering go through a QSortFilterProxyModel (see `make_proxy`); the
raw value is returned under SORT_ROLE so dates and numbers sort as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
LANGE_TEKST = 24  # characters: a longer cell text is also its tooltip


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]  # raw value (sorting)
    text: Callable[[Any], str] | None = None  # display text; default str(value)
    align_right: bool = False


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.background: Callable[[Any], Any] | None = None
        self.foreground: Callable[[Any], Any] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row) if col.text else _text(col.value(row))
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text on hover, where a column cuts a long one off
            tekst = col.text(row) if col.text else _text(col.value(row))
            return tekst if len(tekst) > LANGE_TEKST else None
        if role == SORT_ROLE:
            v = col.value(row)
            return "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.background:
            return self.background(row)
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground:
            return self.foreground(row)
        return None


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def make_proxy(model: RowTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def row_at(view, proxy_index) -> Any:
    return proxy_index.data(ROW_ROLE) if proxy_index.isValid() else None
