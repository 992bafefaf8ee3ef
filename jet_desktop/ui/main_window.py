"""The main window: navigation (Triage, Wachtlijst, Caseload, Monitor, Matched care), toolbar, status bar.

Imports only Qt at module level; the pages (and with them SQLAlchemy) load when a
store is attached, after the window is already on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer, Signal
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
from jet_desktop.domain.rollen import Recht
from jet_desktop.ui.zoekbalk import Zoekbalk

PAGES = ("triage", "wachtlijst", "caseload", "monitor", "matched_care")
PAGE_TITLES = {"triage": "Triage", "wachtlijst": "Wachtlijst", "caseload": "Caseload", "monitor": "Monitor toegang",
               "matched_care": "Matched care"}
PAGE_RECHT = {"triage": Recht.TRIAGE, "wachtlijst": Recht.WACHTLIJST, "caseload": Recht.EIGEN_DOSSIERS,
              "monitor": Recht.ANONIEME_CIJFERS, "matched_care": Recht.ANONIEME_CIJFERS}


class MainWindow(QMainWindow):
    ready = Signal()  # store attached and the first page painted

    def __init__(self, url: str = ""):
        super().__init__()
        self.url = url
        self.store = None
        self.vandaag = date.today()
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(f"JET Desktop {__version__}")
        self.setStyleSheet(STYLE)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(0, 0))
        for key in PAGES:
            item = QListWidgetItem(PAGE_TITLES[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setEnabled(False)
        self.stack = QStackedWidget()
        self.loading = QLabel("Gegevens openen…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self.nieuw_action = QAction("Nieuwe aanmelding…", self)
        self.nieuw_action.setShortcut(QKeySequence.StandardKey.New)
        self.nieuw_action.triggered.connect(self.nieuwe_aanmelding)
        self.nieuw_action.setEnabled(False)
        tb.addAction(self.nieuw_action)
        self.refresh_action = QAction("Vernieuwen", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_all)
        tb.addAction(self.refresh_action)
        self.instellingen_action = QAction("Instellingen…", self)
        self.instellingen_action.triggered.connect(self.instellingen)
        self.instellingen_action.setEnabled(False)
        tb.addAction(self.instellingen_action)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        tb.addWidget(spacer)
        self.zoekbalk = Zoekbalk(self)  # Ctrl+F: find a jeugdige or dossier (ui/zoekbalk.py)
        self.zoekbalk.plaats_in(tb)
        self.aangemeld = QLabel()
        self.aangemeld.setObjectName("aangemeld")
        tb.addWidget(self.aangemeld)
        self.herstart = None  # Starter.start: sign in again (after Afmelden, restore, re-key)
        self.beheer = None

        self.spoed_label = QLabel()
        self.spoed_label.setObjectName("spoedSignaal")
        self.statusBar().addPermanentWidget(self.spoed_label)
        self.statusBar().showMessage(url.replace("sqlite:///", "") if url else "")
        self.menuBar().addMenu("&Help").addAction("Logboek…", self.toon_logboek)  # h-fouten: Help → Logboek

    def toon_logboek(self) -> None:
        """Help → Logboek: the tail of the application's log (ui/logboek_dialog.py)."""
        from jet_desktop.ui.logboek_dialog import LogboekDialog

        self.logboek_dialog = LogboekDialog(self)
        self.logboek_dialog.show()

    def show_loading(self, text: str) -> None:
        self.loading.setText(text)
        self.stack.setCurrentWidget(self.loading)

    # --- store ---------------------------------------------------------------
    def attach_store(self, store, vandaag: date | None = None, herstart=None) -> None:
        """Show the pages the signed-in medewerker's role allows (domain/rollen.py)."""
        from jet_desktop.services.autorisatie import mag
        from jet_desktop.ui.beheer_menu import BeheerMenu
        from jet_desktop.ui.pages.caseload_page import CaseloadPage
        from jet_desktop.ui.pages.matched_care_page import MatchedCarePage
        from jet_desktop.ui.pages.monitor_page import MonitorPage
        from jet_desktop.ui.pages.triage_page import TriagePage
        from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage

        self.store = store
        if vandaag is not None:
            self.vandaag = vandaag
        self.herstart = herstart
        maak = {"triage": TriagePage, "wachtlijst": WachtlijstPage, "caseload": CaseloadPage,
                "monitor": MonitorPage, "matched_care": MatchedCarePage}
        self.pages = {key: maak[key](store, self.vandaag) for key in PAGES if mag(store, PAGE_RECHT[key])}
        for i, key in enumerate(PAGES):
            self.nav.item(i).setHidden(key not in self.pages)
        for page in self.pages.values():
            self.stack.addWidget(page)
            page.changed.connect(self._counts)
        self._stale = set(self.pages)

        rol = store.rol.label.lower() if store.rol else "systeem"
        self.aangemeld.setText(f"  Aangemeld: {store.user} ({rol})  ")
        self.beheer = BeheerMenu(self, store)
        self.zoekbalk.koppel(store, self.vandaag)

        self.nav.setEnabled(True)
        self.nieuw_action.setEnabled(mag(store, Recht.WACHTLIJST))
        self.instellingen_action.setEnabled(mag(store, Recht.INSTELLINGEN))
        self.nav.currentRowChanged.connect(self._nav_changed)
        start = "wachtlijst" if "wachtlijst" in self.pages else next(iter(self.pages))
        self.nav.setCurrentRow(PAGES.index(start))
        self._counts()
        QTimer.singleShot(0, self.ready.emit)

    def detach_store(self) -> None:
        """Sign out: pages and the store's connections go; the next sign-in builds them anew."""
        self.nav.currentRowChanged.disconnect(self._nav_changed)
        self.nav.setEnabled(False)
        self.stack.setCurrentWidget(self.loading)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        if self.beheer is not None:
            self.beheer.verwijder()
            self.beheer = None
        self.nieuw_action.setEnabled(False)
        self.instellingen_action.setEnabled(False)
        self.zoekbalk.ontkoppel()
        self.aangemeld.setText("")
        if self.store is not None:
            self.store.engine.dispose()
        self.store = None

    def toon_demo_gebruikers(self) -> None:
        """After demo data: which sign-in names show each role (a note that does not block the window)."""
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
        from jet_desktop.domain.enums import Urgentie
        from jet_desktop.services import triage, wachtlijst

        sender = self.sender()
        self._stale = set(self.pages) - {k for k, p in self.pages.items()
                                         if p is sender or p is self.stack.currentWidget()}
        if "wachtlijst" not in self.pages:  # no casework for this role: no counts, no spoed signal
            return
        per = wachtlijst.per_urgentie(self.store)
        n_triage = triage.aantal_wachtend(self.store) if "triage" in self.pages else None  # a count: no audit line
        counts = {"triage": n_triage, "wachtlijst": sum(per.values())}
        for i, key in enumerate(PAGES):
            n = counts.get(key)
            self.nav.item(i).setText(PAGE_TITLES[key] + (f"  ({n})" if n is not None else ""))
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

    def versleutel(self) -> None:
        if self.beheer is not None:
            self.beheer.versleutel()

    def closeEvent(self, event) -> None:
        event.accept()


STYLE = """
QListWidget#nav { outline: 0; font-size: 15px; background: #24415f; color: white; border: none; padding-top: 8px; }
QListWidget#nav::item { padding: 10px 14px; }
QListWidget#nav::item:selected { background: #3c6e9f; color: white; }
QLabel#spoedSignaal { color: white; background: #b00020; font-weight: bold; }
QLabel#aangemeld { color: #24415f; font-weight: bold; }
QTableView { gridline-color: #ddd; selection-background-color: #3c6e9f; }
QHeaderView::section { background: #eef1f5; padding: 4px; border: none; border-right: 1px solid #d6dbe1;
                       font-weight: bold; }
"""
