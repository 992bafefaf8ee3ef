"""Triage: aanmeldingen waiting for a triagebesluit.

A colleague's change reads the queue again on a worker (`vernieuw_na_wijziging`, docs/samenwerken.md),
keeping the chosen aanmelding, the sort, the scroll position and the filter."""

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
    # what the queue shows: a colleague's change to one of these reads it again (ui/verversen.py)
    TABELLEN = frozenset({"aanmelding", "triagebesluit", "jeugdige"})

    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self._vraag = 0  # the latest reading of the queue on a worker (vernieuw_na_wijziging)
        self._bezig = self._nog_eens = False
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
        self._vraag += 1  # a reading on a worker still on its way is overtaken
        self._bezig = self._nog_eens = False
        rows = triage.triage_wachtrij(self.store, self.vandaag)
        self.model.set_rows(rows)
        self._toon_titel(rows)
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.view.resizeColumnsToContents()
        if rows:
            self.view.selectRow(0)

    def _toon_titel(self, rows) -> None:
        over = sum(r.signaal is Signaal.OVERSCHREDEN for r in rows)
        self.titel.setText(f"<h2>Triage</h2>{len(rows)} aanmeldingen wachten op een besluit"
                           + (f", <b style='color:#b00020'>{over} boven de triagenorm</b>" if over else ""))

    @property
    def bezig(self) -> bool:
        """The queue is being read again after a colleague's change (the rows shown are the ones before)."""
        return self._bezig

    def vernieuw_na_wijziging(self) -> None:
        """A colleague changed something the queue shows: read it on a worker, then show it without moving
        the user — the chosen aanmelding stays chosen (none when it has left the queue: Enter must not open
        another one), the sort, the scroll position and the filter stay. One at a time: a change meanwhile
        asks for one more reading after it."""
        from jet_desktop.ui.models.paged_model import zwak
        from jet_desktop.ui.workers import run_in_background

        if self._bezig:
            self._nog_eens = True
            return
        self._bezig = True
        self._vraag += 1
        vraag, store, vandaag = self._vraag, self.store, self.vandaag
        run_in_background(lambda _p: (vraag, triage.triage_wachtrij(store, vandaag)),
                          on_done=zwak(self._wachtrij_binnen), on_error=zwak(self._wachtrij_mislukt, vraag))

    def _wachtrij_binnen(self, uitkomst) -> None:
        vraag, rows = uitkomst
        if vraag != self._vraag:  # F5 or a decision here read it meanwhile
            return
        gekozen = self.selected()
        gekozen_id = gekozen.aanmelding_id if gekozen is not None else None
        plek = self.view.verticalScrollBar().value()
        self.model.set_rows(rows)  # the proxy keeps its sort column and filter
        self._toon_titel(rows)
        for r in range(self.proxy.rowCount()):
            if gekozen_id is not None and row_at(self.view, self.proxy.index(r, 0)).aanmelding_id == gekozen_id:
                self.view.selectRow(r)
                break
        else:
            self.detail.clear()
        self.view.doItemsLayout()
        self.view.verticalScrollBar().setValue(plek)
        self._klaar()

    def _wachtrij_mislukt(self, vraag: int, exc: Exception, _tb: str = "") -> None:
        if vraag != self._vraag:
            return
        from jet_desktop.ui import foutdialoog

        self._nog_eens = False
        self._klaar()
        foutdialoog.toon_fout(exc, gelogd=True)  # logged by the worker already

    def _klaar(self) -> None:
        self._bezig = False
        if self._nog_eens:
            self._nog_eens = False
            self.vernieuw_na_wijziging()

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
