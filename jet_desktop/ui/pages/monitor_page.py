"""Monitor toegang: the figures per toegangsvorm for a period, the charts, import and exports.

Everything is computed on a worker thread (the store may hold a million imported trajects);
the page shows the result when it arrives and ignores results of periods no longer chosen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton,
                               QTableView, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from jet_desktop.storage.store import Store
from jet_desktop.ui.charts import LijnGrafiek, Staaf, StaafGrafiek
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.row_model import Column, RowTableModel
from jet_desktop.ui.period_picker import PeriodeKiezer
from jet_desktop.ui.workers import run_in_background

EXPORT_FORMATEN = (("xlsx", "Excel (XLSX)"), ("pdf", "PDF"), ("csv", "CSV"), ("json", "JSON (jeugddashboard)"))


@dataclass(frozen=True)
class MonitorBeeld:
    """What one computation returns to the page."""

    van: date
    tot: date
    uitkomst: object  # reports.monitor.MonitorUitkomst
    wachtlijst: list  # [(maandag, aantal)]
    caseload: list  # [services.caseload.ConsulentRij]
    doorverwijzingen: list  # [(vorm, aantal)]
    caseload_peildatum: date
    ms: float


def bereken_beeld(store: Store, van: date, tot: date, vandaag: date) -> MonitorBeeld:
    """All the page shows, computed headless (worker thread, and tests)."""
    from jet_desktop.reports import monitor, monitor_reeksen
    from jet_desktop.services import caseload

    t = time.perf_counter()
    uitkomst = monitor.bereken(store, van, tot)
    # the wachtlijst over at least the last year up to `tot`, so a quarter still shows a trend
    reeks_van = min(van, tot - timedelta(days=364))
    wachtlijst = monitor_reeksen.wachtlijst_per_week(store, reeks_van, tot)
    peil = min(tot, vandaag)
    team = caseload.consulenten(store, peil)
    door = monitor_reeksen.doorverwijzingen_per_vorm(store, van, tot)
    return MonitorBeeld(van, tot, uitkomst, wachtlijst, team, door, peil, (time.perf_counter() - t) * 1000)


class MonitorPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.beeld: MonitorBeeld | None = None
        self._gevraagd: tuple[date, date] | None = None

        self.periode = PeriodeKiezer(vandaag)
        self.periode.changed.connect(lambda *_: self.refresh())
        self.publicatie = QCheckBox("Voor publicatie: kleine aantallen onderdrukken")
        self.publicatie.toggled.connect(lambda *_: self._toon())
        self.import_knop = QPushButton("Toegang importeren…")
        self.import_knop.clicked.connect(self.importeren)
        self.export_knop = QToolButton()
        self.export_knop.setText("Exporteren")
        self.export_knop.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_knop)
        for fmt, label in EXPORT_FORMATEN:
            menu.addAction(label, lambda f=fmt: self.exporteren(f))
        self.export_knop.setMenu(menu)
        self.print_knop = QPushButton("Afdrukken…")
        self.print_knop.clicked.connect(self.afdrukken)
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")

        self.model = RowTableModel([], self)
        self.tabel = QTableView()
        self.tabel.setModel(self.model)
        self.tabel.verticalHeader().hide()
        self.tabel.setAlternatingRowColors(True)
        self.tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.wachtlijst_grafiek = LijnGrafiek("Wachtlijst: aantal wachtend op maandag")
        self.caseload_grafiek = StaafGrafiek("Caseload per consulent", referentie_naam="capaciteit (FTE × norm)")
        self.door_grafiek = StaafGrafiek("Doorverwijzingen per vorm van jeugdhulp")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tabel, "Cijfers per toegangsvorm")
        self.tabs.addTab(self.wachtlijst_grafiek, "Wachtlijst in de tijd")
        self.tabs.addTab(self.caseload_grafiek, "Caseload")
        self.tabs.addTab(self.door_grafiek, "Doorverwijzingen")

        kop = QHBoxLayout()
        kop.addWidget(QLabel("<h2>Monitor toegang</h2>"))
        kop.addStretch(1)
        for w in (self.import_knop, self.export_knop, self.print_knop):
            kop.addWidget(w)
        keuze = QHBoxLayout()
        keuze.addWidget(self.periode)
        keuze.addSpacing(16)
        keuze.addWidget(self.publicatie)
        keuze.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(kop)
        lay.addLayout(keuze)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.status)

    # --- computing ---------------------------------------------------------
    def refresh(self) -> None:
        p = self.periode.periode()
        if p is None:
            return
        self._gevraagd = p
        self.status.setText(f"Berekenen over {datum(p[0])} t/m {datum(p[1])}…")
        for knop in (self.export_knop, self.print_knop):
            knop.setEnabled(False)
        store, vandaag = self.store, self.vandaag
        run_in_background(lambda _progress: bereken_beeld(store, p[0], p[1], vandaag),
                          on_done=self._klaar, on_error=self._fout)

    def _klaar(self, beeld: MonitorBeeld) -> None:
        if (beeld.van, beeld.tot) != self._gevraagd:
            return  # an older period; the newer one is on its way
        self.beeld = beeld
        self._toon()

    def _fout(self, exc, _tb: str) -> None:
        self.status.setText(f"De monitor kon niet worden berekend: {exc}")

    def drempel(self) -> int | None:
        from jet_desktop.services import settings

        return int(settings.get(self.store, "publicatie_drempel")) if self.publicatie.isChecked() else None

    def _toon(self) -> None:
        from jet_desktop.reports import monitor

        b = self.beeld
        if b is None:
            return
        kolommen, rijen = monitor.tabel(b.uitkomst, self.drempel())
        self.model.columns = [Column(k, (lambda r, i=i: r[i]), align_right=i > 0) for i, k in enumerate(kolommen)]
        self.model.set_rows(rijen)
        self.tabel.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.wachtlijst_grafiek.set_data(b.wachtlijst)
        self.caseload_grafiek.titel = f"Caseload per consulent op {datum(b.caseload_peildatum)} (actieve dossiers)"
        self.caseload_grafiek.set_data([Staaf(c.naam, c.belasting, c.capaciteit) for c in b.caseload])
        self.door_grafiek.set_data([Staaf(vorm, n) for vorm, n in b.doorverwijzingen])
        self.status.setText(f"Periode {datum(b.van)} t/m {datum(b.tot)} (beide dagen inbegrepen); "
                            f"berekend in {b.ms:.0f} ms.")
        for knop in (self.export_knop, self.print_knop):
            knop.setEnabled(True)

    # --- actions -----------------------------------------------------------
    def importeren(self) -> None:
        from jet_desktop.ui.dialogs.toegang_import_dialog import ToegangImportDialog

        ToegangImportDialog(self.store, self).exec()
        self.refresh()

    def exporteren(self, fmt: str) -> None:
        from jet_desktop.reports import monitor

        if self.beeld is None:
            return
        b, drempel = self.beeld, self.drempel()
        naam = f"monitor-toegang-{b.van:%Y%m%d}-{b.tot:%Y%m%d}.{fmt}"
        pad, _ = QFileDialog.getSaveFileName(self, "Monitor exporteren", str(Path.home() / naam))
        if pad:
            run_in_background(lambda _p: monitor.write_monitor(b.uitkomst, fmt, Path(pad), drempel=drempel),
                              on_done=lambda _r: self.status.setText(f"Opgeslagen: {pad}"), on_error=self._fout)

    def afdrukken(self) -> None:
        from jet_desktop.reports import monitor
        from jet_desktop.ui.dialogs.pdf_preview import afdrukken_op_achtergrond

        if self.beeld is None:
            return
        b, drempel = self.beeld, self.drempel()
        afdrukken_op_achtergrond(self, lambda pad: monitor.write_monitor(b.uitkomst, "pdf", pad, drempel=drempel),
                                 "Monitor maken…", f"monitor-toegang-{b.van:%Y%m%d}-{b.tot:%Y%m%d}.pdf")
