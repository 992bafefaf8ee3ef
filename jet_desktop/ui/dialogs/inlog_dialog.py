"""Signing in, creating a new store, and choosing a new wachtwoordzin.

The dialogs only collect and check what is typed; opening the store and signing in happen
off the GUI thread (ui/app.py Starter, services/inloggen.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.gebruikersnaam import is_geldig, uit_naam
from jet_desktop.domain.wachtwoord import zwakte
from jet_desktop.ui.dialogs.dialog_base import FormDialog


def wachtwoordveld() -> QLineEdit:
    veld = QLineEdit()
    veld.setEchoMode(QLineEdit.EchoMode.Password)
    veld.setMinimumWidth(280)
    return veld


class InlogDialog(FormDialog):
    """Gebruikersnaam + wachtwoord(zin). `soort`: "versleuteld", "onversleuteld" (a local store of an
    earlier version) or "gedeeld" (a PostgreSQL store: a personal password)."""

    ok_text = "Aanmelden"

    def __init__(self, waar: str, soort: str, gebruikersnaam: str = "", fout: str = "", parent=None):
        super().__init__("JET Desktop — aanmelden", parent)
        uitleg = {
            "versleuteld": "De gegevens op deze computer zijn versleuteld. Meld u aan met uw gebruikersnaam "
                           "en de wachtwoordzin van deze gegevensset.",
            "onversleuteld": "Deze gegevensset is NIET versleuteld. Na het aanmelden kunt u hem versleutelen.",
            "gedeeld": "Meld u aan met uw gebruikersnaam en uw persoonlijke wachtwoord.",
        }[soort]
        info = QLabel(f"<b>{waar}</b><br>{uitleg}")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.gebruikersnaam = self.row("Gebruikersnaam", QLineEdit(gebruikersnaam), "gebruikersnaam")
        label = "Wachtwoordzin" if soort == "versleuteld" else "Wachtwoord"
        self.wachtwoord = self.row(label, wachtwoordveld(), "wachtwoord")
        self.finish_layout()
        self.algemeen.show_message(fout or None)
        (self.wachtwoord if gebruikersnaam else self.gebruikersnaam).setFocus()
        self.soort = soort

    def save(self):
        errors = []
        if not self.gebruikersnaam.text().strip():
            errors.append(FieldError("gebruikersnaam", "Gebruikersnaam: vul uw gebruikersnaam in."))
        if self.soort != "onversleuteld" and not self.wachtwoord.text():
            errors.append(FieldError("wachtwoord", "Wachtwoord: vul uw wachtwoord(zin) in."))
        if errors:
            raise ValidationError(errors)

    def waarden(self) -> tuple[str, str]:
        return self.gebruikersnaam.text().strip(), self.wachtwoord.text()


class NieuweGegevenssetDialog(FormDialog):
    """First start: the first medewerker and the wachtwoordzin that encrypts the new store."""

    ok_text = "Aanmaken"

    def __init__(self, waar: str, gedeeld: bool = False, parent=None):
        super().__init__("JET Desktop — nieuwe gegevensset", parent)
        info = QLabel(f"<b>{waar}</b><br>Er is hier nog geen gegevensset. U maakt hem nu aan en wordt de eerste "
                      "medewerker. " + ("Uw wachtwoord is persoonlijk." if gedeeld else
                                        "De wachtwoordzin versleutelt alle gegevens op deze computer: zonder "
                                        "wachtwoordzin zijn ze onleesbaar, ook voor ons. Schrijf hem niet op de laptop."))
        info.setWordWrap(True)
        self.form.addRow(info)
        self.naam = self.row("Uw naam", QLineEdit(), "naam")
        self.gebruikersnaam = self.row("Gebruikersnaam", QLineEdit(), "gebruikersnaam")
        self.rol = self.row("Rol", QComboBox(), "rol")
        for rol in (Rol.TEAMLEIDER, Rol.CONSULENT, Rol.BEHEERDER):
            self.rol.addItem(rol.label, rol)
        self.wachtwoord = self.row("Wachtwoord" if gedeeld else "Wachtwoordzin", wachtwoordveld(), "wachtwoord")
        self.herhaal = self.row("Herhaal", wachtwoordveld(), "herhaal")
        self.finish_layout()
        self._voorstel = ""
        self.naam.textChanged.connect(self._stel_gebruikersnaam_voor)

    def _stel_gebruikersnaam_voor(self, naam: str) -> None:
        if self.gebruikersnaam.text() in ("", self._voorstel):
            self._voorstel = uit_naam(naam, set()) if naam.strip() else ""
            self.gebruikersnaam.setText(self._voorstel)

    def save(self):
        errors = []
        if not self.naam.text().strip():
            errors.append(FieldError("naam", "Uw naam: verplicht."))
        if not is_geldig(self.gebruikersnaam.text().strip().lower()):
            errors.append(FieldError("gebruikersnaam", "Gebruikersnaam: 2 tot 60 kleine letters, cijfers, punt of "
                                                       "streepje."))
        errors += nieuwe_wachtwoordzin_fouten(self.wachtwoord.text(), self.herhaal.text())
        if errors:
            raise ValidationError(errors)

    def waarden(self) -> tuple[str, str, Rol, str]:
        return (self.naam.text().strip(), self.gebruikersnaam.text().strip().lower(), Rol(self.rol.currentData()),
                self.wachtwoord.text())


class WachtwoordzinDialog(FormDialog):
    """A new wachtwoordzin for the local store (to encrypt it, or to change it: then the current one too)."""

    def __init__(self, titel: str, uitleg: str, vraag_huidige: bool, parent=None):
        super().__init__(titel, parent)
        info = QLabel(uitleg)
        info.setWordWrap(True)
        info.setMaximumWidth(460)
        self.form.addRow(info)
        self.huidige = self.row("Huidige wachtwoordzin", wachtwoordveld(), "huidige") if vraag_huidige else None
        self.nieuw = self.row("Nieuwe wachtwoordzin", wachtwoordveld(), "wachtwoord")
        self.herhaal = self.row("Herhaal", wachtwoordveld(), "herhaal")
        self.finish_layout()

    def save(self):
        errors = []
        if self.huidige is not None and not self.huidige.text():
            errors.append(FieldError("huidige", "Huidige wachtwoordzin: verplicht."))
        errors += nieuwe_wachtwoordzin_fouten(self.nieuw.text(), self.herhaal.text())
        if errors:
            raise ValidationError(errors)

    def waarden(self) -> tuple[str | None, str]:
        return (self.huidige.text() if self.huidige is not None else None), self.nieuw.text()


def nieuwe_wachtwoordzin_fouten(nieuw: str, herhaal: str) -> list[FieldError]:
    if reden := zwakte(nieuw):
        return [FieldError("wachtwoord", f"Wachtwoordzin: {reden}.")]
    if nieuw != herhaal:
        return [FieldError("herhaal", "Herhaal: de twee wachtwoordzinnen verschillen.")]
    return []
