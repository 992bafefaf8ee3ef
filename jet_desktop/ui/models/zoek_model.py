"""The results of the search box (ui/zoekbalk.py) as a lazy table model: counted and paged in SQL by
services/zoeken.py (ui/models/paged_model.py fetches the pages the popup shows)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from jet_desktop.services import zoeken
from jet_desktop.storage.store import Store
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.paged_model import PagedTableModel

COLUMNS = ("Naam", "Geboren", "Dossiernr.", "Status", "Consulent")
STATUS_KLEUR = {zoeken.Status.OPEN: "#1b5e20", zoeken.Status.WACHTEND: "#8a5a00", zoeken.Status.IN_TRIAGE: "#24415f",
                zoeken.Status.GESLOTEN: "#666666", zoeken.Status.AFGEHANDELD: "#666666"}


def eerste_pagina(store: Store, tekst: str, limit: int = zoeken.PAGINA) -> tuple[int, list[zoeken.Resultaat]]:
    """The search (its one audit line) and its first page: what the popup needs, in one query (on a worker)."""
    return zoeken.zoek_eerste(store, tekst, limit)


class ZoekModel(PagedTableModel):
    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(COLUMNS, parent, page_size=zoeken.PAGINA, keep_pages=8)
        self.store, self.vandaag = store, vandaag
        self.tekst = ""

    def toon(self, tekst: str, aantal: int, eerste: list[zoeken.Resultaat]) -> None:
        """Show what `eerste_pagina(store, tekst)` found; further pages are fetched when scrolled to."""
        self.tekst = tekst
        self.show_result(aantal, eerste)

    def wis(self) -> None:
        self.toon("", 0, [])

    def fetch_count(self) -> int:
        return zoeken.tel(self.store, self.tekst)

    def fetch_page(self, offset: int, limit: int, previous) -> list[zoeken.Resultaat]:
        return zoeken.zoek(self.store, self.tekst, offset, limit)

    def text(self, r: zoeken.Resultaat, column: int) -> str:
        if column == 0:
            return r.naam
        if column == 1:
            if r.geboortedatum is None and r.uitgerekende_datum is not None:
                return f"verwacht {datum(r.uitgerekende_datum)}"
            return datum(r.geboortedatum)
        return (r.dossiernummer, r.status.value, r.consulent)[column - 2]

    def role_data(self, r: zoeken.Resultaat, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QBrush(QColor(STATUS_KLEUR[r.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return {zoeken.Status.OPEN: "Enter of dubbelklik opent het dossier",
                    zoeken.Status.GESLOTEN: "Enter of dubbelklik opent het (afgesloten) dossier",
                    zoeken.Status.WACHTEND: "Enter of dubbelklik toont de aanmelding op de wachtlijst",
                    zoeken.Status.IN_TRIAGE: "Enter of dubbelklik toont de aanmelding bij Triage",
                    zoeken.Status.AFGEHANDELD: "Enter of dubbelklik toont het triagebesluit"}[r.status]
        return None
