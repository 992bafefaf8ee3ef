"""Gebruikersbeheer for the functioneel beheerder: medewerkers, their role, sign-in name, password.

A password set here is a start password (services/medewerkers.py): the medewerker chooses their own
at the next sign-in (`EigenWachtwoordDialog`, asked by ui/app.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from jet_desktop.domain.enums import Rol
from jet_desktop.notatie import decimaal
from jet_desktop.services import medewerkers
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.inlog_dialog import wachtwoordveld
from jet_desktop.ui.models.row_model import ROW_ROLE, Column, RowTableModel, make_proxy
from jet_desktop.ui.toetsen import enter_opent
from jet_desktop.ui.widgets import select_data

KOLOMMEN = [
    Column("Naam", lambda g: g.naam),
    Column("Gebruikersnaam", lambda g: g.gebruikersnaam),
    Column("Rol", lambda g: g.rol.label),
    Column("FTE", lambda g: g.fte, lambda g: decimaal(g.fte, 2), align_right=True),
    Column("Actief", lambda g: g.actief, lambda g: "ja" if g.actief else "uitgeschakeld"),
    Column("Wachtwoord", lambda g: (g.heeft_wachtwoord, not g.startwachtwoord),
           lambda g: ("startwachtwoord" if g.startwachtwoord else "eigen") if g.heeft_wachtwoord else "—"),
]


class GebruikersDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Gebruikers")
        self.resize(820, 460)
        lay = QVBoxLayout(self)
        uitleg = QLabel("Medewerkers melden zich aan met hun gebruikersnaam. Op een gedeelde gegevensset (server) "
                        "met hun eigen wachtwoord; op een versleutelde gegevensset op deze computer met de "
                        "wachtwoordzin daarvan. De rol bepaalt wat iemand ziet.\n"
                        "Een wachtwoord dat u hier instelt is een startwachtwoord: bij de eerstvolgende aanmelding "
                        "kiest de medewerker een eigen wachtwoord. Wat u doet aan accounts van jeugdconsulenten en "
                        "teamleiders zien de teamleiders bij hun volgende aanmelding.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.model = RowTableModel(KOLOMMEN, self)
        self.proxy = make_proxy(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.wijzig())
        enter_opent(self.table, lambda: self.wijzig())
        lay.addWidget(self.table, 1)
        knoppen = QHBoxLayout()
        for tekst, slot in (("Toevoegen…", self.toevoegen), ("Wijzigen…", self.wijzig),
                            ("Wachtwoord instellen…", self.wachtwoord)):
            b = QPushButton(tekst)
            b.clicked.connect(slot)
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        sluit = QPushButton("Sluiten")
        sluit.clicked.connect(self.accept)
        knoppen.addWidget(sluit)
        lay.addLayout(knoppen)
        self.laad()

    def laad(self) -> None:
        self.model.set_rows(medewerkers.gebruikers(self.store))

    def gekozen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def toevoegen(self) -> None:
        if GebruikerDialog(self.store, None, self).exec():
            self.laad()

    def wijzig(self) -> None:
        g = self.gekozen()
        if g is not None and GebruikerDialog(self.store, g, self).exec():
            self.laad()

    def wachtwoord(self) -> None:
        g = self.gekozen()
        if g is not None and WachtwoordDialog(self.store, g, self).exec():
            self.laad()


class GebruikerDialog(FormDialog):
    vraag_bij_sluiten = True  # name, role, FTE are work to lose; the start password is never kept in the snapshot

    def __init__(self, store, gebruiker, parent=None):
        super().__init__("Gebruiker toevoegen" if gebruiker is None else f"Gebruiker {gebruiker.naam}", parent)
        self.store, self.gebruiker = store, gebruiker
        self.naam = self.row("Naam", QLineEdit(gebruiker.naam if gebruiker else ""), "naam")
        self.gebruikersnaam = self.row("Gebruikersnaam", QLineEdit(gebruiker.gebruikersnaam if gebruiker else ""),
                                       "gebruikersnaam")
        self.rol = self.row("Rol", QComboBox(), "rol")
        for rol in Rol:
            self.rol.addItem(rol.label, rol)
        select_data(self.rol, gebruiker.rol if gebruiker else Rol.CONSULENT)
        self.fte = self.row("FTE", QDoubleSpinBox(), "fte")
        self.fte.setRange(0.05, 1.5)
        self.fte.setSingleStep(0.1)
        self.fte.setValue(gebruiker.fte if gebruiker else 1.0)
        self.actief = self.row("Actief", QCheckBox("kan zich aanmelden"), "actief")
        self.actief.setChecked(gebruiker.actief if gebruiker else True)
        self.wachtwoord = None
        if gebruiker is None:
            self.wachtwoord = self.row("Startwachtwoord (gedeelde gegevensset)", wachtwoordveld(), "wachtwoord")
        self.finish_layout()

    def save(self):
        g = self.gebruiker
        gebruikersnaam = self.gebruikersnaam.text().strip() or None
        if g is None:
            medewerkers.voeg_toe(self.store, self.naam.text(), Rol(self.rol.currentData()), self.fte.value(),
                                 gebruikersnaam=gebruikersnaam, wachtwoord=self.wachtwoord.text() or None)
        else:
            medewerkers.wijzig(self.store, g.id, g.version, self.naam.text(), gebruikersnaam or "",
                               Rol(self.rol.currentData()), self.fte.value(), self.actief.isChecked())


class WachtwoordDialog(FormDialog):
    def __init__(self, store, gebruiker, parent=None):
        super().__init__(f"Wachtwoord van {gebruiker.naam}", parent)
        self.store, self.gebruiker = store, gebruiker
        if gebruiker.id != store.user_id:
            info = QLabel(f"Dit wordt een startwachtwoord: {gebruiker.naam} kiest bij de volgende aanmelding een "
                          "eigen wachtwoord.")
            info.setWordWrap(True)
            self.form.addRow(info)
        self.nieuw = self.row("Nieuw wachtwoord", wachtwoordveld(), "wachtwoord")
        self.finish_layout()

    def save(self):
        medewerkers.stel_wachtwoord_in(self.store, self.gebruiker.id, self.nieuw.text())


class EigenWachtwoordDialog(FormDialog):
    """The medewerker's own new password (twice): at sign-in with a start password, or (`store` given:
    Beheer → Mijn wachtwoord wijzigen…) a change that proves the current one first
    (services/inloggen.wijzig_eigen_wachtwoord)."""

    def __init__(self, melding: str, parent=None, store=None):
        super().__init__("Eigen wachtwoord kiezen" if store is None else "Wachtwoord wijzigen", parent)
        self.store = store
        if store is not None:
            self.ok_text = "Wijzigen"
            self.buttons.button(self.buttons.StandardButton.Ok).setText(self.ok_text)
        info = QLabel(melding)
        info.setWordWrap(True)
        info.setMaximumWidth(460)
        self.form.addRow(info)
        if store is not None:
            self.huidig = self.row("Huidig wachtwoord", wachtwoordveld(), "huidig")
        self.nieuw = self.row("Nieuw wachtwoord", wachtwoordveld(), "wachtwoord")
        self.herhaal = self.row("Herhaal", wachtwoordveld(), "herhaal")
        self.finish_layout()

    def save(self):
        from jet_desktop.domain.errors import FieldError, ValidationError
        from jet_desktop.domain.wachtwoord import zwakte

        if reden := zwakte(self.nieuw.text()):
            raise ValidationError([FieldError("wachtwoord", f"Nieuw wachtwoord: {reden}.")])
        if self.nieuw.text() != self.herhaal.text():
            raise ValidationError([FieldError("herhaal", "Herhaal: de twee wachtwoorden verschillen.")])
        if self.store is not None:
            from jet_desktop.services.inloggen import wijzig_eigen_wachtwoord

            wijzig_eigen_wachtwoord(self.store, self.huidig.text(), self.nieuw.text())

    def waarde(self) -> str:
        return self.nieuw.text()


WIJZIGEN = "Kies een nieuw wachtwoord voor uw eigen account. Het geldt meteen, ook op andere computers."
