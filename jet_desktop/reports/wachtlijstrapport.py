"""Wachtlijstrapport (A4, for the teamleider): totals, wachttijd figures and the list itself.

Data: `services.wachtlijst.lees_rijen` (the current wachtlijst, in its order) and `per_urgentie`
(counted in SQL). Norm breaches use `domain.wachttijd.start_signaal` with the norms from the
settings, exactly as the wachtlijst screen colours its rows. A peildatum in the past changes
only the computed wachttijd (and so the breaches); the list is always the current wachtlijst.
It holds names: it is a report for the teamleider (Recht.TEAMRAPPORTEN, as the caseloadoverzicht; a
jeugdconsulent sees the wachtlijst on screen, not on paper). `maak_pdf` writes one EXPORT audit line
(its collecting is part of that export); `verzamel` on its own is a read with one OPENEN line.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from jet_desktop.domain.age import leeftijd_tekst
from jet_desktop.domain.enums import AuditActie, TriageUitkomst, Urgentie
from jet_desktop.domain.instellingen import Instellingen
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.wachttijd import Signaal, in_weken, start_signaal, wachttijd_dagen
from jet_desktop.notatie import decimaal, getal
from jet_desktop.reports.columns import Column
from jet_desktop.reports.pdf import ReportMeta, build_pdf, heading, key_values, paragraph, table
from jet_desktop.reports.voortgang import Geannuleerd, Voortgang, log_geannuleerd, melder
from jet_desktop.services import audit, codelijsten, inzage, settings, wachtlijst
from jet_desktop.services.autorisatie import vereis
from jet_desktop.services.naming import initialen, volledige_naam
from jet_desktop.storage.store import Store

TITEL = "Wachtlijstrapport"
UITKOMST_KORT = {TriageUitkomst.ZELF_OPPAKKEN.value: "Zelf oppakken",
                 TriageUitkomst.SPECIALISTISCH.value: "Specialistische jeugdhulp"}
COLUMNS = [
    Column("Dossiernr.", width=11),
    Column("Naam", width=16),
    Column("Leeftijd", width=8),
    Column("Urgentie", width=8),
    Column("Aanmelddatum", "date", width=11),
    Column("Wachttijd (wk)", "weeks", width=11),
    Column("Norm", width=13),  # "overschreden"
    Column("Verwijzer", width=20),
    Column("Triage-uitkomst", width=21),
    Column("Beoogd consulent", width=17),
]


@dataclass(frozen=True)
class UrgentieTotaal:
    urgentie: Urgentie
    aantal: int
    norm_dagen: int
    overschreden: int


@dataclass(frozen=True)
class Wachtlijstrapport:
    peildatum: date
    organisatie: str
    team: str
    naamweergave: str  # "initialen" | "namen"
    totalen: list[UrgentieTotaal]
    mediaan_weken: float | None
    langste_weken: float | None
    rijen: list[tuple]  # one per waiting aanmelding, in the order of COLUMNS
    overschreden_rijen: list[int]  # indexes into rijen

    @property
    def totaal(self) -> int:
        return sum(t.aantal for t in self.totalen)

    @property
    def overschreden(self) -> int:
        return len(self.overschreden_rijen)


def verzamel(store: Store, peildatum: date) -> Wachtlijstrapport:
    """The report's contents, without making a PDF: a read of the whole wachtlijst, one audit line."""
    rapport = _verzamel(store, peildatum)
    inzage.bekeken(store, "rapport", "wachtlijstrapport",
                   f"wachtlijstrapport gelezen, peildatum {peildatum:%d-%m-%Y}", [r[0] for r in rapport.rijen],
                   eenheid=("jeugdige", "jeugdigen"))
    return rapport


def _verzamel(store: Store, peildatum: date) -> Wachtlijstrapport:
    vereis(store, Recht.TEAMRAPPORTEN)
    ingesteld = settings.instellingen(store)
    normen, naamweergave = ingesteld.normen, ingesteld.rapport_naamweergave
    naam = initialen if naamweergave == "initialen" else volledige_naam
    rijen, overschreden, dagen = [], [], []
    per_urgentie_over = {u: 0 for u in Urgentie}
    with store.engine.connect() as conn:
        alle = wachtlijst.lees_rijen(conn)
        verwijzer_label = codelijsten.lijsten_in(conn).verwijzer_label
    for r in alle:
        urgentie = Urgentie(r.urgentie)
        d = wachttijd_dagen(r.aanmelddatum, peildatum)
        dagen.append(d)
        breach = start_signaal(urgentie, r.aanmelddatum, peildatum, normen) is Signaal.OVERSCHREDEN
        if breach:
            overschreden.append(len(rijen))
            per_urgentie_over[urgentie] += 1
        rijen.append((
            r.dossiernummer,
            naam(r.voornaam, r.tussenvoegsel, r.achternaam),
            leeftijd_tekst(r.geboortedatum, r.uitgerekende_datum, peildatum),
            urgentie.label,
            r.aanmelddatum,
            in_weken(d),
            "overschreden" if breach else "",
            verwijzer_label(r.verwijzer_route),
            UITKOMST_KORT.get(r.uitkomst, r.uitkomst),
            r.beoogd_consulent or "",
        ))
    counts = wachtlijst.per_urgentie(store)
    totalen = [UrgentieTotaal(u, counts[u], normen.start_dagen[u], per_urgentie_over[u]) for u in Urgentie]
    return Wachtlijstrapport(
        peildatum=peildatum,
        organisatie=ingesteld.organisatie_naam,
        team=ingesteld.team_naam,
        naamweergave=naamweergave,
        totalen=totalen,
        mediaan_weken=in_weken(round(statistics.median(dagen))) if dagen else None,
        langste_weken=in_weken(max(dagen)) if dagen else None,
        rijen=rijen,
        overschreden_rijen=overschreden,
    )


def _weken_tekst(w: float | None) -> str:
    return "–" if w is None else decimaal(w, 1) + " weken"


def schrijf_pdf(path_or_stream, rapport: Wachtlijstrapport, afgedrukt_door: str,
                afgedrukt_op: datetime | None = None, voortgang: Voortgang | None = None) -> None:
    meta = ReportMeta(
        titel=TITEL,
        organisatie=rapport.organisatie,
        team=rapport.team,
        afgedrukt_door=afgedrukt_door,
        afgedrukt_op=afgedrukt_op or datetime.now(),
        subtitel=f"{rapport.organisatie} · {rapport.team} · peildatum {rapport.peildatum:%d-%m-%Y}",
        liggend=True,
    )
    totaal_cols = [Column("Urgentie", width=14), Column("Wachtend", "int", width=9),
                   Column("Norm (dagen)", "int", width=10), Column("Norm overschreden", "int", width=14)]
    totaal_rows = [(t.urgentie.label, t.aantal, t.norm_dagen, t.overschreden) for t in rapport.totalen]
    story = [
        heading("Samenvatting"),
        key_values([
            ("Peildatum", f"{rapport.peildatum:%d-%m-%Y}"),
            ("Wachtend", getal(rapport.totaal)),
            ("Mediane wachttijd", _weken_tekst(rapport.mediaan_weken)),
            ("Langste wachttijd", _weken_tekst(rapport.langste_weken)),
            ("Norm overschreden", getal(rapport.overschreden)),
        ]),
        heading("Per urgentie"),
        table(totaal_cols, totaal_rows, totals=("Totaal", rapport.totaal, None, rapport.overschreden)),
        heading("Wachtlijst"),
        paragraph("Volgorde: urgentie, dan aanmelddatum. Wachttijd = peildatum − aanmelddatum. "
                  "Rijen waarvan de norm is overschreden zijn gemarkeerd."
                  + (f" Namen als initialen (instelling „{Instellingen.rapport_naamweergave.label}”)."
                     if rapport.naamweergave == "initialen" else "")),
        table(COLUMNS, rapport.rijen, marked=rapport.overschreden_rijen) if rapport.rijen
        else paragraph("Er staat niemand op de wachtlijst."),
    ]
    build_pdf(path_or_stream, meta, story, voortgang)


def maak_pdf(store: Store, path_or_stream, peildatum: date | None = None,
             afgedrukt_op: datetime | None = None, voortgang: Voortgang | None = None,
             geannuleerd: Callable[[], bool] | None = None) -> Wachtlijstrapport:
    """Collect and write the report; returns the figures (for a summary line). Every PDF made
    (saved, or for the print preview) is an export of personal data: one audit line, written before
    the file — a line that cannot be written leaves no file with names behind.

    `voortgang(done, total, label)` is called as the rows are laid out and may raise `Geannuleerd`;
    `geannuleerd()` is polled at the same moments. A cancelled report writes no file (a path is
    written through a temporary file beside it), adds one `openen` line saying so, and raises
    `Geannuleerd`."""
    rapport = _verzamel(store, peildatum or date.today())
    nummers, client = inzage.genoemd([r[0] for r in rapport.rijen])  # whose data: as a view's line names them
    audit.log(store, AuditActie.EXPORT, "rapport", "wachtlijstrapport", client,
              omschrijving=f"wachtlijstrapport PDF, peildatum {rapport.peildatum:%d-%m-%Y}, "
                           f"{rapport.totaal} jeugdigen{nummers}")
    try:
        schrijf_pdf(path_or_stream, rapport, store.user, afgedrukt_op, melder(voortgang, geannuleerd))
    except Geannuleerd:
        log_geannuleerd(store, "wachtlijstrapport", "pdf")
        raise
    return rapport
