"""An absent consulent's caseload in one action: a proposal, adjusted per dossier by the teamleider, then
confirmed as a waarneming (temporary cover: the colleague becomes tweede persoon until the absence is over,
services/waarneming.py) or as a permanent change of vaste consulent."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QTableView,
    QVBoxLayout,
)

from jet_desktop.domain.enums import Urgentie
from jet_desktop.services import caseload, waarneming
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.wijziging_conflict import toon_conflict
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy
from jet_desktop.ui.widgets import select_data
from jet_desktop.ui.workers import run_in_background


class HerverdelingDialog(QDialog):
    def __init__(self, store: Store, afwezige: caseload.ConsulentRij, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.afwezige, self.vandaag = store, afwezige, vandaag
        self.setWindowTitle(f"Caseload herverdelen — {afwezige.naam}")
        self.resize(760, 560)
        self.verplaatst: int | None = None
        lay = QVBoxLayout(self)
        self.uitleg = QLabel()
        self.uitleg.setWordWrap(True)
        lay.addWidget(self.uitleg)
        self.model = RowTableModel([
            Column("Dossiernr.", lambda v: v.dossiernummer),
            Column("Naam", lambda v: v.naam),
            Column("Urgentie", lambda v: Urgentie(v.urgentie).rank if v.urgentie else 3,
                   lambda v: Urgentie(v.urgentie).label if v.urgentie else ""),
            Column("Naar", lambda v: v.naar_naam),
            Column("Let op", lambda v: "boven capaciteit" if v.boven_capaciteit else ""),
        ], self)
        self.model.background = lambda v: QBrush(QColor("#f8d4d4")) if v.boven_capaciteit else None
        self.view = QTableView()
        self.view.setModel(make_proxy(self.model))
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        lay.addWidget(self.view, 1)
        aanpassen = QFormLayout()
        self.naar = QComboBox()  # the chosen dossier's colleague: the teamleider's adjustment of the proposal
        self.naar.activated.connect(self._naar_gekozen)
        aanpassen.addRow("Naar (gekozen dossier)", self.naar)
        lay.addLayout(aanpassen)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._toon_naar())
        tot = afwezige.afwezig_tot
        self.tijdelijk = QRadioButton(
            f"Waarneming: de collega neemt waar als tweede persoon tot en met {tot:%d-%m-%Y}; daarna is het dossier "
            "weer alleen van de vaste consulent" if tot else "Waarneming (kan alleen tijdens een gemelde afwezigheid)")
        self.blijvend = QRadioButton("Blijvend: de collega wordt de nieuwe vaste consulent")
        self.soort = QButtonGroup(self)
        for knop in (self.tijdelijk, self.blijvend):
            self.soort.addButton(knop)
            lay.addWidget(knop)
        self.tijdelijk.setEnabled(tot is not None)
        (self.tijdelijk if tot is not None else self.blijvend).setChecked(True)  # één vast gezicht: temporary first
        self.samenvatting = QLabel()
        self.samenvatting.setWordWrap(True)
        lay.addWidget(self.samenvatting)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bevestigen en herverdelen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.uitvoeren)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.tijdelijk.toggled.connect(self._knoptekst)
        self._knoptekst()
        self.laad_voorstel()

    def _knoptekst(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Waarneming vastleggen" if self.tijdelijk.isChecked() else "Bevestigen en herverdelen")

    def laad_voorstel(self) -> None:
        """The proposal over the team as it is now (also after a refused confirmation)."""
        self.voorstel = caseload.herverdeling(self.store, self.afwezige.id, self.vandaag)
        self.team = {c.id: c for c in caseload.consulenten(self.store, self.vandaag)}
        self.naar.clear()
        for c in sorted(self.team.values(), key=lambda c: c.naam):
            if c.id != self.afwezige.id:
                self.naar.addItem(c.naam + (f" (afwezig tot {c.afwezig_tot:%d-%m-%Y})" if c.afwezig_tot else ""), c.id)
        self.uitleg.setText(
            f"<b>Voorstel</b>: {len(self.voorstel)} dossiers van {escape(self.afwezige.naam)} naar collega's met ruimte. "
            "De tweede persoon krijgt het dossier als die ruimte heeft; anders wie de meeste ruimte heeft. "
            "Spoed en hoog worden eerst geplaatst. Kies per dossier een andere collega met de keuzelijst onder de "
            "tabel. Er verandert niets voordat u bevestigt.")
        self.model.set_rows(self.voorstel)
        self.view.resizeColumnsToContents()
        if self.voorstel:
            self.view.selectRow(0)
        self._samenvatten()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.voorstel))

    def _samenvatten(self) -> None:
        team = self.team
        per = Counter(v.naar_id for v in self.voorstel)
        self.samenvatting.setText("; ".join(
            f"{team[i].naam}: +{n} ({team[i].belasting}→{team[i].belasting + n} van {team[i].capaciteit})"
            for i, n in sorted(per.items(), key=lambda kv: team[kv[0]].naam)) or "Geen dossiers om te verdelen.")

    def _gekozen(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        v = self.view.model().mapToSource(index).row()
        return v if 0 <= v < len(self.voorstel) else None

    def _toon_naar(self) -> None:
        i = self._gekozen()
        self.naar.setEnabled(i is not None)
        if i is not None:
            select_data(self.naar, self.voorstel[i].naar_id)

    def _naar_gekozen(self, _index: int = 0) -> None:
        self.zet_naar(self._gekozen(), self.naar.currentData())

    def zet_naar(self, rij: int | None, naar_id) -> None:
        """The teamleider's choice for one dossier of the proposal (nothing is saved until confirmed)."""
        if rij is None or naar_id is None:
            return
        c = self.team[naar_id]
        erbij = sum(1 for j, v in enumerate(self.voorstel) if v.naar_id == naar_id and j != rij)
        self.voorstel[rij] = replace(self.voorstel[rij], naar_id=naar_id, naar_naam=c.naam,
                                     boven_capaciteit=c.belasting + erbij + 1 > c.capaciteit)
        self.model.set_rows(self.voorstel)
        self.view.selectRow(self.view.model().mapFromSource(self.model.index(rij, 0)).row())  # the same dossier
        self._samenvatten()

    def uitvoeren(self) -> None:
        self.buttons.setEnabled(False)
        self.progress = QProgressDialog("Dossiers herverdelen…", "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.show()
        voorstel, store, vandaag = list(self.voorstel), self.store, self.vandaag
        self.was_waarneming = self.tijdelijk.isChecked()
        uitvoeren = waarneming.voer_waarneming_uit if self.was_waarneming else caseload.voer_herverdeling_uit
        run_in_background(lambda _progress: uitvoeren(store, voorstel, vandaag), on_done=self._klaar,
                          on_error=self._fout)

    def _klaar(self, n: int) -> None:
        self.progress.close()
        self.verplaatst = n
        from jet_desktop.ui import statusbalk

        self.accept()
        statusbalk.meld(self, f"Waarneming vastgelegd voor {n} dossiers van {self.afwezige.naam}; zij gaan terug naar "
                              "de vaste consulent na de afwezigheid." if self.was_waarneming
                        else f"{n} dossiers van {self.afwezige.naam} hebben een nieuwe vaste consulent.")

    def _fout(self, exc: Exception, _tb: str) -> None:
        self.progress.close()
        self.buttons.setEnabled(True)
        if isinstance(exc, StaleEditError):  # one dossier changed meanwhile: nothing moved
            if toon_conflict(self, exc, []):
                self.laad_voorstel()
            return
        QMessageBox.warning(self, "Niet herverdeeld", f"Er is niets gewijzigd.\n\n{exc}")
