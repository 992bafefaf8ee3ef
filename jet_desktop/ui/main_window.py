"""The main window: navigation (Triage, Wachtlijst, Caseload, Monitor, Matched care), toolbar, status bar.

Imports only Qt at module level; the pages (and with them SQLAlchemy) load when a
store is attached, after the window is already on screen, and each page is built when it is
first shown (`Paginas`): signing in builds only the first page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from jet_desktop import __version__
from jet_desktop.ui import klok
from jet_desktop.ui.zoekbalk import Zoekbalk

# Qt.ItemDataRole.UserRole. The Qt namespace is not touched before the window shows: its first use creates
# all of its ~130 enums (some 30-50 ms of a cold start); the loading label is centred by the style sheet
USER_ROLE = 0x0100
PAGES = ("triage", "wachtlijst", "caseload", "monitor", "matched_care")
PAGE_TITLES = {"triage": "Triage", "wachtlijst": "Wachtlijst", "caseload": "Caseload", "monitor": "Monitor toegang",
               "matched_care": "Matched care"}


def page_recht() -> dict:
    """The right each page needs (domain/rollen.py; imported when a store is attached, not at start)."""
    from jet_desktop.domain.rollen import Recht

    return {"triage": Recht.TRIAGE, "wachtlijst": Recht.WACHTLIJST, "caseload": Recht.EIGEN_DOSSIERS,
            "monitor": Recht.ANONIEME_CIJFERS, "matched_care": Recht.ANONIEME_CIJFERS}


def page_klasse(key: str) -> type:
    """The page's class, imported when the page is first built (the monitor's and the lists' modules are not
    needed to show the wachtlijst)."""
    if key == "triage":
        from jet_desktop.ui.pages.triage_page import TriagePage as klasse
    elif key == "wachtlijst":
        from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage as klasse
    elif key == "caseload":
        from jet_desktop.ui.pages.caseload_page import CaseloadPage as klasse
    elif key == "monitor":
        from jet_desktop.ui.pages.monitor_page import MonitorPage as klasse
    else:
        from jet_desktop.ui.pages.matched_care_page import MatchedCarePage as klasse
    return klasse


class Paginas(Mapping):
    """The pages the signed-in role allows, by key, in PAGES order. A page is built the first time it is asked
    for (`pages[key]`, `pages.get(key)`: when it is first shown); `in`, `len` and iterating never build one.
    `gebouwd()`: the pages built so far."""

    def __init__(self, sleutels: list[str], maak: Callable[[str], QWidget], bij_bouwen: Callable[[QWidget], None]):
        self._sleutels, self._maak, self._bij_bouwen = sleutels, maak, bij_bouwen
        self._gebouwd: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._gebouwd:
            if key not in self._sleutels:
                raise KeyError(key)
            page = self._gebouwd[key] = self._maak(key)
            self._bij_bouwen(page)
        return self._gebouwd[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sleutels)

    def __len__(self) -> int:
        return len(self._sleutels)

    def __contains__(self, key) -> bool:
        return key in self._sleutels

    def gebouwd(self) -> dict[str, QWidget]:
        return dict(self._gebouwd)


class MainWindow(QMainWindow):
    ready = Signal()  # store attached and the first page painted
    vandaag = klok.Vandaag()  # read when used: a session past midnight works on the new day

    def __init__(self, url: str = ""):
        super().__init__()
        self.url = url
        self.store = None
        self.pages: Paginas | dict[str, QWidget] = {}
        self.setWindowTitle(f"JET Desktop {__version__}")
        self.setStyleSheet(STYLE)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(0, 0))
        for key in PAGES:
            item = QListWidgetItem(PAGE_TITLES[key])
            item.setData(USER_ROLE, key)
            self.nav.addItem(item)
        self.nav.setEnabled(False)
        self.stack = QStackedWidget()
        self.loading = QLabel("Gegevens openen…")
        self.loading.setObjectName("laden")  # centred (STYLE)
        self.stack.addWidget(self.loading)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        tb = QToolBar("Hoofdbalk")
        tb.setMovable(False)
        self.addToolBar(tb)
        self.nieuw_action = self._actie("&Nieuwe aanmelding…", self.nieuwe_aanmelding, QKeySequence.StandardKey.New)
        self.nieuw_action.setEnabled(False)
        tb.addAction(self.nieuw_action)
        self.refresh_action = self._actie("&Vernieuwen", self.refresh_all, QKeySequence.StandardKey.Refresh)
        tb.addAction(self.refresh_action)
        self.instellingen_action = self._actie("&Instellingen…", self.instellingen)
        self.instellingen_action.setEnabled(False)
        tb.addAction(self.instellingen_action)
        self.afdruk_action = self._actie("&Afdrukken…", self.afdrukken, QKeySequence.StandardKey.Print)
        self.afdruk_action.setEnabled(False)
        self.zoekbalk = Zoekbalk(self)  # Ctrl+F: find a jeugdige or dossier (ui/zoekbalk.py)
        self.zoek_action = self.zoekbalk.actie  # Ctrl+F, in the Beeld menu too
        self.zoek_action.setText("&Zoeken")
        self.afsluit_action = self._actie("Af&sluiten", self.close, QKeySequence("Ctrl+Q"))
        self._menus()
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        self.spacer_actie = tb.addWidget(spacer)
        self.toolbar = tb
        self.zoekbalk.plaats_in(tb)
        self.aangemeld = QLabel()
        self.aangemeld.setObjectName("aangemeld")
        tb.addWidget(self.aangemeld)
        self.herstart = None  # Starter.start: sign in again (after Afmelden, restore, re-key)
        self.beheer = None
        self.synchronisatie = None  # the S&ynchronisatie menu (ui/synchronisatie.py), after signing in
        self.verversing = None  # a colleague's changes refresh the lists (ui/verversen.py)

        self.spoed_label = QLabel()
        self.spoed_label.setObjectName("spoedSignaal")
        self.statusBar().addPermanentWidget(self.spoed_label)
        self.offline_label = QLabel()  # a laptop store (docs/sync.md): offline since when, what waits
        self.offline_label.setObjectName("offline")
        self.offline_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.offline_label)
        self.laptop = False
        self.statusBar().showMessage(url.replace("sqlite:///", "") if url else "")

    def toon_logboek(self) -> None:
        """Help → Logboek: the tail of the application's log (ui/logboek_dialog.py)."""
        from jet_desktop.ui.logboek_dialog import LogboekDialog

        self.logboek_dialog = LogboekDialog(self)
        self.logboek_dialog.show()

    def _actie(self, tekst: str, slot, sneltoets=None) -> QAction:
        a = QAction(tekst, self)
        if sneltoets is not None:
            # as setShortcut(sneltoets), without touching the Qt namespace (USER_ROLE; so is copying a QKeySequence)
            a.setShortcuts([sneltoets if isinstance(sneltoets, QKeySequence) else QKeySequence(sneltoets)])
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)  # the shortcut works wherever the focus is in the window
        return a

    def _menus(self) -> None:
        """&Bestand, B&eeld, (Be&heer: ui/beheer_menu.py, after signing in), He&lp; every action an & letter."""
        bar = self.menuBar()
        bestand = bar.addMenu("&Bestand")
        bestand.addAction(self.nieuw_action)
        bestand.addAction(self.afdruk_action)
        bestand.addSeparator()
        bestand.addAction(self.instellingen_action)
        bestand.addSeparator()
        bestand.addAction(self.afsluit_action)
        beeld = bar.addMenu("B&eeld")
        self.pagina_acties = {}
        letters = {"triage": "&Triage", "wachtlijst": "&Wachtlijst", "caseload": "&Caseload",
                   "monitor": "&Monitor toegang", "matched_care": "M&atched care"}
        for i, key in enumerate(PAGES):
            a = self._actie(letters[key], lambda k=key: self.show_page(k) if k in self.pages else None,
                            QKeySequence(f"Ctrl+{i + 1}"))
            a.setEnabled(False)
            beeld.addAction(a)
            self.pagina_acties[key] = a
        beeld.addSeparator()
        beeld.addAction(self.zoek_action)
        beeld.addAction(self.refresh_action)
        self.help_menu = bar.addMenu("He&lp")
        self.help_menu.addAction(self._actie("&Sneltoetsen", self.sneltoetsen))
        self.help_menu.addAction(self._actie("&Logboek…", self.toon_logboek))
        self.help_menu.addAction(self._actie("&Over JET Desktop", self.over))

    def show_loading(self, text: str) -> None:
        self.loading.setText(text)
        self.stack.setCurrentWidget(self.loading)

    # --- store ---------------------------------------------------------------
    def attach_store(self, store, vandaag: date | None = None, herstart=None) -> None:
        """Show the pages the signed-in medewerker's role allows (domain/rollen.py)."""
        from jet_desktop.domain.rollen import Recht
        from jet_desktop.services import synchroniseren
        from jet_desktop.services.autorisatie import mag
        from jet_desktop.ui.beheer_menu import BeheerMenu
        from jet_desktop.ui.synchronisatie import Synchronisatie

        self.store = store
        self.laptop = synchroniseren.laptop(store) is not None
        self.offline_label.setVisible(self.laptop)
        if vandaag is not None:  # a fixed date (tests) or a clock (klok.KLOK)
            self.vandaag = vandaag
        self.herstart = herstart
        recht = page_recht()

        def bij_bouwen(page: QWidget) -> None:
            self.stack.addWidget(page)
            page.changed.connect(self._counts)

        self.pages = Paginas([key for key in PAGES if mag(store, recht[key])],
                             lambda key: page_klasse(key)(store, klok.bron(self)), bij_bouwen)
        for i, key in enumerate(PAGES):
            self.nav.item(i).setHidden(key not in self.pages)
            self.pagina_acties[key].setEnabled(key in self.pages)
            self.pagina_acties[key].setVisible(key in self.pages)
        self._stale = set(self.pages)

        rol = store.rol.label.lower() if store.rol else "systeem"
        self.aangemeld.setText(f"  Aangemeld: {store.user} ({rol})  ")
        self.beheer = BeheerMenu(self, store)
        self.synchronisatie = Synchronisatie(self, store, self.toolbar, self.spacer_actie)
        self.zoekbalk.koppel(store, self.vandaag)

        self.nav.setEnabled(True)
        self.nieuw_action.setEnabled(mag(store, Recht.WACHTLIJST))
        self.instellingen_action.setEnabled(mag(store, Recht.INSTELLINGEN))
        u = store.engine.url  # where the data are, as signed in (not the file the window was started with)
        self.statusBar().showMessage(u.database or "" if u.get_backend_name() == "sqlite"
                                     else f"Teamserver {u.host}:{u.port or 5432}/{u.database}")
        self.afdruk_action.setEnabled(True)
        self.nav.currentRowChanged.connect(self._nav_changed)
        # a laptop holds only the own caseload: it opens there; elsewhere the wachtlijst
        start = next((k for k in (("caseload",) if self.laptop else ()) + ("wachtlijst",) if k in self.pages),
                     next(iter(self.pages)))
        self.nav.setCurrentRow(PAGES.index(start))
        # after signing out and in again the row may be the one it was: no currentRowChanged, so show it here
        self._nav_changed(self.nav.currentRow())
        self._counts()
        self._meld_klaar()
        self._start_verversing()

    def _start_verversing(self) -> None:
        """Follow the colleagues' changes while signed in, when a page of this role shows any (docs/samenwerken.md)."""
        if any(getattr(page_klasse(key), "TABELLEN", None) for key in self.pages):
            from jet_desktop.ui.verversen import Verversing

            self.verversing = Verversing(self.store, self)
            self.verversing.gewijzigd.connect(self._na_wijziging)
            self.verversing.start()

    def _stop_verversing(self) -> None:
        if self.verversing is not None:
            self.verversing.stop()
            self.verversing.deleteLater()
            self.verversing = None

    def _na_wijziging(self, tabellen: frozenset) -> None:
        """A colleague changed `tabellen`: the page on screen reads again where the user is; a page not on
        screen that shows them reads again when it is shown; the counts and the spoed signal follow."""
        if self.store is None:
            return
        huidig, stale = self.stack.currentWidget(), set(self._stale)
        for key, page in self._gebouwd().items():
            if getattr(page, "TABELLEN", frozenset()) & tabellen:
                if page is huidig:
                    page.vernieuw_na_wijziging()
                else:
                    stale.add(key)
        self._counts()
        self._stale = stale  # _counts marks every other page: only those that show what changed

    def _meld_klaar(self) -> None:
        """`ready` once the first page has its rows (the wachtlijst reads them on a worker), in the turn after."""
        model = getattr(self.stack.currentWidget(), "model", None)
        signaal = getattr(model, "bezig_gewijzigd", None)
        if signaal is None or not getattr(model, "bezig", False):
            QTimer.singleShot(0, self.ready.emit)
            return

        from jet_desktop.ui.models.paged_model import zwak

        def klaar(bezig: bool) -> None:
            if not bezig:
                signaal.disconnect(klaar)
                QTimer.singleShot(0, zwak(self._meld_ready))  # a window closed meanwhile sends nothing

        signaal.connect(klaar)

    def _meld_ready(self) -> None:
        self.ready.emit()

    def detach_store(self) -> None:
        """Sign out: pages and the store's connections go; the next sign-in builds them anew."""
        self._stop_verversing()
        self.nav.currentRowChanged.disconnect(self._nav_changed)
        self.nav.setEnabled(False)
        self.stack.setCurrentWidget(self.loading)
        for page in self._gebouwd().values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        if self.beheer is not None:
            self.beheer.verwijder()
            self.beheer = None
        if self.synchronisatie is not None:
            self.synchronisatie.verwijder()
            self.synchronisatie = None
        self.nieuw_action.setEnabled(False)
        self.instellingen_action.setEnabled(False)
        self.zoekbalk.ontkoppel()
        self.afdruk_action.setEnabled(False)
        for a in self.pagina_acties.values():
            a.setEnabled(False)
        self.aangemeld.setText("")
        if self.store is not None:
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone(10_000)  # no worker still reading the store it leaves
            self.store.engine.dispose()
        self.store = None

    def toon_demo_gebruikers(self) -> None:
        """After demo data: which sign-in names show each role (a note that does not block the window)."""
        from PySide6.QtCore import Qt

        from jet_desktop.services.medewerkers import demo_aanmeldnamen

        namen = demo_aanmeldnamen(self.store)
        if namen:
            box = QMessageBox(QMessageBox.Icon.Information, "Demogegevens geladen",
                              "Om de rollen te verkennen: meld af (Beheer → Afmelden) en meld u aan als "
                              "bijvoorbeeld\n\n" + "\n".join(namen) + "\n\nmet dezelfde wachtwoordzin.",
                              QMessageBox.StandardButton.Ok, self)
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.show()
            self.demo_info = box

    def _nav_changed(self, row: int) -> None:
        key = PAGES[row] if row >= 0 else None
        page = self.pages.get(key)
        if page is None:
            return
        if key in self._stale:
            page.refresh()
            self._stale.discard(key)
        self.stack.setCurrentWidget(page)

    def _gebouwd(self) -> dict[str, QWidget]:
        return self.pages.gebouwd() if isinstance(self.pages, Paginas) else dict(self.pages)

    def show_page(self, key: str):
        """The page `key` (KeyError when the role does not have it)."""
        self.nav.setCurrentRow(PAGES.index(key))
        return self.pages[key]

    def refresh_all(self) -> None:
        if self.store is None:
            return
        self._stale = set(self.pages)
        self._nav_changed(self.nav.currentRow())
        self._counts()

    def _counts(self) -> None:
        """Navigation counts and the spoed signal: spoed never waits silently."""
        from jet_desktop.services import triage, wachtlijst
        from jet_desktop.ui.models.paged_model import zwak
        from jet_desktop.ui.workers import run_in_background

        sender = self.sender()
        self._stale = set(self.pages) - {k for k, p in self._gebouwd().items()
                                         if p is sender or p is self.stack.currentWidget()}
        if "wachtlijst" not in self.pages:  # no casework for this role: no counts, no spoed signal
            return
        # on a worker: with a long wachtlijst the counts take longer than a frame (issue 11); the latest asked wins
        store, met_triage, laptop = self.store, "triage" in self.pages, self.laptop
        self._tellers_vraag = vraag = getattr(self, "_tellers_vraag", 0) + 1

        teamserver = store.teamserver

        def tel(_p):  # a count: no audit line
            from jet_desktop.services import conflicten, synchroniseren

            return (vraag, store, wachtlijst.per_urgentie(store), triage.aantal_wachtend(store) if met_triage else None,
                    synchroniseren.status(store) if laptop else conflicten.aantal_open(store) if teamserver else None)

        run_in_background(tel, on_done=zwak(self._counts_binnen),  # a window closed meanwhile is skipped
                          on_error=zwak(self._counts_mislukt, vraag, store))

    def _counts_mislukt(self, vraag: int, store, exc, tb: str = "") -> None:
        """A count that failed: the error dialog, unless it was overtaken or its store signed out meanwhile
        (then its failure is only in the log: Task.run logged it)."""
        if vraag == self._tellers_vraag and store is self.store:
            from jet_desktop.ui import foutdialoog

            foutdialoog.toon_fout(exc, wat="De tellingen van de wachtlijst", gelogd=True)

    def _counts_binnen(self, uitkomst) -> None:
        from jet_desktop.domain.enums import Urgentie

        vraag, store, per, n_triage, sync = uitkomst
        if vraag != self._tellers_vraag or store is not self.store:  # overtaken, or signed out since
            return
        counts = {"triage": n_triage, "wachtlijst": sum(per.values())}
        for i, key in enumerate(PAGES):
            n = counts.get(key)
            self.nav.item(i).setText(PAGE_TITLES[key] + (f"  ({n})" if n is not None else ""))
        if isinstance(sync, int):  # on the team server: the conflicts of offline work this user may resolve
            self.offline_label.setText(f"  {sync} conflict{'en' if sync != 1 else ''} van offline werk: "
                                       "Synchronisatie → Conflicten  ")
            self.offline_label.setVisible(sync > 0)
        elif sync is not None:
            self.offline_label.setText(f"  {offline_tekst(sync)}  ")
        spoed = per[Urgentie.SPOED]
        self.spoed_label.setText(f"  {spoed} spoed-aanmelding(en) wachten op een consulent  " if spoed else "")

    # --- actions -------------------------------------------------------------
    def nieuwe_aanmelding(self) -> None:
        from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog

        dlg = AanmeldingDialog(self.store, self.vandaag, self)
        if dlg.exec() and dlg.registratie:
            self.statusBar().showMessage(f"Aanmelding {dlg.registratie.dossiernummer} geregistreerd; "
                                         "deze staat nu bij Triage.", 8000)
            self.refresh_all()

    def instellingen(self) -> None:
        from jet_desktop.ui.dialogs.instellingen_dialog import InstellingenDialog

        if InstellingenDialog(self.store, self).exec():
            self.statusBar().showMessage("Instellingen opgeslagen.", 6000)
            self.refresh_all()  # pages read norms and capacity again when they refresh

    def afdrukken(self) -> None:
        """Ctrl+P: the current page's report (print preview), where the page has one and the role may print it."""
        page = self.stack.currentWidget()
        if getattr(page, "kan_afdrukken", lambda: False)():
            page.afdrukken()
        else:
            self.statusBar().showMessage("Op deze pagina is niets af te drukken.", 5000)

    def zoek_focus(self) -> None:
        """Ctrl+F: to the search box in the toolbar."""
        self.zoekbalk.focus_zoeken()

    def sneltoetsen(self) -> None:
        QMessageBox.information(self, "Sneltoetsen", SNELTOETSEN)

    def over(self) -> QMessageBox:
        """Help → Over: the version, the store's schema version and where the store is (for support)."""
        from html import escape

        from PySide6.QtCore import Qt  # not at import: Qt's namespace is made on first use (a light start)

        from jet_desktop.services.over import over

        o = over(self.store)
        regels = [("Versie", f"{o.versie} ({'geïnstalleerd programma' if o.bevroren else 'Python, uit de broncode'})"),
                  ("Schemaversie", o.schemaversie + ("" if o.schemaversie in ("—", o.verwacht)
                                                     else f" (dit programma verwacht {o.verwacht})")),
                  ("Gegevensset", o.gegevensset + (f" ({o.soort})" if o.soort else "")),
                  ("Programma", str(o.programma)), ("Logboek", str(o.logboek))]
        doos = QMessageBox(QMessageBox.Icon.NoIcon, "Over JET Desktop", "", QMessageBox.StandardButton.Ok, self)
        doos.setObjectName("over")
        doos.setTextFormat(Qt.TextFormat.RichText)
        doos.setText(f"<b>JET Desktop {escape(o.versie)}</b><br>Registratie en monitoring voor het jeugdteam: "
                     "aanmeldingen, triage, wachtlijst, caseload en cijfers.<table style='margin-top:8px'>"
                     + "".join(f"<tr><td style='padding-right:10px'>{escape(k)}:</td><td>{escape(v)}</td></tr>"
                               for k, v in regels) + "</table>")
        doos.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy into a support call
        doos.open()
        return doos

    def versleutel(self) -> None:
        if self.beheer is not None:
            self.beheer.versleutel()

    def closeEvent(self, event) -> None:
        self._stop_verversing()
        event.accept()


SNELTOETSEN = """Enter — de gekozen regel openen (wachtlijst, triage, caseload, lijsten)
Ctrl+N — nieuwe aanmelding
Ctrl+F — zoeken (jeugdige of dossier)
Ctrl+S — opslaan (in een formulier)
Ctrl+P — afdrukken (wachtlijst, Monitor toegang, Matched care)
Ctrl+1 … Ctrl+5 — Triage, Wachtlijst, Caseload, Monitor toegang, Matched care
F5 — vernieuwen
Ctrl+Q — afsluiten
Alt + onderstreepte letter — menu of knop"""

STYLE = """
QListWidget#nav { outline: 0; font-size: 15px; background: #24415f; color: white; border: none; padding-top: 8px; }
QListWidget#nav::item { padding: 10px 14px; }
QListWidget#nav::item:selected { background: #3c6e9f; color: white; }
QLabel#spoedSignaal { color: white; background: #b00020; font-weight: bold; }
QLabel#offline { color: #24415f; background: #fff3c4; font-weight: bold; }
QLabel#aangemeld { color: #24415f; font-weight: bold; }
QLabel#laden { qproperty-alignment: AlignCenter; }
QTableView { gridline-color: #ddd; selection-background-color: #3c6e9f; }
QHeaderView::section { background: #eef1f5; padding: 4px; border: none; border-right: 1px solid #d6dbe1;
                       font-weight: bold; }
"""


def offline_tekst(status) -> str:
    """The status bar of a laptop store: that it works offline, since when, and what waits (docs/sync.md)."""
    from datetime import datetime

    sinds = (datetime.fromisoformat(status.laatste_volledige_sync).astimezone().strftime("%d-%m-%Y %H:%M")
             if status.laatste_volledige_sync else "nog nooit")
    return f"Offline (laptop) · laatste volledige synchronisatie {sinds} · {status.tekst()}"
