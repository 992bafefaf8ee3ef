"""The dossier's toewijzingen tab; DVO maatwerk rows stand out."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.codelijsten import Codelijsten
from jet_desktop.domain.enums import (
    Contractvorm,
)
from jet_desktop.notatie import euro
from jet_desktop.services import codelijsten, zorg
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.wijziging_conflict import toon_conflict
from jet_desktop.ui.dialogs.zorgtoewijzing_dialog import BeeindigDialog, ZorgtoewijzingDialog
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at
from jet_desktop.ui.toetsen import enter_opent

DVO_KLEUR = QColor("#fff3cd")  # DVO maatwerk is the exception: its rows stand out


def kort(label: str) -> str:
    """'Zwaar (meerdere keren per week)' -> 'Zwaar': the table stays narrow; the dialog shows the whole label."""
    return label.split(" (")[0]



class ToewijzingenTab(QWidget):
    """The dossier's toewijzingen; DVO maatwerk rows highlighted."""

    changed = Signal()

    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, bewerkbaar: bool, parent=None,
                 rows: list[zorg.ToewijzingRij] | None = None, lijsten: Codelijsten | None = None):
        """`rows`: as read by the dossier's opening, with the code lists of that moment (`lijsten`, the labels);
        left out, the tab reads them itself (one audit line)."""
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag, self.bewerkbaar = store, dossier_id, vandaag, bewerkbaar
        self.rows: list[zorg.ToewijzingRij] = []
        self.lijsten = lijsten if lijsten is not None else Codelijsten()
        lay = QVBoxLayout(self)
        self.model = RowTableModel([
            Column("Categorie", lambda t: t.productcategorie,
                   lambda t: self.lijsten.productcategorie_label(t.productcategorie)),
            Column("Product/profiel", lambda t: t.product),
            Column("Intensiteit", lambda t: self.lijsten.niveau(t.intensiteit),
                   lambda t: kort(self.lijsten.intensiteit_label(t.intensiteit))),
            Column("Aanbieder", lambda t: self.lijsten.aanbieder_label(t.aanbieder)),
            Column("Start", lambda t: t.startdatum),
            Column("Eind", lambda t: t.einddatum),
            Column("Kosten (geschat)", lambda t: t.geschatte_kosten, lambda t: euro(t.geschatte_kosten),
                   align_right=True),
            Column("Contractvorm", lambda t: t.contractvorm,
                   lambda t: ("⚑ " if t.is_dvo else "") + Contractvorm(t.contractvorm).label),
        ], self)
        self.model.background = lambda t: DVO_KLEUR if t.is_dvo else None
        self.proxy = make_proxy(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by start, as the service lists them
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda *_: self.wijzigen())
        enter_opent(self.view, lambda: self.wijzigen())
        lay.addWidget(self.view, 1)
        self.totaal = QLabel()
        lay.addWidget(self.totaal)
        self.motivering = QLabel()
        self.motivering.setWordWrap(True)
        lay.addWidget(self.motivering)
        knoppen = QHBoxLayout()
        self.toevoegen_knop = QPushButton("Toevoegen…")
        self.wijzigen_knop = QPushButton("Wijzigen…")
        self.beeindigen_knop = QPushButton("Beëindigen…")
        self.verwijderen_knop = QPushButton("Verwijderen…")
        for knop, actie in ((self.toevoegen_knop, self.toevoegen), (self.wijzigen_knop, self.wijzigen),
                            (self.beeindigen_knop, self.beeindigen), (self.verwijderen_knop, self.verwijderen)):
            knop.clicked.connect(actie)
            knoppen.addWidget(knop)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.toevoegen_knop.setEnabled(bewerkbaar)
        self.view.selectionModel().selectionChanged.connect(self._selectie)
        self.reload(rows)

    def reload(self, rows: list[zorg.ToewijzingRij] | None = None) -> None:
        if rows is None:  # the labels as stored now too: a code renamed meanwhile shows its new name
            rows, self.lijsten = zorg.toewijzingen(self.store, self.dossier_id), codelijsten.lijsten(self.store)
        self.rows = rows
        self.model.set_rows(self.rows)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):  # long names wrap instead
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), 180 if c < 2 else 150))
        self.view.resizeRowsToContents()
        dvo = sum(t.is_dvo for t in self.rows)
        lopend = sum(t.einddatum is None or t.einddatum >= self.vandaag for t in self.rows)
        self.totaal.setText(
            f"{len(self.rows)} toewijzing{'en' if len(self.rows) != 1 else ''}, {lopend} lopend"
            f"{f', waarvan {dvo} DVO maatwerk (⚑)' if dvo else ''} · geschatte kosten totaal "
            f"<b>{euro(sum(t.geschatte_kosten for t in self.rows))}</b>")
        self._selectie()
        self.changed.emit()

    def selected(self) -> zorg.ToewijzingRij | None:
        rows = self.view.selectionModel().selectedRows()
        return row_at(self.view, rows[0]) if rows else None

    def select(self, toewijzing_id: uuid.UUID) -> None:
        for r in range(self.proxy.rowCount()):
            if row_at(self.view, self.proxy.index(r, 0)).id == toewijzing_id:
                self.view.selectRow(r)
                return

    def _selectie(self, *_):
        t = self.selected()
        for knop in (self.wijzigen_knop, self.beeindigen_knop, self.verwijderen_knop):
            knop.setEnabled(t is not None)
        self.motivering.setText(f"<b>Motivering DVO:</b> {escape(t.dvo_motivering)}" if t and t.is_dvo else "")
        self.motivering.setVisible(bool(t and t.is_dvo))

    def _kop(self, t: zorg.ToewijzingRij) -> str:
        return (f"{self.lijsten.productcategorie_label(t.productcategorie)} — {t.product} bij "
                f"{self.lijsten.aanbieder_label(t.aanbieder)}")

    def toevoegen(self) -> None:
        if ZorgtoewijzingDialog(self.store, self.dossier_id, self.vandaag, None, self).exec():
            self.reload()

    def wijzigen(self) -> None:
        t = self.selected()
        if t and ZorgtoewijzingDialog(self.store, self.dossier_id, self.vandaag, t, self).exec():
            self.reload()
            self.select(t.id)

    def beeindigen(self) -> None:
        t = self.selected()
        if t and BeeindigDialog(self.store, self.dossier_id, t, self._kop(t), self.vandaag, self).exec():
            self.reload()
            self.select(t.id)

    def verwijderen(self) -> None:
        t = self.selected()
        if t is None:
            return
        if QMessageBox.question(self, "Toewijzing verwijderen",
                                f"{self._kop(t)} verwijderen?\nDe toewijzing telt daarna niet meer mee in de "
                                "overzichten (ze blijft als verwijderd bewaard).") != QMessageBox.StandardButton.Yes:
            return
        try:
            zorg.verwijder_toewijzing(self.store, t.id, t.version)
        except StaleEditError as exc:  # nothing typed to keep; the list shows the toewijzing as it is now
            toon_conflict(self, exc, [])
            self.reload()
            self.select(t.id)
            return
        self.reload()

