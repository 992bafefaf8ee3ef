"""The search box in the toolbar: find a jeugdige or dossier by name, BSN, dossiernummer or birth date.

Ctrl+F puts the cursor in it. Typing waits a moment (ZOEK_PAUZE_MS), then searches on a worker
thread (services/zoeken.py: counted and paged in SQL, only what the medewerker may see; one
"zoekopdracht" audit line per search, never the text); the results show in a list under the box,
paged by ui/models/zoek_model.py. Up/Down choose a row, Enter or a double-click opens it — the dossier
window for a dossier, the Triage or Wachtlijst page on that aanmelding, the triage screen for one
handled at triage; each of those is the audited read of what it shows. Escape clears the box.

Imports only Qt at module level (the main window is built before a store is open)."""

from __future__ import annotations

from datetime import date

from PySide6 import QtCore
from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ZOEK_PAUZE_MS = 150
ZICHTBARE_RIJEN = 10
# QtCore.Qt is used only after the window shows (its first use creates all its enums: ui/main_window.py USER_ROLE)
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus


def _stap() -> dict:
    Qt = QtCore.Qt
    return {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: ZICHTBARE_RIJEN,
            Qt.Key.Key_PageUp: -ZICHTBARE_RIJEN}
HINT_TE_KORT = "Typ minstens 2 tekens: een naam, BSN, dossiernummer of geboortedatum (dd-mm-jjjj)."


class Zoekbalk(QLineEdit):
    """`Zoekbalk(main_window).plaats_in(toolbar)`; `koppel(store, vandaag)` after sign-in, `ontkoppel()` at
    sign-out."""

    gezocht = Signal()  # the list shows the outcome of the latest search (or the hint)
    geopend = Signal(object)  # a result was opened (zoeken.Resultaat)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.venster = window
        self.store = None
        self.vandaag = date.today()
        self.model = None
        self._in_balk = None  # the toolbar's action for this widget (it shows or hides it)
        self._vraag = 0  # number of the latest search: older answers are dropped
        self.getoond = ""  # the text whose outcome the list shows (results, "Geen resultaten" or the hint)
        self.setObjectName("zoekbalk")
        self.setPlaceholderText("Zoek jeugdige of dossier…  (Ctrl+F)")
        self.setToolTip("Naam, BSN, dossiernummer of geboortedatum (dd-mm-jjjj)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(360)
        self.setEnabled(False)

        self.actie = QAction("Zoeken", window)
        self.actie.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find)])  # setShortcut would touch QtCore.Qt
        # the context is QAction's default, Qt.ShortcutContext.WindowShortcut: Ctrl+F anywhere in the window
        self.actie.triggered.connect(self.focus_zoeken)
        window.addAction(self.actie)

        self.lijst = QFrame(window)  # floats over the window, under the box; the box keeps the focus
        self.lijst.setObjectName("zoekLijst")
        self.lijst.setFrameShape(QFrame.Shape.StyledPanel)
        self.lijst.setStyleSheet("QFrame#zoekLijst { background: white; border: 1px solid #9aa7b5; }")
        lay = QVBoxLayout(self.lijst)
        lay.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.tabel = QTableView()
        self.tabel.setProperty("focusPolicy", NO_FOCUS)  # the box keeps the focus
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.verticalHeader().hide()
        self.tabel.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tabel.setWordWrap(False)
        self.tabel.doubleClicked.connect(lambda index: self.open_rij(index.row()))
        lay.addWidget(self.tabel, 1)
        self.lijst.hide()

        self._wacht = QTimer(self, singleShot=True, interval=ZOEK_PAUZE_MS)
        self._wacht.timeout.connect(self.zoek)
        self.textChanged.connect(self._getypt)

    # --- sign-in and sign-out ---------------------------------------------------------------
    def plaats_in(self, toolbar) -> None:
        self._in_balk = toolbar.addWidget(self)

    def koppel(self, store, vandaag: date) -> None:
        """Search in `store` as its medewerker; hidden for a role without casework (the beheerder)."""
        from jet_desktop.domain.rollen import Recht
        from jet_desktop.services.autorisatie import mag
        from jet_desktop.ui.models.zoek_model import ZoekModel

        self.store, self.vandaag = store, vandaag
        self.model = ZoekModel(store, vandaag, self)
        self.tabel.setModel(self.model)
        kop = self.tabel.horizontalHeader()
        kop.setHighlightSections(False)
        kop.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        kop.setStretchLastSection(True)
        for col, breedte in enumerate((220, 90, 95, 110)):
            self.tabel.setColumnWidth(col, breedte)
        zoeken = mag(store, Recht.WACHTLIJST) or mag(store, Recht.EIGEN_DOSSIERS)
        if self._in_balk is not None:
            self._in_balk.setVisible(zoeken)
        self.setEnabled(zoeken)
        self.actie.setEnabled(zoeken)

    def ontkoppel(self) -> None:
        """Sign-out: the results and the text go (the next medewerker must not see them)."""
        self._vraag += 1
        self._wacht.stop()
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self.getoond = ""
        self.lijst.hide()
        if self.model is not None:
            self.tabel.setModel(None)
            self.model.deleteLater()
        self.model = self.store = None
        self.setEnabled(False)
        self.actie.setEnabled(False)

    # --- typing and searching ----------------------------------------------------------------
    def focus_zoeken(self) -> None:
        if not self.isEnabled():
            return
        self.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.text().strip():
            self._toon_lijst()

    def _getypt(self, tekst: str) -> None:
        self._vraag += 1  # an answer still on its way is for an older text
        if not tekst.strip():
            self._wacht.stop()
            if self.model is not None:
                self.model.wis()
            self.lijst.hide()
            return
        self._wacht.start()

    def zoek(self) -> None:
        """Search for the text now (the pause after typing ends here), on a worker thread."""
        from jet_desktop.domain.zoekterm import lees
        from jet_desktop.ui.models.zoek_model import eerste_pagina
        from jet_desktop.ui.workers import run_in_background

        self._wacht.stop()
        tekst = self.text()
        if self.store is None or not tekst.strip():
            return
        self._vraag += 1
        if lees(tekst).te_kort:
            self.model.wis()
            self.getoond = tekst
            self._toon_status(HINT_TE_KORT, kleur="#555")
            self.gezocht.emit()
            return
        vraag, store = self._vraag, self.store
        self._toon_status("Zoeken…", kleur="#555")
        run_in_background(lambda _report: (vraag, tekst, *eerste_pagina(store, tekst)),
                          on_done=self._gevonden, on_error=self._mislukt)

    def _gevonden(self, uitkomst) -> None:
        vraag, tekst, aantal, eerste = uitkomst
        if vraag != self._vraag or self.model is None:  # typed on, or signed out, meanwhile
            return
        self.model.toon(tekst, aantal, eerste)
        self.getoond = tekst
        if aantal:
            self.tabel.selectRow(0)
            self.tabel.scrollToTop()
            self._toon_status(f"{aantal} {'resultaat' if aantal == 1 else 'resultaten'} — ↑↓ kiezen, "
                              "Enter opent, Esc wist", kleur="#24415f")
        else:
            self._toon_status("Geen resultaten", kleur="#b00020")
        self.gezocht.emit()

    def _mislukt(self, exc: Exception, _tb: str) -> None:
        from jet_desktop.ui.workers import NietGelukt, OSFout

        if self.model is not None:
            self.model.wis()
        # a refusal, a busy store, a full disk are Dutch already; any other error's text is the database's
        # (its SQL): not for the window, only what kind of error it was
        reden = str(exc) if isinstance(exc, (PermissionError, NietGelukt, OSFout)) else \
            f"er ging iets mis ({type(exc).__name__}); probeer het opnieuw"
        self._toon_status(f"Zoeken lukt niet: {reden}", kleur="#b00020")
        self.gezocht.emit()

    def _toon_status(self, tekst: str, kleur: str) -> None:
        self.status.setText(tekst)
        self.status.setStyleSheet(f"color: {kleur};")
        self.tabel.setVisible(self.model is not None and self.model.rowCount() > 0)
        self._toon_lijst()

    def _toon_lijst(self) -> None:
        breedte = 720
        rechts = self.mapTo(self.venster, QPoint(self.width(), self.height()))
        x = max(4, min(rechts.x() - breedte, self.venster.width() - breedte - 4))
        rijen = min(self.model.rowCount(), ZICHTBARE_RIJEN) if self.model is not None else 0
        hoogte = self.status.sizeHint().height() + 16
        if self.tabel.isVisibleTo(self.lijst) and rijen:
            hoogte += self.tabel.horizontalHeader().sizeHint().height() + rijen * self.tabel.verticalHeader().defaultSectionSize() + 10
        self.lijst.setGeometry(x, rechts.y() + 2, breedte, hoogte)
        self.lijst.show()
        self.lijst.raise_()

    # --- keys and opening -----------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        Qt = QtCore.Qt
        if key == Qt.Key.Key_Escape:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        elif key in _stap():
            self._kies(_stap()[key])
        else:
            super().keyPressEvent(event)

    def _kies(self, stap: int) -> None:
        n = self.model.rowCount() if self.model is not None else 0
        if n:
            rij = max(0, min(n - 1, self.tabel.currentIndex().row() + stap))
            self.tabel.selectRow(rij)
            self.tabel.scrollTo(self.model.index(rij, 0))

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        QTimer.singleShot(0, self._focus_weg)

    def _focus_weg(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not self and (focus is None or not self.lijst.isAncestorOf(focus)):
            self.lijst.hide()

    def enter(self) -> None:
        """Enter: a search still waiting runs now; otherwise the chosen result opens."""
        if self._wacht.isActive() or self.model is None or self.model.tekst != self.text():
            self.zoek()
            return
        rij = self.tabel.currentIndex().row()
        if self.model.rowCount():
            self.open_rij(max(rij, 0))

    def open_rij(self, rij: int) -> None:
        r = self.model.row(rij) if self.model is not None else None
        if r is not None:
            self.lijst.hide()
            self.open_resultaat(r)

    def open_resultaat(self, r) -> None:
        """Open a result where the application shows it (that screen writes its audited read). A result gone
        stale (the dossier moved to a colleague since the search) is refused by that read: the refusal is
        shown and the search runs again."""
        from jet_desktop.services.autorisatie import GeenToegang
        from jet_desktop.services.zoeken import Status

        self.geopend.emit(r)
        if r.dossier_id is not None:
            from jet_desktop.ui.dossier.window import DossierWindow

            try:
                venster = DossierWindow(self.store, r.dossier_id, self.vandaag, self.venster)
            except GeenToegang as exc:
                QMessageBox.information(self.venster, "Geen toegang", str(exc))
                self.zoek()
                return
            venster.exec()
            self._ververs_pagina()
        elif r.status is Status.IN_TRIAGE:
            page = self.venster.show_page("triage")
            page.zoek.setText(r.dossiernummer)
            if page.proxy.rowCount():
                page.view.selectRow(0)
        elif r.status is Status.WACHTEND:
            self.venster.show_page("wachtlijst").toon_aanmelding(r.dossiernummer)  # chosen when the list arrives
        else:  # handled at triage, no dossier: its decisions, where a teamleider can revise them
            from jet_desktop.ui.dialogs.triage_dialog import TriageDialog

            TriageDialog(self.store, r.aanmelding_id, r.version, f"{r.dossiernummer} — {r.naam}", self.vandaag,
                         "", self.venster).exec()
            self._ververs_pagina()

    def _ververs_pagina(self) -> None:
        ververs = getattr(self.venster, "refresh_all", None)
        if ververs is not None:
            ververs()
