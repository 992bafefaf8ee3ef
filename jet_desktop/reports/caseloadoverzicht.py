"""Caseloadoverzicht: per consulent FTE, capacity, active dossiers, second-person dossiers,
absence and the list of dossiers (PDF and XLSX).

Consulenten and their dossiers come from `services.caseload` (consulenten, dossiers_per_consulent); the
name parts (for initials) and the number of consulent changes per dossier are fetched in two
grouped queries over all active dossiers. The peildatum decides who is absent; the dossiers are
the currently active ones. A team report with personal data: it needs Recht.TEAMRAPPORTEN, and
`maak` writes one EXPORT audit line (its collecting is part of that export); `verzamel` on its own
is a read with one OPENEN line.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from jet_desktop.domain.enums import AuditActie, ConsulentRol, Urgentie
from jet_desktop.domain.rollen import Recht
from jet_desktop.notatie import decimaal
from jet_desktop.reports.columns import Column
from jet_desktop.reports.pdf import ReportMeta, build_pdf, heading, key_values, paragraph, table
from jet_desktop.reports.voortgang import Geannuleerd, Voortgang, log_geannuleerd, melder
from jet_desktop.reports.xlsx import Sheet, write_xlsx
from jet_desktop.services import audit, caseload, inzage, settings
from jet_desktop.services.autorisatie import vereis
from jet_desktop.services.naming import initialen, volledige_naam
from jet_desktop.storage.models import Aanmelding, ConsulentWijziging, Dossier, Jeugdige
from jet_desktop.storage.store import Store

TITEL = "Caseloadoverzicht"
A, J, D, CW = Aanmelding.__table__, Jeugdige.__table__, Dossier.__table__, ConsulentWijziging.__table__

SAMENVATTING_COLUMNS = [
    Column("Consulent", width=22),
    Column("FTE", "float2", width=6),
    Column("Capaciteit", "int", width=9),
    Column("Actieve dossiers", "int", width=12),
    Column("Ruimte", "int", width=7),
    Column("Als tweede persoon", "int", width=13),
    Column("Afwezig tot", "date", width=13),
]
DOSSIER_COLUMNS = [
    Column("Dossiernr.", width=11),
    Column("Naam", width=20),
    Column("Urgentie", width=9),
    Column("Start", "date", width=10),
    Column("Rol", width=14),
    Column("Wisselingen consulent", "int", width=16),
]


@dataclass(frozen=True)
class DossierRegel:
    dossiernummer: str
    naam: str
    urgentie: str
    start: date
    rol: str  # "Vaste consulent" | "Tweede persoon"
    wisselingen: int


@dataclass(frozen=True)
class ConsulentRegel:
    naam: str
    fte: float
    capaciteit: int
    actief: int
    als_tweede: int
    afwezig_tot: date | None
    dossiers: list[DossierRegel]

    @property
    def ruimte(self) -> int:
        return self.capaciteit - self.actief


@dataclass(frozen=True)
class Caseloadoverzicht:
    peildatum: date
    organisatie: str
    team: str
    naamweergave: str
    consulenten: list[ConsulentRegel]

    def totalen(self) -> tuple:
        c = self.consulenten
        return (round(sum(x.fte for x in c), 2), sum(x.capaciteit for x in c), sum(x.actief for x in c),
                sum(x.ruimte for x in c), sum(x.als_tweede for x in c))


def _namen_en_wisselingen(store: Store) -> tuple[dict[uuid.UUID, tuple], dict[uuid.UUID, int]]:
    active = D.c.afgesloten_op.is_(None)
    names_q = (select(D.c.id, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam).select_from(D)
               .join(A, A.c.id == D.c.aanmelding_id).join(J, J.c.id == A.c.jeugdige_id).where(active))
    # same definition as services.caseload.aantal_wisselingen: primary changes after the first assignment
    changes_q = (select(CW.c.dossier_id, func.count()).select_from(CW).join(D, D.c.id == CW.c.dossier_id)
                 .where(active, CW.c.rol == ConsulentRol.PRIMAIR.value, CW.c.van_id.is_not(None))
                 .group_by(CW.c.dossier_id))
    with store.engine.connect() as conn:
        names = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(names_q)}
        changes = dict(conn.execute(changes_q).all())
    return names, changes


def verzamel(store: Store, peildatum: date) -> Caseloadoverzicht:
    """The overview's contents, without writing a file: a read of every caseload, one audit line."""
    o = _verzamel(store, peildatum)
    inzage.bekeken(store, "rapport", "caseloadoverzicht", f"caseloadoverzicht gelezen, peildatum {peildatum:%d-%m-%Y}",
                   [d.dossiernummer for c in o.consulenten for d in c.dossiers], eenheid=("dossier", "dossiers"))
    return o


def _verzamel(store: Store, peildatum: date) -> Caseloadoverzicht:
    vereis(store, Recht.TEAMRAPPORTEN)
    ingesteld = settings.instellingen(store)
    naamweergave = ingesteld.rapport_naamweergave
    naam = initialen if naamweergave == "initialen" else volledige_naam
    names, changes = _namen_en_wisselingen(store)
    regels = []
    team = caseload.consulenten(store, peildatum)
    with store.engine.connect() as conn:  # the export line of `maak` covers these reads
        alle = caseload.dossiers_per_consulent(conn, store)
    per_consulent = {c.id: alle.get(c.id, []) for c in team}
    for c in team:
        dossiers = []
        for d in per_consulent[c.id]:
            parts = names.get(d.dossier_id)
            dossiers.append(DossierRegel(
                d.dossiernummer, naam(*parts) if parts else d.naam,
                Urgentie(d.urgentie).label if d.urgentie else "", d.geopend_op,
                "Tweede persoon" if d.is_tweede else "Vaste consulent", changes.get(d.dossier_id, 0)))
        regels.append(ConsulentRegel(c.naam, c.fte, c.capaciteit, c.belasting,
                                     sum(1 for d in dossiers if d.rol == "Tweede persoon"), c.afwezig_tot, dossiers))
    return Caseloadoverzicht(peildatum, ingesteld.organisatie_naam, ingesteld.team_naam,
                             naamweergave, regels)


def _samenvatting_rows(o: Caseloadoverzicht) -> list[tuple]:
    return [(c.naam, c.fte, c.capaciteit, c.actief, c.ruimte, c.als_tweede, c.afwezig_tot) for c in o.consulenten]


def _dossier_row(d: DossierRegel) -> tuple:
    return (d.dossiernummer, d.naam, d.urgentie, d.start, d.rol, d.wisselingen)


def schrijf_pdf(path_or_stream, o: Caseloadoverzicht, afgedrukt_door: str, afgedrukt_op: datetime | None = None,
                voortgang: Voortgang | None = None) -> None:
    meta = ReportMeta(titel=TITEL, organisatie=o.organisatie, team=o.team, afgedrukt_door=afgedrukt_door,
                      afgedrukt_op=afgedrukt_op or datetime.now(),
                      subtitel=f"{o.organisatie} · {o.team} · peildatum {o.peildatum:%d-%m-%Y}")
    fte, cap, actief, ruimte, tweede = o.totalen()
    over = [c.naam for c in o.consulenten if c.ruimte < 0]
    story = [heading("Per consulent")]
    if o.consulenten:
        story.append(table(SAMENVATTING_COLUMNS, _samenvatting_rows(o),
                           totals=("Totaal", fte, cap, actief, ruimte, tweede, None),
                           marked=[i for i, c in enumerate(o.consulenten) if c.ruimte < 0]))
        story.append(paragraph("Capaciteit = FTE × caseloadnorm per FTE. Actieve dossiers: als vaste consulent. "
                               + (f"Boven capaciteit (gemarkeerd): {', '.join(over)}." if over
                                  else "Niemand boven capaciteit.")))
    else:
        story.append(paragraph("Er zijn geen actieve jeugdconsulenten."))
    for c in o.consulenten:
        story.append(heading(c.naam))
        story.append(key_values([
            ("FTE / capaciteit", decimaal(c.fte, 2) + f" / {c.capaciteit}"),
            ("Actieve dossiers", str(c.actief)),
            ("Als tweede persoon", str(c.als_tweede)),
        ] + ([("Afwezig tot", f"{c.afwezig_tot:%d-%m-%Y}")] if c.afwezig_tot else []), keep_with_next=True))
        if c.dossiers:
            story.append(table(DOSSIER_COLUMNS, [_dossier_row(d) for d in c.dossiers]))
        else:
            story.append(paragraph("Geen actieve dossiers."))
    build_pdf(path_or_stream, meta, story, voortgang)


def schrijf_xlsx(path_or_stream, o: Caseloadoverzicht, afgedrukt_door: str, afgedrukt_op: datetime | None = None,
                 voortgang: Voortgang | None = None) -> None:
    op = afgedrukt_op or datetime.now()
    intro = [f"{TITEL} — {o.organisatie} · {o.team}", f"Peildatum {o.peildatum:%d-%m-%Y}",
             f"Vertrouwelijk. Gemaakt door {afgedrukt_door} op {op:%d-%m-%Y %H:%M}"]
    fte, cap, actief, ruimte, tweede = o.totalen()
    samenvatting = _samenvatting_rows(o) + [("Totaal", fte, cap, actief, ruimte, tweede, None)]
    dossiers = [(c.naam, *_dossier_row(d)) for c in o.consulenten for d in c.dossiers]
    write_xlsx(path_or_stream, [
        Sheet("Samenvatting", SAMENVATTING_COLUMNS, samenvatting, intro=intro),
        Sheet("Dossiers", [Column("Consulent", width=22), *DOSSIER_COLUMNS], dossiers, intro=intro),
    ], voortgang)


def maak(store: Store, path_or_stream, formaat: str, peildatum: date | None = None,
         afgedrukt_op: datetime | None = None, voortgang: Voortgang | None = None,
         geannuleerd: Callable[[], bool] | None = None) -> Caseloadoverzicht:
    """Collect and write the overview as "pdf" or "xlsx"; returns the figures. `voortgang` and
    `geannuleerd` as for `wachtlijstrapport.maak_pdf`: a cancelled overview writes no file, adds one
    `openen` line saying so and raises `Geannuleerd`."""
    writer = {"pdf": schrijf_pdf, "xlsx": schrijf_xlsx}[formaat]
    o = _verzamel(store, peildatum or date.today())
    dossiers = sum(len(c.dossiers) for c in o.consulenten)
    # the line before the file: a line that cannot be written leaves no file with names behind
    nummers, client = inzage.genoemd(d.dossiernummer for c in o.consulenten for d in c.dossiers)
    audit.log(store, AuditActie.EXPORT, "rapport", "caseloadoverzicht", client,
              omschrijving=f"caseloadoverzicht {formaat.upper()}, peildatum {o.peildatum:%d-%m-%Y}, "
                           f"{len(o.consulenten)} consulenten, {dossiers} dossierregels{nummers}")
    try:
        writer(path_or_stream, o, store.user, afgedrukt_op, melder(voortgang, geannuleerd))
    except Geannuleerd:
        log_geannuleerd(store, "caseloadoverzicht", formaat)
        raise
    return o
