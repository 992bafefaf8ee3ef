"""Monitor toegang: the computation in SQL and its exports (table, JSON, CSV, XLSX, PDF).

`bereken(store, van, tot)` runs ONE query: a UNION ALL of the imported trajects
(`toegangtraject`) and JET's own trajects derived from aanmelding / triagebesluit / dossier /
contactmoment / toewijzing (same columns), aggregated in two levels: per jeugdige (GROUP BY
toegangsvorm, client_id: a flag per distinct-youth figure, sums per traject figure), then per
toegangsvorm (`monitor_query`); the percentages are computed from traject counts in
`domain.monitor`. The definitions and JET's mapping are in `jet_desktop.domain.monitor` and
docs/monitor.md.

Anonymous figures: computing needs Recht.ANONIEME_CIJFERS (every role). The result remembers the
Store it was computed from, so that `write_monitor` (the one place every export and print passes)
writes an EXPORT audit line for whoever computed it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from jet_desktop.domain import monitor as defs
from jet_desktop.domain.enums import AuditActie, Toegangsvorm, TrajectUitkomst
from jet_desktop.notatie import getal, periode, procent
from jet_desktop.reports import teamcijfers
from jet_desktop.storage.dagen import dagen_tussen
from jet_desktop.storage.models import Aanmelding, Contactmoment, Dossier, ToegangTraject, Toewijzing, Triagebesluit
from jet_desktop.storage.store import Store

A, T, D = Aanmelding.__table__, Triagebesluit.__table__, Dossier.__table__
C, W, TT = Contactmoment.__table__, Toewijzing.__table__, ToegangTraject.__table__

ZELF = TrajectUitkomst.ZELF_GEHOLPEN.value
VV = TrajectUitkomst.VOORLIGGEND_VELD.value
SPEC = TrajectUitkomst.SPECIALISTISCH.value
VIA = TrajectUitkomst.VIA_JET.value
GESTOPT = TrajectUitkomst.GESTOPT.value


# --- the trajects ------------------------------------------------------------------------------


class _GeenIndex(FunctionElement):
    """`col` in a condition that must not pick the index of `col`: SQLite's unary + (the documented way
    to keep its planner off an index), the plain column elsewhere (PostgreSQL plans by cost)."""

    inherit_cache = True
    type = Date()


@compiles(_GeenIndex)
def _geen_index(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(_GeenIndex, "sqlite")
def _geen_index_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses, **kw)


def _gesprekken():
    """Non-deleted contactmomenten of the dossier D (one range of ix_contactmoment_telling)."""
    return (select(func.count()).where(C.c.dossier_id == D.c.id, C.c.deleted_at.is_(None))
            .correlate(D).scalar_subquery())


def _dossier_uitkomst():
    """Uitkomst of a JET traject with a closed dossier (the first rule that applies, see domain.monitor)."""
    heeft_toewijzing = select(literal(1)).where(W.c.dossier_id == D.c.id, W.c.deleted_at.is_(None)).correlate(D).exists()
    return case(
        (heeft_toewijzing, SPEC),
        *[(T.c.uitkomst == k, v) for k, v in defs.BESLUIT_UITKOMST.items()],
        *[(D.c.afsluitreden == k, v) for k, v in defs.AFSLUITREDEN_UITKOMST.items()],
        else_=defs.AFSLUITREDEN_ANDERS_UITKOMST,
    )


def _jet_kolommen(einde, gesprekken, uitkomst):
    return (
        literal(Toegangsvorm.JET.value, String).label("toegangsvorm"),
        cast(A.c.jeugdige_id, String).label("client_id"),
        A.c.aanmelddatum.label("startdatum"),
        type_coerce(einde, Date).label("einddatum"),
        type_coerce(gesprekken, Integer).label("gesprekken"),
        type_coerce(uitkomst, String).label("uitkomst"),
    )


def jet_trajecten(van: date, tot: date):
    """JET's own trajects that can count for [van, tot], as one query (see `jet_takken`)."""
    return union_all(*jet_takken(van, tot))


def jet_takken(van: date, tot: date):
    """JET's own trajects (one per aanmelding) with the columns of toegangtraject (see domain.monitor),
    limited to those that can count for [van, tot]: started on or before tot and not ended before van.

    Five disjoint branches, each one or a few index ranges, so the cost follows the aanmeldingen that
    matter for the period instead of every aanmelding up to `tot` (migration 0009):
    1. a dossier closed on or after van (ix_dossier_monitor, from afgesloten_op >= van), and
    2. a dossier still open (the same index, afgesloten_op IS NULL): einde = afgesloten_op, gesprekken
       = its contactmomenten (ix_contactmoment_telling, no table lookups);
    3. no dossier, the decision in force hands the case over on or after van (ix_triagebesluit_monitor):
       einde = besloten_op;
    4. no dossier and no decision yet (ix_aanmelding_huidig_besluit_id, the NULL range): running;
    5. no dossier, the decision in force sends it to JET: the wachtlijst (ix_aanmelding_op_wachtlijst,
       the flag the services keep: decision to JET and no dossier): running.
    Every TriageUitkomst is either a handover (3) or sends the case to JET (5)."""
    geen_dossier = ~select(D.c.id).where(D.c.aanmelding_id == A.c.id).correlate(A).exists()
    aanmelding_telt = and_(A.c.deleted_at.is_(None), A.c.aanmelddatum <= tot)
    # branches 3-5 start from another index: reading every aanmelding up to tot is what they avoid
    niet_via_aanmelddatum = and_(A.c.deleted_at.is_(None), _GeenIndex(A.c.aanmelddatum) <= tot)
    met_dossier = A.join(D, D.c.aanmelding_id == A.c.id).outerjoin(T, T.c.id == A.c.huidig_besluit_id)
    afgesloten = (
        select(*_jet_kolommen(D.c.afgesloten_op, func.coalesce(_gesprekken(), 0), _dossier_uitkomst()))
        .select_from(met_dossier)
        .where(D.c.afgesloten_op >= van, aanmelding_telt)
    )
    open_dossier = (
        select(*_jet_kolommen(null(), func.coalesce(_gesprekken(), 0), null()))
        .select_from(met_dossier)
        .where(D.c.afgesloten_op.is_(None), aanmelding_telt)
    )
    overgedragen = (
        select(*_jet_kolommen(T.c.besloten_op, literal(0),
                              case(*[(T.c.uitkomst == k, v) for k, v in defs.BESLUIT_UITKOMST.items()])))
        .select_from(T.join(A, A.c.huidig_besluit_id == T.c.id))
        .where(T.c.uitkomst.in_(defs.HANDOVER_BESLUITEN), T.c.besloten_op >= van, niet_via_aanmelddatum, geen_dossier)
    )
    zonder_besluit = (
        select(*_jet_kolommen(null(), literal(0), null()))
        .where(A.c.huidig_besluit_id.is_(None), niet_via_aanmelddatum, geen_dossier)
    )
    wachtend = (
        select(*_jet_kolommen(null(), literal(0), null()))
        .select_from(A.join(T, T.c.id == A.c.huidig_besluit_id))
        .where(A.c.op_wachtlijst.is_(True), T.c.uitkomst.not_in(defs.HANDOVER_BESLUITEN), niet_via_aanmelddatum,
               geen_dossier)
    )
    return afgesloten, open_dossier, overgedragen, zonder_besluit, wachtend


def alle_trajecten(van: date, tot: date):
    """Imported trajects UNION ALL JET's own, limited to those that can count for [van, tot].

    The imported ones in two branches, ended on or after van / still running, so each is one
    range of the covering index ix_toegangtraject_periode (no table lookups, no full scan)."""
    kolommen = (TT.c.toegangsvorm, TT.c.client_id, TT.c.startdatum, TT.c.einddatum, TT.c.gesprekken, TT.c.uitkomst)
    geeindigd = select(*kolommen).where(TT.c.einddatum >= van, TT.c.startdatum <= tot)
    lopend = select(*kolommen).where(TT.c.einddatum.is_(None), TT.c.startdatum <= tot)
    return union_all(geeindigd, lopend, *jet_takken(van, tot)).subquery("traject")


LANGE_PERIODE = 180  # days: from here on the imported trajects are read in client order (see monitor_query)


def _per_client(bron, tot: date):
    """Per (toegangsvorm, client_id) of the rows `bron`, which overlap [van, tot]: a flag (0/1) per
    distinct-youth figure and the sum per traject figure. On those rows the definitions reduce to:
    afgesloten in the period = einddatum <= tot; lopend = no einddatum or one after tot; jeugdigen
    gezien = every row (tests/reports/test_monitor.py checks every boundary)."""
    afg = bron.c.einddatum <= tot
    eigen = and_(afg, bron.c.uitkomst == ZELF)

    def vlag(cond):
        return func.max(case((cond, 1), else_=0))

    def aantal(cond):
        return func.count(case((cond, 1)))

    def met(uitkomst):
        return and_(afg, bron.c.uitkomst == uitkomst)

    return (
        bron.c.toegangsvorm,
        bron.c.client_id,
        vlag(met(ZELF)).label("zelf_geholpen"),
        vlag(met(VV)).label("voorliggend_veld"),
        vlag(met(SPEC)).label("specialistische_jeugdhulp"),
        vlag(met(VIA)).label("via_jeugdexpertteam"),
        vlag(met(GESTOPT)).label("gestopt"),
        vlag(or_(bron.c.einddatum.is_(None), bron.c.einddatum > tot)).label("lopend"),
        aantal(afg).label("afgesloten_trajecten"),
        func.sum(case((afg, bron.c.gesprekken), else_=0)).label("gesprekken"),
        aantal(eigen).label("trajecten_zelf_geholpen"),
        aantal(met(VV)).label("trajecten_voorliggend_veld"),
        aantal(and_(afg, bron.c.uitkomst.in_((SPEC, VIA)))).label("trajecten_doorverwezen"),
        aantal(and_(eigen, bron.c.gesprekken <= 2)).label("eigen_binnen_2_gesprekken"),
        aantal(and_(eigen, bron.c.gesprekken <= 5)).label("eigen_binnen_5_gesprekken"),
        aantal(and_(eigen, dagen_tussen(bron.c.einddatum, bron.c.startdatum) <= defs.DAGEN_10_WEKEN))
        .label("eigen_binnen_10_weken"),
    )


VLAGGEN = ("zelf_geholpen", "voorliggend_veld", "specialistische_jeugdhulp", "via_jeugdexpertteam", "gestopt", "lopend")
SOMMEN = ("afgesloten_trajecten", "gesprekken", "trajecten_zelf_geholpen", "trajecten_voorliggend_veld",
          "trajecten_doorverwezen", "eigen_binnen_2_gesprekken", "eigen_binnen_5_gesprekken", "eigen_binnen_10_weken")


@teamcijfers.telling("monitor_kort", "van", "tot")  # the two shapes of LANGE_PERIODE: a function each
@teamcijfers.telling("monitor_lang", "van", "tot", sentinels=(date(1000, 1, 1), date(1001, 1, 1)))
def monitor_query(van: date, tot: date):
    """The monitor for [van, tot] as a two-level aggregate: per jeugdige (GROUP BY toegangsvorm,
    client_id) the flags and sums of `_per_client`, then per toegangsvorm COUNT(*) and SUMs. Seven
    COUNT(DISTINCT) made SQLite build a temporary b-tree each over the ~190,000 imported trajects of
    a year per million imported (60 % of the query).

    The imported trajects of the other toegangsvormen are grouped straight from the covering index
    ix_toegangtraject_client (toegangsvorm, client_id, ...) in its order, without a sort; for a
    period of LANGE_PERIODE days or more the whole index is read (the period's condition kept off
    the period index with `_GeenIndex`), which at 3,000,000 trajects halves the time for a year;
    for a shorter period the two ranges of ix_toegangtraject_periode read less, and the grouping
    sorts. Imported trajects of the toegangsvorm jeugdexpertteam are grouped together with JET's
    own (`jet_takken`), so that a youth in both is one youth."""
    jet = Toegangsvorm.JET.value
    kolommen = (TT.c.toegangsvorm, TT.c.client_id, TT.c.startdatum, TT.c.einddatum, TT.c.gesprekken, TT.c.uitkomst)
    if (tot - van).days + 1 >= LANGE_PERIODE:
        eind = _GeenIndex(TT.c.einddatum)
        periode = and_(or_(eind >= van, eind.is_(None)), _GeenIndex(TT.c.startdatum) <= tot)
        geimporteerd = select(*kolommen).where(TT.c.toegangsvorm != jet, periode).subquery("geimporteerd")
    else:
        geeindigd = select(*kolommen).where(TT.c.einddatum >= van, TT.c.startdatum <= tot, TT.c.toegangsvorm != jet)
        lopend = select(*kolommen).where(TT.c.einddatum.is_(None), TT.c.startdatum <= tot, TT.c.toegangsvorm != jet)
        geimporteerd = union_all(geeindigd, lopend).subquery("geimporteerd")
    geimporteerd_jet = select(*kolommen).where(
        TT.c.toegangsvorm == jet, TT.c.startdatum <= tot, or_(TT.c.einddatum >= van, TT.c.einddatum.is_(None)))
    jet_bron = union_all(geimporteerd_jet, *jet_takken(van, tot)).subquery("jet")
    per_client = union_all(
        select(*_per_client(geimporteerd, tot)).group_by(geimporteerd.c.toegangsvorm, geimporteerd.c.client_id),
        select(*_per_client(jet_bron, tot)).group_by(jet_bron.c.toegangsvorm, jet_bron.c.client_id),
    ).subquery("per_client")
    p = per_client.c
    return select(
        p.toegangsvorm,
        func.count().label("jeugdigen_gezien"),
        *[func.sum(p[k]).label(k) for k in VLAGGEN],
        *[func.sum(p[k]).label(k) for k in SOMMEN],
    ).group_by(p.toegangsvorm)


MONITOR_KOLOMMEN = ("toegangsvorm", "jeugdigen_gezien", *VLAGGEN, *SOMMEN)  # monitor_query's, in its order


# --- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitorUitkomst:
    van: date
    tot: date
    rijen: tuple[defs.MonitorRij, ...]  # the four toegangsvormen in Toegangsvorm order
    organisatie: str = ""
    team: str = ""
    berekend_door: str = ""
    berekend_op: datetime = field(default_factory=datetime.now)
    store: Store | None = field(default=None, repr=False, compare=False)  # computed from; exports are logged there

    def rij(self, vorm: Toegangsvorm) -> defs.MonitorRij:
        return next(r for r in self.rijen if r.toegangsvorm == vorm.value)

    def rij_dicts(self, drempel: int | None = None) -> list[dict]:
        if drempel:
            return [defs.onderdruk(r, drempel) for r in self.rijen]
        return [r.as_dict() for r in self.rijen]

    def as_dict(self, drempel: int | None = None) -> dict:
        """Exactly the JSON of domain.md: {"van", "tot", "toegangsvormen": [row, ...]}."""
        return {"van": self.van.isoformat(), "tot": self.tot.isoformat(),
                "toegangsvormen": self.rij_dicts(drempel)}


def bereken(store: Store, van: date, tot: date) -> MonitorUitkomst:
    """The monitor toegang for [van, tot] (both inclusive), every toegangsvorm present."""
    from jet_desktop.domain.rollen import Recht
    from jet_desktop.services import settings
    from jet_desktop.services.autorisatie import vereis

    vereis(store, Recht.ANONIEME_CIJFERS)

    if van > tot:
        raise ValueError("De begindatum ligt na de einddatum.")
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # the plan's cost sets off PostgreSQL's JIT, whose compiling took 0.5 s of 5 s at 100,000 / 1,000,000
            # (EXPLAIN ANALYZE: Emission 408 ms) for a query that runs once: off for this transaction only
            conn.exec_driver_sql("SET LOCAL jit = off")
        naam = "monitor_lang" if (tot - van).days + 1 >= LANGE_PERIODE else "monitor_kort"
        rows = teamcijfers.rijen(conn, store, naam, "de monitor", van=van, tot=tot)
    per_vorm = {r[0]: dict(zip(MONITOR_KOLOMMEN, r)) for r in rows}
    rijen = []
    for vorm in Toegangsvorm:
        r = per_vorm.get(vorm.value)
        rijen.append(defs.MonitorRij(vorm.value, **{k: int(r[k] or 0) for k in defs.MONITOR_FIELDS[1:]})
                     if r is not None else defs.lege_rij(vorm))
    ingesteld = settings.instellingen(store)
    return MonitorUitkomst(van, tot, tuple(rijen), ingesteld.organisatie_naam, ingesteld.team_naam, store.user, store=store)


# --- exports ---------------------------------------------------------------------------------

FORMATS = ("table", "json", "csv", "xlsx", "pdf")
LEEG = "-"  # a percentage without denominator (or suppressed) in the human table


def _periode(u: MonitorUitkomst) -> str:
    return periode(u.van, u.tot)


def _tekst(key: str, value) -> str:
    if value is None:
        return LEEG
    if isinstance(value, str):
        return value
    if key.startswith("pct_"):
        return procent(value)
    return getal(int(value))


def tabel(uitkomst: MonitorUitkomst, drempel: int | None = None) -> tuple[list[str], list[tuple[str, ...]]]:
    """Figures as rows, toegangsvormen as columns, as Dutch text: (column headers, rows)."""
    dicts = uitkomst.rij_dicts(drempel)
    kolommen = ["Kengetal"] + [d["toegangsvorm"] for d in dicts]
    rijen = [(defs.LABELS[k], *(_tekst(k, d[k]) for d in dicts)) for k in defs.COUNT_KEYS + defs.PCT_KEYS]
    return kolommen, rijen


def as_table_text(uitkomst: MonitorUitkomst, drempel: int | None = None) -> str:
    kolommen, rijen = tabel(uitkomst, drempel)
    widths = [max(len(str(r[i])) for r in [kolommen, *rijen]) for i in range(len(kolommen))]
    lines = [f"Monitor toegang {_periode(uitkomst)}", ""]
    for row in [kolommen, *rijen]:
        cells = [str(row[0]).ljust(widths[0])] + [str(v).rjust(w) for v, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    if drempel:
        lines += ["", f"Voor publicatie: aantallen van 1 tot {drempel} zijn vervangen door '<{drempel}'."]
    return "\n".join(lines) + "\n"


def as_json_text(uitkomst: MonitorUitkomst, drempel: int | None = None) -> str:
    return json.dumps(uitkomst.as_dict(drempel), ensure_ascii=False, indent=2) + "\n"


CSV_HEADER = ("van", "tot") + defs.ROW_KEYS


def as_csv_text(uitkomst: MonitorUitkomst, drempel: int | None = None) -> str:
    """One row per toegangsvorm: van, tot and the keys of the JSON row; comma-separated, '.' decimals."""
    from jet_desktop.domain.celtekst import csv_rij

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for d in uitkomst.rij_dicts(drempel):  # csv_rij: text never read as a formula (domain/celtekst.py)
        w.writerow(csv_rij([uitkomst.van.isoformat(), uitkomst.tot.isoformat()]
                           + ["" if d[k] is None else d[k] for k in defs.ROW_KEYS]))
    return buf.getvalue()


def _xlsx(uitkomst: MonitorUitkomst, out, drempel: int | None) -> None:
    from jet_desktop.reports.columns import Column
    from jet_desktop.reports.xlsx import Sheet, write_xlsx

    columns = [Column("Toegangsvorm", "text", 20)]
    columns += [Column(defs.LABELS[k], "pct" if k.startswith("pct_") else "int")
                for k in defs.COUNT_KEYS + defs.PCT_KEYS]
    rows = [[d[k] for k in defs.ROW_KEYS] for d in uitkomst.rij_dicts(drempel)]
    intro = [f"Monitor toegang {_periode(uitkomst)}", f"{uitkomst.organisatie} · {uitkomst.team}"]
    if drempel:
        intro.append(f"Voor publicatie: aantallen van 1 tot {drempel} zijn vervangen door '<{drempel}'.")
    definities = Sheet("Definities", [Column("Definitie", "text", 100)], [[t] for t in defs.DEFINITIES])
    write_xlsx(out, [Sheet("Monitor toegang", columns, rows, intro), definities])


def _pdf(uitkomst: MonitorUitkomst, out, drempel: int | None, reeksen=None) -> None:
    from jet_desktop.reports import pdf
    from jet_desktop.reports.columns import Column

    kolommen, rijen = tabel(uitkomst, drempel)
    columns = [Column(kolommen[0], "text", 34)] + [Column(k, "int", 14) for k in kolommen[1:]]
    meta = pdf.ReportMeta("Monitor toegang", uitkomst.organisatie, uitkomst.team, uitkomst.berekend_door,
                          datetime.now(), subtitel=f"Periode {_periode(uitkomst)} (beide dagen inbegrepen)")
    story = [pdf.table(columns, rijen), pdf.heading("Definities")]
    story += [pdf.paragraph(t) for t in defs.DEFINITIES]
    if drempel:
        story.append(pdf.paragraph(f"Voor publicatie: aantallen van 1 tot {drempel} zijn vervangen door "
                                   f"'<{drempel}'; percentages die daaruit te herleiden zijn, "
                                   f"zijn weggelaten ({LEEG})."))
    else:
        story.append(pdf.paragraph(f"{LEEG} = geen percentage (geen afgesloten trajecten)."))
    if reeksen is not None:  # the screen's charts, as vector graphics (reports/grafieken.py)
        from jet_desktop.reports import grafieken

        story += grafieken.grafieken(reeksen, drempel, kop=pdf.heading("Grafieken"))
    pdf.build_pdf(out, meta, story)


def write_monitor(uitkomst: MonitorUitkomst, fmt: str, out, drempel: int | None = None, reeksen=None) -> None:
    """Write the monitor as table|json|csv (text: a path or a text stream) or xlsx|pdf (a path or
    a binary stream). With `drempel`, small numbers are suppressed (domain.monitor.onderdruk).
    `reeksen` (reports.grafieken.MonitorReeksen, the series the screen plots): the PDF gets a section
    "Grafieken" with the wachtlijst, caseload and doorverwijzingen charts (the other formats ignore it)."""
    if fmt not in FORMATS:
        raise ValueError(f"Onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}.")
    if isinstance(out, Path) and fmt in ("xlsx", "pdf"):
        out = str(out)  # reportlab takes a str path or a stream, not a Path
    if fmt == "xlsx":
        _xlsx(uitkomst, out, drempel)
    elif fmt == "pdf":
        _pdf(uitkomst, out, drempel, reeksen)
    else:
        text = {"table": as_table_text, "json": as_json_text, "csv": as_csv_text}[fmt](uitkomst, drempel)
        if isinstance(out, (str, Path)):
            Path(out).write_text(text, encoding="utf-8")
        else:
            out.write(text)
    if uitkomst.store is not None:
        from jet_desktop.services import audit

        audit.log(uitkomst.store, AuditActie.EXPORT, "rapport", "monitor toegang",
                  omschrijving=f"monitor toegang {fmt.upper()}, periode {_periode(uitkomst)}"
                               + (f", publicatieversie (drempel {drempel})" if drempel else ""))
