"""Caseload: per consulent the active dossiers against capacity; changes and absence.

A colleague's change reads it again keeping the chosen consulent and dossier, the sorts and the scroll
positions (`vernieuw_na_wijziging`, docs/samenwerken.md)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.rollen import Recht
from jet_desktop.notatie import getal
from jet_desktop.services import caseload, waarneming
from jet_desktop.services.autorisatie import mag
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze, klok, statusbalk
from jet_desktop.ui.dialogs.caseload_dialogs import AfwezigDialog, KlikDialog, TweedeDialog, WisselDialog
from jet_desktop.ui.dialogs.consulent_keuze import ConsulentTabel
from jet_desktop.ui.dialogs.herverdeling_dialog import HerverdelingDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at
from jet_desktop.ui.toetsen import enter_opent


class CaseloadPage(QWidget):
    changed = Signal()
    vandaag = klok.Vandaag()
    # what the page shows: a colleague's change to one of these reads it again (ui/verversen.py)
    TABELLEN = frozenset({"dossier", "consulentwijziging", "medewerker", "afwezigheid", "jeugdige"})

    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.team = ConsulentTabel()
        self.team.setSortingEnabled(True)
        self.team.selectionModel().currentRowChanged.connect(lambda *_: self._load_dossiers())

        self.dossier_model = RowTableModel([
            Column("Dossiernr.", lambda d: d.dossiernummer),
            Column("Naam", lambda d: d.naam),
            Column("Urgentie", lambda d: Urgentie(d.urgentie).rank if d.urgentie else 3,
                   lambda d: Urgentie(d.urgentie).label if d.urgentie else ""),
            Column("Gestart", lambda d: d.geopend_op),
            Column("Rol", lambda d: "tweede persoon" if d.is_tweede else "vaste consulent"),
            Column("Vaste consulent", lambda d: d.consulent),
            Column("Tweede persoon", lambda d: d.tweede or "—"),
        ], self)
        self.dossier_model.foreground = lambda d: QBrush(QColor("#777")) if d.is_tweede else None
        self.dossiers = QTableView()
        self.dossiers.setModel(make_proxy(self.dossier_model))
        self.dossiers.setSortingEnabled(True)
        self.dossiers.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.dossiers.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.dossiers.verticalHeader().hide()
        self.dossiers.horizontalHeader().setStretchLastSection(True)
        self.dossiers.doubleClicked.connect(lambda _i: self.open_dossier())
        enter_opent(self.dossiers, lambda: self.open_dossier())
        enter_opent(self.team, lambda: self.dossiers.setFocus() or self.dossiers.selectRow(0))  # on to the dossiers

        self.titel = QLabel("<h2>Caseload</h2>")
        self.dossier_titel = QLabel()
        team_knoppen = QHBoxLayout()
        self.afwezig_knop = QPushButton("Afwezig melden…")
        self.afwezig_knop.clicked.connect(self.afwezig)
        self.herverdeel_knop = QPushButton("Caseload herverdelen…")
        self.herverdeel_knop.clicked.connect(self.herverdelen)
        team_knoppen.addWidget(self.afwezig_knop)
        team_knoppen.addWidget(self.herverdeel_knop)
        team_knoppen.addStretch(1)
        self.export_knop = QPushButton("Exporteren…")
        self.export_knop.setToolTip("Caseloadoverzicht als PDF of Excel (XLSX), naar de gekozen bestandsnaam")
        self.export_knop.clicked.connect(lambda: self.exporteren())
        team_knoppen.addWidget(self.export_knop)
        # a consulent sees the team's figures but works only on their own caseload (domain/rollen.py)
        team = mag(store, Recht.TEAM_DOSSIERS)
        self.herverdeel_knop.setVisible(team)
        self.export_knop.setVisible(mag(store, Recht.TEAMRAPPORTEN))
        self.export_status = QLabel()
        self.export_status.setStyleSheet("color: #555;")
        self.export_status.setWordWrap(True)
        dossier_knoppen = QHBoxLayout()
        self.knoppen = {}
        for key, text, slot in (("open", "Dossier openen", self.open_dossier),
                                ("klik", "Klikgesprek…", self.klikgesprek),
                                ("wissel", "Andere consulent…", self.wissel),
                                ("tweede", "Tweede persoon…", self.tweede)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.knoppen[key] = b
            dossier_knoppen.addWidget(b)
        dossier_knoppen.addStretch(1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.titel)
        ll.addWidget(self.team, 1)
        ll.addLayout(team_knoppen)
        ll.addWidget(self.export_status)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.dossier_titel)
        rl.addWidget(self.dossiers, 1)
        rl.addLayout(dossier_knoppen)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 620])
        QVBoxLayout(self).addWidget(splitter)

    def refresh(self) -> None:
        current = self.team.selected()
        terug = (waarneming.beeindig_waarnemingen(self.store, self.vandaag)
                 if mag(self.store, Recht.TEAM_DOSSIERS) else [])  # absences over: the dossiers go back
        if terug:
            statusbalk.meld(self, f"Waarneming beëindigd: {len(terug)} dossier(s) terug bij de vaste consulent "
                                  f"({', '.join(terug[:5])}{' …' if len(terug) > 5 else ''}).")
        rows = caseload.consulenten(self.store, self.vandaag)
        self.team.load(rows)
        self.team.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        total, cap = sum(r.belasting for r in rows), sum(r.capaciteit for r in rows)
        afwezig = sum(r.afwezig_tot is not None for r in rows)
        self.titel.setText(f"<h2>Caseload</h2>{getal(len(rows))} consulenten · {getal(total)} actieve dossiers · "
                           f"capaciteit {getal(cap)}"
                           + (f" · <b>{afwezig} afwezig</b>" if afwezig else ""))
        if current is not None:
            self.team.select_id(current.id)
        if self.team.selected() is None and rows:
            self.team.selectRow(0)
        self._load_dossiers()

    def vernieuw_na_wijziging(self) -> None:
        """A colleague changed something the page shows: read it again (two short queries) where the user
        was — the same consulent and dossier chosen (when still there), each table's sort and scroll."""
        d = self.selected_dossier()
        tabellen = (self.team, self.dossiers)
        sorts = [(t.horizontalHeader().sortIndicatorSection(), t.horizontalHeader().sortIndicatorOrder())
                 for t in tabellen]
        plekken = [t.verticalScrollBar().value() for t in tabellen]
        self.refresh()
        for t, (kolom, volgorde) in zip(tabellen, sorts):
            t.sortByColumn(kolom, volgorde)
        if d is not None:
            proxy = self.dossiers.model()
            for r in range(proxy.rowCount()):
                if row_at(self.dossiers, proxy.index(r, 0)).dossier_id == d.dossier_id:
                    self.dossiers.selectRow(r)
                    break
        for t, plek in zip(tabellen, plekken):
            t.doItemsLayout()
            t.verticalScrollBar().setValue(plek)

    def select_consulent(self, naam: str) -> None:
        for r in range(self.team.proxy.rowCount()):
            if row_at(self.team, self.team.proxy.index(r, 0)).naam == naam:
                self.team.selectRow(r)
                return

    def _load_dossiers(self) -> None:
        c = self.team.selected()
        rows = caseload.dossiers_van(self.store, c.id) if c else []
        self.dossier_model.set_rows(rows)
        self.dossiers.resizeColumnsToContents()
        if c:
            eigen = sum(not d.is_tweede for d in rows)
            afw = f" — <b>afwezig tot {c.afwezig_tot:%d-%m-%Y}</b>" if c.afwezig_tot else ""
            if mag(self.store, Recht.TEAM_DOSSIERS) or c.id == self.store.user_id:
                self.dossier_titel.setText(f"<h3>{escape(c.naam)}: {eigen} van {c.capaciteit} "
                                           f"(+{len(rows) - eigen} als tweede persoon){afw}</h3>")
            else:  # a colleague's caseload: the count is the team's, the list only what this login may see
                self.dossier_titel.setText(
                    f"<h3>{escape(c.naam)}: {c.belasting} van {c.capaciteit}{afw}</h3>"
                    f"<span style='color:#555'>U ziet hiervan {eigen} (en {len(rows) - eigen} als tweede persoon): "
                    "een jeugdconsulent ziet alleen de dossiers waarin hij of zij vaste consulent of tweede "
                    "persoon is.</span>")
        self.herverdeel_knop.setEnabled(bool(c and rows))

    def exporteren(self, path: str | None = None, on_done=None) -> None:
        """Caseloadoverzicht to PDF or XLSX (by the file name), written off the GUI thread with
        progress and Annuleren (a cancelled overview leaves no file)."""
        from jet_desktop.ui.rapport_voortgang import maak_met_voortgang

        if path is None:
            path, chosen = bestandskeuze.opslaan_als(
                self, "Caseloadoverzicht exporteren", f"caseloadoverzicht-{self.vandaag:%Y-%m-%d}.pdf",
                "PDF-bestanden (*.pdf);;Excel-werkmappen (*.xlsx)")
            if not path:
                return
            if not path.lower().endswith((".pdf", ".xlsx")):
                path += ".xlsx" if "xlsx" in chosen else ".pdf"
        formaat = "xlsx" if path.lower().endswith(".xlsx") else "pdf"
        store, peildatum = self.store, self.vandaag
        self.export_knop.setEnabled(False)
        self.export_status.setText(f"Caseloadoverzicht maken ({formaat.upper()})…")

        def build(voortgang, geannuleerd):
            from jet_desktop.reports import caseloadoverzicht

            return caseloadoverzicht.maak(store, path, formaat, peildatum, voortgang=voortgang, geannuleerd=geannuleerd)

        def done(o) -> None:
            self.export_knop.setEnabled(True)
            self.export_status.setText(f"Caseloadoverzicht opgeslagen: {path} ({len(o.consulenten)} consulenten).")
            if on_done:
                on_done(path, o)

        def failed(exc, _tb) -> None:
            from PySide6.QtWidgets import QMessageBox

            self.export_knop.setEnabled(True)
            self.export_status.setText("Caseloadoverzicht niet opgeslagen.")
            QMessageBox.warning(self, "Niet opgeslagen", f"Het caseloadoverzicht kon niet worden opgeslagen.\n\n{exc}")

        def geannuleerd() -> None:
            self.export_knop.setEnabled(True)
            self.export_status.setText("Caseloadoverzicht geannuleerd; er is geen bestand geschreven.")

        self.voortgang = maak_met_voortgang(self, build, "Caseloadoverzicht maken…", done, failed,
                                            on_geannuleerd=geannuleerd)

    def selected_dossier(self) -> caseload.DossierRij | None:
        return row_at(self.dossiers, self.dossiers.currentIndex())

    def _after(self, ok) -> None:
        if ok:
            self.refresh()
            self.changed.emit()

    def open_dossier(self) -> None:
        d = self.selected_dossier()
        if d:
            DossierWindow(self.store, d.dossier_id, klok.bron(self), self).exec()
            self._after(True)

    def klikgesprek(self) -> None:
        if d := self.selected_dossier():
            self._after(KlikDialog(self.store, d, self.vandaag, self).exec())

    def wissel(self) -> None:
        if d := self.selected_dossier():
            self._after(WisselDialog(self.store, d, self.vandaag, self).exec())

    def tweede(self) -> None:
        if d := self.selected_dossier():
            self._after(TweedeDialog(self.store, d, self.vandaag, self).exec())

    def afwezig(self) -> None:
        if c := self.team.selected():
            self._after(AfwezigDialog(self.store, c, self.vandaag, self).exec())

    def herverdelen(self) -> None:
        if c := self.team.selected():
            self._after(HerverdelingDialog(self.store, c, self.vandaag, self).exec())
