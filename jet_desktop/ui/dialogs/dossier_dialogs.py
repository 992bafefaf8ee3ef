"""Dialogs inside a dossier: a contactmoment, closing the dossier."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QSpinBox

from jet_desktop.domain.enums import Afsluitreden, ContactType
from jet_desktop.services import caseload, dossiers
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.caseload_dialogs import DOSSIER_LABELS, dossier_velden
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.wijziging_conflict import Herlading, info_rijen
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.widgets import DateField


class ContactDialog(FormDialog):
    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, parent=None):
        super().__init__("Contactmoment", parent)
        self.store, self.dossier_id, self.vandaag = store, dossier_id, vandaag
        self.datum = self.row("Datum", DateField(vandaag), "datum")
        self.type = QComboBox()
        for value, label in ContactType.choices():
            self.type.addItem(label, value)
        self.row("Type", self.type, "type")
        self.duur = QSpinBox()
        self.duur.setRange(0, 1440)
        self.duur.setSingleStep(15)
        self.duur.setValue(60)
        self.duur.setSuffix(" min")
        self.row("Duur", self.duur, "duur")
        self.notitie = self.row("Notitie", QPlainTextEdit(), "notitie")
        self.notitie.setMinimumHeight(140)
        self.resize(520, 380)
        self.finish_layout()

    def save(self):
        dossiers.voeg_contactmoment_toe(self.store, self.dossier_id, self.date_value(self.datum, "datum", "Datum"),
                                        self.type.currentData(), self.duur.value(), self.notitie.toPlainText(),
                                        self.vandaag)
        self.gelukt = f"Contactmoment van {self.datum.text()} toegevoegd ({self.type.currentText().lower()})."


class AfsluitDialog(FormDialog):
    ok_text = "Dossier afsluiten"

    def __init__(self, store: Store, dossier_id: uuid.UUID, version: int, vandaag: date, parent=None,
                 gelezen: dossiers.DossierDetail | None = None):
        """`gelezen`: the dossier as the window shows it, so that a colleague's change to it can be shown
        when the save is refused."""
        super().__init__("Dossier afsluiten", parent)
        self.store, self.dossier_id, self.version, self.vandaag = store, dossier_id, version, vandaag
        self.gelezen = ({"vaste_consulent": gelezen.consulent, "tweede_persoon": gelezen.tweede or "geen",
                         "afgesloten_op": datum(gelezen.afgesloten_op)} if gelezen else None)
        self.datum = self.row("Einddatum", DateField(vandaag), "datum")
        self.reden = QComboBox()
        for value, label in Afsluitreden.choices():
            self.reden.addItem(label, value)
        self.row("Reden", self.reden, "reden")
        self.toelichting = self.row("Toelichting", QPlainTextEdit(), "toelichting")
        self.toelichting.setFixedHeight(80)
        self.finish_layout()

    def herlaad(self) -> Herlading | None:
        vers = caseload.dossier_rij(self.store, self.dossier_id)  # one read, one audit line
        if vers is None:
            return None
        nu = dossier_velden(vers)

        def overnemen():
            self.version = vers.version
            if self.gelezen is not None:
                self.gelezen = nu

        info = info_rijen(self.gelezen, nu, DOSSIER_LABELS) if self.gelezen is not None else []
        return Herlading({}, overnemen, info, f"Dossier {vers.dossiernummer}")

    def save(self):
        dossiers.sluit_af(self.store, self.dossier_id, self.version, self.date_value(self.datum, "datum", "Einddatum"),
                          self.reden.currentData(), self.toelichting.toPlainText(), self.vandaag)
        self.gelukt = f"Dossier afgesloten per {self.datum.text()} ({self.reden.currentText().lower()})."
