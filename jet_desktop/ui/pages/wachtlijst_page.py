"""The wachtlijst: urgentie then aanmelddatum, wachttijd, norm breaches, assigning.

The list is read on a worker (ui/models/wachtlijst_model.py): a refresh, a filter or a sort leaves the
rows of the view before on screen with a quiet "bezig…" until the new view arrives, and the chosen row
stays chosen when it is still on the list. A failure shows in the one error dialog (ui/foutdialoog.py).
A colleague's change reads the list again the same way, keeping the scroll position too
(`vernieuw_na_wijziging`, docs/samenwerken.md)."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.rollen import Recht
from jet_desktop.notatie import getal
from jet_desktop.services import settings, wachtlijst
from jet_desktop.services.autorisatie import mag
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.dialogs.consulent_toewijzen_dialog import ConsulentToewijzenDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.paged_model import zwak
from jet_desktop.ui.models.row_model import ROW_ROLE
from jet_desktop.ui.models.wachtlijst_model import WachtlijstModel
from jet_desktop.ui.toetsen import enter_opent

FILTER_PAUZE_MS = 300


class WachtlijstPage(QWidget):
    changed = Signal()
    # what the list shows: a colleague's change to one of these reads it again (ui/verversen.py)
    TABELLEN = frozenset({"aanmelding", "triagebesluit", "jeugdige", "medewerker", "dossier"})
    vandaag = Vandaag()  # a date, or the clock: the wachttijd counts to the day it is shown

    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.normen = settings.instellingen(store).normen
        self.model = WachtlijstModel(store, self.normen, vandaag, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self._gekozen = None  # aanmelding_id of the current row while the model is reset
        self._kies_eerste = False  # toon_aanmelding: choose the first row of the result when it arrives
        self._tellers_vragen = False  # refresh: read the counts per urgentie after the list
        self._tellers_vraag = self._tellers_getoond = 0  # the latest counts asked for, and shown: older ones are dropped
        self._nog_eens = False  # a colleague changed something while a refresh was on its way: once more after it
        self._plek: int | None = None  # the scroll position to restore when the refresh arrives
        self.model.huidige_rij = self._huidige_rij
        self.model.modelAboutToBeReset.connect(self._onthoud_keuze)
        self.model.modelReset.connect(self._herstel_keuze)
        self.model.geladen.connect(self._geladen)
        self.model.mislukt.connect(self._mislukt)
        self.model.bezig_gewijzigd.connect(self._toon_bezig)
        self.view.setSortingEnabled(False)  # the header sorts in SQL, see below
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(lambda col, order: self.model.sort(col, order))
        header.setStretchLastSection(True)
        header.blockSignals(True)
        header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # urgentie, then aanmelddatum
        header.blockSignals(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((95, 190, 70, 80, 110, 115, 250, 170, 140, 110)):
            self.view.setColumnWidth(col, width)
        vh = self.view.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(24)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(False)
        self.view.doubleClicked.connect(lambda _i: self.toewijzen())
        enter_opent(self.view, lambda: self.toewijzen())

        self.titel = QLabel("<h2>Wachtlijst</h2>")
        self.tellers = QLabel()
        self.tellers.setObjectName("urgentieTellers")
        self.bezig_label = QLabel("bezig…")
        self.bezig_label.setObjectName("wachtlijstBezig")
        self.bezig_label.setStyleSheet("color: #777;")
        self.bezig_label.setVisible(False)
        self.zoek = QLineEdit(placeholderText="Filter: naam, dossiernummer, wijk, school, verwijzer…")
        self.zoek.setClearButtonEnabled(True)
        self.zoek.setMaxLength(500)  # a paste of a whole document is not a filter
        # the list follows the filter box once typing pauses (or at Enter): each new filter is a view,
        # and with it an audit line (services/wachtlijst.bekijk) — one per search, not one per key
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_PAUZE_MS)
        self._filter_timer.timeout.connect(self._pas_filter_toe)
        self.zoek.textChanged.connect(lambda _t: self._filter_timer.start())
        self.zoek.returnPressed.connect(self._pas_filter_toe)
        self.toewijs_knop = QPushButton("Toewijzen aan consulent…")
        self.toewijs_knop.clicked.connect(self.toewijzen)
        self.herzien_knop = QPushButton("Triage herzien…")
        self.herzien_knop.clicked.connect(self.herzien)
        self.afdruk_knop = QPushButton("Afdrukken…")
        self.afdruk_knop.setToolTip("Wachtlijstrapport (A4): afdrukvoorbeeld, afdrukken of opslaan als PDF")
        self.afdruk_knop.clicked.connect(lambda: self.afdrukken())
        self.pdf_knop = QPushButton("Opslaan als PDF…")
        self.pdf_knop.clicked.connect(lambda: self.opslaan_als_pdf())
        # a report with names is for the teamleider (domain.md); a consulent sees the wachtlijst on screen
        rapport = self.rapport = mag(store, Recht.TEAMRAPPORTEN)
        self.afdruk_knop.setVisible(rapport)
        self.pdf_knop.setVisible(rapport)
        self.norm_tekst = QLabel()
        self.norm_tekst.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(self.titel)
        top.addSpacing(16)
        top.addWidget(self.tellers)
        top.addSpacing(12)
        top.addWidget(self.bezig_label)
        top.addStretch(1)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.zoek, 1)
        knoppen.addWidget(self.herzien_knop)
        knoppen.addWidget(self.toewijs_knop)
        knoppen.addSpacing(12)
        knoppen.addWidget(self.afdruk_knop)
        knoppen.addWidget(self.pdf_knop)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(knoppen)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.norm_tekst)

    def refresh(self) -> None:
        """Read the list again (on a worker: the rows shown stay until it arrives), with the counts per urgentie."""
        self.normen = self.model.normen = settings.instellingen(self.store).normen  # the team may have changed them
        self._tellers_vragen = True  # the counts per urgentie follow once the list is shown
        self.model.refresh()
        n = self.normen.start_dagen
        self.norm_tekst.setText(
            f"Normen (start na aanmelding): spoed {n[Urgentie.SPOED]} dagen, hoog {n[Urgentie.HOOG]} dagen, "
            f"normaal {n[Urgentie.NORMAAL]} dagen. Rood = norm overschreden, geel = let op (spoed altijd). "
            f"Peildatum {self.vandaag:%d-%m-%Y}.")

    def vernieuw_na_wijziging(self) -> None:
        """A colleague changed something the list shows: read it again without moving the user — the
        chosen row stays chosen (when still on the list), the scroll position stays, the filter box is not
        touched. One refresh at a time: a change during one asks for one more after it; while the filter
        is being typed nothing (the filter reads the list in a moment anyway)."""
        if self._filter_timer.isActive():
            return
        if self.bezig:
            self._nog_eens = True
            return
        self._plek = self.view.verticalScrollBar().value()
        self.refresh()

    def _misschien_nog_eens(self) -> None:
        if self._nog_eens and not self.bezig:
            self._nog_eens = False
            self.vernieuw_na_wijziging()

    @property
    def bezig(self) -> bool:
        """The list (or its counts per urgentie) is being read: the rows shown are the view before."""
        return self.model.bezig or self._tellers_vragen or self._tellers_vraag != self._tellers_getoond

    def toon_aanmelding(self, dossiernummer: str) -> None:
        """Filter on one dossiernummer and choose its row when the list arrives (the search box)."""
        self._kies_eerste = True
        self.zoek.setText(dossiernummer)
        self._pas_filter_toe()
        if not self.model.bezig:  # the filter was already on: the list is here
            self._geladen()

    def _toon_bezig(self, bezig: bool) -> None:
        self.bezig_label.setVisible(bezig)

    def _huidige_rij(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else None

    def _onthoud_keuze(self) -> None:
        r = self.selected()
        self._gekozen = r.aanmelding_id if r is not None else None

    def _herstel_keuze(self) -> None:
        gekozen, self._gekozen = self._gekozen, None
        if gekozen is None:
            return
        for page_no, rows in self.model.loaded_pages().items():
            for i, r in enumerate(rows):
                if r.aanmelding_id == gekozen:
                    self.view.selectRow(page_no * self.model.page_size + i)
                    return

    def _geladen(self) -> None:
        plek, self._plek = self._plek, None
        if plek is not None:
            self.view.doItemsLayout()  # the scroll range of the new row count, before the old position is set
            self.view.verticalScrollBar().setValue(plek)
        if self._kies_eerste:
            self._kies_eerste = False
            if self.model.rowCount():
                self.view.selectRow(0)
        if self._tellers_vragen:  # after the list, so as not to delay it; the old counts stay meanwhile
            from jet_desktop.ui.workers import run_in_background

            self._tellers_vragen = False
            store = self.store
            self._tellers_vraag += 1
            vraag = self._tellers_vraag
            run_in_background(lambda _p: (vraag, wachtlijst.per_urgentie(store)), on_done=zwak(self._tellers_binnen),
                              on_error=zwak(self._tellers_mislukt, vraag))
        self._misschien_nog_eens()

    def _tellers_binnen(self, uitkomst) -> None:
        vraag, counts = uitkomst
        if shiboken6.isValid(self) and vraag == self._tellers_vraag:
            self._tellers_getoond = vraag
            self._toon_tellers(counts)
            self._misschien_nog_eens()

    def _tellers_mislukt(self, vraag: int, exc: Exception, _tb: str = "") -> None:
        if shiboken6.isValid(self) and vraag == self._tellers_vraag:
            self._tellers_getoond = vraag
            self._mislukt(exc)
            self._misschien_nog_eens()

    def _mislukt(self, exc: Exception) -> None:
        from jet_desktop.ui import foutdialoog

        self._kies_eerste = self._tellers_vragen = self._nog_eens = False
        self._plek = None
        foutdialoog.toon_fout(exc, gelogd=True)  # logged by the worker already

    def _toon_tellers(self, counts) -> None:
        total = sum(counts.values())
        chips = [f"<span style='background:#b00020;color:white;padding:2px 6px'>&nbsp;Spoed: {getal(counts[Urgentie.SPOED])}&nbsp;</span>",
                 f"<span style='background:#e08a00;color:white'>&nbsp;Hoog: {getal(counts[Urgentie.HOOG])}&nbsp;</span>",
                 f"<span style='background:#3c6e9f;color:white'>&nbsp;Normaal: {getal(counts[Urgentie.NORMAAL])}&nbsp;</span>",
                 f"<b>&nbsp;Totaal: {getal(total)}</b>"]
        self.tellers.setText(" ".join(chips))

    def _rapport_bouwer(self):
        store, peildatum = self.store, self.vandaag

        def build(path, voortgang=None, geannuleerd=None):
            from jet_desktop.reports import wachtlijstrapport

            return wachtlijstrapport.maak_pdf(store, path, peildatum, voortgang=voortgang, geannuleerd=geannuleerd)

        return build

    def kan_afdrukken(self) -> bool:
        return self.rapport

    def rapport_zoals_getoond(self) -> bool:
        """The wachtlijstrapport is the whole wachtlijst: with a filter on, the screen shows less. Say so, and
        print only once the filter is cleared (the user's choice), never a report that differs silently."""
        filter_ = self.zoek.text().strip()
        if not filter_:
            return True
        if not self.bevestig(f"Het filter „{filter_}” staat aan: u ziet {self.model.rowCount()} van de wachtenden. "
                             "Het wachtlijstrapport bevat altijd de hele wachtlijst.\n\nFilter wissen en het hele "
                             "wachtlijstrapport maken?"):
            return False
        self.zoek.clear()
        self._pas_filter_toe()
        return True

    def bevestig(self, tekst: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.question(self, "Wachtlijstrapport", tekst) == QMessageBox.StandardButton.Yes

    def afdrukken(self, on_ready=None) -> None:
        """Build the wachtlijstrapport off the GUI thread (progress, Annuleren), then show its print preview."""
        from jet_desktop.ui.dialogs.pdf_preview import afdrukken_op_achtergrond

        if not self.rapport_zoals_getoond():
            return
        afdrukken_op_achtergrond(self, self._rapport_bouwer(), "Wachtlijstrapport maken…",
                                 f"wachtlijstrapport-{self.vandaag:%Y-%m-%d}.pdf", on_ready=on_ready,
                                 met_voortgang=True)

    def opslaan_als_pdf(self, path: str | None = None) -> None:
        """Save the wachtlijstrapport as PDF off the GUI thread, with progress and Annuleren (a
        cancelled report leaves no file)."""
        from PySide6.QtWidgets import QMessageBox

        from jet_desktop.ui.rapport_voortgang import maak_met_voortgang

        if not self.rapport_zoals_getoond():
            return
        if path is None:
            path, _ = bestandskeuze.opslaan_als(self, "Wachtlijstrapport opslaan als PDF",
                                                f"wachtlijstrapport-{self.vandaag:%Y-%m-%d}.pdf",
                                                "PDF-bestanden (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        build = self._rapport_bouwer()
        self.pdf_knop.setEnabled(False)

        def done(r) -> None:
            self.pdf_knop.setEnabled(True)
            self.opgeslagen = path
            QMessageBox.information(self, "Opgeslagen", f"Wachtlijstrapport opgeslagen in {path}\n"
                                    f"({r.totaal} wachtend, {r.overschreden} boven de norm).")

        def failed(exc, _tb) -> None:
            self.pdf_knop.setEnabled(True)
            QMessageBox.warning(self, "Niet opgeslagen", f"Het rapport kon niet worden opgeslagen.\n\n{exc}")

        self.voortgang = maak_met_voortgang(
            self, lambda voortgang, geannuleerd: build(path, voortgang, geannuleerd), "Wachtlijstrapport maken…",
            done, failed, on_geannuleerd=lambda: self.pdf_knop.setEnabled(True))

    def _pas_filter_toe(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.zoek.text())

    def selected(self) -> wachtlijst.WachtlijstRij | None:
        idx = self.view.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def toewijzen(self) -> bool:
        r = self.selected()
        if r is None:
            return False
        naam = volledige_naam(r.voornaam, r.tussenvoegsel, r.achternaam)
        dlg = ConsulentToewijzenDialog(self.store, r.aanmelding_id, f"{r.dossiernummer} — {naam} ({Urgentie(r.urgentie).label})",
                            self.vandaag, r.beoogd_consulent, self)
        if dlg.exec():
            self.refresh()
            self.changed.emit()
            return True
        return False

    def herzien(self) -> bool:
        r = self.selected()
        if r is None:
            return False
        naam = volledige_naam(r.voornaam, r.tussenvoegsel, r.achternaam)
        dlg = TriageDialog(self.store, r.aanmelding_id, r.version, f"{r.dossiernummer} — {naam}", self.vandaag,
                           parent=self)
        if dlg.exec():
            self.refresh()
            self.changed.emit()
            return True
        return False
