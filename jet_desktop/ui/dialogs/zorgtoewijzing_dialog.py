"""Add or change a toewijzing; end one (Beëindigen)."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from jet_desktop.domain.enums import Contractvorm
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.services import codelijsten, zorg
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.wijziging_conflict import Herlading, info_rijen
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.widgets import DateField, select_data

LABELS = {"productcategorie": "Productcategorie", "product": "Product/profiel", "intensiteit": "Intensiteit",
          "aanbieder": "Aanbieder", "startdatum": "Startdatum", "einddatum": "Einddatum",
          "geschatte_kosten": "Geschatte kosten", "contractvorm": "Contractvorm", "dvo_motivering": "Motivering DVO"}


def _vers(store: Store, dossier_id: uuid.UUID, oud: zorg.ToewijzingRij) -> zorg.ToewijzingRij | None:
    """The toewijzing as stored now; None when it was removed."""
    return next((t for t in zorg.toewijzingen(store, dossier_id) if t.id == oud.id), None)


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem("— kies —", "")
    for value, label in items:
        combo.addItem(label, value)
    return combo


class ZorgtoewijzingDialog(FormDialog):
    """New toewijzing (`bestaand` None) or a change of an existing one."""

    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date,
                 bestaand: zorg.ToewijzingRij | None = None, parent=None):
        super().__init__("Toewijzing wijzigen" if bestaand else "Toewijzing toevoegen", parent)
        self.store, self.dossier_id, self.bestaand = store, dossier_id, bestaand
        # the code lists as stored now: the codes in force today, and the toewijzing's own even when ended
        lijsten = codelijsten.lijsten(store)

        def aangeboden(lijst: str, huidig: str | None) -> list[tuple[str, str]]:
            return [(i.code, i.label) for i in lijsten.aangeboden(lijst, vandaag, huidig)]

        self.categorie = self.row("Productcategorie *", _combo(aangeboden(
            "productcategorieen", bestaand.productcategorie if bestaand else None)), "productcategorie")
        self.product = self.row("Product/profiel *", QLineEdit(placeholderText="bijv. Gezinsbehandeling, profiel 3"),
                                "product")
        self.intensiteit = self.row("Intensiteit *", _combo(aangeboden(
            "intensiteiten", bestaand.intensiteit if bestaand else None)), "intensiteit")
        self.aanbieder = self.row("Aanbieder *", _combo(aangeboden(
            "aanbieders", bestaand.aanbieder if bestaand else None)), "aanbieder")
        self.startdatum = self.row("Startdatum *", DateField(vandaag), "startdatum")
        self.einddatum = self.row("Einddatum", DateField(None), "einddatum")
        self.einddatum.setPlaceholderText("open")
        self.kosten = QSpinBox()
        self.kosten.setRange(0, 2_000_000)
        self.kosten.setSingleStep(500)
        self.kosten.setPrefix("€ ")
        self.kosten.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        self.kosten.setGroupSeparatorShown(True)
        self.row("Geschatte kosten", self.kosten, "geschatte_kosten")
        self.contractvorm = self.row("Contractvorm *", QComboBox(), "contractvorm")
        for value, label in Contractvorm.choices():
            self.contractvorm.addItem(label, value)
        self.motivering = self.row("Motivering DVO", QPlainTextEdit(), "dvo_motivering")
        self.motivering.setPlaceholderText("Alleen bij DVO maatwerk (verplicht): waarom past geen gecontracteerd "
                                           "profiel?")
        self.motivering.setFixedHeight(90)
        self.contractvorm.currentIndexChanged.connect(self._contractvorm_changed)
        if bestaand:
            self._vul(bestaand)
        self._contractvorm_changed()
        self.resize(600, 520)
        self.layout_.addStretch(1)
        self.finish_layout()

    def _vul(self, t: zorg.ToewijzingRij) -> None:
        select_data(self.categorie, t.productcategorie)
        self.product.setText(t.product)
        select_data(self.intensiteit, t.intensiteit)
        select_data(self.aanbieder, t.aanbieder)
        self.startdatum.set_date(t.startdatum)
        self.einddatum.set_date(t.einddatum)
        self.kosten.setValue(t.geschatte_kosten)
        select_data(self.contractvorm, t.contractvorm)
        self.motivering.setPlainText(t.dvo_motivering)

    def is_dvo(self) -> bool:
        return self.contractvorm.currentData() == Contractvorm.DVO.value

    def set_contractvorm(self, value: str) -> None:
        select_data(self.contractvorm, value)

    def _contractvorm_changed(self, *_):
        dvo = self.is_dvo()
        self.motivering.setEnabled(dvo)
        self.form.labelForField(self.motivering.parentWidget()).setText("Motivering DVO *" if dvo else
                                                                        "Motivering DVO")

    def invoer(self) -> zorg.ToewijzingInvoer:
        errors = []
        try:
            start = self.startdatum.date_or_none()
        except ValueError:
            start = None
            errors.append(FieldError("startdatum", "Startdatum: vul een geldige datum in (dd-mm-jjjj)."))
        try:
            eind = self.einddatum.date_or_none()
        except ValueError:
            eind = None
            errors.append(FieldError("einddatum", "Einddatum: vul een geldige datum in (dd-mm-jjjj) of laat leeg."))
        if errors:
            raise ValidationError(errors)
        return zorg.ToewijzingInvoer(
            productcategorie=self.categorie.currentData(), product=self.product.text(),
            intensiteit=self.intensiteit.currentData(), aanbieder=self.aanbieder.currentData(),
            startdatum=start, einddatum=eind, geschatte_kosten=self.kosten.value(),
            contractvorm=self.contractvorm.currentData(),
            dvo_motivering=self.motivering.toPlainText() if self.is_dvo() else "")

    @staticmethod
    def _record(t: zorg.ToewijzingRij) -> dict:
        """The toewijzing in the form's terms (row names, dates as dd-mm-jjjj)."""
        return {**{veld: getattr(t, veld) for veld in LABELS}, "startdatum": datum(t.startdatum),
                "einddatum": datum(t.einddatum)}

    def herlaad(self) -> Herlading | None:
        if self.bestaand is None:  # a new toewijzing has no version to refresh
            return Herlading({}, lambda: None, onderwerp="De toewijzing")
        nu = _vers(self.store, self.dossier_id, self.bestaand)
        if nu is None:
            return None

        def overnemen():
            self.bestaand = nu

        # the base is the toewijzing as this dialog loaded it, not what the widgets made of it
        self.basis = {**self.basis, **self._record(self.bestaand)}
        return Herlading(self._record(nu), overnemen, onderwerp="De toewijzing")

    def save(self):
        if self.bestaand is None:
            zorg.voeg_toewijzing_toe(self.store, self.dossier_id, self.invoer())
            self.gelukt = "Toewijzing toegevoegd."
        else:
            zorg.wijzig_toewijzing(self.store, self.bestaand.id, self.bestaand.version, self.invoer())
            self.gelukt = "Toewijzing gewijzigd."


class BeeindigDialog(FormDialog):
    ok_text = "Beëindigen"

    def __init__(self, store: Store, dossier_id: uuid.UUID, toewijzing: zorg.ToewijzingRij, kop: str, vandaag: date,
                 parent=None):
        super().__init__("Toewijzing beëindigen", parent)
        self.store, self.dossier_id, self.toewijzing = store, dossier_id, toewijzing
        self.layout_.insertWidget(0, QLabel(f"<b>{escape(kop)}</b>"))
        self.einddatum = self.row("Einddatum *", DateField(toewijzing.einddatum or max(vandaag, toewijzing.startdatum)),
                                  "einddatum")
        self.finish_layout()

    def herlaad(self) -> Herlading | None:
        nu = _vers(self.store, self.dossier_id, self.toewijzing)
        if nu is None:
            return None
        oud, vers = ZorgtoewijzingDialog._record(self.toewijzing), ZorgtoewijzingDialog._record(nu)
        ander = {"einddatum": vers["einddatum"]} if vers["einddatum"] != oud["einddatum"] else {}

        def overnemen():
            self.toewijzing = nu

        return Herlading(ander, overnemen, info_rijen(oud, vers, {k: v for k, v in LABELS.items()
                                                                 if k != "einddatum"}), "De toewijzing")

    def save(self):
        zorg.beeindig_toewijzing(self.store, self.toewijzing.id, self.toewijzing.version,
                                 self.date_value(self.einddatum, "einddatum", "Einddatum"))
        self.gelukt = f"Toewijzing beëindigd per {self.einddatum.text()}."
