"""Correcting what was saved in a dossier (services/correcties.py): the jeugdige, the gezin and its
gezinsleden, the aanmelding's details and a contactmoment.

Every dialog is a FormDialog with named rows and a `herlaad()`: a refused stale save of a record that still
exists opens the three-way merge (ui/samenvoegen.py, via FormDialog.conflict) over the fields as loaded, as
stored now and as typed; a record removed meanwhile shows the typed text to copy. Each dialog reads the
record it corrects when it opens (an audited read)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from jet_desktop.domain.enums import ContactType, Geslacht, HulpvraagCategorie, Regie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.services import codelijsten, correcties
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.wijziging_conflict import Herlading, toon_conflict
from jet_desktop.ui.formatting import datum, parse_datum
from jet_desktop.ui.widgets import DateField, select_data


class CheckGroep(QWidget):
    """A grid of check boxes, one per code; its value is the list of checked codes (in list order)."""

    def __init__(self, items: list[tuple[str, str]], kolommen: int = 3, parent=None):
        super().__init__(parent)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.vakjes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(items):
            cb = QCheckBox(label)
            self.vakjes[code] = cb
            lay.addWidget(cb, i // kolommen, i % kolommen)

    def codes(self) -> list[str]:
        return [c for c, cb in self.vakjes.items() if cb.isChecked()]

    def zet(self, codes: list[str]) -> None:
        for c, cb in self.vakjes.items():
            cb.setChecked(c in codes)


def _combo(items: list[tuple[str, str]], leeg: str | None = None) -> QComboBox:
    combo = QComboBox()
    if leeg is not None:
        combo.addItem(leeg, "")
    for value, label in items:
        combo.addItem(label, value)
    return combo


def _lees(w: QWidget) -> Any:
    """A field's value in 'form shape' (dates as the typed text): comparable with `_als_form`."""
    if isinstance(w, CheckGroep):
        return w.codes()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QComboBox):
        return w.currentData()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    return w.text()


def _zet(w: QWidget, v: Any) -> None:
    if isinstance(w, CheckGroep):
        w.zet(v)
    elif isinstance(w, QCheckBox):
        w.setChecked(bool(v))
    elif isinstance(w, QComboBox):
        select_data(w, v)
    elif isinstance(w, QSpinBox):
        w.setValue(int(v))
    elif isinstance(w, QPlainTextEdit):
        w.setPlainText(v)
    else:
        w.setText(v)


def _als_form(w: QWidget, v: Any) -> Any:
    """A stored value in form shape."""
    if isinstance(w, DateField):
        return datum(v)
    if isinstance(w, CheckGroep):
        return list(v)
    if isinstance(w, QCheckBox):
        return bool(v)
    if isinstance(w, QSpinBox):
        return int(v)
    return v if v is not None else ""


class CorrectieDialog(FormDialog):
    """A correction form over one record. Subclasses add fields with `veld`, implement `lees()` (the record
    as stored now: (version, values by field name) or None when it is gone) and `opslaan(values)`."""

    def __init__(self, store: Store, titel: str, labels: dict[str, str], parent=None):
        super().__init__(titel, parent)
        self.store = store
        self.labels = {k: v.lower() if k != "bsn" else v for k, v in labels.items()}
        self.w: dict[str, QWidget] = {}
        self.version = 0
        self.geladen: dict[str, Any] = {}

    def veld(self, label: str, widget: QWidget, name: str) -> QWidget:
        self.w[name] = self.row(label, widget, name)
        return widget

    def reden_veld(self) -> None:
        self.toelichting = self.row("Reden van de correctie", QLineEdit(placeholderText="optioneel, bijv. "
                                                                                       "'typefout bij aanmelding'"),
                                    "toelichting")

    def vul(self) -> bool:
        """Read the record and fill the form; False when it is gone."""
        nu = self.lees()
        if nu is None:
            return False
        self.version, waarden = nu
        self.geladen = {k: _als_form(self.w[k], v) for k, v in waarden.items()}
        for k, v in self.geladen.items():
            _zet(self.w[k], v)
        return True

    def formulier(self) -> dict[str, Any]:
        return {k: _lees(w) for k, w in self.w.items()}

    def _ruw(self, k: str, v: Any) -> Any:
        """A value in form shape (`_als_form`) in the terms of `veld_ruw`, the merge's terms."""
        w = self.w[k]
        if isinstance(w, CheckGroep):
            return ", ".join(cb.text() for c, cb in w.vakjes.items() if c in v)
        return v

    def herlaad(self) -> Herlading | None:
        """The record as stored now, for the merge; None when it is gone. The form takes the fresh version
        only once the user merged (`overnemen`)."""
        nu = self.lees()
        if nu is None:
            return None
        version, waarden = nu
        vers = {k: _als_form(self.w[k], v) for k, v in waarden.items()}

        def overnemen() -> None:
            self.version, self.geladen = version, vers

        return Herlading({k: self._ruw(k, v) for k, v in vers.items()}, overnemen,
                         onderwerp=self.windowTitle().replace(" corrigeren", "").replace(" wijzigen", ""))

    def invoer(self) -> dict[str, Any]:
        """The form's values for the service: dates parsed (a bad date names its field)."""
        errors, uit = [], {}
        for k, w in self.w.items():
            v = _lees(w)
            if isinstance(w, DateField):
                try:
                    v = parse_datum(v) if v.strip() else None
                except ValueError:
                    errors.append(FieldError(k, f"{self.labels[k].capitalize()}: vul een geldige datum in "
                                                "(dd-mm-jjjj) of laat leeg."))
            uit[k] = v
        if errors:
            raise ValidationError(errors)
        return uit

    def save(self):
        self.opslaan(self.invoer(), self.toelichting.text())

    def lees(self) -> tuple[int, dict[str, Any]] | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def opslaan(self, waarden: dict[str, Any], toelichting: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


# ------------------------------------------------------------------------------------------ the jeugdige

class JeugdigeDialog(CorrectieDialog):
    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, parent=None):
        super().__init__(store, "Gegevens van de jeugdige corrigeren", correcties.JEUGDIGE_VELDEN, parent)
        self.dossier_id, self.vandaag = dossier_id, vandaag
        self.veld("Voornaam *", QLineEdit(), "voornaam")
        self.veld("Tussenvoegsel", QLineEdit(), "tussenvoegsel")
        self.veld("Achternaam *", QLineEdit(), "achternaam")
        self.veld("Geboortedatum", DateField(), "geboortedatum")
        self.veld("Uitgerekende datum", DateField(), "uitgerekende_datum")
        self.veld("BSN", QLineEdit(placeholderText="negen cijfers (optioneel)"), "bsn")
        self.veld("Geslacht", _combo(Geslacht.choices()), "geslacht")
        self.veld("Adres", QLineEdit(), "adres")
        self.veld("Postcode", QLineEdit(), "postcode")
        self.veld("Woonplaats", QLineEdit(), "woonplaats")
        self.veld("Wijk", QLineEdit(), "wijk")
        self.veld("School", QLineEdit(), "school")
        self.reden_veld()
        self.vul()
        self.finish_layout()
        self.resize(540, self.sizeHint().height())

    def lees(self):
        j = correcties.gegevens(self.store, self.dossier_id).jeugdige
        return j.version, vars(j.invoer)

    def opslaan(self, waarden, toelichting):
        self.version = correcties.corrigeer_jeugdige(self.store, self.dossier_id, self.version,
                                                     correcties.JeugdigeInvoer(**waarden), self.vandaag, toelichting)


# ------------------------------------------------------------------------------------------ gezin

class GezinslidDialog(CorrectieDialog):
    """A new gezinslid (`lid` None) or a correction of one."""

    def __init__(self, store: Store, dossier_id: uuid.UUID, lid: correcties.GezinslidRij | None = None, parent=None):
        super().__init__(store, "Gezinslid corrigeren" if lid else "Gezinslid toevoegen",
                         correcties.GEZINSLID_VELDEN, parent)
        self.dossier_id, self.lid_id = dossier_id, lid.id if lid else None
        self.veld("Naam *", QLineEdit(), "naam")
        self.veld("Relatie", QLineEdit(placeholderText="ouder, moeder, vader, pleegouder, voogd…"), "relatie")
        self.veld("Gezag", QCheckBox("heeft het gezag"), "gezag")
        self.veld("Telefoon", QLineEdit(), "telefoon")
        self.reden_veld()
        if lid is None:
            self.w["relatie"].setText("ouder")
        else:
            self.vul()
        self.finish_layout()
        self.resize(460, self.sizeHint().height())

    def lees(self):
        if self.lid_id is None:
            return 0, {}
        lid = next((r for r in correcties.gegevens(self.store, self.dossier_id).gezin.leden if r.id == self.lid_id),
                   None)
        return None if lid is None else (lid.version, vars(lid.invoer))

    def herlaad(self):
        return None if self.lid_id is None else super().herlaad()

    def opslaan(self, waarden, toelichting):
        invoer = correcties.GezinslidInvoer(**waarden)
        if self.lid_id is None:
            self.lid_id = correcties.voeg_gezinslid_toe(self.store, self.dossier_id, invoer, toelichting)
            self.version = 1
        else:
            self.version = correcties.corrigeer_gezinslid(self.store, self.dossier_id, self.lid_id, self.version,
                                                          invoer, toelichting)


class GezinDialog(CorrectieDialog):
    """The gezin's name (saved with Opslaan) and its gezinsleden (each added, corrected or removed at once,
    in a dialog of its own)."""

    def __init__(self, store: Store, dossier_id: uuid.UUID, parent=None):
        super().__init__(store, "Gezin en gezinsleden corrigeren", correcties.GEZIN_VELDEN, parent)
        self.dossier_id = dossier_id
        self.veld("Naam van het gezin *", QLineEdit(), "naam")
        self.reden_veld()
        self.layout_.addWidget(QLabel("<b>Ouders / verzorgers</b> <span style='color:#555'>(toevoegen, "
                                      "corrigeren en verwijderen wordt meteen opgeslagen)</span>"))
        self.leden = QListWidget()
        self.leden.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.leden.itemDoubleClicked.connect(lambda *_: self.lid_wijzigen())
        self.layout_.addWidget(self.leden, 1)
        knoppen = QHBoxLayout()
        self.lid_toevoegen_knop = QPushButton("Gezinslid toevoegen…")
        self.lid_wijzigen_knop = QPushButton("Corrigeren…")
        self.lid_verwijderen_knop = QPushButton("Verwijderen…")
        for knop, actie in ((self.lid_toevoegen_knop, self.lid_toevoegen), (self.lid_wijzigen_knop, self.lid_wijzigen),
                            (self.lid_verwijderen_knop, self.lid_verwijderen)):
            knop.setAutoDefault(False)
            knop.clicked.connect(actie)
            knoppen.addWidget(knop)
        knoppen.addStretch(1)
        self.layout_.addLayout(knoppen)
        self.leden.currentRowChanged.connect(self._selectie)
        self._gegevens: correcties.Gegevens | None = None
        self.vul()
        self.resize(560, 460)
        self.finish_layout()

    def lees(self):
        self._gegevens = correcties.gegevens(self.store, self.dossier_id)
        self._toon_leden(self._gegevens.gezin.leden)
        return self._gegevens.gezin.version, {"naam": self._gegevens.gezin.naam}

    def _toon_leden(self, leden: list[correcties.GezinslidRij]) -> None:
        self.leden.clear()
        for lid in leden:
            o = lid.invoer
            item = QListWidgetItem(f"{o.naam} ({o.relatie}{', gezag' if o.gezag else ''})"
                                   f"{' — ' + o.telefoon if o.telefoon else ''}")
            item.setData(Qt.ItemDataRole.UserRole, lid)
            self.leden.addItem(item)
        self._selectie()

    def _selectie(self, *_):
        gekozen = self.gekozen_lid() is not None
        self.lid_wijzigen_knop.setEnabled(gekozen)
        self.lid_verwijderen_knop.setEnabled(gekozen)

    def gekozen_lid(self) -> correcties.GezinslidRij | None:
        item = self.leden.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _leden_opnieuw(self) -> None:
        """Only the list is read again: the name field and its version stay as loaded (the lock)."""
        self._toon_leden(correcties.gegevens(self.store, self.dossier_id).gezin.leden)

    def lid_toevoegen(self) -> None:
        if GezinslidDialog(self.store, self.dossier_id, None, self).exec():
            self._leden_opnieuw()

    def lid_wijzigen(self) -> None:
        lid = self.gekozen_lid()
        if lid is not None and GezinslidDialog(self.store, self.dossier_id, lid, self).exec():
            self._leden_opnieuw()

    def lid_verwijderen(self) -> None:
        lid = self.gekozen_lid()
        if lid is None:
            return
        if QMessageBox.question(self, "Gezinslid verwijderen",
                                f"{lid.invoer.naam} verwijderen uit het gezin?\nHet gezinslid verdwijnt uit de "
                                "lijsten; de gegevens blijven bewaard in de geschiedenis.",
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        _verwijder(self, lambda: correcties.verwijder_gezinslid(self.store, self.dossier_id, lid.id, lid.version))
        self._leden_opnieuw()

    def opslaan(self, waarden, toelichting):
        self.version = correcties.corrigeer_gezin(self.store, self.dossier_id, self.version, waarden["naam"],
                                                  toelichting)


def _verwijder(parent: QWidget, actie: Callable[[], object]) -> bool:
    """Run a removal; a stale one (someone changed or removed it first) shows the conflict dialog."""
    try:
        actie()
    except StaleEditError as exc:
        toon_conflict(parent, exc, [], kan_herladen=False)
        return False
    except (ValidationError, GeenToegang) as exc:
        QMessageBox.warning(parent, "Niet verwijderd", str(exc))
        return False
    return True


# ------------------------------------------------------------------------------------------ aanmelding

class AanmeldingDetailsDialog(CorrectieDialog):
    def __init__(self, store: Store, dossier_id: uuid.UUID, parent=None):
        super().__init__(store, "Aanmelding corrigeren", correcties.AANMELDING_VELDEN_CORRIGEERBAAR, parent)
        self.dossier_id = dossier_id
        self.kop = QLabel()
        self.kop.setWordWrap(True)
        self.layout_.insertWidget(0, self.kop)
        # every route as stored now; an ended one is marked (the aanmelding may hold it; switching to it is refused)
        routes = [(r.route, f"{r.omschrijving}  (iJw {r.ijw_code})"
                            + (f"  — beëindigd per {r.geldig_tot:%d-%m-%Y}" if r.geldig_tot else ""))
                  for r in codelijsten.lijsten(store).verwijzers]
        self.veld("Verwijzer *", _combo(routes, "— kies de verwijsroute —"), "verwijzer_route")
        self.veld("Organisatie", QLineEdit(), "verwijzer_organisatie")
        self.veld("Contactpersoon", QLineEdit(), "verwijzer_contactpersoon")
        hulpvraag = self.veld("Hulpvraag *", QPlainTextEdit(), "hulpvraag")
        hulpvraag.setFixedHeight(90)
        self.veld("Categorieën", CheckGroep(HulpvraagCategorie.choices()), "hulpvraag_categorieen")
        signalen = self.veld("Veiligheidssignalen", QPlainTextEdit(), "veiligheidssignalen")
        signalen.setFixedHeight(60)
        self.veld("Regie ouders", _combo(Regie.choices()), "regie")
        self.veld("Steunfiguur: naam", QLineEdit(), "steunfiguur_naam")
        self.veld("Steunfiguur: relatie", QLineEdit(), "steunfiguur_relatie")
        self.reden_veld()
        self.vul()
        self.resize(680, 640)
        self.finish_layout()

    def lees(self):
        a = correcties.gegevens(self.store, self.dossier_id).aanmelding
        self.kop.setText(f"Aanmelddatum <b>{escape(datum(a.aanmelddatum))}</b> <span style='color:#555'>(niet te "
                         "corrigeren: de wachttijd telt vanaf deze datum)</span>")
        return a.version, vars(a.details)

    def opslaan(self, waarden, toelichting):
        self.version = correcties.corrigeer_aanmelding(self.store, self.dossier_id, self.version,
                                                       correcties.AanmeldingDetails(**waarden), toelichting)


# ------------------------------------------------------------------------------------------ contactmoment

class ContactmomentWijzigDialog(CorrectieDialog):
    def __init__(self, store: Store, contactmoment_id: uuid.UUID, vandaag: date, parent=None):
        super().__init__(store, "Contactmoment wijzigen", correcties.CONTACT_VELDEN, parent)
        self.contactmoment_id, self.vandaag = contactmoment_id, vandaag
        self.veld("Datum *", DateField(), "datum")
        self.veld("Type *", _combo(ContactType.choices()), "type")
        duur = QSpinBox()
        duur.setRange(0, 1440)
        duur.setSingleStep(15)
        duur.setSuffix(" min")
        self.veld("Duur", duur, "duur_minuten")
        self.errors["duur"] = self.errors["duur_minuten"]  # the service names it "duur"
        notitie = self.veld("Notitie *", QPlainTextEdit(), "notitie")
        notitie.setMinimumHeight(140)
        self.reden_veld()
        self.vul()
        self.resize(520, 420)
        self.finish_layout()

    def lees(self):
        try:
            c = correcties.contactmoment(self.store, self.contactmoment_id)
        except StaleEditError:  # removed meanwhile
            return None
        return c.version, vars(c.invoer)

    def opslaan(self, waarden, toelichting):
        self.version = correcties.wijzig_contactmoment(self.store, self.contactmoment_id, self.version,
                                                       correcties.ContactInvoer(**waarden), self.vandaag, toelichting)


def verwijder_contactmoment(parent: QWidget, store: Store, contactmoment_id: uuid.UUID, version: int,
                            omschrijving: str) -> bool:
    """Ask, then set the tombstone on the version the list showed; True when it was removed."""
    if QMessageBox.question(parent, "Contactmoment verwijderen",
                            f"{omschrijving} verwijderen?\nHet verdwijnt uit de lijst en telt niet meer mee in de "
                            "overzichten; het blijft bewaard in de geschiedenis van het dossier.",
                            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                            QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
        return None
    return _verwijder(parent, lambda: correcties.verwijder_contactmoment(store, contactmoment_id, version))


__all__ = ["AanmeldingDetailsDialog", "CheckGroep", "ContactmomentWijzigDialog", "GezinDialog", "GezinslidDialog",
           "JeugdigeDialog", "verwijder_contactmoment"]
