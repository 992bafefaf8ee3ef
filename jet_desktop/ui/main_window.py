"""The main window: navigation (Triage, Wachtlijst, Caseload, Monitor, Matched care), toolbar, status bar.

Imports only Qt at module level; the pages (and with them SQLAlchemy) load when a
store is attached, after the window is already on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QHBoxLayout, QStackedWidget, QToolBar, QWidget)

from jet_desktop import __version__

PAGES = ("triage", "wachtlijst", "caseload", "monitor", "matched_care")
PAGE_TITLES = {"triage": "Triage", "wachtlijst": "Wachtlijst", "caseload": "Caseload", "monitor": "Monitor toegang",
               "matched_care": "Matched care"}


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
        tb.addWidget(QLabel("Werken als: "))
        self.gebruiker = QComboBox()
        self.gebruiker.setMinimumWidth(200)
        self.gebruiker.currentIndexChanged.connect(self._gebruiker_changed)
        tb.addWidget(self.gebruiker)

        self.spoed_label = QLabel()
        self.spoed_label.setObjectName("spoedSignaal")
        self.statusBar().addPermanentWidget(self.spoed_label)
        self.statusBar().showMessage(url.replace("sqlite:///", "") if url else "")

    def show_loading(self, text: str) -> None:
        self.loading.setText(text)
        self.stack.setCurrentWidget(self.loading)

    # --- store ---------------------------------------------------------------
    def attach_store(self, store, vandaag: date | None = None) -> None:
        from jet_desktop.services import medewerkers
        from jet_desktop.ui.pages.caseload_page import CaseloadPage
        from jet_desktop.ui.pages.matched_care_page import MatchedCarePage
        from jet_desktop.ui.pages.monitor_page import MonitorPage
        from jet_desktop.ui.pages.triage_page import TriagePage
        from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage

        self.store = store
        if vandaag is not None:
            self.vandaag = vandaag
        self.pages = {
            "triage": TriagePage(store, self.vandaag),
            "wachtlijst": WachtlijstPage(store, self.vandaag),
            "caseload": CaseloadPage(store, self.vandaag),
            "monitor": MonitorPage(store, self.vandaag),
            "matched_care": MatchedCarePage(store, self.vandaag),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
            page.changed.connect(self._counts)
        self._stale = set(PAGES)

        settings = QSettings()
        last = settings.value("gebruiker", "")
        self.gebruiker.blockSignals(True)
        self.gebruiker.clear()
        for m in medewerkers.alle(store):
            self.gebruiker.addItem(f"{m.naam} ({m.rol.label.lower()})", (m.id, m.naam))
        idx = next((i for i in range(self.gebruiker.count()) if str(self.gebruiker.itemData(i)[0]) == last), 0)
        self.gebruiker.setCurrentIndex(idx)
        self.gebruiker.blockSignals(False)
        self._gebruiker_changed(idx)

        self.nav.setEnabled(True)
        self.nieuw_action.setEnabled(True)
        self.instellingen_action.setEnabled(True)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setCurrentRow(PAGES.index("wachtlijst"))
        self._counts()
        QTimer.singleShot(0, self.ready.emit)

    def _gebruiker_changed(self, idx: int) -> None:
        data = self.gebruiker.itemData(idx) if idx >= 0 else None
        if self.store is None or data is None:
            return
        mid, naam = data
        self.store.user, self.store.user_id = naam, mid
        QSettings().setValue("gebruiker", str(mid))

    def _nav_changed(self, row: int) -> None:
        key = PAGES[row]
        page = self.pages[key]
        if key in self._stale:
            page.refresh()
            self._stale.discard(key)
        self.stack.setCurrentWidget(page)

    def show_page(self, key: str):
        self.nav.setCurrentRow(PAGES.index(key))
        return self.pages[key]

    def refresh_all(self) -> None:
        if self.store is None:
            return
        self._stale = set(PAGES)
        self._nav_changed(self.nav.currentRow())
        self._counts()

    def _counts(self) -> None:
        """Navigation counts and the spoed signal: spoed never waits silently."""
        from jet_desktop.domain.enums import Urgentie
        from jet_desktop.services import triage, wachtlijst

        sender = self.sender()
        self._stale = set(PAGES) - {k for k, p in self.pages.items() if p is sender or p is self.stack.currentWidget()}
        per = wachtlijst.per_urgentie(self.store)
        n_triage = len(triage.triage_wachtrij(self.store, self.vandaag))
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

    def closeEvent(self, event) -> None:
        event.accept()


STYLE = """
QListWidget#nav { outline: 0; font-size: 15px; background: #24415f; color: white; border: none; padding-top: 8px; }
QListWidget#nav::item { padding: 10px 14px; }
QListWidget#nav::item:selected { background: #3c6e9f; color: white; }
QLabel#spoedSignaal { color: white; background: #b00020; font-weight: bold; }
QTableView { gridline-color: #ddd; selection-background-color: #3c6e9f; }
QHeaderView::section { background: #eef1f5; padding: 4px; border: none; border-right: 1px solid #d6dbe1;
                       font-weight: bold; }
"""
