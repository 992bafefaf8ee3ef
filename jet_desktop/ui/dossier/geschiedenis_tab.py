"""The dossier's Geschiedenis tab: every kept correction of its records (when, who, record, field,
old → new), newest first. It shows what the dossier's opening read (dossiers.detail: one audit line for
all tabs); "Vernieuwen" reads it again on its own (services/correcties.dossiergeschiedenis, a line)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from jet_desktop.services import correcties
from jet_desktop.services.audit import lokale_tijd
from jet_desktop.storage.store import Store
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy

SOORT = {correcties.GEWIJZIGD: "gewijzigd", correcties.TOEGEVOEGD: "toegevoegd", correcties.VERWIJDERD: "verwijderd"}


class GeschiedenisTab(QWidget):
    def __init__(self, store: Store, dossier_id: uuid.UUID, rows: list[correcties.WijzigingRij] | None = None,
                 parent=None):
        """`rows`: as read by the dossier's opening; left out, the tab reads them itself (one audit line)."""
        super().__init__(parent)
        self.store, self.dossier_id = store, dossier_id
        self.rows: list[correcties.WijzigingRij] = []
        lay = QVBoxLayout(self)
        kop = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        kop.addWidget(self.status, 1)
        self.vernieuwen = QPushButton("Vernieuwen")
        self.vernieuwen.clicked.connect(lambda: self.laad())
        kop.addWidget(self.vernieuwen)
        lay.addLayout(kop)
        self.model = RowTableModel([
            Column("Wanneer", lambda w: w.gewijzigd_at, lambda w: lokale_tijd(w.gewijzigd_at).strftime("%d-%m-%Y %H:%M")),
            Column("Door", lambda w: w.gewijzigd_door),
            Column("Gegeven", lambda w: w.record),
            Column("Wijziging", lambda w: SOORT.get(w.soort, w.soort)),
            Column("Veld", lambda w: w.veld or "—"),
            Column("Oud", lambda w: w.oud),
            Column("Nieuw", lambda w: w.nieuw),
            Column("Reden", lambda w: w.toelichting),
        ], self)
        self.view = QTableView()
        self.view.setModel(make_proxy(self.model))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.view, 1)
        self.laad(rows)

    def laad(self, rows: list[correcties.WijzigingRij] | None = None) -> None:
        self.rows = correcties.dossiergeschiedenis(self.store, self.dossier_id) if rows is None else rows
        self.model.set_rows(self.rows)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):  # long texts (a hulpvraag, a note) wrap instead
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), 240))
        self.view.resizeRowsToContents()
        n = len(self.rows)
        self.status.setText("Nog geen correcties vastgelegd." if n == 0 else
                            f"{n} wijziging{'en' if n != 1 else ''} van de gegevens van dit dossier, nieuwste eerst. "
                            "De oude waarden blijven bewaard.")
