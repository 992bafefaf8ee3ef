"""The audit log as a lazy table model (ui/dialogs/auditlog_dialog.py shows it): counted for a filter,
paged in SQL (ui/models/paged_model.py), newest line first. Reading needs Recht.AUDITLOG (services/audit.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from jet_desktop.domain.enums import AuditActie
from jet_desktop.services import audit
from jet_desktop.storage.store import Store
from jet_desktop.ui.models.paged_model import PagedTableModel

PAGE = 200
KEEP_PAGES = 12  # pages held in Python: scrolling a million lines never loads them all

COLUMNS = ("Nr.", "Tijdstip", "Medewerker", "Rol", "Namens", "Actie", "Object", "Dossier", "Omschrijving")
ACTIE_KLEUR = {AuditActie.EXPORT.value: QColor("#fff4d6"), AuditActie.AFDRUKKEN.value: QColor("#fff4d6"),
               AuditActie.VERNIETIGEN.value: QColor("#f8d4d4")}


@dataclass(frozen=True)
class Filter:
    van: date | None = None  # local dates, inclusive; None: no bound
    tot: date | None = None
    medewerker: str = ""
    actie: str | None = None  # AuditActie value; None: all
    client: str = ""  # dossiernummer

    def kwargs(self) -> dict:
        return dict(van=self.van, tot=self.tot, medewerker=self.medewerker or None, actie=self.actie,
                    client=self.client or None)


@dataclass(frozen=True)
class Lijst:
    """What one query found for a filter; the model shows it and pages within it."""

    filter: Filter
    kop: int  # the chain head at that moment: lines written later wait for "Vernieuwen"
    bereik: audit.Bereik  # matching lines: count and volgnummer range
    totaal: int  # all lines up to `kop`


def zoek(store: Store, f: Filter) -> Lijst:
    """Count the matching lines (a full scan for a name filter: run it on a worker)."""
    kop, _ = audit.kop(store)
    b = audit.bereik(store, **f.kwargs(), tot_en_met=kop)
    return Lijst(f, kop, b, b.aantal if f == Filter() else audit.aantal(store, tot_en_met=kop))


class AuditlogModel(PagedTableModel):
    """Audit lines newest first, paged in SQL within a `Lijst`: pinned to the chain head of its query,
    so lines written meanwhile do not shift the pages being scrolled."""

    def __init__(self, store: Store, parent=None):
        super().__init__(COLUMNS, parent, page_size=PAGE, keep_pages=KEEP_PAGES)
        self.store = store
        self.lijst = Lijst(Filter(), 0, audit.Bereik(0, None, None), 0)

    @property
    def filter(self) -> Filter:
        return self.lijst.filter

    @property
    def totaal(self) -> int:
        return self.lijst.totaal

    def toon(self, lijst: Lijst) -> None:
        """Show what `zoek` found (on a worker, say)."""
        self.lijst = lijst
        self.show_result(lijst.bereik.aantal)

    def refresh(self, filter: Filter | None = None) -> None:
        """Query on this thread (raises GeenToegang without the right to read the log)."""
        self.toon(zoek(self.store, self.filter if filter is None else filter))

    def fetch_count(self) -> int:
        self.lijst = zoek(self.store, self.filter)
        return self.lijst.bereik.aantal

    def fetch_page(self, offset: int, limit: int, previous) -> list[audit.Regel]:
        b = self.lijst.bereik
        # within the matching volgnummer range: the database walks that index instead of sorting
        kwargs = dict(self.filter.kwargs(), limit=limit, vanaf=b.eerste, tot_en_met=b.laatste)
        if previous is not None and len(previous) == limit:  # keyset: cheap however deep the page
            return audit.regels(self.store, **kwargs, voor=previous[-1].volgnummer)
        return audit.regels(self.store, **kwargs, offset=offset)

    def regel(self, r: int) -> audit.Regel | None:
        return self.row(r)

    # --- how a line looks ------------------------------------------------------------------
    def role_data(self, r: audit.Regel, col: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and r.actie in ACTIE_KLEUR:
            return QBrush(ACTIE_KLEUR[r.actie])
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Regel {r.volgnummer} — {r.tijdstip:%d-%m-%Y %H:%M:%S}\n"
                    f"Object: {r.objecttype} {r.object_id}".rstrip() + "\n"
                    f"Hash: {r.hash}\nVorige hash: {r.vorige_hash}")
        return None

    def text(self, r: audit.Regel, col: int) -> str:
        return (str(r.volgnummer), f"{r.tijdstip:%d-%m-%Y %H:%M:%S}", r.medewerker, r.rol_label, r.namens,
                r.actie_label, r.objecttype, r.client, r.omschrijving)[col]
