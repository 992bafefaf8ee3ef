"""The matched-care summary over a period and the cost table per year (domain.md "Matched-care
summary", "Cost overview"; definitions in docs/matched-care.md).

`bereken(store, van, tot)` covers the toewijzingen (not removed, of a non-removed aanmelding) whose
startdatum lies in [van, tot], both inclusive. Counts and costs per dimension are aggregated in the
database (GROUP BY); pandas only shapes the result. Opschaling and stapeling are decided per jeugdige
by the pure rules in jet_desktop/domain/matched_care.py, after SQL has narrowed the jeugdigen to the
ones that can have them. `kosten_per_jaar(store, jaren)` spreads each toewijzing's estimated cost
over the years it runs, pro rata by days (SQL too). Exports: jet_desktop/reports/matched_care_export.py.

Rights: the counts and costs are anonymous (Recht.ANONIEME_CIJFERS, every role); the lists per
jeugdige (initialen, dossiernummer) are only computed for Recht.TEAMRAPPORTEN, and only then can the
team version be exported; computing them is a read of personal data with one audit line (OPENEN,
the dossiernummers concerned). The result remembers the Store it was computed from: exports are checked
and written to the audit log against it (matched_care_export.write_matched_care).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Float, and_, case, cast, func, literal, null, or_, select, true, union_all

from jet_desktop.domain.codelijsten import Codelijsten
from jet_desktop.domain.matched_care import (
    OPSCHALING_DAGEN,
    WILDCARD,
    Stapelingsoort,
    ToewijzingPeriode,
    opschaling,
    stapelingen,
)
from jet_desktop.domain.monitor import percentage
from jet_desktop.domain.publicatie import is_klein, marker
from jet_desktop.domain.rollen import Recht
from jet_desktop.reports import teamcijfers
from jet_desktop.services import codelijsten, inzage
from jet_desktop.services.autorisatie import mag, vereis
from jet_desktop.services.naming import initialen
from jet_desktop.storage.dagen import dagen_tussen
from jet_desktop.storage.models import (
    Aanmelding,
    CodeIntensiteit,
    CodeProductcategorie,
    CodeStapeling,
    CodeVerwijzer,
    Dossier,
    Jeugdige,
    Toewijzing,
)
from jet_desktop.storage.store import Store

T, D, A, J = Toewijzing.__table__, Dossier.__table__, Aanmelding.__table__, Jeugdige.__table__
CV, CP, CI, CS = (m.__table__ for m in (CodeVerwijzer, CodeProductcategorie, CodeIntensiteit, CodeStapeling))

TOEWIJZINGEN, JEUGDIGEN, KOSTEN = "Toewijzingen", "Jeugdigen", "Geschatte kosten"
COUNT_COLUMNS = (TOEWIJZINGEN, JEUGDIGEN, KOSTEN)
ONBEKEND = "(onbekend)"
TOTAAL = "Totaal"
AANTALLEN = "toewijzingen"  # key in kosten_per_jaar's DataFrame.attrs


# -- result -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToewijzingKort:
    """One toewijzing as shown in the per-jeugdige lists (codes and their labels)."""

    dossiernummer: str
    productcategorie: str
    productcategorie_label: str
    intensiteit: str
    intensiteit_label: str
    aanbieder: str
    aanbieder_label: str
    startdatum: date
    einddatum: date | None
    geschatte_kosten: int

    @property
    def omschrijving(self) -> str:
        eind = f" t/m {self.einddatum:%d-%m-%Y}" if self.einddatum else " (loopt)"
        return (f"{self.productcategorie_label}, {self.intensiteit_label.split(' (')[0].lower()}, "
                f"{self.aanbieder_label}, {self.startdatum:%d-%m-%Y}{eind}")


@dataclass(frozen=True)
class OpschalingRegel:
    """A jeugdige whose first toewijzing (in the period) was followed by a heavier one within 180 days."""

    dossiernummer: str
    initialen: str
    eerste: ToewijzingKort
    latere: ToewijzingKort
    dagen: int  # from the first start to the start of the heavier toewijzing
    jeugdige_id: uuid.UUID | None = None  # internal (to open the dossier; never exported)


@dataclass(frozen=True)
class StapelingMelding:
    """A forbidden pair of one jeugdige; `tweede` started in the period."""

    dossiernummer: str
    initialen: str
    soort: str  # "verticaal" | "horizontaal"
    eerste: ToewijzingKort
    tweede: ToewijzingKort
    regel: str  # the deciding row of resources/stapeling.csv, e.g. "45 + 45 verticaal: niet toegestaan"
    toelichting: str
    tussen_dagen: int | None  # horizontaal: days between the end of eerste and the start of tweede
    jeugdige_id: uuid.UUID | None = None  # internal (to open the dossier; never exported)

    @property
    def soort_label(self) -> str:
        return Stapelingsoort(self.soort).label


@dataclass(frozen=True)
class DvoAandeel:
    toewijzingen: int
    kosten: int
    pct_toewijzingen: float | None  # of all toewijzingen started in the period, one decimal
    pct_kosten: float | None


@dataclass(frozen=True)
class OpschalingCijfers:
    jeugdigen_eerste_toewijzing: int  # jeugdigen whose first toewijzing ever started in the period
    opgeschaald: int  # of whom received a heavier toewijzing within 180 days of that start
    pct: float | None  # opgeschaald / jeugdigen_eerste_toewijzing, one decimal; lower is better


@dataclass(frozen=True)
class StapelingCijfers:
    jeugdigen_met_toewijzing: int  # jeugdigen with a toewijzing started in the period
    verticaal_paren: int
    verticaal_jeugdigen: int
    horizontaal_paren: int
    horizontaal_jeugdigen: int
    pct_verticaal: float | None  # verticaal_jeugdigen / jeugdigen_met_toewijzing
    pct_horizontaal: float | None


@dataclass
class MatchedCare:
    """The matched-care summary of [van, tot]. DataFrames have Dutch column names; each dimension
    table has the columns of its key(s) followed by Toewijzingen, Jeugdigen, Geschatte kosten
    (no totals row: see the totaal_* attributes)."""

    van: date
    tot: date
    totaal_toewijzingen: int
    totaal_jeugdigen: int
    totaal_kosten: int
    per_productcategorie: pd.DataFrame  # Code, Productcategorie, Kostencategorie, ...
    per_intensiteit: pd.DataFrame  # Code, Intensiteit, Niveau, ...
    per_aanbieder: pd.DataFrame  # Code, Aanbieder, ...
    per_verwijzer: pd.DataFrame  # Route, Verwijzer, iJw-code, ...
    per_verwijzer_ijw: pd.DataFrame  # iJw-code, Type verwijzer (COD327), ...
    per_school: pd.DataFrame  # School, ...
    dvo: DvoAandeel
    opschaling: OpschalingCijfers
    stapeling: StapelingCijfers
    stapeling_per_regel: pd.DataFrame  # Soort, Regel, Toelichting, Paren, Jeugdigen
    opschaling_lijst: list[OpschalingRegel] = field(default_factory=list)  # for the team only
    stapeling_lijst: list[StapelingMelding] = field(default_factory=list)  # for the team only
    kosten_per_jaar: pd.DataFrame | None = None  # kosten_per_jaar() for the years of the period
    store: Store | None = field(default=None, repr=False, compare=False)  # computed from; exports are checked there

    @property
    def dimensies(self) -> list[tuple[str, pd.DataFrame]]:
        """(title, table) of every dimension, in the order the reports show them."""
        return [
            ("Per productcategorie", self.per_productcategorie),
            ("Per intensiteit", self.per_intensiteit),
            ("Per aanbieder", self.per_aanbieder),
            ("Per verwijzer (route)", self.per_verwijzer),
            ("Per verwijzer (iJw-code)", self.per_verwijzer_ijw),
            ("Per school", self.per_school),
        ]


# -- SQL ----------------------------------------------------------------------------------------


def _joined():
    return T.join(D, T.c.dossier_id == D.c.id).join(A, D.c.aanmelding_id == A.c.id).join(J, A.c.jeugdige_id == J.c.id)


def _levend():
    return and_(T.c.deleted_at.is_(None), A.c.deleted_at.is_(None))


def _in_periode(van: date, tot: date):
    return and_(_levend(), T.c.startdatum >= van, T.c.startdatum <= tot)


def _groepen(key):
    """The query of (key, toewijzingen, jeugdigen, kosten) per group of the toewijzingen started in the period."""
    def maak(van: date, tot: date):
        return (select(key, func.count(T.c.id), func.count(func.distinct(J.c.id)),
                       func.coalesce(func.sum(T.c.geschatte_kosten), 0))
                .select_from(_joined()).where(_in_periode(van, tot)).group_by(key))
    return maak


def _code(tabel, kolom, code, anders: str):
    """The code list's `kolom` of `code` (the store's list, so the server's function follows its edits)."""
    return func.coalesce(select(kolom).where(tabel.c.code == code, tabel.c.deleted_at.is_(None))
                         .order_by(tabel.c.volgorde).limit(1).scalar_subquery(), literal(anders))


SCHOOL = func.coalesce(func.nullif(func.trim(J.c.school), ""), ONBEKEND).label("school")
IJW = _code(CV, CV.c.ijw_code, A.c.verwijzer_route, "").label("ijw")
DIMENSIES = {"productcategorie": T.c.productcategorie, "intensiteit": T.c.intensiteit, "aanbieder": T.c.aanbieder,
             "verwijzer": A.c.verwijzer_route, "ijw": IJW, "school": SCHOOL}
for _naam, _key in DIMENSIES.items():
    teamcijfers.telling(f"mc_{_naam}", "van", "tot")(_groepen(_key))


def _grouped(conn, store: Store, dimensie: str, van: date, tot: date) -> list:
    return teamcijfers.rijen(conn, store, f"mc_{dimensie}", "matched care", van=van, tot=tot)


def _frame(key_columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=[*key_columns, *COUNT_COLUMNS])
    for c in COUNT_COLUMNS:
        df[c] = df[c].astype("int64")
    return df


def _by_code_list(conn, store, dimensie, van, tot, codes: list[tuple], key_columns: list[str]) -> pd.DataFrame:
    """Every code of the list (zeros included) in list order, then codes not in the list."""
    found = {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in _grouped(conn, store, dimensie, van, tot)}
    rows = [(*labels, *found.pop(labels[0], (0, 0, 0))) for labels in codes]
    blanks = ("",) * (len(key_columns) - 2)
    for code in sorted(found, key=str):
        rows.append((code, ONBEKEND if not code else code, *blanks, *found[code]))
    return _frame(key_columns, rows)


def _dimensions(conn, store: Store, van: date, tot: date, lijsten: Codelijsten) -> dict[str, pd.DataFrame]:
    out = {}
    out["per_productcategorie"] = _by_code_list(
        conn, store, "productcategorie", van, tot,
        [(p.code, p.omschrijving, p.kostencategorie) for p in lijsten.productcategorieen],
        ["Code", "Productcategorie", "Kostencategorie"])
    out["per_intensiteit"] = _by_code_list(
        conn, store, "intensiteit", van, tot,
        [(i.code, i.omschrijving, i.niveau) for i in lijsten.intensiteiten], ["Code", "Intensiteit", "Niveau"])
    out["per_aanbieder"] = _by_code_list(
        conn, store, "aanbieder", van, tot, [(a.code, a.naam) for a in lijsten.aanbieders], ["Code", "Aanbieder"])
    out["per_verwijzer"] = _by_code_list(
        conn, store, "verwijzer", van, tot,
        [(r.route, r.omschrijving, r.ijw_code) for r in lijsten.verwijzers], ["Route", "Verwijzer", "iJw-code"])
    ijw: dict[str, str] = {}
    for r in lijsten.verwijzers:
        ijw.setdefault(r.ijw_code, r.ijw_omschrijving)
    out["per_verwijzer_ijw"] = _by_code_list(conn, store, "ijw", van, tot, sorted(ijw.items()),
                                             ["iJw-code", "Type verwijzer"])
    rows = sorted(((r[0], int(r[1]), int(r[2]), int(r[3])) for r in _grouped(conn, store, "school", van, tot)),
                  key=lambda r: (r[0] == ONBEKEND, -r[1], r[0]))
    out["per_school"] = _frame(["School"], rows)
    return out


@teamcijfers.telling("mc_totalen", "van", "tot")
def _totalen(van: date, tot: date):
    is_dvo = T.c.contractvorm == "dvo"
    return (select(func.count(T.c.id), func.count(func.distinct(J.c.id)), func.coalesce(func.sum(T.c.geschatte_kosten), 0),
                   func.coalesce(func.sum(case((is_dvo, 1), else_=0)), 0),
                   func.coalesce(func.sum(case((is_dvo, T.c.geschatte_kosten), else_=0)), 0))
            .select_from(_joined()).where(_in_periode(van, tot)))


def _totals_and_dvo(conn, store: Store, van: date, tot: date) -> tuple[int, int, int, DvoAandeel]:
    row = teamcijfers.rijen(conn, store, "mc_totalen", "matched care", van=van, tot=tot)[0]
    n, jeugdigen, kosten, dvo_n, dvo_kosten = (int(x) for x in row)
    return n, jeugdigen, kosten, DvoAandeel(dvo_n, dvo_kosten, percentage(dvo_n, n), percentage(dvo_kosten, kosten))


_DETAIL = (T.c.id, T.c.productcategorie, T.c.intensiteit, T.c.aanbieder, T.c.startdatum, T.c.einddatum,
           T.c.geschatte_kosten, A.c.dossiernummer, J.c.id.label("jeugdige_id"), J.c.voornaam,
           J.c.tussenvoegsel, J.c.achternaam)


def _per_jeugdige(conn, jeugdigen_subquery, tot_start: date) -> dict:
    """jeugdige id -> (initialen, [row]) for the jeugdigen of the subquery, toewijzingen started <= tot_start."""
    rows = conn.execute(select(*_DETAIL).select_from(_joined())
                        .where(_levend(), T.c.startdatum <= tot_start, J.c.id.in_(jeugdigen_subquery))).all()
    out: dict = defaultdict(list)
    for r in rows:
        out[r.jeugdige_id].append(r)
    return out


def _niveaus(lijsten: Codelijsten) -> dict[str, int]:
    return {i.code: i.niveau for i in lijsten.intensiteiten}


def _periode(r, niveaus) -> ToewijzingPeriode:
    return ToewijzingPeriode(str(r.id), r.productcategorie, niveaus.get(r.intensiteit, 0), r.startdatum, r.einddatum)


def _kort(r, lijsten: Codelijsten) -> ToewijzingKort:
    return ToewijzingKort(r.dossiernummer, r.productcategorie, lijsten.productcategorie_label(r.productcategorie),
                          r.intensiteit, lijsten.intensiteit_label(r.intensiteit), r.aanbieder,
                          lijsten.aanbieder_label(r.aanbieder), r.startdatum, r.einddatum, int(r.geschatte_kosten))


def _dossiernummers(*rows) -> str:
    return " / ".join(dict.fromkeys(r.dossiernummer for r in rows))


def _opschaling(conn, van: date, tot: date, lijsten: Codelijsten) -> tuple[OpschalingCijfers, list[OpschalingRegel]]:
    eerste = (select(J.c.id).select_from(_joined()).where(_levend()).group_by(J.c.id)
              .having(and_(func.min(T.c.startdatum) >= van, func.min(T.c.startdatum) <= tot)))
    noemer = conn.execute(select(func.count()).select_from(eerste.subquery())).scalar_one()
    niveaus = _niveaus(lijsten)
    lijst: list[OpschalingRegel] = []
    for rows in _per_jeugdige(conn, eerste, tot + timedelta(days=OPSCHALING_DAGEN)).values():
        by_key = {str(r.id): r for r in rows}
        o = opschaling([_periode(r, niveaus) for r in rows])
        if o is not None and o.opgeschaald:
            a, b = by_key[o.eerste.sleutel], by_key[o.hogere.sleutel]
            lijst.append(OpschalingRegel(_dossiernummers(a, b), initialen(a.voornaam, a.tussenvoegsel, a.achternaam),
                                         _kort(a, lijsten), _kort(b, lijsten), o.dagen, a.jeugdige_id))
    lijst.sort(key=lambda r: (r.eerste.startdatum, r.dossiernummer))
    return OpschalingCijfers(int(noemer), len(lijst), percentage(len(lijst), int(noemer))), lijst


def _stapeling(conn, van: date, tot: date, jeugdigen_in_periode: int, regels, lijsten: Codelijsten
               ) -> tuple[StapelingCijfers, pd.DataFrame, list[StapelingMelding]]:
    kandidaten = (select(J.c.id).select_from(_joined()).where(_levend(), T.c.startdatum <= tot).group_by(J.c.id)
                  .having(and_(func.count(T.c.id) >= 2, func.max(T.c.startdatum) >= van)))
    niveaus = _niveaus(lijsten)
    lijst: list[StapelingMelding] = []
    for rows in _per_jeugdige(conn, kandidaten, tot).values():
        by_key = {str(r.id): r for r in rows}
        for s in stapelingen([_periode(r, niveaus) for r in rows], regels):
            if not (van <= s.tweede.startdatum <= tot):
                continue  # the pair arose in another period
            a, b = by_key[s.eerste.sleutel], by_key[s.tweede.sleutel]
            lijst.append(StapelingMelding(_dossiernummers(a, b), initialen(b.voornaam, b.tussenvoegsel, b.achternaam),
                                          s.soort.value, _kort(a, lijsten), _kort(b, lijsten), s.regel.omschrijving,
                                          s.regel.toelichting, s.tussen_dagen, b.jeugdige_id))
    lijst.sort(key=lambda m: (m.tweede.startdatum, m.dossiernummer, m.soort))
    per_soort = {soort.value: (len(mine := [m for m in lijst if m.soort == soort.value]),
                               len({m.jeugdige_id for m in mine})) for soort in Stapelingsoort}
    per_regel: dict[tuple, list] = defaultdict(list)
    for m in lijst:
        per_regel[(m.soort, m.regel)].append(m.jeugdige_id)
    rows = [(soort, omschrijving, len(v), len(set(v))) for (soort, omschrijving), v in per_regel.items()]
    return (*_stapeling_cijfers(jeugdigen_in_periode, per_soort, rows, regels), lijst)


def _stapeling_cijfers(jeugdigen_in_periode: int, per_soort: dict[str, tuple[int, int]], per_regel: list[tuple],
                       regels) -> tuple[StapelingCijfers, pd.DataFrame]:
    """The figures and the table per rule from counts: (paren, jeugdigen) per soort, and per rule
    (soort, omschrijving, paren, jeugdigen); from the list locally, from the server's count otherwise."""
    v_paren, v_jeugdigen = per_soort.get(Stapelingsoort.VERTICAAL.value, (0, 0))
    h_paren, h_jeugdigen = per_soort.get(Stapelingsoort.HORIZONTAAL.value, (0, 0))
    cijfers = StapelingCijfers(jeugdigen_in_periode, v_paren, v_jeugdigen, h_paren, h_jeugdigen,
                               percentage(v_jeugdigen, jeugdigen_in_periode), percentage(h_jeugdigen, jeugdigen_in_periode))
    per_omschrijving = {r.omschrijving: r for r in regels}
    rows = [(Stapelingsoort(soort).label, omschrijving, per_omschrijving[omschrijving].toelichting, paren, jeugdigen)
            for soort, omschrijving, paren, jeugdigen in sorted(
                per_regel, key=lambda r: per_omschrijving[r[1]].regelnummer)]
    df = pd.DataFrame(rows, columns=["Soort", "Regel", "Toelichting", "Paren", JEUGDIGEN])
    for c in ("Paren", JEUGDIGEN):
        df[c] = df[c].astype("int64")
    return cijfers, df


# -- opschaling and stapeling as counts in SQL, for the team server's functions ---------------------
# A jeugdconsulent's login may not read the other dossiers that the rules of domain/matched_care.py need,
# so on the team server the same rules are counted in SQL inside a function (reports/teamcijfers.py);
# tests/teamserver/test_teamcijfers.py checks them against the rules on the same demo data.

def _toewijzingen(tot: date | None = None):
    """Every living toewijzing (started on or before `tot`) with its jeugdige and its intensiteit's niveau."""
    niveau = func.coalesce(select(CI.c.niveau).where(CI.c.code == T.c.intensiteit, CI.c.deleted_at.is_(None))
                           .order_by(CI.c.volgorde).limit(1).scalar_subquery(), 0)
    q = select(T.c.id, J.c.id.label("jeugdige"), T.c.productcategorie.label("pc"), niveau.label("niveau"),
               T.c.startdatum.label("s"), T.c.einddatum.label("e")).select_from(_joined()).where(_levend())
    return q.where(T.c.startdatum <= tot) if tot is not None else q


@teamcijfers.telling("mc_opschaling", "van", "tot")
def _opschaling_telling(van: date, tot: date):
    """(jeugdigen whose first toewijzing started in the period, of whom opgeschaald): domain.opschaling."""
    tw = _toewijzingen().cte("tw")
    eerste = (select(tw.c.jeugdige, func.min(tw.c.s).label("s0")).group_by(tw.c.jeugdige)
              .having(and_(func.min(tw.c.s) >= van, func.min(tw.c.s) <= tot)).cte("eerste"))
    ref = (select(eerste.c.jeugdige, eerste.c.s0, func.max(tw.c.niveau).label("n0"))
           .select_from(eerste.join(tw, and_(tw.c.jeugdige == eerste.c.jeugdige, tw.c.s == eerste.c.s0)))
           .group_by(eerste.c.jeugdige, eerste.c.s0).cte("ref"))
    # per jeugdige: a toewijzing 1..180 days after that start with a higher niveau (a join and a GROUP BY: a
    # correlated EXISTS over the CTE read it once per jeugdige, 26 s at 100,000 jeugdigen)
    hoger = case((and_(tw.c.s > ref.c.s0, dagen_tussen(tw.c.s, ref.c.s0) <= OPSCHALING_DAGEN, tw.c.niveau > ref.c.n0),
                  1), else_=0)
    per = (select(func.max(hoger).label("op")).select_from(ref.join(tw, tw.c.jeugdige == ref.c.jeugdige))
           .group_by(ref.c.jeugdige).subquery("per"))
    return select(func.count(), func.coalesce(func.sum(per.c.op), 0))


@teamcijfers.telling("mc_stapeling", "van", "tot")
def _stapeling_telling(van: date, tot: date):
    """(soort, rule's volgorde or NULL for the soort's total, paren, jeugdigen) of the forbidden pairs whose
    second toewijzing started in the period: domain.stapelingen and geldende_regel, pair by pair."""
    tw = _toewijzingen(tot).cte("tw")
    x, y = tw.alias("x"), tw.alias("y")
    overlap = or_(and_(x.c.s <= y.c.s, or_(x.c.e.is_(None), y.c.s <= x.c.e)),
                  and_(y.c.s <= x.c.s, or_(y.c.e.is_(None), x.c.s <= y.c.e)))
    x_eerst = x.c.s < y.c.s
    paren = (select(x.c.jeugdige,
                    case((overlap, literal(Stapelingsoort.VERTICAAL.value)),
                         else_=literal(Stapelingsoort.HORIZONTAAL.value)).label("soort"),
                    case((x_eerst, x.c.pc), else_=y.c.pc).label("a"), case((x_eerst, y.c.pc), else_=x.c.pc).label("b"),
                    case((overlap, None), (x_eerst, dagen_tussen(y.c.s, x.c.e)),
                         else_=dagen_tussen(x.c.s, y.c.e)).label("gap"))
             .select_from(x.join(y, and_(x.c.jeugdige == y.c.jeugdige, x.c.id < y.c.id)))
             .where(case((x_eerst, y.c.s), else_=x.c.s) >= van).cte("paren"))

    def past(patroon, code):
        return or_(patroon == WILDCARD, patroon == code)

    specificiteit = case((CS.c.categorie_a != WILDCARD, 1), else_=0) + case((CS.c.categorie_b != WILDCARD, 1), else_=0)
    regel = (select(CS.c.volgorde, CS.c.toegestaan)
             .where(CS.c.deleted_at.is_(None), or_(CS.c.geldig_tot.is_(None), CS.c.geldig_tot > van),
                    CS.c.soort == paren.c.soort,
                    or_(and_(past(CS.c.categorie_a, paren.c.a), past(CS.c.categorie_b, paren.c.b)),
                        and_(paren.c.soort == Stapelingsoort.VERTICAAL.value,
                             past(CS.c.categorie_a, paren.c.b), past(CS.c.categorie_b, paren.c.a))),
                    or_(paren.c.soort == Stapelingsoort.VERTICAAL.value,
                        and_(CS.c.binnen_dagen.is_not(None), paren.c.gap <= CS.c.binnen_dagen)))
             .order_by(specificiteit.desc(), CS.c.volgorde, CS.c.id).limit(1).lateral("regel"))
    fout = (select(paren.c.jeugdige, paren.c.soort, regel.c.volgorde)
            .select_from(paren.join(regel, true())).where(regel.c.toegestaan.is_(False)).cte("fout"))
    tel = (func.count(), func.count(func.distinct(fout.c.jeugdige)))
    return union_all(select(fout.c.soort, fout.c.volgorde, *tel).group_by(fout.c.soort, fout.c.volgorde),
                     select(fout.c.soort, null(), *tel).group_by(fout.c.soort))


def _tellingen_van_server(conn, store: Store, van: date, tot: date, jeugdigen: int, regels
                          ) -> tuple[OpschalingCijfers, StapelingCijfers, pd.DataFrame]:
    noemer, opgeschaald = (int(v) for v in teamcijfers.rijen(conn, store, "mc_opschaling", "matched care",
                                                             van=van, tot=tot)[0])
    per_soort, per_regel = {}, []
    per_volgorde = {r.regelnummer: r for r in regels}
    for soort, volgorde, paren, kinderen in teamcijfers.rijen(conn, store, "mc_stapeling", "matched care",
                                                               van=van, tot=tot):
        if volgorde is None:
            per_soort[soort] = (int(paren), int(kinderen))
        else:
            per_regel.append((soort, per_volgorde[volgorde].omschrijving, int(paren), int(kinderen)))
    return (OpschalingCijfers(noemer, opgeschaald, percentage(opgeschaald, noemer)),
            *_stapeling_cijfers(jeugdigen, per_soort, per_regel, regels))


def bereken(store: Store, van: date, tot: date, regels=None) -> MatchedCare:
    """The matched-care summary of the toewijzingen started in [van, tot] (inclusive).

    `regels`: the stapeling table; default the store's rules in force on or after `van`
    (services/codelijsten.py; ValidationError when a stored rule is bad)."""
    vereis(store, Recht.ANONIEME_CIJFERS)
    if tot < van:
        raise ValueError("tot ligt voor van")
    with store.engine.connect() as conn:
        lijsten = codelijsten.lijsten_in(conn)  # once for the whole summary
        if regels is None:
            regels = lijsten.stapeling_regels(van)
        n, jeugdigen, kosten, dvo = _totals_and_dvo(conn, store, van, tot)
        dims = _dimensions(conn, store, van, tot, lijsten)
        if store.teamserver and not mag(store, Recht.TEAMRAPPORTEN):  # the rules counted by the server
            ops, stap, stap_regels = _tellingen_van_server(conn, store, van, tot, jeugdigen, regels)
            ops_lijst, stap_lijst = [], []
        else:
            ops, ops_lijst = _opschaling(conn, van, tot, lijsten)
            stap, stap_regels, stap_lijst = _stapeling(conn, van, tot, jeugdigen, regels, lijsten)
        jaren = list(range(van.year, tot.year + 1))
        kosten_jaar = _kosten_per_jaar(conn, store, jaren, lijsten)
    if not mag(store, Recht.TEAMRAPPORTEN):  # the counts stay; who they are is for the team only
        ops_lijst, stap_lijst = [], []
    if ops_lijst or stap_lijst:  # initialen and dossiernummers per jeugdige: a read of personal data
        inzage.bekeken(store, "rapport", "matched care",
                       f"matched care per jeugdige gelezen, periode {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}: "
                       f"{len(ops_lijst)} opschaling + {len(stap_lijst)} stapeling",
                       [n for r in (*ops_lijst, *stap_lijst) for n in r.dossiernummer.split(" / ")],
                       eenheid=("dossier", "dossiers"))
    return MatchedCare(van, tot, n, jeugdigen, kosten, dvo=dvo, opschaling=ops, stapeling=stap,
                       stapeling_per_regel=stap_regels, opschaling_lijst=ops_lijst, stapeling_lijst=stap_lijst,
                       kosten_per_jaar=kosten_jaar, store=store, **dims)


# -- cost per year and kostencategorie ------------------------------------------------------------


def _dagnummer(expr):
    """A whole day number of a date expression (days since 1-1-2000), the same on both engines."""
    return cast(dagen_tussen(expr, literal(date(2000, 1, 1))), Float)


@teamcijfers.telling("mc_kosten", "begin", "einde")
def _kosten_in(begin: date, einde: date):
    """(kostencategorie, cost in [begin, einde], toewijzingen in that cell) per kostencategorie."""
    s, e = _dagnummer(T.c.startdatum), _dagnummer(T.c.einddatum)
    kosten = cast(T.c.geschatte_kosten, Float)
    cat = _code(CP, CP.c.kostencategorie, T.c.productcategorie, "Overig").label("kostencategorie")
    jb, je = _dagnummer(literal(begin)), _dagnummer(literal(einde))
    hi = case((e < je, e), else_=je)  # least(einddatum, 31-12)
    lo = case((s > jb, s), else_=jb)  # greatest(startdatum, 1-1)
    overlap = case((hi >= lo, hi - lo + 1), else_=0)
    lopend = case((and_(T.c.startdatum >= begin, T.c.startdatum <= einde), kosten), else_=0.0)
    aandeel = case((T.c.einddatum.is_(None), lopend), else_=kosten * overlap / (e - s + 1))
    # how many toewijzingen make up the cell (for suppression in a publication)
    telt = case((T.c.einddatum.is_(None), case((and_(T.c.startdatum >= begin, T.c.startdatum <= einde), 1),
                                                else_=0)),
                else_=case((hi >= lo, 1), else_=0))
    return (select(cat, func.coalesce(func.sum(aandeel), 0.0), func.coalesce(func.sum(telt), 0))
            .where(T.c.deleted_at.is_(None))
            .select_from(T.join(D, T.c.dossier_id == D.c.id).join(A, D.c.aanmelding_id == A.c.id))
            .where(A.c.deleted_at.is_(None)).group_by(cat))


def _kosten_per_jaar(conn, store: Store, jaren: list[int], lijsten: Codelijsten) -> pd.DataFrame:
    found: dict[str, list[float]] = {}
    aantallen: dict[tuple[str, int], int] = {}
    for i, jaar in enumerate(jaren):
        for cat, bedrag, n in teamcijfers.rijen(conn, store, "mc_kosten", "de kostenraming",
                                                 begin=date(jaar, 1, 1), einde=date(jaar, 12, 31)):
            found.setdefault(cat, [0.0] * len(jaren))[i] = float(bedrag)
            aantallen[(cat, jaar)] = int(n)
    order = list(dict.fromkeys(p.kostencategorie for p in lijsten.productcategorieen))
    order += sorted(k for k in found if k not in order)
    data = [found.get(k, [0.0] * len(jaren)) for k in order]
    df = pd.DataFrame(data, index=pd.Index(order, name="Kostencategorie"), columns=jaren, dtype="float64")
    df.loc[TOTAAL] = df.sum(axis=0)
    df = df.round(2)
    df.attrs[AANTALLEN] = aantallen  # {(kostencategorie, jaar): toewijzingen in that cell}
    return df


def kosten_per_jaar(store: Store, jaren) -> pd.DataFrame:
    """Estimated cost per kostencategorie (rows, the store's productcategorieën; last row "Totaal")
    and year (int columns), in euros with cents.

    All toewijzingen that are not removed count, whenever they started. A toewijzing with an
    einddatum is spread over the days it runs (start and end inclusive): a year gets
    geschatte_kosten × (its days in that year) / (all its days). A toewijzing without einddatum
    has no known length: its whole cost counts in its start year."""
    vereis(store, Recht.ANONIEME_CIJFERS)
    jaren = sorted(set(int(j) for j in jaren))
    with store.engine.connect() as conn:
        return _kosten_per_jaar(conn, store, jaren, codelijsten.lijsten_in(conn))


# -- small-number suppression for publication -----------------------------------------------------


def _onderdruk_tabel(df: pd.DataFrame, persons: str, values: tuple[str, ...], drempel: int) -> pd.DataFrame:
    """Rows whose `persons` count is 1..drempel-1: every column of `values` becomes "<drempel".
    When exactly one row is hidden, the smallest other non-zero row goes too, or the hidden one
    could be worked out from the total."""
    out = df.copy()
    for c in values:
        out[c] = out[c].astype(object)
    hidden = [i for i, n in out[persons].items() if is_klein(n, drempel)]
    if len(hidden) == 1:
        others = [(n, i) for i, n in out[persons].items() if i not in hidden and n]
        if others:
            hidden.append(min(others)[1])
    for i in hidden:
        for c in values:
            out.at[i, c] = marker(drempel)
    return out


def onderdruk(mc: MatchedCare, drempel: int) -> MatchedCare:
    """The publication version: counts of 1..drempel-1 (and the costs and percentages that go with
    them) replaced by the text "<drempel"; no per-jeugdige lists. Zeros stay. See docs/matched-care.md."""
    teken = marker(drempel)

    dims = {attr: _onderdruk_tabel(getattr(mc, attr), JEUGDIGEN, COUNT_COLUMNS, drempel)
            for attr in ("per_productcategorie", "per_intensiteit", "per_aanbieder", "per_verwijzer",
                         "per_verwijzer_ijw", "per_school")}
    klein_totaal = is_klein(mc.totaal_jeugdigen, drempel)
    d = mc.dvo
    dvo = DvoAandeel(teken, teken, teken, teken) if is_klein(d.toewijzingen, drempel) or klein_totaal else d
    o = mc.opschaling
    if is_klein(o.jeugdigen_eerste_toewijzing, drempel):
        ops = OpschalingCijfers(teken, teken, teken)
    elif is_klein(o.opgeschaald, drempel):
        ops = OpschalingCijfers(o.jeugdigen_eerste_toewijzing, teken, teken)
    else:
        ops = o
    s = mc.stapeling
    if klein_totaal:
        stap = StapelingCijfers(teken, teken, teken, teken, teken, teken, teken)
    else:
        def paar(paren, jeugdigen, p):
            return (teken, teken, teken) if is_klein(jeugdigen, drempel) or is_klein(paren, drempel) else (paren, jeugdigen, p)
        vp, vj, vpct = paar(s.verticaal_paren, s.verticaal_jeugdigen, s.pct_verticaal)
        hp, hj, hpct = paar(s.horizontaal_paren, s.horizontaal_jeugdigen, s.pct_horizontaal)
        stap = StapelingCijfers(s.jeugdigen_met_toewijzing, vp, vj, hp, hj, vpct, hpct)
    per_regel = _onderdruk_tabel(mc.stapeling_per_regel, JEUGDIGEN, ("Paren", JEUGDIGEN), drempel)
    return MatchedCare(
        mc.van, mc.tot,
        teken if klein_totaal else mc.totaal_toewijzingen,
        teken if klein_totaal else mc.totaal_jeugdigen,
        teken if klein_totaal else mc.totaal_kosten,
        dvo=dvo, opschaling=ops, stapeling=stap, stapeling_per_regel=per_regel,
        opschaling_lijst=[], stapeling_lijst=[],
        kosten_per_jaar=None if mc.kosten_per_jaar is None else onderdruk_kosten(mc.kosten_per_jaar, drempel),
        store=mc.store, **dims)


def onderdruk_kosten(df: pd.DataFrame, drempel: int) -> pd.DataFrame:
    """The cost table for publication: a cell made of 1..drempel-1 toewijzingen shows "<drempel"
    instead of an amount (one child's care cost must not be readable); when that happens to one
    cell of a year, the smallest other non-empty cell of that year goes too (the total would give
    it away). The total row stays unless it is itself made of too few toewijzingen."""
    n = df.attrs.get(AANTALLEN, {})
    out = df.astype(object)
    body = [k for k in df.index if k != TOTAAL]
    for jaar in df.columns:
        tel = {k: n.get((k, jaar), 0) for k in body}
        hidden = [k for k in body if is_klein(tel[k], drempel)]
        if len(hidden) == 1:
            others = [(tel[k], k) for k in body if k not in hidden and tel[k]]
            if others:
                hidden.append(min(others)[1])
        if TOTAAL in df.index and is_klein(sum(tel.values()), drempel):
            hidden.append(TOTAAL)
        for k in hidden:
            out.at[k, jaar] = marker(drempel)
    return out
