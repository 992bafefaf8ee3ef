"""Take or revise a triagebesluit; earlier decisions are shown as history."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.enums import TriageUitkomst, Urgentie
from jet_desktop.domain.errors import ValidationError
from jet_desktop.domain.samenvoegen import versies_uit
from jet_desktop.services import medewerkers, triage
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.wijziging_conflict import ingevuld, niet_opgeslagen, toon_conflict
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.formulier import toon_meldingen_geheel
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy
from jet_desktop.ui.onopgeslagen import BewaakteInvoer
from jet_desktop.ui.samenvoegen import samenvoegen
from jet_desktop.ui.veldwaarden import veld_ruw, weergave, zet_veld_waarde
from jet_desktop.ui.widgets import DateField, ErrorLabel

HISTORIE_KOLOMMEN = [
    Column("Besloten op", lambda b: b.besloten_op),
    Column("Uitkomst", lambda b: b.uitkomst.label),
    Column("Urgentie", lambda b: b.urgentie.label),
    Column("Organisatie", lambda b: b.organisatie),
    Column("Motivering", lambda b: b.motivering),
    Column("Besloten door", lambda b: b.besloten_door),
    Column("Status", lambda b: "geldend" if b.actueel else "herzien"),
]


class TriageDialog(BewaakteInvoer, QDialog):
    def __init__(self, store: Store, aanmelding_id: uuid.UUID, version: int, kop: str, vandaag: date,
                 toelichting: str = "", parent=None):
        super().__init__(parent)
        self.store, self.aanmelding_id, self.version, self.vandaag = store, aanmelding_id, version, vandaag
        self.kop = kop
        self.resize(760, 640)
        lay = QVBoxLayout(self)
        head = QLabel(f"<b>{escape(kop)}</b><br>{escape(toelichting).replace(chr(10), '<br>')}")  # rich text: escaped
        head.setWordWrap(True)
        lay.addWidget(head)

        self.historie_box = QGroupBox("Eerdere besluiten (blijven bewaard)")
        bl = QVBoxLayout(self.historie_box)
        self.historie_model = RowTableModel(HISTORIE_KOLOMMEN, self)
        self.historie_view = QTableView()
        self.historie_view.setModel(make_proxy(self.historie_model))
        self.historie_view.setMaximumHeight(130)
        self.historie_view.horizontalHeader().setStretchLastSection(True)
        bl.addWidget(self.historie_view)
        lay.addWidget(self.historie_box)
        self._toon_historie()

        form_box = QGroupBox("Besluit")
        form = QFormLayout(form_box)
        self.errors: dict[str, ErrorLabel] = {}
        self.velden: list[tuple[str, QWidget]] = []  # (label, field), for the conflict dialog
        self.benoemd: dict[str, tuple[str, QWidget]] = {}  # row name -> (label, field), for the merge
        uitkomsten = QWidget()
        ul = QVBoxLayout(uitkomsten)
        ul.setContentsMargins(0, 0, 0, 0)
        self.uitkomst_group = QButtonGroup(self)
        self.uitkomst_knoppen: dict[str, QRadioButton] = {}
        for value, label in TriageUitkomst.choices():
            rb = QRadioButton(label)
            self.uitkomst_group.addButton(rb)
            self.uitkomst_knoppen[value] = rb
            ul.addWidget(rb)
            rb.toggled.connect(self._uitkomst_changed)
        self._row(form, "Uitkomst *", uitkomsten, "uitkomst")
        self.organisatie = self._row(form, "Organisatie", QLineEdit(placeholderText="Naar welke organisatie?"),
                                     "organisatie")
        urg = QWidget()
        hl = QHBoxLayout(urg)
        hl.setContentsMargins(0, 0, 0, 0)
        self.urgentie_group = QButtonGroup(self)
        self.urgentie_knoppen: dict[str, QRadioButton] = {}
        for value, label in Urgentie.choices():
            rb = QRadioButton(label)
            self.urgentie_group.addButton(rb)
            self.urgentie_knoppen[value] = rb
            hl.addWidget(rb)
        hl.addStretch(1)
        self._row(form, "Urgentie *", urg, "urgentie")
        self.consulent = QComboBox()
        self.consulent.addItem("— nog niet bekend —", None)
        for m in medewerkers.alle(store):
            if m.rol.value == "jeugdconsulent":
                self.consulent.addItem(m.naam, m.id)
        self._row(form, "Beoogd consulent", self.consulent, "beoogd_consulent")
        self.motivering = QPlainTextEdit()
        self.motivering.setPlaceholderText("Waarom dit besluit? (verplicht)")
        self.motivering.setFixedHeight(90)
        self._row(form, "Motivering *", self.motivering, "motivering")
        self.besloten_op = self._row(form, "Besloten op *", DateField(vandaag), "besloten_op")
        lay.addWidget(form_box)
        self.algemeen = ErrorLabel()
        lay.addWidget(self.algemeen)

        if self.historie:  # start from the decision in force
            huidig = next(b for b in self.historie if b.actueel)
            self.uitkomst_knoppen[huidig.uitkomst.value].setChecked(True)
            self.urgentie_knoppen[huidig.urgentie.value].setChecked(True)
            self.organisatie.setText(huidig.organisatie)
        else:
            self.urgentie_knoppen[Urgentie.NORMAAL.value].setChecked(True)
        self._uitkomst_changed()
        self._begin = self._keuzes()  # as the form started, to tell the user's choices from the defaults

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Besluit vastleggen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.bewaar_invoer)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.klaar_met_laden()  # closing with changes asks; Ctrl+S saves; focus on the first field

    def _row(self, form, label, widget, name):
        holder = QWidget()
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(widget)
        err = ErrorLabel()
        hl.addWidget(err)
        self.errors[name] = err
        self.velden.append((label, widget))
        self.benoemd[name] = (label, widget)
        form.addRow(label, holder)
        return widget

    def _toon_historie(self, historie: list[triage.BesluitRij] | None = None) -> None:
        self.historie = triage.besluit_historie(self.store, self.aanmelding_id) if historie is None else historie
        self.setWindowTitle(("Triagebesluit herzien — " if self.historie else "Triagebesluit — ") + self.kop)
        self.historie_model.set_rows(self.historie)
        self.historie_view.resizeColumnsToContents()
        self.historie_box.setVisible(bool(self.historie))

    def gekozen_uitkomst(self) -> str:
        return next((v for v, rb in self.uitkomst_knoppen.items() if rb.isChecked()), "")

    def set_uitkomst(self, value: str) -> None:
        self.uitkomst_knoppen[value].setChecked(True)

    def set_urgentie(self, value: str) -> None:
        self.urgentie_knoppen[value].setChecked(True)

    def gekozen_urgentie(self) -> str:
        return next((v for v, rb in self.urgentie_knoppen.items() if rb.isChecked()), "")

    def _keuzes(self) -> dict[str, object]:
        """The form's values by row name (ui/veldwaarden.veld_ruw): the uitkomst and urgentie as their
        labels, the beoogd consulent as the medewerker's id."""
        return {naam: veld_ruw(w) for naam, (_, w) in self.benoemd.items()}

    def _uitkomst_changed(self, *_):
        u = self.gekozen_uitkomst()
        uitkomst = TriageUitkomst(u) if u else None
        self.organisatie.setEnabled(bool(uitkomst and uitkomst.needs_organisatie))
        self.consulent.setEnabled(bool(uitkomst and uitkomst.needs_jet_consulent))

    def bewaar_invoer(self) -> None:
        """The button, Ctrl+S and Opslaan in the close question."""
        self.save()
        toon_meldingen_geheel(self)  # a long message is shown in full

    def save(self) -> None:
        for e in self.errors.values():
            e.show_message(None)
        self.algemeen.show_message(None)
        try:
            besloten_op = self.besloten_op.date_or_none()
        except ValueError:
            self.errors["besloten_op"].show_message("Besloten op: geen geldige datum (dd-mm-jjjj).")
            return
        if besloten_op is None:
            self.errors["besloten_op"].show_message("Besloten op: verplicht.")
            return
        uitkomst = self.gekozen_uitkomst()
        invoer = triage.BesluitInvoer(
            uitkomst=uitkomst,
            urgentie=self.gekozen_urgentie(),
            motivering=self.motivering.toPlainText(), besloten_op=besloten_op,
            organisatie=self.organisatie.text() if self.organisatie.isEnabled() else "",
            beoogd_consulent_id=self.consulent.currentData() if self.consulent.isEnabled() else None)
        try:
            triage.neem_besluit(self.store, self.aanmelding_id, self.version, invoer, self.vandaag)
        except ValidationError as exc:
            for e in exc.errors:
                (self.errors.get(e.field) or self.algemeen).show_message(e.message)
            return
        except StaleEditError as exc:  # merged with the decision now in force, then saved again
            self.samenvoegen(exc)
            return
        keuze = self.uitkomst_knoppen[uitkomst].text()
        urgentie = self.urgentie_knoppen[invoer.urgentie].text() if invoer.urgentie in self.urgentie_knoppen else ""
        self.gelukt = (f"Triagebesluit opgeslagen voor {self.kop.split(' — ', 1)[0]}: {keuze}"
                       + (f", urgentie {urgentie.lower()}." if urgentie else "."))
        self.accept()

    def _als_formulier(self, historie: list[triage.BesluitRij], nieuw: bool) -> dict[str, object]:
        """The decision in force, in the form's terms: as the form would start from it, and, when it is a
        new decision of someone else, its motivering, beoogd consulent and date too."""
        huidig = next((b for b in historie if b.actueel), None)
        if huidig is None:
            return {}
        uit = {"uitkomst": self.uitkomst_knoppen[huidig.uitkomst.value].text(),
               "urgentie": self.urgentie_knoppen[huidig.urgentie.value].text(),
               "organisatie": huidig.organisatie}
        if nieuw:
            consulent = next((self.consulent.itemData(i) for i in range(self.consulent.count())
                              if self.consulent.itemText(i) == huidig.beoogd_consulent), None)
            uit.update(motivering=huidig.motivering, beoogd_consulent=consulent,
                       besloten_op=datum(huidig.besloten_op))
        return uit

    def samenvoegen(self, exc: StaleEditError) -> None:
        """Someone decided on this aanmelding first: the merge dialog shows, per field, the form as it
        started, the decision now in force and the user's; once decided, the form holds the merged values
        on the aanmelding's fresh version and the decision is saved again. Annuleren keeps the input, on
        the old version; nothing is saved."""
        versie = actuele_versie(self.store, self.aanmelding_id) if exc.changed_by is not None else None
        if versie is None:
            toon_conflict(self, exc, ingevuld(self.velden), kan_herladen=False)
            self.algemeen.show_message(
                "Opnieuw laden lukt niet: de aanmelding bestaat niet meer of staat nu in een dossier dat u niet "
                "kunt inzien. "
                "Uw besluit is niet vastgelegd; kopieer uw motivering als u die wilt bewaren.")
            return
        historie = triage.besluit_historie(self.store, self.aanmelding_id)
        eerder = {b.id for b in self.historie}
        ander = self._als_formulier(historie, any(b.id not in eerder for b in historie))
        mij = self._keuzes()
        labels = [(naam, label.replace("*", "").strip()) for naam, (label, _) in self.benoemd.items()]
        toon = {naam: weergave(w, (self._begin.get(naam), ander.get(naam), mij[naam]))
                for naam, (_, w) in self.benoemd.items()}
        versies = versies_uit(self._begin, ander, mij, labels, lang={"motivering"}, weergave=toon)
        waarden = samenvoegen(self, versies, exc.changed_by, exc.changed_at, "De aanmelding")
        if waarden is None:
            self.algemeen.show_message(niet_opgeslagen(exc))
            return
        self.version = versie
        self._toon_historie(historie)
        for naam, waarde in waarden.items():
            zet_veld_waarde(self.benoemd[naam][1], waarde)
        self._begin = {**self._begin, **ander}
        self.save()


def actuele_versie(store: Store, aanmelding_id: uuid.UUID) -> int | None:
    """The aanmelding's current version; None when it no longer exists or is now in a dossier this
    medewerker may not see (a version is no personal data: reading it writes no audit line, unlike
    reading the triage queue or the wachtlijst again)."""
    try:
        return triage.versie(store, aanmelding_id)
    except GeenToegang:
        return None
