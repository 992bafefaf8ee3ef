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


LEGE_TEAMSERVER = ("Op de teamserver {waar} staat nog geen gegevensset (er zijn nog geen medewerkers). Een "
                   "werkplek maakt hem niet aan: vraag IT om `jet-desktop teamserver init` te draaien.")
TEAMSERVER, LOKAAL = "teamserver", "lokaal"


class InlogDialog(FormDialog):
    """Gebruikersnaam + wachtwoord(zin), and where the data lives: the team server or a local file.

    `waar`, `soort`: the local store and its state ("versleuteld", "onversleuteld" — a local store of an earlier
    version —, "nieuw": not there yet), or "gedeeld": only a shared (PostgreSQL) store, `waar` its name.
    `teamserver=True` offers the choice "Teamserver" besides "Lokaal bestand"; its server is `url` (the
    command line's --url) or else the workstation's profile (jet_desktop/teamserverprofiel.py, "Wijzigen…").
    `kies_teamserver` pre-selects it.

    With the team server chosen, Aanmelden connects on a worker (ui/workers.py) while the dialog shows
    "Verbinden…" and Annuleren breaks the attempt off; a refusal or an unreachable server is a message in the
    dialog, with what was typed still in it. It closes only when signed in (`sessie`) or when the server asks
    for the medewerker's own password (`startwachtwoord`: the message); an empty team server is never offered
    a new gegevensset. With the local file chosen it closes at once, as before: the Starter opens the file."""
    gelukt = None  # not a save: the status bar says nothing

    ok_text = "Aanmelden"

    def __init__(self, waar: str, soort: str, gebruikersnaam: str = "", fout: str = "", parent=None, *,
                 teamserver: bool = False, url: str | None = None, kies_teamserver: bool = False):
        super().__init__("JET Desktop — aanmelden", parent)
        from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QProgressBar, QPushButton, QRadioButton, QWidget

        self.soort = soort
        self.lokaal_waar = waar
        self.vaste_url = url
        self.sessie = None
        self.startwachtwoord: str | None = None
        self.gebruikte_url: str | None = None
        self.bezig = False
        self._poging = 0
        self.profiel = None
        self.profielfout = ""
        alleen_server = soort == "gedeeld"
        self.keuze_zichtbaar = teamserver and not alleen_server
        if teamserver or alleen_server:
            self._laad_profiel()

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setMinimumWidth(420)
        self.info.setMaximumWidth(520)
        self.server_keuze = QRadioButton("Teamserver")
        self.lokaal_keuze = QRadioButton("Lokaal bestand")
        groep = QButtonGroup(self)
        groep.addButton(self.server_keuze)
        groep.addButton(self.lokaal_keuze)
        self.wijzigen = QPushButton("Wijzigen…")
        self.wijzigen.setToolTip("Server, poort, database en beveiliging van de teamserver (geen wachtwoord)")
        self.wijzigen.clicked.connect(self.wijzig_profiel)
        self.server_waar = QLabel()
        self.lokaal_waar_label = QLabel(waar)
        self.lokaal_waar_label.setWordWrap(True)
        if self.keuze_zichtbaar:
            self.form.addRow(QLabel("<b>Waar staan de gegevens?</b>"))
            server_rij = QWidget()
            lay = QHBoxLayout(server_rij)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(self.server_waar, 1)
            lay.addWidget(self.wijzigen)
            self.form.addRow(self.server_keuze, server_rij)
            self.form.addRow(self.lokaal_keuze, self.lokaal_waar_label)
        self.form.addRow(self.info)
        self.gebruikersnaam = self.row("Gebruikersnaam", QLineEdit(gebruikersnaam), "gebruikersnaam")
        self.wachtwoord = self.row("Wachtwoord", wachtwoordveld(), "wachtwoord")
        self.voortgang_tekst = QLabel()
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)  # busy: no known end
        self.voortgang.setTextVisible(False)
        self.voortgang.setMaximumHeight(10)
        self.layout_.addWidget(self.voortgang_tekst)
        self.layout_.addWidget(self.voortgang)
        self.voortgang_tekst.hide()
        self.voortgang.hide()
        (self.server_keuze if alleen_server or (teamserver and kies_teamserver) else self.lokaal_keuze).setChecked(True)
        self.server_keuze.toggled.connect(lambda _aan: self._toon_keuze())
        self.finish_layout()
        self._toon_keuze()
        self.algemeen.show_message(fout or None)
        (self.wachtwoord if gebruikersnaam else self.gebruikersnaam).setFocus()

    # -- what is chosen ----------------------------------------------------------------------------------
    @property
    def keuze(self) -> str:
        return TEAMSERVER if self.server_keuze.isChecked() else LOKAAL

    def _laad_profiel(self) -> None:
        from jet_desktop import teamserverprofiel as tp

        try:
            self.profiel, self.profielfout = tp.laad(), ""
        except tp.ProfielFout as exc:
            self.profiel, self.profielfout = None, str(exc)

    @property
    def server_url(self) -> str | None:
        """The URL the team server choice connects with: --url, or the profile's (no user, no password)."""
        if self.vaste_url:
            return self.vaste_url
        if self.profiel is None:
            return None
        from jet_desktop import teamserverprofiel as tp

        return tp.url(self.profiel)

    def _server_tekst(self) -> str:
        if self.vaste_url:
            return _zonder_wachtwoord(self.vaste_url)
        if self.profiel is not None:
            return self.profiel.waar
        return "nog niet ingesteld" if not self.profielfout else "profiel onjuist"

    def _toon_keuze(self) -> None:
        server = self.keuze == TEAMSERVER
        self.server_waar.setText(self._server_tekst())
        self.wijzigen.setVisible(self.vaste_url is None)
        self.wijzigen.setText("Wijzigen…" if self.profiel is not None or self.profielfout else "Instellen…")
        self.wijzigen.setEnabled(server and not self.bezig)
        nieuw = not server and self.soort == "nieuw"
        if server:
            uitleg = f"<b>Teamserver {self._server_tekst()}</b><br>Meld u aan met uw gebruikersnaam en uw " \
                     "persoonlijke wachtwoord."
            if self.profielfout:
                uitleg += f"<br><span style='color:#b00020'>{_html(self.profielfout)}</span>"
            elif self.server_url is None:
                uitleg += "<br>Deze werkplek kent de teamserver nog niet: kies Instellen… (of vraag IT)."
        else:
            uitleg = {
                "versleuteld": "De gegevens op deze computer zijn versleuteld. Meld u aan met uw gebruikersnaam "
                               "en de wachtwoordzin van deze gegevensset.",
                "onversleuteld": "Deze gegevensset is NIET versleuteld. Na het aanmelden kunt u hem versleutelen.",
                "nieuw": "Op deze computer staat nog geen gegevensset. Kies Verder om er een aan te maken; u wordt "
                         "de eerste medewerker.",
            }.get(self.soort, "")
            uitleg = f"<b>{_html(self.lokaal_waar)}</b><br>{uitleg}"
        self.info.setText(uitleg)
        # a wrapped label in a form does not grow by itself when its text gets longer (the other choice's)
        self.info.setMinimumHeight(self.info.heightForWidth(max(self.info.width(), self.info.minimumWidth())))
        for veld in (self.gebruikersnaam, self.wachtwoord):
            self.form.setRowVisible(veld.parentWidget(), not nieuw)
        label = self.form.labelForField(self.wachtwoord.parentWidget())
        if label is not None:
            label.setText("Wachtwoordzin" if not server and self.soort == "versleuteld" else "Wachtwoord")
        from PySide6.QtWidgets import QDialogButtonBox

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Verder…" if nieuw else self.ok_text)
        self.adjustSize()

    def wijzig_profiel(self) -> None:
        """The profile editor; after a save the dialog shows (and connects to) the new profile."""
        from jet_desktop.ui.dialogs.teamserverprofiel_dialog import TeamserverProfielDialog

        dlg = TeamserverProfielDialog(self.profiel, self)
        if dlg.exec():
            self._laad_profiel()
            self.algemeen.show_message(None)
            self._toon_keuze()

    # -- signing in ---------------------------------------------------------------------------------------
    def save(self):
        if self.keuze == LOKAAL and self.soort == "nieuw":
            return None  # the Starter shows the new-store dialog
        errors = []
        if not self.gebruikersnaam.text().strip():
            errors.append(FieldError("gebruikersnaam", "Gebruikersnaam: vul uw gebruikersnaam in."))
        if self.soort != "onversleuteld" or self.keuze == TEAMSERVER:
            if not self.wachtwoord.text():
                errors.append(FieldError("wachtwoord", "Wachtwoord: vul uw wachtwoord(zin) in."))
        if self.keuze == TEAMSERVER and self.server_url is None:
            errors.append(FieldError("algemeen", self.profielfout or "Teamserver: deze werkplek kent de teamserver nog "
                                                                     "niet; kies Instellen… of vraag IT."))
        if errors:
            raise ValidationError(errors)
        if self.keuze == TEAMSERVER:
            self._verbind(*self.waarden())
            return False  # closes when signed in
        return None

    def _verbind(self, gebruiker: str, wachtwoord: str) -> None:
        from jet_desktop.ui.workers import run_in_background

        url = self.server_url
        self._poging += 1
        poging = self._poging
        self._zet_bezig(True, f"Verbinden met de teamserver {self._server_tekst()}…")
        werk = aanmelden_bij_teamserver  # the work holds no Qt object (ui/workers.py)
        dialoog = _Zwak(self)
        run_in_background(lambda _p: werk(gebruiker, wachtwoord, url),
                          on_done=lambda uitkomst: dialoog.roep("_verbonden", poging, url, uitkomst, weg=uitkomst),
                          on_error=lambda exc, tb: dialoog.roep("_mislukt", poging, url, exc, tb))

    def _zet_bezig(self, bezig: bool, tekst: str = "") -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        self.bezig = bezig
        self.voortgang_tekst.setText(tekst)
        self.voortgang_tekst.setVisible(bezig)
        self.voortgang.setVisible(bezig)
        for w in (self.gebruikersnaam, self.wachtwoord, self.server_keuze, self.lokaal_keuze):
            w.setEnabled(not bezig)
        self.wijzigen.setEnabled(not bezig and self.keuze == TEAMSERVER)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not bezig)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Afbreken" if bezig else "Annuleren")
        if not bezig:
            self.wachtwoord.setFocus()

    def _verbonden(self, poging: int, url: str, sessie) -> None:
        if poging != self._poging:  # broken off meanwhile: the session is not wanted
            _gooi_weg(sessie)
            return
        self._zet_bezig(False)
        self.sessie, self.gebruikte_url = sessie, url
        self.onthoud_invoer()
        self.accept()

    def _mislukt(self, poging: int, url: str, exc: BaseException, _tb: str) -> None:
        if poging != self._poging:
            return
        from jet_desktop.services.inloggen import InlogFout, LegeGegevensset, NieuwWachtwoordNodig

        self._zet_bezig(False)
        if isinstance(exc, NieuwWachtwoordNodig):
            self.startwachtwoord, self.gebruikte_url = str(exc), url
            self.onthoud_invoer()
            self.accept()
            return
        if isinstance(exc, LegeGegevensset):
            tekst = LEGE_TEAMSERVER.format(waar=self._server_tekst())
        elif isinstance(exc, (InlogFout, ValidationError)):
            tekst = str(exc)
            self.wachtwoord.selectAll()
        else:
            from jet_desktop.ui.foutmelding import voor_werk

            tekst = voor_werk(exc, "Het aanmelden")
        self.algemeen.show_message(tekst)
        from jet_desktop.ui.formulier import toon_meldingen_geheel

        toon_meldingen_geheel(self)

    def reject(self) -> None:
        if self.bezig:  # Afbreken: the attempt's answer is ignored; the dialog stays, with what was typed
            self._poging += 1
            self._zet_bezig(False)
            self.algemeen.show_message("Het verbinden is afgebroken. Uw invoer staat nog in het venster.")
            return
        super().reject()

    def closeEvent(self, event) -> None:
        self._poging += 1  # a late answer finds the dialog gone
        super().closeEvent(event)

    def waarden(self) -> tuple[str, str]:
        return self.gebruikersnaam.text().strip(), self.wachtwoord.text()


def aanmelden_bij_teamserver(gebruikersnaam: str, wachtwoord: str, url: str, nieuw_wachtwoord: str | None = None):
    """On a worker: connect to the team server of `url` as this medewerker and sign in (services/inloggen.py);
    a server that cannot be reached within seconds is storage/verbinding.ServerOnbereikbaar naming it."""
    from jet_desktop.services.inloggen import open_sessie
    from jet_desktop.storage import verbinding

    url = verbinding.met_verbindingstijd(url)
    with verbinding.vertaald(url):
        return open_sessie(gebruikersnaam, wachtwoord, url=url, nieuw_wachtwoord=nieuw_wachtwoord)


def _gooi_weg(uitkomst) -> None:
    """A session nobody waits for any more (broken off, or its dialog is gone): closed."""
    engine = getattr(uitkomst, "engine", None)
    if engine is not None:
        engine.dispose()


class _Zwak:
    """Calls a method of the dialog if it still exists (a worker's answer may come after it closed)."""

    def __init__(self, dlg):
        import weakref

        self._ref = weakref.ref(dlg)

    def roep(self, naam: str, *args, weg=None):
        """`weg`: what to close when the dialog is gone (a session)."""
        import shiboken6

        dlg = self._ref()
        if dlg is not None and shiboken6.isValid(dlg):
            getattr(dlg, naam)(*args)
        elif weg is not None:
            _gooi_weg(weg)


def _zonder_wachtwoord(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        delen = urlsplit(url)
        host = delen.hostname or "localhost"
        return f"{host}:{delen.port or 5432}{delen.path}"
    except ValueError:
        return "de opgegeven --url"


def _html(tekst: str) -> str:
    from html import escape

    return escape(tekst)


class NieuweGegevenssetDialog(FormDialog):
    """First start: the first medewerker and the wachtwoordzin that encrypts the new store."""
    gelukt = None  # not a save: the status bar says nothing

    ok_text = "Aanmaken"
    TEAMSERVER = 2  # exec()'s result for "Aanmelden bij een teamserver…"

    def __init__(self, waar: str, gedeeld: bool = False, parent=None, teamserver_knop: bool = False):
        super().__init__("JET Desktop — nieuwe gegevensset", parent)
        if teamserver_knop:  # a workstation of a team: sign in to the team server instead
            from PySide6.QtWidgets import QDialogButtonBox

            knop = self.buttons.addButton("Aanmelden bij een teamserver…", QDialogButtonBox.ButtonRole.ResetRole)
            knop.setToolTip("Werkt uw team met een teamserver? Meld u daar aan in plaats van hier een gegevensset "
                            "aan te maken.")
            knop.clicked.connect(lambda: self.done(self.TEAMSERVER))
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
    gelukt = None  # not a save: the status bar says nothing

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
