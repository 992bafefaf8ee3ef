"""Beheer → Codelijsten: the functioneel beheerder keeps the code lists of the store (services/codelijsten.py).

One tab per list (verwijzers, productcategorieën, intensiteiten, aanbieders, stapelingsregels), each a table
(model/view) with the code, its label, its other columns, its status and how often records hold it. Add a
code, rename it (the code stays), end it from a date (or take it into use again), remove a code no record
holds. Each form is a FormDialog: unsaved text is protected, Ctrl+S saves, a refused save names the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.matched_care import WILDCARD, Stapelingsoort
from jet_desktop.services import codelijsten
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.codelijsten import IJW_VERWIJZERS, CodeInvoer, CodeRij, Lijst
from jet_desktop.storage.store import StaleEditError
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.row_model import ROW_ROLE, Column, RowTableModel, make_proxy
from jet_desktop.ui.toetsen import enter_opent
from jet_desktop.ui.widgets import DateField

UITLEG = ("De codelijsten gelden voor het hele team: een wijziging telt bij de volgende registratie op elke "
          "werkplek. Een code wordt nooit hernummerd; een nieuwe naam geldt ook voor wat al is vastgelegd. Een "
          "beëindigde code wordt vanaf de einddatum niet meer aangeboden voor nieuwe aanmeldingen en "
          "toewijzingen; wat er al mee is vastgelegd houdt de code en de naam. Alleen een code die nergens is "
          "vastgelegd kan worden verwijderd.")


def _label(lijst: Lijst) -> str:
    return "Toelichting" if lijst is Lijst.STAPELING else ("Naam" if lijst is Lijst.AANBIEDERS else "Omschrijving")


def _kolommen(lijst: Lijst, tab) -> list[Column]:
    return [
        Column("Regel" if lijst is Lijst.STAPELING else "Code", lambda r: r.code),
        Column(_label(lijst), lambda r: r.omschrijving),
        Column("Status", lambda r: (r.geldig_tot or date.max),
               lambda r: r.status(tab.vandaag) if lijst is not Lijst.STAPELING or r.geldig_tot else "geldt"),
        *([] if lijst is Lijst.STAPELING else
          [Column("Vastgelegd", lambda r: r.in_gebruik, lambda r: f"{r.in_gebruik}×" if r.in_gebruik else "—",
                  align_right=True)]),
        Column("Oordeel" if lijst is Lijst.STAPELING else "Kenmerken", lambda r: r.details),
    ]


class CodelijstTab(QWidget):
    vandaag = Vandaag()  # a date, or the clock (ui/klok.py)

    def __init__(self, store, lijst: Lijst, vandaag, parent=None):
        super().__init__(parent)
        self.store, self.lijst, self.vandaag = store, lijst, vandaag
        lay = QVBoxLayout(self)
        self.model = RowTableModel(_kolommen(lijst, self), self)
        grijs = QColor("#777777")
        self.model.foreground = lambda r: grijs if r.geldig_tot and r.geldig_tot <= self.vandaag else None
        self.proxy = make_proxy(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # one line per code; the whole text is in the rename form
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.hernoem())
        enter_opent(self.table, lambda: self.hernoem())
        lay.addWidget(self.table, 1)
        knoppen = QHBoxLayout()
        self.knoppen = {}
        for naam, tekst, slot in (("toevoegen", "&Toevoegen…", self.toevoegen),
                                  ("hernoemen", "&Hernoemen…" if lijst is not Lijst.STAPELING else "Toelichting &wijzigen…",
                                   self.hernoem),
                                  ("beeindigen", "&Beëindigen…", self.beeindig),
                                  ("verwijderen", "&Verwijderen…", self.verwijder)):
            b = QPushButton(tekst)
            b.clicked.connect(slot)
            knoppen.addWidget(b)
            self.knoppen[naam] = b
        self.knoppen["verwijderen"].setVisible(lijst is not Lijst.STAPELING)  # a rule is ended, never removed
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.table.selectionModel().selectionChanged.connect(self._selectie)
        self.laad()

    def laad(self, kies: str | None = None) -> None:
        self.model.set_rows(codelijsten.beheer_rijen(self.store, self.lijst))
        if kies is not None:
            for r in range(self.proxy.rowCount()):
                if self.proxy.data(self.proxy.index(r, 0), ROW_ROLE).code == kies:
                    self.table.selectRow(r)
        self._selectie()

    def gekozen(self) -> CodeRij | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def _selectie(self, *_):
        r = self.gekozen()
        for naam in ("hernoemen", "beeindigen", "verwijderen"):
            self.knoppen[naam].setEnabled(r is not None)
        self.knoppen["verwijderen"].setEnabled(r is not None and not r.in_gebruik)

    def toevoegen(self) -> None:
        dlg = CodeToevoegenDialog(self.store, self.lijst, self)
        if dlg.exec():
            self.laad(dlg.code)

    def hernoem(self) -> None:
        r = self.gekozen()
        if r is not None and HernoemDialog(self.store, self.lijst, r, self).exec():
            self.laad(r.code)

    def beeindig(self) -> None:
        r = self.gekozen()
        if r is not None and BeeindigDialog(self.store, self.lijst, r, self.vandaag, self).exec():
            self.laad(r.code)

    def verwijder(self) -> None:
        r = self.gekozen()
        if r is None:
            return
        if QMessageBox.question(self, "Code verwijderen", f"{self.lijst.enkelvoud} {r.code} ({r.omschrijving}) "
                                "verwijderen? Er is niets mee vastgelegd.") != QMessageBox.StandardButton.Yes:
            return
        try:
            codelijsten.verwijder(self.store, self.lijst, r.id, r.version)
        except (ValidationError, GeenToegang, StaleEditError) as exc:
            QMessageBox.warning(self, "Niet verwijderd", str(exc))
        self.laad()


class CodelijstenDialog(QDialog):
    def __init__(self, store, vandaag, parent=None):
        """`vandaag`: a date, or the window's clock (ui/klok.bron)."""
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Codelijsten")
        self.resize(1100, 580)
        lay = QVBoxLayout(self)
        uitleg = QLabel(UITLEG)
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.tabs = QTabWidget()
        self.tab: dict[Lijst, CodelijstTab] = {}
        for lijst in Lijst:
            self.tab[lijst] = CodelijstTab(store, lijst, vandaag, self)
            self.tabs.addTab(self.tab[lijst], lijst.label)
        lay.addWidget(self.tabs, 1)
        onder = QHBoxLayout()
        onder.addStretch(1)
        sluit = QPushButton("Sluiten")
        sluit.clicked.connect(self.accept)
        onder.addWidget(sluit)
        lay.addLayout(onder)


class CodeToevoegenDialog(FormDialog):
    vraag_bij_sluiten = True

    def __init__(self, store, lijst: Lijst, parent=None):
        super().__init__(f"{lijst.label}: toevoegen", parent)
        self.store, self.lijst, self.code = store, lijst, None
        if lijst is Lijst.STAPELING:
            codes = [(p.code, p.label) for p in codelijsten.lijsten(store).productcategorieen]
            self.categorie_a = self.row("Eerste categorie *", _keuze([(WILDCARD, "* (elke categorie)"), *codes]),
                                        "categorie_a")
            self.categorie_b = self.row("Tweede categorie *", _keuze([(WILDCARD, "* (elke categorie)"), *codes]),
                                        "categorie_b")
            self.soort = self.row("Soort *", _keuze([(s.value, s.label) for s in Stapelingsoort], leeg=False), "soort")
            self.binnen = self.row("Binnen dagen (horizontaal)", QSpinBox(), "binnen_dagen")
            self.binnen.setRange(0, 3650)
            self.binnen.setValue(90)
            self.toegestaan = self.row("Toegestaan", QCheckBox("deze combinatie mag"), "toegestaan")
            self.soort.currentIndexChanged.connect(
                lambda *_: self.binnen.setEnabled(self.soort.currentData() == Stapelingsoort.HORIZONTAAL.value))
            self.binnen.setEnabled(False)
        else:
            self.code_veld = self.row("Code *", QLineEdit(), "code")
            self.code_veld.setMaxLength(lijst.code_lengte)
            self.code_veld.setPlaceholderText({Lijst.PRODUCTCATEGORIEEN: "iJw JZ020, bijv. 54",
                                               Lijst.VERWIJZERS: "bijv. wijkagent"}.get(lijst, "bijv. nieuwe_code"))
        self.omschrijving = self.row(_label(lijst) + (" *" if lijst is not Lijst.STAPELING else ""), QLineEdit(),
                                     "omschrijving")
        self.omschrijving.setMaxLength(lijst.omschrijving_lengte)
        if lijst is Lijst.VERWIJZERS:
            self.ijw = self.row("iJw-code (COD327) *", _keuze([(k, f"{k} {v}") for k, v in IJW_VERWIJZERS.items()]),
                                "ijw_code")
            self.extern = self.row("Externe verwijzer", QCheckBox("niet het gezin zelf"), "extern")
            self.extern.setChecked(True)
        if lijst is Lijst.PRODUCTCATEGORIEEN:
            self.kosten = self.row("Kostencategorie *", QComboBox(), "kostencategorie")
            self.kosten.setEditable(True)
            self.kosten.addItems(list(dict.fromkeys(p.kostencategorie
                                                    for p in codelijsten.lijsten(store).productcategorieen)))
            self.kosten.setCurrentIndex(-1)
        if lijst is Lijst.INTENSITEITEN:
            self.niveau = self.row("Niveau * (hoger is zwaarder)", QSpinBox(), "niveau")
            self.niveau.setRange(1, 99)
            self.niveau.setValue(max((i.niveau for i in codelijsten.lijsten(store).intensiteiten), default=0) + 1)
        self.finish_layout()

    def save(self):
        lijst = self.lijst
        if lijst is Lijst.STAPELING:
            invoer = CodeInvoer(omschrijving=self.omschrijving.text(), categorie_a=self.categorie_a.currentData() or "",
                                categorie_b=self.categorie_b.currentData() or "", soort=self.soort.currentData(),
                                binnen_dagen=self.binnen.value(), toegestaan=self.toegestaan.isChecked())
        else:
            invoer = CodeInvoer(code=self.code_veld.text(), omschrijving=self.omschrijving.text())
            if lijst is Lijst.VERWIJZERS:
                invoer.ijw_code, invoer.extern = self.ijw.currentData() or "", self.extern.isChecked()
            elif lijst is Lijst.PRODUCTCATEGORIEEN:
                invoer.kostencategorie = self.kosten.currentText()
            elif lijst is Lijst.INTENSITEITEN:
                invoer.niveau = self.niveau.value()
        codelijsten.voeg_toe(self.store, lijst, invoer)
        self.code = invoer.code.strip() or None


class HernoemDialog(FormDialog):
    def __init__(self, store, lijst: Lijst, rij: CodeRij, parent=None):
        super().__init__(f"{lijst.enkelvoud} {rij.code}", parent)
        self.store, self.lijst, self.rij = store, lijst, rij
        info = QLabel("De code blijft dezelfde; de nieuwe naam geldt ook voor wat er al mee is vastgelegd."
                      if lijst is not Lijst.STAPELING else "Alleen de toelichting verandert; de regel blijft.")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.omschrijving = self.row(_label(lijst) + (" *" if lijst is not Lijst.STAPELING else ""),
                                     QLineEdit(rij.omschrijving), "omschrijving")
        self.omschrijving.setMaxLength(lijst.omschrijving_lengte)
        self.resize(520, 0)
        self.finish_layout()

    def save(self):
        codelijsten.hernoem(self.store, self.lijst, self.rij.id, self.rij.version, self.omschrijving.text())


class BeeindigDialog(FormDialog):
    def __init__(self, store, lijst: Lijst, rij: CodeRij, vandaag: date, parent=None):
        super().__init__(f"{lijst.enkelvoud} {rij.code} beëindigen", parent)
        self.store, self.lijst, self.rij = store, lijst, rij
        tekst = (f"Vanaf deze datum wordt {rij.code} ({rij.omschrijving}) niet meer aangeboden voor nieuwe "
                 "aanmeldingen en toewijzingen. Wat er al mee is vastgelegd, houdt de code.")
        if lijst is Lijst.STAPELING:
            tekst = "Vanaf deze datum past de matched-care samenvatting de regel niet meer toe op nieuwe perioden."
        if rij.geldig_tot is not None:
            tekst += f" Nu: beëindigd per {datum(rij.geldig_tot)}. Maak het veld leeg om de code weer te gebruiken."
        info = QLabel(tekst)
        info.setWordWrap(True)
        info.setMaximumWidth(480)
        self.form.addRow(info)
        self.per = self.row("Einddatum", DateField(rij.geldig_tot or vandaag), "geldig_tot")
        self.finish_layout()

    def save(self):
        try:
            per = self.per.date_or_none()
        except ValueError:
            raise ValidationError([FieldError("geldig_tot", "Einddatum: geen geldige datum (dd-mm-jjjj).")]) from None
        if per is None and self.rij.geldig_tot is None:
            raise ValidationError([FieldError("geldig_tot", "Einddatum: verplicht.")])
        codelijsten.beeindig(self.store, self.lijst, self.rij.id, self.rij.version, per)


def _keuze(items: list[tuple[str, str]], leeg: bool = True) -> QComboBox:
    combo = QComboBox()
    if leeg:
        combo.addItem("— kies —", "")
    for waarde, label in items:
        combo.addItem(label, waarde)
    return combo
