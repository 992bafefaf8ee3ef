"""The wachtlijst as a lazy table model: counted and paged in SQL.

Only the pages the view actually shows are fetched (200 rows each, a few kept: ui/models/paged_model.py),
so the list scrolls through any number of rows without loading them all into Python.
Sorting and filtering are pushed into the query instead of a QSortFilterProxyModel,
which would have to read every row. Each refresh, filter or sort opens a new view of the
service (`wachtlijst.bekijk`: one audit line); the pages fetched while scrolling belong to
that view and write none.

On a long list each of those queries takes long, so none runs on the GUI thread: `refresh` opens the
view and reads its first page on a worker (ui/workers.py) and shows them when they arrive (`geladen`);
meanwhile the rows of the previous view stay (`bezig`). A refresh overtaken by a newer one is dropped
when it arrives. Pages further down are fetched on a worker too (PagedTableModel background=True,
PLACEHOLDER rows until they arrive), after the last row of the page before when it is here (keyset
paging: `Weergave.pagina(..., na=...)`, where the service offers it).
"""

from __future__ import annotations

import inspect
from datetime import date
from typing import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from jet_desktop.domain.age import leeftijd_tekst
from jet_desktop.domain.enums import TriageUitkomst, Urgentie
from jet_desktop.domain.wachttijd import Signaal, WachttijdNormen, in_weken, start_signaal, wachttijd_dagen
from jet_desktop.services import wachtlijst
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.store import Store
from jet_desktop.ui.formatting import datum, weken
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.paged_model import PagedTableModel, zwak
from jet_desktop.ui.models.row_model import ROW_ROLE

PAGE = 200
KEEP_PAGES = 12
# keyset paging: the service's Weergave.pagina takes the last row of the page before (`na`) where it can
_KEYSET = "na" in inspect.signature(wachtlijst.Weergave.pagina).parameters


def lees_pagina(weergave: wachtlijst.Weergave, offset: int, limit: int, previous: list | None):
    """A page of `weergave`: after `previous[-1]` (keyset) when the page before is at hand."""
    if _KEYSET and previous:
        return weergave.pagina(offset=0, limit=limit, na=previous[-1])  # `offset` would count on from `na`
    return weergave.pagina(offset=offset, limit=limit)

COLUMNS = [
    ("Dossiernr.", "dossiernummer"),
    ("Naam", "naam"),
    ("Leeftijd", "leeftijd"),
    ("Urgentie", "urgentie"),
    ("Aanmelddatum", "aanmelddatum"),
    ("Wachttijd (wk)", "wachttijd"),
    ("Verwijzer", "verwijzer"),
    ("Triage-uitkomst", "uitkomst"),
    ("Beoogd consulent", "consulent"),
    ("Wijk", "wijk"),
]

_VOLLEDIG_BIJ_AANWIJZEN = frozenset(("naam", "verwijzer", "uitkomst", "consulent", "wijk"))
SIGNAAL_KLEUR = {Signaal.OVERSCHREDEN: QColor("#f8d4d4"), Signaal.LET_OP: QColor("#fdf0c8")}
_UITKOMST_KORT = {TriageUitkomst.ZELF_OPPAKKEN.value: "Zelf oppakken",
                  TriageUitkomst.SPECIALISTISCH.value: "Specialistische jeugdhulp"}


_ROLLEN = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole,
                     Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole))


class WachtlijstModel(PagedTableModel):
    peildatum = Vandaag()  # a date, or the clock (ui/klok.py): wachttijd up to the day it is shown
    geladen = Signal()  # the view of the latest refresh is shown
    mislukt = Signal(object)  # the latest refresh failed (the exception, Dutch where it can be)
    bezig_gewijzigd = Signal(bool)

    def __init__(self, store: Store, normen: WachttijdNormen, peildatum: date, parent=None):
        super().__init__([title for title, _ in COLUMNS], parent, page_size=PAGE, keep_pages=KEEP_PAGES,
                         background=True)
        self.store = store
        self.normen = normen
        self.peildatum = peildatum
        self.filter_text = ""
        self.sort_key: str | None = None
        self.descending = False
        self._weergave: wachtlijst.Weergave | None = None
        self._vraag = 0  # number of the latest refresh: an older one's result is dropped
        self._bezig = False
        # the row the view is on (the page sets it): its page is read with the first, so the row can stay chosen
        self.huidige_rij: Callable[[], int | None] = lambda: None
        self._bold = QFont()
        self._bold.setBold(True)
        self._memo: dict = {}  # (aanmelding_id, version, column, role) -> what data() returns
        self._memo_dag = None

    # --- queries (ui/models/paged_model.py pages them) -------------------------------------
    def fetch_count(self) -> int:
        self._weergave = wachtlijst.bekijk(self.store, self.filter_text, self.sort_key, self.descending)
        return self._weergave.aantal

    def fetch_page(self, offset: int, limit: int, previous) -> list[wachtlijst.WachtlijstRij]:
        return lees_pagina(self._weergave, offset, limit, previous)

    def page_source(self):
        weergave = self._weergave  # the view these pages belong to (a new one comes with a new generation)
        return lambda offset, limit, previous: lees_pagina(weergave, offset, limit, previous)

    @property
    def bezig(self) -> bool:
        """A refresh is on its way (the rows shown are those of the view before)."""
        return self._bezig

    def _zet_bezig(self, bezig: bool) -> None:
        if bezig != self._bezig:
            self._bezig = bezig
            self.bezig_gewijzigd.emit(bezig)

    def refresh(self) -> None:
        """Open a new view (count, audit line) and read its first page (and the current row's) on a
        worker; `geladen` when they are shown."""
        from jet_desktop.ui.workers import run_in_background

        self._vraag += 1
        vraag, store, size = self._vraag, self.store, self.page_size
        filter_text, sort_key, descending = self.filter_text, self.sort_key, self.descending
        rond = self.huidige_rij()

        def laad(_progress):
            weergave = wachtlijst.bekijk(store, filter_text, sort_key, descending)
            eerste = lees_pagina(weergave, 0, size, None) if weergave.aantal else []
            meer = {}
            if rond is not None and size <= rond < weergave.aantal:  # the page of the current row
                meer[rond // size] = lees_pagina(weergave, rond // size * size, size, None)
            return vraag, weergave, eerste, meer

        self._zet_bezig(True)
        run_in_background(laad, on_done=zwak(self._geladen), on_error=zwak(self._mislukt, vraag))

    def _geladen(self, uitkomst) -> None:
        vraag, weergave, eerste, meer = uitkomst
        if not shiboken6.isValid(self) or vraag != self._vraag:  # a newer refresh was asked for meanwhile
            return
        self._weergave = weergave
        self.show_result(weergave.aantal, eerste, meer)
        self._zet_bezig(False)
        self.geladen.emit()
        if weergave.aantal > 2 * self.page_size and hasattr(weergave, "voorbereiden"):
            from jet_desktop.ui.workers import run_in_background

            # a long list: its ordered ids now, on a worker, so a jump anywhere is one page by primary key; a
            # failure here is only logged (Task.run): the jump itself reads them again and shows its failure
            run_in_background(lambda _p: weergave.voorbereiden(), on_error=lambda *_a: None)

    def _mislukt(self, vraag: int, exc: Exception, _tb: str = "") -> None:
        if not shiboken6.isValid(self) or vraag != self._vraag:
            return
        self._zet_bezig(False)
        self.mislukt.emit(exc)

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.refresh()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # --- how a row looks -------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """What the view asks for, from a per-row memo: a paint asks each visible cell for a dozen roles,
        and working out the texts and signal anew for each made painting a long list slow."""
        if role not in _ROLLEN:  # a role the list does not use (size hint, decoration, …): at once
            return super().data(index, role) if role == ROW_ROLE else None
        if not index.isValid() or index.row() >= self._count:
            return None
        r = self.row(index.row())
        if r is None:
            return super().data(index, role)
        dag = self.peildatum
        if dag != self._memo_dag or len(self._memo) > 2 * self.keep_pages * self.page_size:
            self._memo, self._memo_dag = {}, dag
        sleutel = (r.aanmelding_id, r.version, index.column(), role)
        try:
            return self._memo[sleutel]
        except KeyError:
            waarde = self._memo[sleutel] = (self.text(r, index.column()) if role == Qt.ItemDataRole.DisplayRole
                                            else self.role_data(r, index.column(), role))
            return waarde

    def show_result(self, *args, **kwargs) -> None:
        self._memo = {}  # the normen or the day may have changed with the refresh
        super().show_result(*args, **kwargs)

    def role_data(self, r: wachtlijst.WachtlijstRij, column: int, role: int):
        key = COLUMNS[column][1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SIGNAAL_KLEUR[s]) if (s := self.signaal(r)) in SIGNAAL_KLEUR else None
        if role == Qt.ItemDataRole.FontRole and key == "urgentie" and r.urgentie == Urgentie.SPOED.value:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and key == "urgentie" and r.urgentie == Urgentie.SPOED.value:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "wachttijd":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "wachttijd":
            s = self.signaal(r)
            norm = self.normen.start_dagen[Urgentie(r.urgentie)]
            return {Signaal.OVERSCHREDEN: f"Norm overschreden (norm {norm} dagen)",
                    Signaal.LET_OP: f"Let op: norm {norm} dagen"}.get(s, f"Binnen de norm ({norm} dagen)")
        if role == Qt.ItemDataRole.ToolTipRole and key in _VOLLEDIG_BIJ_AANWIJZEN:
            return self._text(r, key) or None  # the whole text, where a narrow column cuts it off
        return None

    def text(self, r: wachtlijst.WachtlijstRij, column: int) -> str:
        return self._text(r, COLUMNS[column][1])

    def signaal(self, r: wachtlijst.WachtlijstRij) -> Signaal:
        return start_signaal(Urgentie(r.urgentie), r.aanmelddatum, self.peildatum, self.normen)

    def _text(self, r: wachtlijst.WachtlijstRij, key: str) -> str:
        if key == "dossiernummer":
            return r.dossiernummer
        if key == "naam":
            return volledige_naam(r.voornaam, r.tussenvoegsel, r.achternaam)
        if key == "leeftijd":
            return leeftijd_tekst(r.geboortedatum, r.uitgerekende_datum, self.peildatum)
        if key == "urgentie":
            return Urgentie(r.urgentie).label
        if key == "aanmelddatum":
            return datum(r.aanmelddatum)
        if key == "wachttijd":
            return weken(in_weken(wachttijd_dagen(r.aanmelddatum, self.peildatum)))
        if key == "verwijzer":
            labels = getattr(self._weergave, "verwijzers", None) or {}  # read with the view (wachtlijst.bekijk)
            return labels.get(r.verwijzer_route, r.verwijzer_route)
        if key == "uitkomst":
            return _UITKOMST_KORT.get(r.uitkomst, r.uitkomst)
        if key == "consulent":
            return r.beoogd_consulent or ""
        if key == "wijk":
            return r.wijk
        return ""
