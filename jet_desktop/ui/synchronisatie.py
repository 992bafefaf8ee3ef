"""The S&ynchronisatie menu (docs/sync.md): on the team server *Caseload meenemen naar een laptop…* and
*Conflicten…*; on a laptop store *Synchroniseren* (also a toolbar button), *Automatisch synchroniseren*,
*Conflicten…* and *Geweigerde wijzigingen…*.

A sync runs on a worker with its progress in the status bar: the window stays usable, and what is saved
meanwhile is captured and goes with the next sync. The consulent's server password is asked for each sync;
only when they allowed automatic sync is it kept, in memory for this session (never on disk), so that the
window can sync by itself whenever the team server is reachable (checked every `INTERVAL_MS`).
"""

from __future__ import annotations

import logging
import socket

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QProgressBar

from jet_desktop.domain.rollen import Recht
from jet_desktop.services import synchroniseren
from jet_desktop.services.autorisatie import mag
from jet_desktop.ui.workers import run_in_background

_log = logging.getLogger(__name__)
INTERVAL_MS = 120_000  # automatic sync: how often the window looks whether the server is reachable


def bereikbaar(server_url: str, timeout: float = 3.0) -> bool:
    """Whether the team server answers on its port (a TCP connect; no sign-in, nothing sent)."""
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    try:
        with socket.create_connection((u.host or "127.0.0.1", u.port or 5432), timeout=timeout):
            return True
    except OSError:
        return False


def vraag_wachtwoord(parent, gebruikersnaam: str) -> str | None:
    """The consulent's password on the team server (None: Annuleren)."""
    tekst, ok = QInputDialog.getText(parent, "Synchroniseren",
                                     f"Wachtwoord van {gebruikersnaam} op de teamserver:", QLineEdit.EchoMode.Password)
    return tekst if ok and tekst else None


class Synchronisatie(QObject):
    klaar = Signal(object)  # the Verslag of a sync that completed; None after a failure

    def __init__(self, window, store, toolbar=None, voor=None):
        """`toolbar`: where the Synchroniseren button goes (before the action `voor`)."""
        super().__init__(window)
        self.window, self.store = window, store
        self.lap = synchroniseren.laptop(store)
        self.bezig = False
        self._wachtwoord: str | None = None  # only with automatic sync on, this session only
        casework = mag(store, Recht.EIGEN_DOSSIERS)
        self.menu = QMenu("S&ynchronisatie", window.menuBar())
        self.sync_actie = self.automatisch_actie = self.geweigerd_actie = self.meenemen_actie = None
        self.toolbar = toolbar
        if self.lap is not None:
            self.sync_actie = self.menu.addAction("&Synchroniseren", self.synchroniseer)
            self.sync_actie.setShortcut(QKeySequence("F9"))
            self.automatisch_actie = self.menu.addAction("&Automatisch synchroniseren als de teamserver bereikbaar is")
            self.automatisch_actie.setCheckable(True)
            self.automatisch_actie.setChecked(synchroniseren.automatisch(store))
            self.automatisch_actie.toggled.connect(self._automatisch)
            self.menu.addSeparator()
            if toolbar is not None:
                toolbar.insertAction(voor, self.sync_actie)
        self.conflicten_actie = self.menu.addAction("&Conflicten…", self.conflicten)
        self.conflicten_actie.setVisible(casework and (self.lap is not None or store.teamserver))
        if self.lap is not None:
            self.geweigerd_actie = self.menu.addAction("&Geweigerde wijzigingen…", self.geweigerd)
        elif store.teamserver and casework and store.user_id is not None:
            self.meenemen_actie = self.menu.addAction("Caseload &meenemen naar een laptop…", self.meenemen)
        if any(a.isVisible() for a in self.menu.actions() if not a.isSeparator()):  # an office's local store: none
            volgend = getattr(window.beheer, "menu", None) or getattr(window, "help_menu", None)  # before Beheer
            if volgend is not None:
                window.menuBar().insertMenu(volgend.menuAction(), self.menu)
            else:
                window.menuBar().addMenu(self.menu)
        self.voortgang = QProgressBar()  # busy, in the status bar, while a sync runs
        self.voortgang.setRange(0, 0)
        self.voortgang.setMaximumWidth(120)
        self.voortgang.setVisible(False)
        window.statusBar().addPermanentWidget(self.voortgang)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._automatisch_proberen)
        if self.lap is not None:
            self.timer.start()

    def verwijder(self) -> None:
        self.timer.stop()
        self._wachtwoord = None
        self.window.menuBar().removeAction(self.menu.menuAction())
        if self.sync_actie is not None and self.toolbar is not None:
            self.toolbar.removeAction(self.sync_actie)
        self.window.statusBar().removeWidget(self.voortgang)
        self.voortgang.deleteLater()
        self.menu.deleteLater()
        self.deleteLater()

    # --- sync --------------------------------------------------------------------------
    def synchroniseer(self, automatisch: bool = False) -> bool:
        """Start a sync on a worker (False: one runs already, or the password was not given)."""
        if self.bezig or self.lap is None:
            return False
        wachtwoord = self._wachtwoord
        if wachtwoord is None:
            if automatisch:
                return False
            wachtwoord = vraag_wachtwoord(self.window, self.lap.gebruikersnaam)
            if wachtwoord is None:
                return False
        self.bezig = True
        self.sync_actie.setEnabled(False)
        self.sync_actie.setText("Synchroniseren…")
        self.voortgang.setVisible(True)
        laptopstore, lap = self.store, self.lap

        def werk(meld):
            from jet_desktop.services import inloggen

            if automatisch and not bereikbaar(lap.server_url):
                return None
            meld(0, 0, "Aanmelden bij de teamserver…")
            server = inloggen.open_sessie(lap.gebruikersnaam, wachtwoord, url=lap.server_url)
            try:
                return synchroniseren.synchroniseer(laptopstore, server, voortgang=lambda t: meld(0, 0, t))
            finally:
                server.engine.dispose()

        run_in_background(werk, on_done=lambda v: self._klaar(v, wachtwoord, automatisch),
                          on_error=lambda exc, tb: self._mislukt(exc, automatisch),
                          on_progress=lambda _d, _t, tekst: self.window.statusBar().showMessage(tekst))
        return True

    def _einde(self) -> None:
        self.bezig = False
        self.sync_actie.setEnabled(True)
        self.sync_actie.setText("&Synchroniseren")
        self.voortgang.setVisible(False)

    def _klaar(self, verslag, wachtwoord: str, automatisch: bool = False) -> None:
        self._einde()
        if verslag is None:  # automatic, the server not reachable: nothing tried
            return
        if self.automatisch_actie.isChecked():
            self._wachtwoord = wachtwoord
        self.window.statusBar().showMessage(samenvatting(verslag), 15000)
        self.window.refresh_all()
        self.klaar.emit(verslag)
        if (verslag.conflicten or verslag.geweigerd) and not automatisch:  # not over what the user is typing
            waar = " en ".join(n for n, ja in (("Synchronisatie → Conflicten", verslag.conflicten),
                                               ("Synchronisatie → Geweigerde wijzigingen", verslag.geweigerd)) if ja)
            box = QMessageBox(QMessageBox.Icon.Information, "Synchroniseren", samenvatting(verslag) + "\n\n"
                              f"Niets is weggegooid: u vindt ze onder {waar}.", QMessageBox.StandardButton.Ok,
                              self.window)
            box.setModal(False)
            box.show()
            self.melding = box

    def _mislukt(self, exc, automatisch: bool) -> None:
        from jet_desktop.services.inloggen import InlogFout
        from jet_desktop.ui import foutdialoog

        self._einde()
        if isinstance(exc, InlogFout):
            self._wachtwoord = None  # a changed password: ask again next time
        self.klaar.emit(None)
        self.window._counts()
        if automatisch:  # no dialog over the user's work: the status bar says it, the log has it
            self.window.statusBar().showMessage("Automatisch synchroniseren is niet gelukt; uw wijzigingen blijven "
                                                "op deze laptop bewaard en gaan mee bij de volgende keer.", 15000)
            return
        foutdialoog.toon_fout(exc, wat="Het synchroniseren (uw wijzigingen blijven op deze laptop bewaard)", gelogd=True)

    def _automatisch(self, aan: bool) -> None:
        synchroniseren.zet_automatisch(self.store, aan)
        if not aan:
            self._wachtwoord = None
        self.window.statusBar().showMessage(
            ("Automatisch synchroniseren staat aan: na de eerstvolgende synchronisatie gaat het vanzelf zodra de "
             "teamserver bereikbaar is." if self._wachtwoord is None else "Automatisch synchroniseren staat aan.")
            if aan else "Automatisch synchroniseren staat uit.", 10000)

    def _automatisch_proberen(self) -> None:
        if self.automatisch_actie is not None and self.automatisch_actie.isChecked():
            self.synchroniseer(automatisch=True)

    # --- the screens ---------------------------------------------------------------------
    def conflicten(self) -> None:
        from jet_desktop.ui.dialogs.conflicten_dialog import ConflictenDialog

        self.conflicten_dialog = ConflictenDialog(self.store, self.window)
        self.conflicten_dialog.opgelost.connect(self.window._counts)
        self.conflicten_dialog.finished.connect(lambda _r: self.window.refresh_all())
        self.conflicten_dialog.open()

    def geweigerd(self) -> None:
        from jet_desktop.ui.dialogs.geweigerd_dialog import GeweigerdDialog

        self.geweigerd_dialog = GeweigerdDialog(self.store, self.window)
        self.geweigerd_dialog.finished.connect(lambda _r: self.window._counts())
        self.geweigerd_dialog.open()

    def meenemen(self) -> None:
        from jet_desktop.ui.dialogs.meenemen_dialog import MeenemenDialog

        self.meenemen_dialog = MeenemenDialog(self.store, self.window)
        self.meenemen_dialog.open()


def samenvatting(v) -> str:
    delen = [f"{v.verzonden} wijziging(en) verzonden"]
    if v.conflicten:
        delen.append(f"{v.conflicten} conflict(en)")
    if v.geweigerd:
        delen.append(f"{v.geweigerd} geweigerd")
    if v.nieuwe_dossiers:
        delen.append(f"{v.nieuwe_dossiers} dossier(s) erbij")
    if v.weg_dossiers:
        delen.append(f"{v.weg_dossiers} dossier(s) niet meer op uw caseload")
    tekst = "Gesynchroniseerd: " + ", ".join(delen) + "."
    for voorlopig, echt in v.nummers.items():
        tekst += f" Aanmelding {voorlopig} heeft nu dossiernummer {echt}."
    return tekst
