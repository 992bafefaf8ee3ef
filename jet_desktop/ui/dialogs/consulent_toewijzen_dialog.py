"""Assign a waiting aanmelding to a consulent, seeing everyone's caseload and capacity."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout

from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, wachtlijst
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.consulent_keuze import ConsulentTabel
from jet_desktop.ui.onopgeslagen import BewaakteInvoer
from jet_desktop.ui.widgets import DateField, ErrorLabel


class ConsulentToewijzenDialog(BewaakteInvoer, QDialog):
    def __init__(self, store: Store, aanmelding_id: uuid.UUID, kop: str, vandaag: date,
                 beoogd: str | None = None, parent=None):
        super().__init__(parent)
        self.store, self.aanmelding_id, self.vandaag = store, aanmelding_id, vandaag
        self.dossier_id: uuid.UUID | None = None
        self.setWindowTitle("Toewijzen aan consulent")
        self.resize(720, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"<b>{escape(kop)}</b><br>Kies de vaste consulent. Groen = ruimte, geel = vol, "
                             "rood = boven capaciteit, grijs = afwezig."))
        self.team = caseload.consulenten(store, vandaag)
        self.tabel = ConsulentTabel()
        self.tabel.load(self.team)
        if beoogd:
            match = next((c for c in self.team if c.naam == beoogd), None)
            if match:
                self.tabel.select_id(match.id)
        if self.tabel.selected() is None and self.team:
            self.tabel.selectRow(0)
        lay.addWidget(self.tabel, 1)
        form = QFormLayout()
        self.tweede = QComboBox()
        self.tweede.addItem("— geen —", None)
        for c in self.team:
            self.tweede.addItem(c.naam, c.id)
        form.addRow("Tweede persoon (bij afwezigheid)", self.tweede)
        self.startdatum = DateField(vandaag)
        form.addRow("Startdatum", self.startdatum)
        lay.addLayout(form)
        self.fout = ErrorLabel()
        lay.addWidget(self.fout)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Toewijzen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.confirm = lambda text: QMessageBox.question(self, "Toewijzen", text) == QMessageBox.StandardButton.Yes
        self.klaar_met_laden()  # closing with changes asks; Ctrl+S assigns

    def invoer_widgets(self):
        return [self.tabel, self.tweede, self.startdatum]

    def bewaar_invoer(self) -> None:
        self.save()

    def save(self) -> None:
        c = self.tabel.selected()
        if c is None:
            self.fout.show_message("Consulent: kies een consulent.")
            return
        try:
            start = self.startdatum.date_or_none()
        except ValueError:
            start = None
        if start is None:
            self.fout.show_message("Startdatum: vul een geldige datum in (dd-mm-jjjj).")
            return
        if c.afwezig_tot is not None and not self.confirm(
                f"{c.naam} is afwezig tot {c.afwezig_tot:%d-%m-%Y}. Toch toewijzen?"):
            return
        tweede = next((t for t in self.team if t.id == self.tweede.currentData()), None)
        if tweede is not None and tweede.afwezig_tot is not None and not self.confirm(
                f"De tweede persoon, {tweede.naam}, is afwezig tot {tweede.afwezig_tot:%d-%m-%Y}. Toch toewijzen?"):
            return
        if c.ruimte <= 0 and not self.confirm(
                f"{c.naam} zit op of boven capaciteit ({c.belasting} van {c.capaciteit}). Toch toewijzen?"):
            return
        try:
            self.dossier_id = wachtlijst.toewijzen(self.store, self.aanmelding_id, c.id, start, self.vandaag,
                                                   self.tweede.currentData())
        except ValidationError as exc:
            self.fout.show_message(" ".join(e.message for e in exc.errors))
            return
        self.gelukt = (f"Toegewezen aan {c.naam}" + (f", tweede persoon {tweede.naam}" if tweede else "")
                       + f"; dossier gestart op {start:%d-%m-%Y}.")
        self.accept()
