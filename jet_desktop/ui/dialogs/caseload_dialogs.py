"""Dialogs on a dossier's consulenten: change consulent, second person, klikgesprek, absence."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QRadioButton, QWidget

from jet_desktop.domain.enums import KlikResultaat, WijzigingsReden
from jet_desktop.services import caseload
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.wijziging_conflict import Herlading, info_rijen
from jet_desktop.ui.formatting import datum
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


DOSSIER_LABELS = {"vaste_consulent": "Vaste consulent", "tweede_persoon": "Tweede persoon",
                  "afgesloten_op": "Dossier afgesloten op"}  # names apart from the forms' own fields


def dossier_velden(d: caseload.DossierRij) -> dict[str, str]:
    """What another user may have changed in a dossier while a form on it was open, as it reads."""
    return {"vaste_consulent": d.consulent, "tweede_persoon": d.tweede or "geen",
            "afgesloten_op": datum(d.afgesloten_op)}


class DossierFormDialog(FormDialog):
    """A form on one dossier (its version is checked on save); the heading names the dossier's consulent."""

    def __init__(self, title: str, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(title, parent)
        self.store, self.dossier, self.vandaag = store, dossier, vandaag
        self.kop = QLabel(self.kop_tekst())
        self.kop.setWordWrap(True)
        self.layout_.insertWidget(0, self.kop)

    def kop_tekst(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def herlaad(self) -> Herlading | None:
        """The dossier row as stored now (one read, one audit line: caseload.dossier_rij); the other
        user's changes to it are shown in the merge, the form's own fields are the user's."""
        vers = caseload.dossier_rij(self.store, self.dossier.dossier_id)
        if vers is None:
            return None
        vers = replace(vers, is_tweede=self.dossier.is_tweede)
        return Herlading(self.vers_in_formulier(vers), lambda: self.neem_over(vers),
                         info_rijen(dossier_velden(self.dossier), dossier_velden(vers), self.info_labels()),
                         f"Dossier {self.dossier.dossiernummer}")

    def vers_in_formulier(self, vers: caseload.DossierRij) -> dict[str, object]:
        """The fresh dossier's values for the form's own fields; none by default (a klikgesprek, a wissel:
        the form holds a new entry, no field of the dossier)."""
        return {}

    def info_labels(self) -> dict[str, str]:
        return DOSSIER_LABELS

    def neem_over(self, vers: caseload.DossierRij) -> None:
        self.dossier = vers
        self.kop.setText(self.kop_tekst())


class WisselDialog(DossierFormDialog):
    """Another primary consulent, with a reason (kept in the history)."""

    ok_text = "Wijzigen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Andere consulent — {dossier.dossiernummer}", store, dossier, vandaag, parent)
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
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

    def kop_tekst(self) -> str:
        return f"<b>{escape(self.dossier.naam)}</b> — nu bij {escape(self.dossier.consulent)}"

    def save(self):
        caseload.wijzig_consulent(self.store, self.dossier.dossier_id, self.dossier.version, self.naar.currentData(),
                                  self.reden.currentData(), self.date_value(self.datum, "datum", "Per datum"),
                                  self.toelichting.toPlainText())
        self.gelukt = f"Dossier {self.dossier.dossiernummer}: vaste consulent is nu {self.naar.currentText()}."


class TweedeDialog(DossierFormDialog):
    ok_text = "Vastleggen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Tweede persoon — {dossier.dossiernummer}", store, dossier, vandaag, parent)
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
        self.tweede = self.row("Tweede persoon", _consulent_combo(team, {current}, "— geen —"), "tweede_consulent")
        if dossier.tweede_consulent_id:
            select_data(self.tweede, dossier.tweede_consulent_id)
        self.finish_layout()

    def kop_tekst(self) -> str:
        return (f"<b>{escape(self.dossier.naam)}</b> — vaste consulent {escape(self.dossier.consulent)}; "
                "de tweede persoon neemt waar bij afwezigheid.")

    def vers_in_formulier(self, vers: caseload.DossierRij) -> dict[str, object]:
        return {"tweede_consulent": vers.tweede_consulent_id}

    def info_labels(self) -> dict[str, str]:
        return {k: v for k, v in DOSSIER_LABELS.items() if k != "tweede_persoon"}  # the form's own field

    def save(self):
        caseload.zet_tweede_persoon(self.store, self.dossier.dossier_id, self.dossier.version,
                                    self.tweede.currentData(), self.vandaag)
        self.gelukt = (f"Dossier {self.dossier.dossiernummer}: tweede persoon is nu {self.tweede.currentText()}."
                       if self.tweede.currentData() else f"Dossier {self.dossier.dossiernummer}: geen tweede persoon meer.")


class KlikDialog(DossierFormDialog):
    """The klikgesprek; 'geen klik' asks for the new consulent and reassigns."""

    ok_text = "Vastleggen"

    def __init__(self, store: Store, dossier: caseload.DossierRij, vandaag: date, parent=None):
        super().__init__(f"Klikgesprek — {dossier.dossiernummer}", store, dossier, vandaag, parent)
        team = caseload.consulenten(store, vandaag)
        current = next((c.id for c in team if c.naam == dossier.consulent), None)
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

    def kop_tekst(self) -> str:
        return f"<b>{escape(self.dossier.naam)}</b> met {escape(self.dossier.consulent)}: is er een klik?"

    def save(self):
        resultaat = KlikResultaat.GEEN_KLIK if self.geen_klik.isChecked() else KlikResultaat.KLIK
        caseload.registreer_klikgesprek(
            self.store, self.dossier.dossier_id, self.dossier.version, resultaat.value,
            self.date_value(self.datum, "datum", "Datum gesprek"), self.toelichting.toPlainText(),
            self.nieuw.currentData() if resultaat is KlikResultaat.GEEN_KLIK else None)
        self.gelukt = (f"Klikgesprek vastgelegd voor dossier {self.dossier.dossiernummer}: {resultaat.label.lower()}"
                       + (f"; nieuwe consulent {self.nieuw.currentText()}." if resultaat is KlikResultaat.GEEN_KLIK
                          else "."))


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
        self.gelukt = (f"{self.consulent.naam} is afwezig gemeld van {self.van.text()} tot en met {self.tot.text()}.")
