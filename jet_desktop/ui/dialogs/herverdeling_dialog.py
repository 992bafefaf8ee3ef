"""Reassign an absent consulent's caseload in one action: proposal first, then confirm."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QProgressDialog, QTableView, QVBoxLayout

from jet_desktop.domain.enums import Urgentie
from jet_desktop.services import caseload
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.wijziging_conflict import toon_conflict
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy
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
        lay.addWidget(self.view, 1)
        self.samenvatting = QLabel()
        self.samenvatting.setWordWrap(True)
        lay.addWidget(self.samenvatting)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bevestigen en herverdelen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.uitvoeren)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.laad_voorstel()

    def laad_voorstel(self) -> None:
        """The proposal over the team as it is now (also after a refused confirmation)."""
        self.voorstel = caseload.herverdeling(self.store, self.afwezige.id, self.vandaag)
        team = {c.id: c for c in caseload.consulenten(self.store, self.vandaag)}
        self.uitleg.setText(
            f"<b>Voorstel</b>: {len(self.voorstel)} dossiers van {escape(self.afwezige.naam)} naar collega's met ruimte. "
            "De tweede persoon krijgt het dossier als die ruimte heeft; anders wie de meeste ruimte heeft. "
            "Spoed en hoog worden eerst geplaatst. Er verandert niets voordat u bevestigt.")
        self.model.set_rows(self.voorstel)
        self.view.resizeColumnsToContents()
        per = Counter(v.naar_id for v in self.voorstel)
        self.samenvatting.setText("; ".join(
            f"{team[i].naam}: +{n} ({team[i].belasting}→{team[i].belasting + n} van {team[i].capaciteit})"
            for i, n in sorted(per.items(), key=lambda kv: team[kv[0]].naam)) or "Geen dossiers om te verdelen.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.voorstel))

    def uitvoeren(self) -> None:
        self.buttons.setEnabled(False)
        self.progress = QProgressDialog("Dossiers herverdelen…", "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.show()
        voorstel, store, vandaag = self.voorstel, self.store, self.vandaag
        run_in_background(lambda _progress: caseload.voer_herverdeling_uit(store, voorstel, vandaag),
                          on_done=self._klaar, on_error=self._fout)

    def _klaar(self, n: int) -> None:
        self.progress.close()
        self.verplaatst = n
        self.accept()

    def _fout(self, exc: Exception, _tb: str) -> None:
        self.progress.close()
        self.buttons.setEnabled(True)
        if isinstance(exc, StaleEditError):  # one dossier changed meanwhile: nothing moved
            if toon_conflict(self, exc, []):
                self.laad_voorstel()
            return
        QMessageBox.warning(self, "Niet herverdeeld", f"Er is niets gewijzigd.\n\n{exc}")
