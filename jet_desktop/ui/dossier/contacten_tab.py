"""The dossier's Contactmomenten tab: the list, with Wijzigen… and Verwijderen… (a tombstone; the
contactmoment stays in the history) for an open dossier."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from jet_desktop.domain.enums import ContactType
from jet_desktop.services import dossiers
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.gegevens_dialogs import ContactmomentWijzigDialog, verwijder_contactmoment
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at


class ContactenTab(QWidget):
    changed = Signal()  # a contactmoment was changed or removed: the window reads the dossier again

    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, bewerkbaar: bool,
                 rows: list[dossiers.ContactRij], parent=None):
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag, self.bewerkbaar = store, dossier_id, vandaag, bewerkbaar
        self.rows = rows
        lay = QVBoxLayout(self)
        self.model = RowTableModel([
            Column("Datum", lambda c: c.datum),
            Column("Type", lambda c: ContactType(c.type).label),
            Column("Duur", lambda c: c.duur_minuten, lambda c: f"{c.duur_minuten} min", align_right=True),
            Column("Door", lambda c: c.medewerker),
            Column("Notitie", lambda c: c.notitie),
        ], self)
        self.model.set_rows(rows)
        self.view = QTableView()
        self.view.setModel(make_proxy(self.model))
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.resizeColumnsToContents()
        self.view.doubleClicked.connect(lambda *_: self.wijzigen())
        lay.addWidget(self.view, 1)
        knoppen = QHBoxLayout()
        self.wijzigen_knop = QPushButton("Wijzigen…")
        self.wijzigen_knop.clicked.connect(self.wijzigen)
        self.verwijderen_knop = QPushButton("Verwijderen…")
        self.verwijderen_knop.clicked.connect(self.verwijderen)
        knoppen.addWidget(self.wijzigen_knop)
        knoppen.addWidget(self.verwijderen_knop)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.view.selectionModel().selectionChanged.connect(self._selectie)
        self._selectie()

    def selected(self) -> dossiers.ContactRij | None:
        rows = self.view.selectionModel().selectedRows()
        return row_at(self.view, rows[0]) if rows else None

    def select(self, contactmoment_id: uuid.UUID) -> None:
        proxy = self.view.model()
        for r in range(proxy.rowCount()):
            if row_at(self.view, proxy.index(r, 0)).id == contactmoment_id:
                self.view.selectRow(r)
                return

    def _selectie(self, *_):
        gekozen = self.bewerkbaar and self.selected() is not None
        self.wijzigen_knop.setEnabled(gekozen)
        self.verwijderen_knop.setEnabled(gekozen)

    def wijzigen(self) -> None:
        c = self.selected()
        if c is not None and self.bewerkbaar and ContactmomentWijzigDialog(self.store, c.id, self.vandaag,
                                                                           self).exec():
            self.changed.emit()

    def verwijderen(self) -> None:
        c = self.selected()
        if c is None or not self.bewerkbaar:
            return
        omschrijving = f"Contactmoment van {datum(c.datum)} ({ContactType(c.type).label.lower()})"
        if verwijder_contactmoment(self, self.store, c.id, c.version, omschrijving) is not None:
            self.changed.emit()  # removed, or refused because it changed meanwhile: show it as it is now
