"""Matched care: toewijzingen started in a period by dimension, DVO share, opschaling, stapeling, costs.

The management view (counts and costs) and, for the team, the lists per jeugdige. Computed on a
worker thread; exports and printing write the same summary through reports.matched_care_export.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTabWidget

from jet_desktop.domain.rollen import Recht
from jet_desktop.notatie import euro, procent
from jet_desktop.services.autorisatie import mag
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.frame_model import FrameModel
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy
from jet_desktop.ui.pages.rapport_pagina import RapportPagina

EXPORT_FORMATEN = (("xlsx", "Excel (XLSX)"), ("pdf", "PDF"), ("json", "JSON"))
KOSTEN_JAREN = 4  # the cost table shows this many years up to the end of the period


@dataclass(frozen=True)
class MatchedCareBeeld:
    mc: object  # reports.matched_care.MatchedCare, its kosten_per_jaar the KOSTEN_JAREN years on screen


def bereken_beeld(store: Store, van: date, tot: date) -> MatchedCareBeeld:
    from jet_desktop.reports import matched_care

    mc = matched_care.bereken(store, van, tot)
    kosten = matched_care.kosten_per_jaar(store, range(tot.year - KOSTEN_JAREN + 1, tot.year + 1))
    # the exports and the print write this same table (the years on screen), not only the period's years
    return MatchedCareBeeld(replace(mc, kosten_per_jaar=kosten))


def _tabel(model, sorteren: bool = True) -> QTableView:
    """`sorteren=False` for a table with a total row and a fixed order (the costs per year, as printed)."""
    view = QTableView()
    view.setModel(make_proxy(model))
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's order until clicked
    view.setSortingEnabled(sorteren)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def sectie_model(sectie, parent=None) -> RowTableModel:
    """A report section (reports.columns) as a table model: its columns, rows and totals written as the
    PDF and XLSX write them (format_value), so the screen shows what the export holds."""
    from jet_desktop.reports.columns import format_value

    model = RowTableModel([Column(k.header, (lambda r, i=i: r[i]), (lambda r, i=i, s=k.kind: format_value(s, r[i])),
                                  align_right=k.numeric) for i, k in enumerate(sectie.columns)], parent)
    model.set_rows(list(sectie.rows) + ([sectie.totals] if sectie.totals else []))
    return model


def _euro(n) -> str:
    return n if isinstance(n, str) else euro(n)


def _pct(p) -> str:
    return "–" if p is None else (p if isinstance(p, str) else procent(p))


def samenvatting(mc) -> str:
    """The figures management reads first, as a row of small blocks (HTML)."""
    o, s, d = mc.opschaling, mc.stapeling, mc.dvo
    blokken = [
        ("Toewijzingen", f"{mc.totaal_toewijzingen}", f"voor {mc.totaal_jeugdigen} jeugdigen"),
        ("Geschatte kosten", _euro(mc.totaal_kosten), "van de toewijzingen"),
        ("DVO maatwerk", _pct(d.pct_toewijzingen), f"{d.toewijzingen} toewijzingen, {_pct(d.pct_kosten)} van de kosten"),
        ("Opschaling ≤ 180 dagen", _pct(o.pct), f"{o.opgeschaald} van {o.jeugdigen_eerste_toewijzing} jeugdigen "
                                                 "(lager is beter)"),
        ("Stapeling", f"{s.verticaal_jeugdigen} + {s.horizontaal_jeugdigen}", "jeugdigen verticaal + horizontaal"),
    ]
    cellen = "".join(f"<td style='padding:4px 18px 4px 0'><span style='color:#555'>{titel}</span><br>"
                     f"<span style='font-size:16pt;font-weight:bold'>{waarde}</span><br>"
                     f"<span style='color:#555'>{toelichting}</span></td>" for titel, waarde, toelichting in blokken)
    return f"<table><tr>{cellen}</tr></table>"


class MatchedCarePage(RapportPagina):
    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__("Matched care", store, vandaag, parent)
        self.publicatie.setToolTip("Exporteert alleen aantallen en kosten, zonder lijsten per jeugdige.")
        for fmt, label in EXPORT_FORMATEN:
            self.export_menu.addAction(f"{label}, managementversie", lambda f=fmt: self.exporteren(f, voor_team=False))
        self.voor_team = mag(store, Recht.TEAMRAPPORTEN)  # the lists per jeugdige: teamleider only
        if self.voor_team:
            self.export_menu.addSeparator()
            for fmt, label in EXPORT_FORMATEN[:2]:
                self.export_menu.addAction(f"{label}, teamversie met lijsten per jeugdige",
                                           lambda f=fmt: self.exporteren(f, voor_team=True))
            self.export_menu.addSeparator()
            self.export_menu.addAction("Teamversie afdrukken…", lambda: self.afdrukken(True))
        self.samenvatting = QLabel()
        self.samenvatting.setWordWrap(True)
        self.tabs = QTabWidget()
        self.dimensie_models: list[FrameModel] = []
        self.opschaling_model = RowTableModel([
            Column("Dossiernr.", lambda r: r.dossiernummer),
            Column("Jeugdige", lambda r: r.initialen),
            Column("Eerste toewijzing", lambda r: r.eerste.omschrijving),
            Column("Zwaardere toewijzing", lambda r: r.latere.omschrijving),
            Column("Na dagen", lambda r: r.dagen, align_right=True),
        ], self)
        self.stapeling_model = RowTableModel([
            Column("Dossiernr.", lambda r: r.dossiernummer),
            Column("Jeugdige", lambda r: r.initialen),
            Column("Soort", lambda r: r.soort_label),
            Column("Eerste", lambda r: r.eerste.omschrijving),
            Column("Tweede", lambda r: r.tweede.omschrijving),
            Column("Regel", lambda r: r.regel),
        ], self)
        self.regels_model = FrameModel(self)
        self.kosten_model = RowTableModel([], self)
        self.finish_layout(self.samenvatting, self.tabs)

    def bereken(self, van: date, tot: date) -> MatchedCareBeeld:
        return bereken_beeld(self.store, van, tot)

    def toon(self) -> None:
        from jet_desktop.reports import matched_care
        from jet_desktop.reports.matched_care_export import kosten_section

        drempel = self.drempel()
        mc = self.beeld.mc if drempel is None else matched_care.onderdruk(self.beeld.mc, drempel)
        huidig = self.tabs.currentIndex()
        self.tabs.clear()
        self.dimensie_models = []
        for titel, frame in mc.dimensies:
            model = FrameModel(self)
            model.set_frame(frame)
            self.dimensie_models.append(model)
            self.tabs.addTab(_tabel(model), titel.removeprefix("Per ").replace("-code", "").capitalize())
        self.regels_model.set_frame(mc.stapeling_per_regel)
        self.tabs.addTab(_tabel(self.regels_model), "Stapelingsregels")
        if drempel is None and self.voor_team:  # the lists per jeugdige: for the team, never in a publication
            self.opschaling_model.set_rows(mc.opschaling_lijst)
            self.stapeling_model.set_rows(mc.stapeling_lijst)
            self.tabs.addTab(_tabel(self.opschaling_model), f"Opgeschaald ({len(mc.opschaling_lijst)})")
            self.tabs.addTab(_tabel(self.stapeling_model), f"Gestapeld ({len(mc.stapeling_lijst)})")
            for i in (self.tabs.count() - 2, self.tabs.count() - 1):
                self.tabs.setTabToolTip(i, "Per jeugdige, voor het team (vertrouwelijk)")
        # the cost table as the exports write it (reports.matched_care_export.kosten_section): the same years,
        # the same difference column, the same euros, the same suppression
        self.kosten_model = sectie_model(kosten_section(mc.kosten_per_jaar), self)
        self.tabs.addTab(_tabel(self.kosten_model, sorteren=False), "Kosten per jaar")  # Totaal stays last
        self.tabs.setCurrentIndex(min(max(huidig, 0), self.tabs.count() - 1))
        self.samenvatting.setText(samenvatting(mc))
        self.status.setText(f"Toewijzingen met een startdatum van {datum(mc.van)} t/m {datum(mc.tot)}; "
                            "kosten zijn de geschatte kosten van de toewijzingen.")

    # --- actions -----------------------------------------------------------
    def _meta(self) -> dict:
        from jet_desktop.services import settings

        ingesteld = settings.instellingen(self.store)
        return {"organisatie": ingesteld.organisatie_naam, "team": ingesteld.team_naam, "afgedrukt_door": self.store.user}

    @staticmethod
    def _write(mc, fmt: str, pad, drempel, voor_team: bool, meta: dict, voortgang=None, geannuleerd=None) -> None:
        from jet_desktop.reports.matched_care_export import write_matched_care

        write_matched_care(mc, fmt, pad, drempel=drempel, voor_team=voor_team, voortgang=voortgang,
                           geannuleerd=geannuleerd, **meta)

    def exporteren(self, fmt: str, voor_team: bool = False) -> None:
        if not self.toont_gekozen_periode():
            return
        mc = self.beeld.mc
        soort = "team" if voor_team else "management"
        naam = f"matched-care-{soort}-{mc.van:%Y%m%d}-{mc.tot:%Y%m%d}.{fmt}"
        pad, _ = bestandskeuze.opslaan_als(self, "Matched care exporteren", naam)
        if pad:
            drempel, meta = (None if voor_team else self.drempel()), self._meta()
            self.in_achtergrond_opslaan(lambda v=None, g=None: self._write(mc, fmt, Path(pad), drempel, voor_team, meta,
                                                                           v, g), pad, met_voortgang=fmt in ("xlsx", "pdf"))

    def afdrukken(self, voor_team: bool = False) -> None:
        """Print preview of the management version (with suppression when that switch is on); the
        team version with the lists per jeugdige only when asked for explicitly."""
        from jet_desktop.ui.dialogs.pdf_preview import afdrukken_op_achtergrond

        if not self.toont_gekozen_periode():
            return
        mc, drempel, meta = self.beeld.mc, (None if voor_team else self.drempel()), self._meta()
        soort = "team" if voor_team else "management"
        afdrukken_op_achtergrond(self, lambda pad: self._write(mc, "pdf", pad, drempel, voor_team, meta),
                                 "Overzicht maken…", f"matched-care-{soort}-{mc.van:%Y%m%d}-{mc.tot:%Y%m%d}.pdf")
