"""Register an aanmelding: jeugdige, gezin, verwijzer, hulpvraag, veiligheid en regie."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.enums import Geslacht, HulpvraagCategorie, Regie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.services import aanmeldingen as svc
from jet_desktop.services import codelijsten
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.store import Store
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.onopgeslagen import BewaakteInvoer
from jet_desktop.ui.widgets import DateField, ErrorLabel

RELATIES = ["moeder", "vader", "ouder", "pleegouder", "voogd", "grootouder", "anders"]


class OuderRij(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.naam = QLineEdit(placeholderText="Naam ouder/verzorger")
        self.relatie = QComboBox()
        self.relatie.addItems(RELATIES)
        self.gezag = QCheckBox("gezag")
        self.telefoon = QLineEdit(placeholderText="Telefoon")
        self.telefoon.setMaximumWidth(140)
        for w in (self.naam, self.relatie, self.gezag, self.telefoon):
            lay.addWidget(w)

    def invoer(self) -> svc.OuderInvoer | None:
        if not self.naam.text().strip() and not self.telefoon.text().strip():
            return None
        return svc.OuderInvoer(self.naam.text(), self.relatie.currentText(), self.gezag.isChecked(),
                               self.telefoon.text())


class AanmeldingDialog(BewaakteInvoer, QDialog):
    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store = store
        self.vandaag = vandaag
        self.lijsten = codelijsten.lijsten(store)  # as stored when the form opens (registreer reads them again)
        self.registratie: svc.Registratie | None = None
        self.gezin_id = None
        self.setWindowTitle("Nieuwe aanmelding")
        self.resize(820, 760)
        self.errors: dict[str, ErrorLabel] = {}
        # overridable in tests: asked when the jeugdige is already known
        self.confirm_reuse = self._ask_reuse

        content = QWidget()
        body = QVBoxLayout(content)
        self.summary = ErrorLabel()
        body.addWidget(self.summary)
        body.addWidget(self._jeugdige_box())
        body.addWidget(self._gezin_box())
        body.addWidget(self._verwijzer_box())
        body.addWidget(self._hulpvraag_box())
        body.addWidget(self._regie_box())
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)
        self.klaar_met_laden()  # closing with changes asks; Ctrl+S saves; focus on Voornaam

    # --- layout helpers --------------------------------------------------------
    def _field(self, form: QFormLayout, label: str, widget: QWidget, name: str) -> QWidget:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        err = ErrorLabel()
        lay.addWidget(err)
        self.errors[name] = err
        form.addRow(label, holder)
        return widget

    def _jeugdige_box(self) -> QGroupBox:
        box = QGroupBox("Jeugdige")
        form = QFormLayout(box)
        self.voornaam = self._field(form, "Voornaam *", QLineEdit(), "voornaam")
        self.tussenvoegsel = self._field(form, "Tussenvoegsel", QLineEdit(), "tussenvoegsel")
        self.tussenvoegsel.setMaximumWidth(120)
        self.achternaam = self._field(form, "Achternaam *", QLineEdit(), "achternaam")
        self.ongeboren = QCheckBox("Nog niet geboren (uitgerekende datum invullen)")
        form.addRow("", self.ongeboren)
        self.geboortedatum = self._field(form, "Geboortedatum *", DateField(), "geboortedatum")
        self.uitgerekende_datum = self._field(form, "Uitgerekende datum", DateField(), "uitgerekende_datum")
        self.uitgerekende_datum.setEnabled(False)
        self.ongeboren.toggled.connect(self._toggle_ongeboren)
        self.bsn = self._field(form, "BSN", QLineEdit(placeholderText="9 cijfers (optioneel)"), "bsn")
        self.bsn.setMaximumWidth(160)
        self.geslacht = QComboBox()
        for value, label in Geslacht.choices():
            self.geslacht.addItem(label, value)
        self.geslacht.setCurrentIndex(self.geslacht.findData(Geslacht.ANDERS.value))
        self._field(form, "Geslacht", self.geslacht, "geslacht")
        self.adres = self._field(form, "Adres", QLineEdit(placeholderText="Straat en huisnummer"), "adres")
        pc_row = QWidget()
        pl = QHBoxLayout(pc_row)
        pl.setContentsMargins(0, 0, 0, 0)
        self.postcode = QLineEdit(placeholderText="1234 AB")
        self.postcode.setMaximumWidth(100)
        self.woonplaats = QLineEdit(placeholderText="Woonplaats")
        pl.addWidget(self.postcode)
        pl.addWidget(self.woonplaats)
        self._field(form, "Postcode, plaats", pc_row, "postcode")
        self.errors["woonplaats"] = self.errors["postcode"]  # one row: its messages share the label
        self.wijk = self._field(form, "Wijk", QLineEdit(), "wijk")
        self.school = self._field(form, "School", QLineEdit(), "school")
        self.postcode.editingFinished.connect(self._zoek_gezin)
        self.achternaam.editingFinished.connect(self._zoek_gezin)
        return box

    def _gezin_box(self) -> QGroupBox:
        box = QGroupBox("Gezin — één gezin, één plan")
        lay = QVBoxLayout(box)
        self.gezin_hint = QLabel()
        self.gezin_hint.setWordWrap(True)
        self.gezin_hint.hide()
        hint_row = QHBoxLayout()
        self.gezin_kandidaten = QComboBox()
        self.gezin_kandidaten.hide()
        self.koppel_knop = QPushButton("Koppelen aan dit gezin")
        self.koppel_knop.hide()
        self.koppel_knop.clicked.connect(self._koppel_gezin)
        hint_row.addWidget(self.gezin_kandidaten, 1)
        hint_row.addWidget(self.koppel_knop)
        lay.addWidget(self.gezin_hint)
        lay.addLayout(hint_row)
        lay.addWidget(QLabel("Ouders / verzorgers (vink aan wie gezag heeft):"))
        self.ouders_lay = QVBoxLayout()
        self.ouders: list[OuderRij] = []
        lay.addLayout(self.ouders_lay)
        for _ in range(2):
            self._add_ouder()
        extra = QPushButton("Nog een ouder/verzorger")
        extra.clicked.connect(self._add_ouder)
        lay.addWidget(extra, 0, Qt.AlignmentFlag.AlignLeft)
        err = ErrorLabel()
        self.errors["ouders"] = err
        lay.addWidget(err)
        return box

    def _verwijzer_box(self) -> QGroupBox:
        box = QGroupBox("Verwijzer en aanmelding")
        form = QFormLayout(box)
        self.verwijzer = QComboBox()
        self.verwijzer.addItem("— kies de verwijsroute —", "")
        for r in self.lijsten.aangeboden("verwijzers", self.vandaag):  # not the ended ones
            self.verwijzer.addItem(f"{r.omschrijving}  (iJw {r.ijw_code})", r.route)
        self._field(form, "Verwijzer *", self.verwijzer, "verwijzer_route")
        self.organisatie = self._field(form, "Organisatie", QLineEdit(placeholderText="bijv. Huisartsenpraktijk De Linde"),
                                       "verwijzer_organisatie")
        self.contactpersoon = self._field(form, "Contactpersoon", QLineEdit(), "verwijzer_contactpersoon")
        self.aanmelddatum = self._field(form, "Aanmelddatum *", DateField(self.vandaag), "aanmelddatum")
        return box

    def _hulpvraag_box(self) -> QGroupBox:
        box = QGroupBox("Hulpvraag")
        lay = QVBoxLayout(box)
        self.hulpvraag = QPlainTextEdit()
        self.hulpvraag.setPlaceholderText("Wat is de vraag van de jeugdige en het gezin?")
        self.hulpvraag.setFixedHeight(80)
        lay.addWidget(self.hulpvraag)
        err = ErrorLabel()
        self.errors["hulpvraag"] = err
        lay.addWidget(err)
        grid = QGridLayout()
        self.categorieen: dict[str, QCheckBox] = {}
        for i, (value, label) in enumerate(HulpvraagCategorie.choices()):
            cb = QCheckBox(label)
            self.categorieen[value] = cb
            grid.addWidget(cb, i // 3, i % 3)
        lay.addLayout(grid)
        return box

    def _regie_box(self) -> QGroupBox:
        box = QGroupBox("Veiligheid, regie en netwerk")
        form = QFormLayout(box)
        self.veiligheid = QPlainTextEdit()
        self.veiligheid.setPlaceholderText("Signalen van onveiligheid (leeg als er geen zijn)")
        self.veiligheid.setFixedHeight(60)
        self._field(form, "Veiligheidssignalen", self.veiligheid, "veiligheidssignalen")
        self.regie = QComboBox()
        for value, label in Regie.choices():
            self.regie.addItem(label, value)
        self.regie.setCurrentIndex(self.regie.findData(Regie.ONBEKEND.value))
        self._field(form, "Regie ouders", self.regie, "regie")
        self.steun_naam = self._field(form, "Steunfiguur", QLineEdit(placeholderText="Iemand uit het eigen netwerk"),
                                      "steunfiguur_naam")
        self.steun_relatie = self._field(form, "Relatie steunfiguur", QLineEdit(placeholderText="bijv. oma, buurvrouw"),
                                         "steunfiguur_relatie")
        return box

    # --- behaviour -------------------------------------------------------------
    def _add_ouder(self) -> None:
        rij = OuderRij()
        self.ouders.append(rij)
        self.ouders_lay.addWidget(rij)

    def _toggle_ongeboren(self, on: bool) -> None:
        self.geboortedatum.setEnabled(not on)
        self.uitgerekende_datum.setEnabled(on)
        (self.geboortedatum if on else self.uitgerekende_datum).clear()

    def _zoek_gezin(self) -> None:
        if self.gezin_id is not None:
            return
        kandidaten = svc.mogelijke_broers_zussen(self.store, self.achternaam.text(), self.postcode.text())
        self.gezin_kandidaten.clear()
        for k in kandidaten:
            self.gezin_kandidaten.addItem(f"{k.naam} (geb. {datum(k.geboortedatum)})", k.gezin_id)
        show = bool(kandidaten)
        self.gezin_hint.setText("Mogelijk broer of zus van een bekende jeugdige (zelfde achternaam en postcode):"
                                if show else "")
        for w in (self.gezin_hint, self.gezin_kandidaten, self.koppel_knop):
            w.setVisible(show)

    def _koppel_gezin(self) -> None:
        self.gezin_id = self.gezin_kandidaten.currentData()
        try:
            kinderen, ouders = svc.gezin_van(self.store, self.gezin_id)
        except GeenToegang:  # the gezin of a colleague's dossiers: linked, but its members are not shown
            self.gezin_hint.setText("Gekoppeld aan dit gezin. De gezinsleden worden niet getoond: het gezin hoort "
                                    "bij dossiers van collega's. Nieuwe ouders hieronder worden aan het gezin "
                                    "toegevoegd.")
        else:
            namen = ", ".join(k.naam for k in kinderen)
            ouder_tekst = ", ".join(o.naam + (" (gezag)" if o.gezag else "") for o in ouders) or "nog geen"
            self.gezin_hint.setText(f"Gekoppeld aan het gezin van {namen}. Bekende ouders/verzorgers: {ouder_tekst}. "
                                    "Nieuwe ouders hieronder worden aan het gezin toegevoegd.")
        self.gezin_kandidaten.hide()
        self.koppel_knop.hide()

    def _invoer(self) -> tuple[svc.AanmeldingInvoer, list[FieldError]]:
        errors: list[FieldError] = []

        def parse(field: DateField, name: str, label: str):
            try:
                return field.date_or_none()
            except ValueError:
                errors.append(FieldError(name, f"{label}: geen geldige datum (dd-mm-jjjj)."))
                return None

        invoer = svc.AanmeldingInvoer(
            voornaam=self.voornaam.text(), tussenvoegsel=self.tussenvoegsel.text(), achternaam=self.achternaam.text(),
            geboortedatum=parse(self.geboortedatum, "geboortedatum", "Geboortedatum"),
            uitgerekende_datum=parse(self.uitgerekende_datum, "uitgerekende_datum", "Uitgerekende datum"),
            bsn=self.bsn.text(), geslacht=self.geslacht.currentData(), adres=self.adres.text(),
            postcode=self.postcode.text(), woonplaats=self.woonplaats.text(), wijk=self.wijk.text(),
            school=self.school.text(), ouders=[o for r in self.ouders if (o := r.invoer()) is not None],
            verwijzer_route=self.verwijzer.currentData(), verwijzer_organisatie=self.organisatie.text(),
            verwijzer_contactpersoon=self.contactpersoon.text(),
            aanmelddatum=parse(self.aanmelddatum, "aanmelddatum", "Aanmelddatum"),
            hulpvraag=self.hulpvraag.toPlainText(),
            hulpvraag_categorieen=[v for v, cb in self.categorieen.items() if cb.isChecked()],
            veiligheidssignalen=self.veiligheid.toPlainText(), regie=self.regie.currentData(),
            steunfiguur_naam=self.steun_naam.text(), steunfiguur_relatie=self.steun_relatie.text(),
        )
        # date parse errors first: show_errors keeps the first message per field
        return invoer, errors + svc.valideer(invoer, self.vandaag, self.lijsten)

    def show_errors(self, errors: list[FieldError]) -> None:
        for label in self.errors.values():
            label.show_message(None)
        for e in errors:
            label = self.errors.get(e.field)
            if label is not None and not label.text():
                label.show_message(e.message)
        self.summary.show_message(
            f"Niet opgeslagen: {len(errors)} veld(en) moeten worden verbeterd." if errors else None)

    def _ask_reuse(self, bekende: list[svc.BekendeJeugdige]) -> bool:
        b = bekende[0]
        text = (f"Deze jeugdige is al bekend:\n\n{b.naam}, geboren {datum(b.geboortedatum)}"
                f"{', BSN ' + b.bsn if b.bsn else ''}{', ' + b.woonplaats if b.woonplaats else ''}\n"
                f"{b.aantal_aanmeldingen} eerdere aanmelding(en).\n\n"
                "De nieuwe aanmelding wordt bij deze bekende jeugdige geregistreerd (geen dubbele registratie). Doorgaan?")
        return QMessageBox.question(self, "Bekende jeugdige", text) == QMessageBox.StandardButton.Yes

    def bewaar_invoer(self) -> None:
        self.save()

    def save(self) -> None:
        invoer, errors = self._invoer()
        self.show_errors(errors)
        if errors:
            return
        bestaande = None
        bekende = svc.zoek_bekende_jeugdigen(self.store, invoer)
        if bekende:
            if not self.confirm_reuse(bekende):
                return
            bestaande = bekende[0].id
        try:
            self.registratie = svc.registreer(self.store, invoer, self.vandaag, bestaande_jeugdige_id=bestaande,
                                              gezin_id=self.gezin_id if bestaande is None else None)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.accept()
