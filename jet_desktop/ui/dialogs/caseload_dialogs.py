"""Dialogs on a dossier's consulenten: change consulent, second person, klikgesprek, absence."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QRadioButton, QHBoxLayout, QWidget

from jet_desktop.domain.enums import KlikResultaat, WijzigingsReden
from jet_desktop.services import caseload
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.widgets import DateField, select_data


def _consulent_combo(team: list[caseload.ConsulentRij], exclude: set, leeg: str | None = None) -> QComboBox:
    combo = QComboBox()
    if leeg is not None:
        combo.addItem(leeg, None)
    for c in sorted(team, key=lambda c: -c.ruimte):
        if c.id in exclude:
            continue
        extra = f"afwezig tot {c.afwezig_tot:%d-%m-%Y}" if c.afwezig_tot else f"{c.belasting}/{c.capaciteit}"
        combo.addItem(f"{c.naam}  ({extra})", c.id)
    return combo


class WisselDialog(FormDialog):
    """Another primary consulent, with a reason (kept in the history)."""

    ok_text = "Wijzigen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Andere consulent — {dossier.dossiernummer}", parent)
        self.store, self.dossier, self.vandaag = store, dossier, vandaag
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
        self.layout_.insertWidget(0, QLabel(f"<b>{dossier.naam}</b> — nu bij {dossier.consulent}"))
        self.naar = self.row("Nieuwe consulent", _consulent_combo(team, {current}), "consulent")
        self.reden = QComboBox()
        for value, label in WijzigingsReden.choices():
            if value not in (WijzigingsReden.TOEWIJZING.value, WijzigingsReden.TWEEDE.value):
                self.reden.addItem(label, value)
        self.row("Reden", self.reden, "reden")
        self.toelichting = self.row("Toelichting", QPlainTextEdit(), "toelichting")
        self.toelichting.setFixedHeight(70)
        self.datum = self.row("Per datum", DateField(vandaag), "datum")
        self.finish_layout()

    def save(self):
        caseload.wijzig_consulent(self.store, self.dossier.dossier_id, self.dossier.version, self.naar.currentData(),
                                  self.reden.currentData(), self.date_value(self.datum, "datum", "Per datum"),
                                  self.toelichting.toPlainText())


class TweedeDialog(FormDialog):
    ok_text = "Vastleggen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Tweede persoon — {dossier.dossiernummer}", parent)
        self.store, self.dossier, self.vandaag = store, dossier, vandaag
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
        self.layout_.insertWidget(0, QLabel(f"<b>{dossier.naam}</b> — vaste consulent {dossier.consulent}; "
                                            "de tweede persoon neemt waar bij afwezigheid."))
        self.tweede = self.row("Tweede persoon", _consulent_combo(team, {current}, "— geen —"), "tweede_consulent")
        if dossier.tweede_consulent_id:
            select_data(self.tweede, dossier.tweede_consulent_id)
        self.finish_layout()

    def save(self):
        caseload.zet_tweede_persoon(self.store, self.dossier.dossier_id, self.dossier.version,
                                    self.tweede.currentData(), self.vandaag)


class KlikDialog(FormDialog):
    """The klikgesprek; 'geen klik' asks for the new consulent and reassigns."""

    ok_text = "Vastleggen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Klikgesprek — {dossier.dossiernummer}", parent)
        self.store, self.dossier = store, dossier
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
        self.layout_.insertWidget(0, QLabel(f"<b>{dossier.naam}</b> met {dossier.consulent}: is er een klik?"))
        keuze = QWidget()
        hl = QHBoxLayout(keuze)
        hl.setContentsMargins(0, 0, 0, 0)
        self.klik = QRadioButton(KlikResultaat.KLIK.label)
        self.geen_klik = QRadioButton(KlikResultaat.GEEN_KLIK.label)
        self.klik.setChecked(True)
        hl.addWidget(self.klik)
        hl.addWidget(self.geen_klik)
        hl.addStretch(1)
        self.row("Resultaat", keuze, "resultaat")
        self.nieuw = self.row("Nieuwe consulent", _consulent_combo(team, {current}, "— kies bij geen klik —"),
                              "consulent")
        self.nieuw.setEnabled(False)
        self.geen_klik.toggled.connect(self.nieuw.setEnabled)
        self.toelichting = self.row("Toelichting", QPlainTextEdit(), "toelichting")
        self.toelichting.setFixedHeight(70)
        self.datum = self.row("Datum gesprek", DateField(vandaag), "datum")
        self.finish_layout()

    def save(self):
        resultaat = KlikResultaat.GEEN_KLIK if self.geen_klik.isChecked() else KlikResultaat.KLIK
        caseload.registreer_klikgesprek(
            self.store, self.dossier.dossier_id, self.dossier.version, resultaat.value,
            self.date_value(self.datum, "datum", "Datum gesprek"), self.toelichting.toPlainText(),
            self.nieuw.currentData() if resultaat is KlikResultaat.GEEN_KLIK else None)


class AfwezigDialog(FormDialog):
    ok_text = "Afwezig melden"

    def __init__(self, store: Store, consulent: caseload.ConsulentRij, vandaag: date, parent=None):
        super().__init__(f"Afwezigheid — {consulent.naam}", parent)
        self.store, self.consulent = store, consulent
        self.afwezigheid_id: uuid.UUID | None = None
        self.van = self.row("Van", DateField(vandaag), "van")
        self.tot = self.row("Tot en met", DateField(), "tot")
        self.reden = self.row("Reden", QComboBox(), "reden")
        self.reden.addItems(["Ziekte", "Verlof", "Piekbelasting elders", "Anders"])
        self.finish_layout()

    def save(self):
        self.afwezigheid_id = caseload.markeer_afwezig(
            self.store, self.consulent.id, self.date_value(self.van, "van", "Van"),
            self.date_value(self.tot, "tot", "Tot en met"), self.reden.currentText())
