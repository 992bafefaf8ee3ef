"""A table of consulenten with caseload against capacity, to choose from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from jet_desktop.notatie import decimaal
from jet_desktop.services import caseload
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at

KOLOMMEN = [
    Column("Consulent", lambda c: c.naam),
    Column("FTE", lambda c: c.fte, lambda c: decimaal(c.fte, 2), align_right=True),
    Column("Caseload", lambda c: c.belasting, align_right=True),
    Column("Capaciteit", lambda c: c.capaciteit, align_right=True),
    Column("Ruimte", lambda c: c.ruimte, align_right=True),
    Column("Afwezig tot", lambda c: c.afwezig_tot, lambda c: datum(c.afwezig_tot)),
]


def kleur(c: caseload.ConsulentRij):
    if c.afwezig_tot is not None:
        return QBrush(QColor("#e4e4e4"))
    if c.ruimte < 0:
        return QBrush(QColor("#f8d4d4"))
    if c.ruimte == 0:
        return QBrush(QColor("#fdf0c8"))
    return QBrush(QColor(RUIMTE))


RUIMTE = "#dcefd8"  # green: room; the legends above these tables name the four colours


class ConsulentTabel(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_ = RowTableModel(KOLOMMEN, self)
        self.model_.background = kleur
        self.proxy = make_proxy(self.model_)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)

    def load(self, rows: list[caseload.ConsulentRij]) -> None:
        self.model_.set_rows(rows)
        self.proxy.sort(4, Qt.SortOrder.DescendingOrder)  # most room first
        self.resizeColumnsToContents()

    def selected(self) -> caseload.ConsulentRij | None:
        return row_at(self, self.currentIndex())

    def select_id(self, consulent_id) -> None:
        for r in range(self.proxy.rowCount()):
            if row_at(self, self.proxy.index(r, 0)).id == consulent_id:
                self.selectRow(r)
                return


