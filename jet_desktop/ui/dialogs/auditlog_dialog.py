"""The audit log viewer for the functioneel beheerder: filters, a lazily paged table (any number of
lines), checking the hash chain and exporting a period as CSV, both on a worker thread
(services/audit.py does the work; reading needs Recht.AUDITLOG)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
)

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import GeenToegang, mag, vereis
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.models.auditlog_model import AuditlogModel, Filter, zoek
from jet_desktop.ui.workers import BlijftOpenTijdensWerk, run_in_background

ROOD, GROEN = "#b00020", "#1b5e20"


class AuditlogDialog(BlijftOpenTijdensWerk, QDialog):
    """Non-modal: `AuditlogDialog(store, parent).show()`. Filters apply as they change."""

    klaar = Signal()  # a chain check or an export finished, whatever the outcome
    geladen = Signal()  # the table shows the lines for the current filters

    def __init__(self, store: Store, parent=None, vandaag: date | None = None):
        super().__init__(parent)
        self.store = store
        self.bezig = False
        self.geen_toegang = not mag(store, Recht.AUDITLOG)
        self._vraag = 0  # number of the latest search: older answers are dropped
        self.verificatie: audit.Verificatie | None = None
        self.geexporteerd: int | None = None  # lines in the last export
        self._exportpad = ""
        self.setWindowTitle("Auditlog")
        self.resize(1180, 640)
        vandaag = vandaag or date.today()
        lay = QVBoxLayout(self)

        uitleg = QLabel("Elke opening, wijziging, export en afdruk van een dossier of rapport met persoonsgegevens "
                        "(NEN 7513). Het log kan niet worden gewijzigd; elke regel bevat de hash van de vorige, "
                        "zodat <i>Keten controleren</i> elke wijziging of verwijdering aanwijst.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)

        # filters
        self.van = self._datum_veld(vandaag - timedelta(days=30))
        self.tot = self._datum_veld(vandaag)
        self.alle_datums = QCheckBox("Alle datums")
        self.medewerker = QLineEdit()
        self.medewerker.setPlaceholderText("naam of deel ervan")
        self.medewerker.setClearButtonEnabled(True)
        self.actie = QComboBox()
        self.actie.addItem("Alle", None)
        for a in AuditActie:
            self.actie.addItem(a.label, a.value)
        self.client = QLineEdit()
        self.client.setPlaceholderText("bijv. 2026-00012")
        self.client.setClearButtonEnabled(True)
        self.client.setMaximumWidth(150)
        self.medewerker.setMinimumWidth(180)
        filters = QHBoxLayout()
        for w in (QLabel("Van:"), self.van, QLabel("t/m"), self.tot, self.alle_datums):
            filters.addWidget(w)
        for label, veld in (("Medewerker:", self.medewerker), ("Actie:", self.actie), ("Dossiernummer:", self.client)):
            filters.addSpacing(12)
            filters.addWidget(QLabel(label))
            filters.addWidget(veld, 1 if veld is self.medewerker else 0)
        lay.addLayout(filters)

        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status)

        # the table
        self.model = AuditlogModel(store, self)
        self.tabel = QTableView()
        self.tabel.setModel(self.model)
        self.tabel.verticalHeader().hide()
        self.tabel.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setWordWrap(False)
        self.tabel.setAlternatingRowColors(True)
        kop = self.tabel.horizontalHeader()
        kop.setStretchLastSection(True)
        kop.setHighlightSections(False)
        for col, breedte in enumerate((64, 140, 150, 150, 130, 100, 90, 100)):
            kop.resizeSection(col, breedte)
        kop.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lay.addWidget(self.tabel, 1)

        # chain check / export outcome
        self.voortgang = QProgressBar()
        self.voortgang.hide()
        lay.addWidget(self.voortgang)
        self.uitkomst = QLabel()
        self.uitkomst.setWordWrap(True)
        self.uitkomst.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.uitkomst.hide()
        lay.addWidget(self.uitkomst)

        knoppen = QDialogButtonBox()
        self.controleer_knop = knoppen.addButton("Keten controleren", QDialogButtonBox.ButtonRole.ActionRole)
        self.controleer_knop.setToolTip("Controleert elke regel tegen de hash van de vorige regel en de ketenkop")
        self.controleer_knop.clicked.connect(self.controleer)
        self.export_knop = knoppen.addButton("Exporteren (CSV)…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_knop.setToolTip("Alle regels van de gekozen periode (de andere filters tellen niet mee), "
                                    "als CSV voor Excel; de export zelf komt ook in het log")
        self.export_knop.clicked.connect(self.kies_exportbestand)
        self.vernieuw_knop = knoppen.addButton("Vernieuwen", QDialogButtonBox.ButtonRole.ActionRole)
        self.vernieuw_knop.setToolTip("Toont ook de regels die sinds het openen zijn geschreven")
        self.vernieuw_knop.clicked.connect(self.vernieuw)
        self.sluit_knop = knoppen.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.sluit_knop.clicked.connect(self.reject)
        lay.addWidget(knoppen)

        # typing waits a moment before querying; a date, the action or the checkbox applies at once
        self._wacht = QTimer(self)
        self._wacht.setSingleShot(True)
        self._wacht.setInterval(250)
        self._wacht.timeout.connect(self.vernieuw)
        for veld in (self.medewerker, self.client):
            veld.textChanged.connect(self._wacht.start)
        for veld in (self.van, self.tot):
            veld.dateChanged.connect(self.vernieuw)
        self.actie.currentIndexChanged.connect(self.vernieuw)
        self.alle_datums.toggled.connect(self._alle_datums)
        if self.geen_toegang:
            self._geen_toegang()
        else:
            self.vernieuw()
        self.tabel.setFocus()

    @staticmethod
    def _datum_veld(d: date) -> QDateEdit:
        veld = QDateEdit(QDate(d.year, d.month, d.day))
        veld.setDisplayFormat("dd-MM-yyyy")
        veld.setCalendarPopup(True)
        return veld

    # ------------------------------------------------------------------------------ filtering

    def filter(self) -> Filter | None:
        """The filters as chosen, or None (with the reason shown) when the period is reversed."""
        van = tot = None
        if not self.alle_datums.isChecked():
            van, tot = self.van.date().toPython(), self.tot.date().toPython()
            if van > tot:
                return None
        return Filter(van, tot, self.medewerker.text().strip(), self.actie.currentData(), self.client.text().strip())

    def _alle_datums(self, aan: bool) -> None:
        self.van.setEnabled(not aan)
        self.tot.setEnabled(not aan)
        self.vernieuw()

    def vernieuw(self) -> None:
        """Count the lines for the current filters on a worker (a name filter scans the whole log);
        the table follows when the count arrives. A newer request overrides an older one."""
        self._wacht.stop()
        if self.geen_toegang:
            return
        f = self.filter()
        if f is None:
            self._toon_status(f"De periode klopt niet: {self.van.date().toString('dd-MM-yyyy')} ligt na "
                              f"{self.tot.date().toString('dd-MM-yyyy')}.", fout=True)
            return
        self._vraag += 1
        vraag, store = self._vraag, self.store
        self._toon_status("Zoeken…", fout=False)
        run_in_background(lambda _report: (vraag, zoek(store, f)), on_done=self._gevonden,
                          on_error=self._zoeken_mislukt)

    def _gevonden(self, uitkomst) -> None:
        vraag, lijst = uitkomst
        if vraag != self._vraag:  # the filters changed meanwhile: a newer answer is on its way
            return
        self.model.toon(lijst)
        m = self.model
        if m.rowCount() == m.totaal:
            tekst = f"{audit.getal(m.totaal)} regels"
        else:
            tekst = f"{audit.getal(m.rowCount())} van {audit.getal(m.totaal)} regels"
        self._toon_status(tekst + " — nieuwste eerst; wijs een regel aan voor de hash", fout=False)
        self.geladen.emit()

    def _zoeken_mislukt(self, exc: Exception, _tb: str) -> None:
        self._toon_status(f"Het auditlog kan niet worden gelezen: {exc}", fout=True)
        self.geladen.emit()

    def _geen_toegang(self) -> None:
        try:
            vereis(self.store, Recht.AUDITLOG)
        except GeenToegang as exc:
            self._toon_status(str(exc), fout=True)
        for w in (self.van, self.tot, self.alle_datums, self.medewerker, self.actie, self.client, self.tabel,
                  self.controleer_knop, self.export_knop, self.vernieuw_knop):
            w.setEnabled(False)

    def _toon_status(self, tekst: str, fout: bool) -> None:
        self.status.setText(tekst)
        self.status.setStyleSheet(f"color: {ROOD}; font-weight: bold;" if fout else "")

    def _toon_uitkomst(self, tekst: str, kleur: str | None) -> None:
        self.uitkomst.setText(tekst)
        self.uitkomst.setStyleSheet(f"color: {kleur}; font-weight: bold;" if kleur else "")
        self.uitkomst.show()

    # ------------------------------------------------------------------------------ background work

    def _begin(self, tekst: str) -> None:
        self.bezig = True
        for knop in (self.controleer_knop, self.export_knop, self.sluit_knop):
            knop.setEnabled(False)
        self.voortgang.setRange(0, 0)
        self.voortgang.setFormat("")
        self.voortgang.show()
        self._toon_uitkomst(tekst, None)

    def _einde(self) -> None:
        self.bezig = False
        self.voortgang.hide()
        for knop in (self.controleer_knop, self.export_knop, self.sluit_knop):
            knop.setEnabled(True)

    def _voortgang(self, klaar: int, totaal: int, _label: str) -> None:
        self.voortgang.setRange(0, max(totaal, 1))
        self.voortgang.setValue(klaar)
        self.voortgang.setFormat(f"{audit.getal(klaar)} van {audit.getal(totaal)} regels gecontroleerd")

    def controleer(self) -> None:
        """Check the whole chain on a worker; the outcome shows under the table."""
        if self.bezig:
            return
        self._begin("De hashketen wordt gecontroleerd…")
        store = self.store
        run_in_background(lambda report: audit.verifieer(store, lambda d, t: report(d, t, "")),
                          on_done=self._gecontroleerd, on_error=self._mislukt, on_progress=self._voortgang)

    def _gecontroleerd(self, v: audit.Verificatie) -> None:
        self._einde()
        self.verificatie = v
        self._toon_uitkomst(("✔ " if v.ok else "✘ ") + v.melding, GROEN if v.ok else ROOD)
        self.uitkomst.setToolTip("Noteer de laatste hash buiten dit systeem (bijv. in het beheerlogboek): zo is "
                                 "later ook een volledig herschreven keten te herkennen." if v.ok else "")
        self.klaar.emit()

    def kies_exportbestand(self) -> None:
        f = self.filter()
        if f is None:
            return
        naam = "auditlog" + (f"-{f.van:%Y%m%d}-{f.tot:%Y%m%d}" if f.van else "") + ".csv"
        pad, _ = bestandskeuze.opslaan_als(self, "Auditlog exporteren", naam,
                                           "CSV-bestanden (*.csv);;Alle bestanden (*)")
        if pad:
            self.exporteer(pad)

    def exporteer(self, pad) -> None:
        """Export the chosen period (dates only) to `pad` on a worker."""
        f = self.filter()
        if self.bezig or f is None:
            return
        self._begin(f"Exporteren naar {Path(pad).name}…")
        self._exportpad = pad
        store = self.store
        # bound methods as slots: they run on the GUI thread (a lambda could run on the worker)
        run_in_background(lambda report: audit.exporteer_csv(store, pad, f.van, f.tot),
                          on_done=self._geexporteerd, on_error=self._mislukt)

    def _geexporteerd(self, n: int) -> None:
        self._einde()
        self.geexporteerd = n
        self._toon_uitkomst(f"{audit.getal(n)} regels geëxporteerd naar {self._exportpad}. De export staat als "
                            "nieuwe regel in het log (Vernieuwen toont hem).", GROEN)
        self.klaar.emit()

    def _mislukt(self, exc: Exception, _tb: str) -> None:
        self._einde()
        if isinstance(exc, OSError):
            tekst = f"Het bestand kan niet worden geschreven: {exc.strerror or exc}."
        else:
            tekst = f"Mislukt: {exc}"
        self._toon_uitkomst(tekst, ROOD)
        self.klaar.emit()
