"""Monitor toegang: the figures per toegangsvorm for a period, the charts, import and exports.

Everything is computed on a worker thread (the store may hold a million imported trajects);
the page shows the result when it arrives and ignores results of periods no longer chosen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QHeaderView, QPushButton, QScrollArea, QTableView, QTabWidget, QWidget

from jet_desktop.notatie import getal
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.charts import LijnGrafiek, Staaf, StaafGrafiek
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.row_model import Column, RowTableModel
from jet_desktop.ui.pages.rapport_pagina import RapportPagina

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
    from jet_desktop.reports import grafieken, monitor

    t = time.perf_counter()
    uitkomst = monitor.bereken(store, van, tot)
    # the series the PDF draws too: the wachtlijst over at least the last year up to `tot` (a quarter still shows
    # a trend), the caseload of today (who held which dossier on a past date is not kept per day)
    r = grafieken.bereken_reeksen(store, van, tot, vandaag)
    wachtlijst, team, door, peil = r.wachtlijst, r.caseload, r.doorverwijzingen, r.caseload_peildatum
    return MonitorBeeld(van, tot, uitkomst, wachtlijst, team, door, peil, (time.perf_counter() - t) * 1000)


def _scrollbaar(grafiek: QWidget) -> QScrollArea:
    """A bar chart grows with its bars (a large team): scroll rather than squeeze them."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(grafiek)
    return area


class MonitorPage(RapportPagina):
    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__("Monitor toegang", store, vandaag, parent)
        self.import_knop = QPushButton("Toegang importeren…")
        self.import_knop.clicked.connect(self.importeren)
        self.kop.insertWidget(2, self.import_knop)
        for fmt, label in EXPORT_FORMATEN:
            self.export_menu.addAction(label, lambda f=fmt: self.exporteren(f))

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
        self.tabs.addTab(_scrollbaar(self.caseload_grafiek), "Caseload")
        self.tabs.addTab(_scrollbaar(self.door_grafiek), "Doorverwijzingen")
        self.finish_layout(self.tabs)

    def bereken(self, van: date, tot: date) -> MonitorBeeld:
        return bereken_beeld(self.store, van, tot, self.vandaag)

    def toon(self) -> None:
        from jet_desktop.reports import monitor

        b = self.beeld
        kolommen, rijen = monitor.tabel(b.uitkomst, self.drempel())
        self.model.columns = [Column(k, (lambda r, i=i: r[i]), align_right=i > 0) for i, k in enumerate(kolommen)]
        self.model.set_rows(rijen)
        self.tabel.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.wachtlijst_grafiek.set_data(b.wachtlijst)
        self.caseload_grafiek.titel = f"Caseload per consulent vandaag ({datum(b.caseload_peildatum)}): actieve dossiers"
        self.caseload_grafiek.set_data([Staaf(c.naam, c.belasting, c.capaciteit) for c in b.caseload])
        self.door_grafiek.set_data([Staaf(vorm, n) for vorm, n in b.doorverwijzingen])
        self.status.setText(f"Periode {datum(b.van)} t/m {datum(b.tot)} (beide dagen inbegrepen); "
                            f"berekend in {getal(b.ms)} ms.")

    # --- actions -----------------------------------------------------------
    def importeren(self) -> None:
        from jet_desktop.ui.dialogs.toegang_import_dialog import ToegangImportDialog

        ToegangImportDialog(self.store, self).exec()
        self.refresh()

    def exporteren(self, fmt: str) -> None:
        from jet_desktop.reports import grafieken, monitor

        if not self.toont_gekozen_periode():
            return
        b, drempel = self.beeld, self.drempel()
        reeksen = grafieken.MonitorReeksen(b.wachtlijst, b.caseload, b.doorverwijzingen, b.caseload_peildatum)
        naam = f"monitor-toegang-{b.van:%Y%m%d}-{b.tot:%Y%m%d}.{fmt}"
        pad, _ = bestandskeuze.opslaan_als(self, "Monitor exporteren", naam)
        if pad:
            self.in_achtergrond_opslaan(lambda: monitor.write_monitor(b.uitkomst, fmt, Path(pad), drempel=drempel,
                                                                      reeksen=reeksen), pad)

    def afdrukken(self) -> None:
        from jet_desktop.reports import grafieken, monitor
        from jet_desktop.ui.dialogs.pdf_preview import afdrukken_op_achtergrond

        if not self.toont_gekozen_periode():
            return
        b, drempel = self.beeld, self.drempel()
        reeksen = grafieken.MonitorReeksen(b.wachtlijst, b.caseload, b.doorverwijzingen, b.caseload_peildatum)
        afdrukken_op_achtergrond(self, lambda pad: monitor.write_monitor(b.uitkomst, "pdf", pad, drempel=drempel,
                                                                         reeksen=reeksen),
                                 "Monitor maken…", f"monitor-toegang-{b.van:%Y%m%d}-{b.tot:%Y%m%d}.pdf")
