"""Start the GUI: the window appears at once; sign-in and opening the store follow.

SQLAlchemy and the services are imported only after the window is on screen (and the sign-in dialog
needs neither), so a cold start costs little more than starting Qt itself (see docs/performance.md);
while the sign-in dialog waits for typing, a worker imports what opening the store needs.
Opening the store (for an encrypted one: deriving the key) and signing in run off the GUI
thread; a wrong wachtwoordzin brings the sign-in dialog back with a message.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from jet_desktop.starttijden import merk
from jet_desktop.ui import klok
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.workers import run_in_background

DEMO_JEUGDIGEN = 2000
# for benchmarks and smoke tests: quit once the window is "shown", the sign-in dialog is shown ("inlogvenster",
# without JET_GEBRUIKER) or the wachtlijst is "ready"
QUIT_AFTER = os.environ.get("JET_QUIT_AFTER", "")


class Starter:
    """Signs in (or creates a new store), offers demo data on an empty store, attaches the store.

    `pad` is a local SQLite store, `url` a shared (PostgreSQL) one. JET_GEBRUIKER (with
    JET_PASSPHRASE) signs in without the dialog: for smoke runs and benchmarks.
    `vandaag`: a fixed date (tests) or the clock (klok.KLOK, read at each use)."""

    vandaag = klok.Vandaag()

    def __init__(self, window: MainWindow, vandaag: date | Callable[[], date], pad: Path | None = None, url: str | None = None,
                 lokaal_gekozen: bool = False):
        self.window, self.vandaag, self.pad, self.url = window, vandaag, pad, url
        # the sign-in dialog offers the team server (--url, or the workstation's profile: teamserverprofiel.py) and
        # the local file; `url` is the one chosen (None: the local file), `vaste_url` the command line's
        self.vaste_url = url
        self.lokaal_gekozen = lokaal_gekozen  # --db: the local file pre-selected
        self.ask_demo = lambda: QMessageBox.question(
            window, "Lege gegevensset",
            "Deze gegevensset is nog leeg.\n\nDemogegevens laden (fictieve jeugdigen, aanmeldingen en een team "
            "van consulenten) om de applicatie te verkennen?") == QMessageBox.StandardButton.Yes
        self.ask_versleutelen = lambda: QMessageBox.question(
            window, "Niet versleuteld",
            "Deze gegevensset staat onversleuteld op deze computer: wie het bestand heeft, kan alles lezen.\n\n"
            "Nu versleutelen? (Er wordt eerst een versleutelde reservekopie gemaakt.)") == QMessageBox.StandardButton.Yes
        self.automatisch = os.environ.get("JET_GEBRUIKER")
        self._poging: tuple[str, str, str] | None = None

    @property
    def waar(self) -> str:
        if self.url:
            from sqlalchemy.engine import make_url

            return make_url(self.url).render_as_string(hide_password=True)
        return str(self.pad)

    def _soort(self) -> str:
        return "gedeeld" if self.url else self._lokaal_soort()

    # --- sign in -----------------------------------------------------------------
    def start(self, fout: str = "", pad: Path | None = None) -> None:
        """Sign in (again). `pad`: switch to that local store first (a laptop store just taken along)."""
        if pad is not None:
            self.pad, self.url, self.vaste_url, self.lokaal_gekozen = Path(pad), None, None, True
            QSettings().setValue(KEUZE_SLEUTEL, "lokaal")
        self.window.show_loading("Aanmelden…")
        if self.automatisch and not fout:  # smoke runs and benchmarks: the store of --db or --url, no dialog
            soort = self._soort()
            if soort == "nieuw":
                if os.environ.get("JET_PASSPHRASE"):  # scripted first start
                    from jet_desktop.domain.enums import Rol

                    self._maak(self.automatisch, self.automatisch, Rol.TEAMLEIDER, os.environ["JET_PASSPHRASE"])
                else:
                    self._nieuw(fout)
                return
            self._open(self.automatisch, os.environ.get("JET_PASSPHRASE", ""), soort)
            return
        from jet_desktop.ui.dialogs.inlog_dialog import TEAMSERVER, InlogDialog

        if self.pad is None:
            from jet_desktop.paths import default_db_path

            self.pad = default_db_path()
        lokaal = self._lokaal_soort()
        kies_server = self._kies_teamserver()
        if lokaal == "nieuw" and not kies_server and not fout:  # the first start on a laptop: a new local store
            self._nieuw()
            return
        # after a refusal the name just typed stays; else the name of the last successful sign-in
        naam = self._poging[0] if fout and self._poging else QSettings().value("gebruikersnaam", "") or ""
        dlg = InlogDialog(str(self.pad), lokaal, naam, fout, self.window, teamserver=True, url=self.vaste_url,
                          kies_teamserver=kies_server)
        if QUIT_AFTER == "inlogvenster":  # benchmarks: the sign-in dialog a user sees is on screen
            QTimer.singleShot(0, lambda: (merk("inlogvenster"), QApplication.quit()))
        else:  # once the dialog is painted: load what signing in needs while the user types
            QTimer.singleShot(VOORLADEN_NA_MS, _laad_aanmelden_voor)
        if not dlg.exec():
            self.window.close()
            return
        QSettings().setValue(KEUZE_SLEUTEL, dlg.keuze)
        gebruiker, wachtwoord = dlg.waarden()
        if dlg.keuze == TEAMSERVER:  # the dialog connected and signed in (or was asked for one's own password)
            self.url = dlg.gebruikte_url
            self._poging = (gebruiker, wachtwoord, "gedeeld")
            if dlg.startwachtwoord is not None:
                self._eigen_wachtwoord(dlg.startwachtwoord)
            else:
                self._aangemeld(dlg.sessie, gebruiker, "gedeeld")
            return
        self.url = None
        if lokaal == "nieuw":
            self._nieuw()
            return
        self._open(gebruiker, wachtwoord, lokaal)

    def _lokaal_soort(self) -> str:
        from jet_desktop.storage.bestand import is_versleuteld

        staat = is_versleuteld(self.pad)
        return "nieuw" if staat is None else ("versleuteld" if staat else "onversleuteld")

    def _kies_teamserver(self) -> bool:
        """Pre-select the team server? --url yes, --db no; else as chosen last time; else when this workstation
        has a team server profile (or a bad one: the dialog says what is wrong with it)."""
        if self.vaste_url:
            return True
        if self.lokaal_gekozen:
            return False
        gekozen = QSettings().value(KEUZE_SLEUTEL, "") or ""
        if gekozen:
            return gekozen == "teamserver"
        from jet_desktop import teamserverprofiel

        try:
            return teamserverprofiel.laad() is not None
        except teamserverprofiel.ProfielFout:
            return True

    def _open(self, gebruiker: str, wachtwoord: str, soort: str, nieuw_wachtwoord: str | None = None) -> None:
        self.window.show_loading("Gegevens openen…")
        self._poging = (gebruiker, wachtwoord, soort)

        pad, url = self.pad, self.url

        def werk(p):
            if url:
                from jet_desktop.ui.dialogs.inlog_dialog import aanmelden_bij_teamserver

                return aanmelden_bij_teamserver(gebruiker, wachtwoord, url, nieuw_wachtwoord=nieuw_wachtwoord)
            from jet_desktop.services.inloggen import open_sessie

            # the first start of a new version: "Reservekopie maken…", "Gegevensset bijwerken…" on the screen
            return open_sessie(gebruiker, wachtwoord, pad=pad, nieuw_wachtwoord=nieuw_wachtwoord,
                               melden=lambda tekst: p(0, 0, tekst))

        run_in_background(werk, on_done=lambda s: self._aangemeld(s, gebruiker, soort), on_error=self._aanmelden_mislukt,
                          on_progress=lambda _d, _t, tekst: self.window.show_loading(tekst))

    def _eigen_wachtwoord(self, melding: str) -> None:
        """Signed in with a start password (set by the functioneel beheerder): choose one's own."""
        from jet_desktop.ui.dialogs.gebruikers_dialog import EigenWachtwoordDialog

        dlg = EigenWachtwoordDialog(melding, self.window)
        if not dlg.exec():
            self.start()
            return
        self._open(*self._poging, nieuw_wachtwoord=dlg.waarde())

    def _nieuw(self, fout: str = "") -> None:
        from jet_desktop.ui.dialogs.inlog_dialog import NieuweGegevenssetDialog

        self.url = None  # a new store is always a local one: a team server is made by `teamserver init`
        dlg = NieuweGegevenssetDialog(self.waar, parent=self.window, teamserver_knop=not self.automatisch)
        dlg.algemeen.show_message(fout or None)
        uitkomst = dlg.exec()
        if uitkomst == NieuweGegevenssetDialog.TEAMSERVER:  # "Aanmelden bij een teamserver…"
            QSettings().setValue(KEUZE_SLEUTEL, "teamserver")
            self.start()
            return
        if not uitkomst:
            self.window.close()
            return
        self._maak(*dlg.waarden())

    def _maak(self, naam: str, gebruiker: str, rol, wachtwoord: str) -> None:
        self.window.show_loading("Gegevensset aanmaken…")

        def werk(_p):
            from jet_desktop.services.inloggen import nieuwe_gegevensset

            return nieuwe_gegevensset(naam, gebruiker, rol, wachtwoord, pad=self.pad, url=self.url)

        run_in_background(werk, on_done=lambda s: self._aangemeld(s, gebruiker, "versleuteld", nieuw=True),
                          on_error=self._aanmelden_mislukt)

    def _aanmelden_mislukt(self, exc: Exception, tb: str) -> None:
        from jet_desktop.domain.errors import ValidationError
        from jet_desktop.services.inloggen import InlogFout, LegeGegevensset, NieuwWachtwoordNodig
        from jet_desktop.storage.bestand import WachtwoordzinFout
        from jet_desktop.storage.bijwerken import NietBijgewerkt, NieuwereGegevensset
        from jet_desktop.storage.verbinding import ServerOnbereikbaar

        if isinstance(exc, LegeGegevensset) and self.url:  # never a new gegevensset on a team server from here
            from jet_desktop.storage.verbinding import server
            from jet_desktop.ui.dialogs.inlog_dialog import LEGE_TEAMSERVER

            self.start(fout=LEGE_TEAMSERVER.format(waar=server(self.url)))
        elif isinstance(exc, LegeGegevensset):
            self._nieuw()
        elif isinstance(exc, NieuwWachtwoordNodig):
            self._eigen_wachtwoord(str(exc))
        elif isinstance(exc, ValidationError) and self._soort() == "nieuw":
            self._nieuw(str(exc))
        elif isinstance(exc, (WachtwoordzinFout, InlogFout, ValidationError, ServerOnbereikbaar, NieuwereGegevensset,
                              NietBijgewerkt)):  # said in the sign-in dialog, the store untouched
            self.start(fout=str(exc))
        else:
            self._failed(exc, tb)

    def _aangemeld(self, store, gebruiker: str, soort: str, nieuw: bool = False) -> None:
        merk("aangemeld")  # the store is open and the medewerker signed in
        QSettings().setValue("gebruikersnaam", gebruiker)
        logging.getLogger(__name__).info("Aangemeld: rol %s, %s", store.rol.name if store.rol else "-", soort)  # no name
        self._meld_bijgewerkt(store)
        from jet_desktop.services.aanmeldingen import zonder_aanmeldingen

        # signed in, so there is staff; a store without aanmeldingen is offered demo data (never the team
        # server: a demo there is IT's, scripts/teamserver.sh, and a beheerder's login may not even count them)
        if (not store.teamserver and (nieuw or zonder_aanmeldingen(store)) and not QUIT_AFTER
                and self.ask_demo()):  # smoke runs never ask
            self._load_demo(store)
            return
        self._attach(store)
        self._accountmeldingen(store)
        if soort == "onversleuteld" and not QUIT_AFTER and self.ask_versleutelen():
            self.window.versleutel()

    def _meld_bijgewerkt(self, store) -> None:
        """The first start of a new version brought the store to its schema: say so, with the reservekopie."""
        if store.bijgewerkt is None:
            return
        self.window.statusBar().showMessage(store.bijgewerkt.kort, 15000)
        if not QUIT_AFTER:
            QMessageBox.information(self.window, "Gegevensset bijgewerkt", store.bijgewerkt.melding)

    def _accountmeldingen(self, store) -> None:
        """A teamleider is shown what functioneel beheerders did to casework accounts since their
        previous sign-in (services/medewerkers.py: four eyes on the beheerder)."""
        from jet_desktop.domain.enums import Rol

        if store.rol is not Rol.TEAMLEIDER or QUIT_AFTER:
            return
        from jet_desktop.services.inloggen import meldingen_sinds_vorige_aanmelding

        def toon(meldingen):
            if meldingen:
                QMessageBox.information(
                    self.window, "Accounts gewijzigd door de functioneel beheerder",
                    "Sinds uw vorige aanmelding heeft een functioneel beheerder accounts van jeugdconsulenten of "
                    "teamleiders aangemaakt, een wachtwoord gegeven, een hogere rol gegeven of weer "
                    "ingeschakeld:\n\n" + "\n".join(meldingen[:15])
                    + (f"\n… en {len(meldingen) - 15} meer" if len(meldingen) > 15 else "")
                    + "\n\nKlopt iets niet, neem dan contact op met de functioneel beheerder of de FG.")

        run_in_background(lambda _p: meldingen_sinds_vorige_aanmelding(store), on_done=toon)

    def _attach(self, store) -> None:
        self.window.attach_store(store, klok.bron(self), herstart=self.start)
        self._dagelijkse_backup(store)

    def _dagelijkse_backup(self, store) -> None:
        """On a local store: finish what an interrupted encryption or re-key left and warn about files beside
        the store not under its key (services/reservekopie.bij_start), then the first start of the day makes a
        reservekopie — all in the background."""
        if QUIT_AFTER or store.engine.dialect.name != "sqlite" or not store.engine.url.database:
            return
        from jet_desktop.services import reservekopie

        reservekopie.meld_aangemeld(store)

        def werk(_p):
            waarschuwingen = reservekopie.bij_start(store)
            return waarschuwingen, reservekopie.dagelijks(store, self.vandaag)

        def klaar(uitkomst):
            waarschuwingen, kopie = uitkomst
            if not shiboken6.isValid(self.window):  # the window may be closed meanwhile
                return
            if kopie is not None:
                self.window.statusBar().showMessage(f"Reservekopie van vandaag gemaakt: {kopie.pad}", 8000)
            if waarschuwingen:
                sys.stderr.write("".join(f"Let op: {w}\n" for w in waarschuwingen))
                self.toon_waarschuwingen(waarschuwingen)

        def mislukt(exc, _tb):
            sys.stderr.write(f"Reservekopie van vandaag niet gemaakt: {exc}\n")
            if shiboken6.isValid(self.window):
                QMessageBox.warning(self.window, "Reservekopie",
                                    f"De reservekopie van vandaag is niet gemaakt:\n{exc}")

        run_in_background(werk, on_done=klaar, on_error=mislukt)

    def toon_waarschuwingen(self, waarschuwingen: list[str]) -> None:
        QMessageBox.warning(self.window, "Reservekopieën", "Niet alle bestanden naast de gegevensset staan onder de "
                            "huidige wachtwoordzin:\n\n" + "\n".join(f"• {w}" for w in waarschuwingen[:10]))

    def _load_demo(self, store) -> None:
        progress = QProgressDialog("Demogegevens aanmaken…", "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowTitle("Demogegevens")
        progress.setMinimumDuration(0)
        progress.show()
        url = store.engine.url.render_as_string(hide_password=False)

        def work(report):
            from jet_desktop.demo.generator import generate

            return generate(url, jeugdigen=DEMO_JEUGDIGEN, seed=1, progress=report, vandaag=self.vandaag)

        def on_progress(done, total, label):
            progress.setLabelText(f"Demogegevens aanmaken: {label}…")
            progress.setRange(0, max(total, 1))
            progress.setValue(done)

        def done(_summary):
            progress.close()
            self._attach(store)
            self.window.toon_demo_gebruikers()

        def failed(exc, _tb):
            progress.close()
            QMessageBox.warning(self.window, "Demogegevens", f"Demogegevens konden niet worden geladen:\n{exc}")
            self._attach(store)

        run_in_background(work, on_done=done, on_error=failed, on_progress=on_progress)

    def _failed(self, exc: Exception, tb: str) -> None:
        sys.stderr.write(tb)
        self.window.show_loading("De gegevens konden niet worden geopend.")
        QMessageBox.critical(self.window, "JET Desktop",
                             f"De gegevensset kon niet worden geopend:\n{self.waar}\n\n{exc}")


VOORLADEN_NA_MS = 150
KEUZE_SLEUTEL = "aanmelden/waar"  # QSettings: "teamserver" or "lokaal", the choice of the last sign-in


def _laad_aanmelden_voor() -> None:
    """Import services/inloggen.py (SQLAlchemy, the models, the store) on a worker, so pressing Aanmelden
    does not wait for it. Only imports: nothing is opened or read."""

    def werk(_p):
        import importlib

        importlib.import_module("jet_desktop.services.inloggen")

    run_in_background(werk, on_done=lambda _r: None, on_error=lambda _exc, _tb: None)  # a failure shows on OK


def run_gui(pad: Path | None = None, url: str | None = None, lokaal_gekozen: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    merk("qapplication")
    from jet_desktop.ui import foutdialoog, opruimer

    opruimer.installeer(app)  # the cyclic garbage collector on this (the GUI) thread only, never on a worker
    from jet_desktop.ui.taal import installeer_nederlands

    installeer_nederlands(app)  # Qt's own buttons and dialogs in Dutch (Ja/Nee, Annuleren), nl_NL notation

    foutdialoog.installeer()  # an exception no dialog handled: logged, and shown in the one error dialog
    app.setApplicationName("JET Desktop")
    app.setOrganizationName("JET")
    window = MainWindow(str(pad) if pad else "")
    window.resize(1280, 800)
    window.show()
    merk("venster")
    # the rest runs in the event loop, after the window is shown, in this order (zero timers: first in, first out):
    # print previews a crashed session left (personal data) are removed, at every start (a smoke run's too) and
    # before anything else;
    QTimer.singleShot(0, _ruim_op)
    if QUIT_AFTER == "shown":  # benchmarks: quit as the bare window does, in the first turn of the event loop
        QTimer.singleShot(0, app.quit)
        return app.exec()
    # the wheel scrolls the form and changes a choice or number only in the focused field (an application-wide
    # filter in Python makes the first widgets cost ~0.1 s more; the main window has no combo or spin box, and
    # the sign-in dialog, made by the starter's timer below, comes after it)
    QTimer.singleShot(0, lambda: _installeer_wiel(app))
    if QUIT_AFTER == "ready":
        window.ready.connect(lambda: (merk("klaar"), QTimer.singleShot(0, app.quit)))
    starter = Starter(window, klok.KLOK, pad=pad, url=url, lokaal_gekozen=lokaal_gekozen)
    QTimer.singleShot(0, starter.start)
    return app.exec()


def _installeer_wiel(app: QApplication) -> None:
    from jet_desktop.ui import wiel

    wiel.installeer(app)


def _ruim_op() -> None:
    from jet_desktop.voorbeeldmap import ruim_achtergebleven_pdfs  # no Qt: a directory listing

    try:
        ruim_achtergebleven_pdfs()
    except OSError as exc:  # e.g. the data folder cannot be made: the start goes on
        sys.stderr.write(f"Afdrukvoorbeelden van een vorige sessie niet opgeruimd: {exc.strerror or exc}\n")
