"""Triage: aanmeldingen waiting for a triagebesluit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.age import leeftijd_tekst
from jet_desktop.domain.wachttijd import Signaal
from jet_desktop.services import triage
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at
from jet_desktop.ui.toetsen import enter_opent

SIGNAAL_TEKST = {Signaal.OVERSCHREDEN: "Norm overschreden", Signaal.LET_OP: "Let op", Signaal.GEEN: ""}
SIGNAAL_KLEUR = {Signaal.OVERSCHREDEN: QBrush(QColor("#f8d4d4")), Signaal.LET_OP: QBrush(QColor("#fdf0c8"))}


class TriagePage(QWidget):
    changed = Signal()
    vandaag = Vandaag()

    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.model = RowTableModel([
            Column("Dossiernr.", lambda r: r.dossiernummer),
            Column("Naam", lambda r: r.naam),
            Column("Leeftijd", lambda r: r.geboortedatum or r.uitgerekende_datum,
                   lambda r: leeftijd_tekst(r.geboortedatum, r.uitgerekende_datum, self.vandaag)),
            Column("Aanmelddatum", lambda r: r.aanmelddatum),
            Column("Verwijzer", lambda r: r.verwijzer),
            Column("Veiligheid", lambda r: "signalen" if r.veiligheidssignalen else ""),
            Column("Triagenorm", lambda r: SIGNAAL_TEKST[r.signaal]),
        ], self)
        self.model.background = lambda r: SIGNAAL_KLEUR.get(r.signaal)
        self.proxy = make_proxy(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.besluit())
        enter_opent(self.view, lambda: self.besluit())
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)

        self.titel = QLabel()
        self.titel.setObjectName("pageTitle")
        self.zoek = QLineEdit(placeholderText="Zoeken op naam, dossiernummer, verwijzer…")
        self.zoek.setClearButtonEnabled(True)
        self.zoek.textChanged.connect(self.proxy.setFilterFixedString)
        self.besluit_knop = QPushButton("Triagebesluit nemen…")
        self.besluit_knop.clicked.connect(self.besluit)
        top = QHBoxLayout()
        top.addWidget(self.titel)
        top.addStretch(1)
        top.addWidget(self.zoek, 1)
        top.addWidget(self.besluit_knop)

        self.detail = QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([700, 300])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(splitter)

    def refresh(self) -> None:
        rows = triage.triage_wachtrij(self.store, self.vandaag)
        self.model.set_rows(rows)
        over = sum(r.signaal is Signaal.OVERSCHREDEN for r in rows)
        self.titel.setText(f"<h2>Triage</h2>{len(rows)} aanmeldingen wachten op een besluit"
                           + (f", <b style='color:#b00020'>{over} boven de triagenorm</b>" if over else ""))
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.view.resizeColumnsToContents()
        if rows:
            self.view.selectRow(0)

    def selected(self):
        return row_at(self.view, self.view.currentIndex())

    def _show_detail(self, current, _previous=None) -> None:
        r = row_at(self.view, current)
        if r is None:
            self.detail.clear()
            return
        veilig = (f"<p><b style='color:#b00020'>Veiligheidssignalen:</b> {_esc(r.veiligheidssignalen)}</p>"
                  if r.veiligheidssignalen else "")
        self.detail.setHtml(f"<h3>{_esc(r.naam)}</h3><p>{r.dossiernummer} · aangemeld {datum(r.aanmelddatum)} "
                            f"door {_esc(r.verwijzer)}</p><p><b>Hulpvraag</b><br>{_esc(r.hulpvraag)}</p>{veilig}")

    def besluit(self) -> bool:
        r = self.selected()
        if r is None:
            return False
        dlg = TriageDialog(self.store, r.aanmelding_id, r.version, f"{r.dossiernummer} — {r.naam}", self.vandaag,
                           r.hulpvraag, self)
        if dlg.exec():
            self.refresh()
            self.changed.emit()
            return True
        return False


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
