"""The monitor's SQL (its index-range branches) against a straightforward Python computation.

A small store is generated at random (seeded): aanmeldingen with and without a triagebesluit,
revised decisions, handovers, dossiers open and closed with every afsluitreden, decisions revised
after the dossier opened, deleted aanmeldingen, contactmomenten and toewijzingen (some deleted),
youths with several aanmeldingen, imported trajects of every toegangsvorm. For many periods (with
boundaries on and next to the dates in the data) every figure of `bereken()` must equal the one
computed here in Python, directly from domain.md's definitions and domain.monitor's mapping of
JET's own trajects, over ALL rows (no pre-filter of the trajects that can count).

The generated `op_wachtlijst` flag is what the services keep (the decision in force sends the case
to JET and there is no dossier); the monitor's wachtlijst branch reads it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jet_desktop.domain import monitor as defs
from jet_desktop.domain.enums import JET_UITKOMSTEN, Afsluitreden, Toegangsvorm, TrajectUitkomst, TriageUitkomst
from jet_desktop.reports import monitor
from jet_desktop.storage.models import (
    Aanmelding,
    Contactmoment,
    Dossier,
    Gezin,
    Jeugdige,
    Medewerker,
    ToegangImport,
    ToegangTraject,
    Toewijzing,
    Triagebesluit,
    utcnow,
)

BEGIN, EINDE = date(2023, 1, 1), date(2025, 12, 31)
DAGEN = (EINDE - BEGIN).days


def _dag(rng: random.Random, na: date | None = None, spreiding: int = 200) -> date:
    if na is None:
        return BEGIN + timedelta(days=rng.randrange(DAGEN))
    return na + timedelta(days=rng.choice([0, 0, 1, rng.randrange(spreiding)]))


def genereer(store, seed: int, aanmeldingen: int = 90, geimporteerd: int = 70) -> dict:
    """Insert a random store; returns the rows as plain dicts (for the Python computation)."""
    rng = random.Random(seed)
    rows: dict[str, list[dict]] = defaultdict(list)
    gezin = store.new_row(naam="Gezin")
    rows["gezin"].append(gezin)
    mw = store.new_row(naam="Consulent", rol="jeugdconsulent")
    rows["medewerker"].append(mw)
    jeugdigen = [store.new_row(gezin_id=gezin["id"], voornaam=f"J{i}", achternaam="X") for i in range(30)]
    rows["jeugdige"] += jeugdigen
    uitkomsten = [u.value for u in TriageUitkomst]
    redenen = [r.value for r in Afsluitreden] + [""]
    for i in range(aanmeldingen):
        start = _dag(rng)
        a = store.new_row(dossiernummer=f"D{seed}-{i}", jeugdige_id=rng.choice(jeugdigen)["id"], aanmelddatum=start,
                          verwijzer_route="huisarts", huidig_besluit_id=None, op_wachtlijst=False,
                          deleted_at=utcnow() if rng.random() < 0.08 else None)
        rows["aanmelding"].append(a)
        besluit = None
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):  # a chain of decisions, the last one in force
            besluit = store.new_row(aanmelding_id=a["id"], besloten_op=_dag(rng, start, 60),
                                    uitkomst=rng.choice(uitkomsten), urgentie="normaal", motivering="m",
                                    vorig_besluit_id=besluit["id"] if besluit else None)
            rows["triagebesluit"].append(besluit)
        a["huidig_besluit_id"] = besluit["id"] if besluit else None
        naar_jet = besluit is not None and besluit["uitkomst"] in JET_UITKOMSTEN
        # a dossier: mostly after a decision to JET, now and then after a revised (handover) decision or none
        if rng.random() < (0.75 if naar_jet else 0.1):
            geopend = _dag(rng, besluit["besloten_op"] if besluit else start, 90)
            gesloten = _dag(rng, geopend, 300) if rng.random() < 0.7 else None
            d = store.new_row(aanmelding_id=a["id"], geopend_op=geopend, consulent_id=mw["id"], afgesloten_op=gesloten,
                              afsluitreden=rng.choice(redenen) if gesloten else "")
            rows["dossier"].append(d)
            for _ in range(rng.choice([0, 1, 2, 3, 5, 6])):
                rows["contactmoment"].append(store.new_row(
                    dossier_id=d["id"], datum=geopend, type="huisbezoek",
                    deleted_at=utcnow() if rng.random() < 0.15 else None))
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                rows["toewijzing"].append(store.new_row(
                    dossier_id=d["id"], productcategorie="45", intensiteit="licht", aanbieder="x", startdatum=geopend,
                    deleted_at=utcnow() if rng.random() < 0.3 else None))
        else:
            a["op_wachtlijst"] = naar_jet  # kept by the services: to JET and no dossier yet
    vormen = [v.value for v in Toegangsvorm]
    traject_uitkomsten = [u.value for u in TrajectUitkomst]
    imp = store.new_row(bestandsnaam="t.csv", sha256=f"{seed:064d}", rijen=geimporteerd, nieuw=geimporteerd)
    rows["toegangimport"].append(imp)
    gezien = set()
    while len(rows["toegangtraject"]) < geimporteerd:
        vorm, client, start = rng.choice(vormen), f"c{rng.randrange(25)}", _dag(rng)
        if (vorm, client, start) in gezien:
            continue
        gezien.add((vorm, client, start))
        einde = _dag(rng, start, 150) if rng.random() < 0.8 else None
        rows["toegangtraject"].append(store.new_row(
            toegangsvorm=vorm, client_id=client, startdatum=start, einddatum=einde, gesprekken=rng.randrange(8),
            uitkomst=rng.choice(traject_uitkomsten) if einde else "", import_id=imp["id"]))
    with store.engine.begin() as conn:
        for model in (Gezin, Medewerker, Jeugdige, Aanmelding, Triagebesluit, Dossier, Contactmoment, Toewijzing,
                      ToegangImport, ToegangTraject):
            lijst = rows[model.__tablename__]
            if lijst:
                conn.execute(model.__table__.insert(), lijst)
    return rows


def trajecten(rows: dict) -> list[tuple]:
    """(toegangsvorm, client_id, start, einde, gesprekken, uitkomst) of every traject, JET's derived in Python."""
    besluiten = {t["id"]: t for t in rows["triagebesluit"]}
    dossiers = {d["aanmelding_id"]: d for d in rows["dossier"]}
    gesprekken = defaultdict(int)
    for c in rows["contactmoment"]:
        if c["deleted_at"] is None:
            gesprekken[c["dossier_id"]] += 1
    toegewezen = {w["dossier_id"] for w in rows["toewijzing"] if w["deleted_at"] is None}
    uit = [(t["toegangsvorm"], t["client_id"], t["startdatum"], t["einddatum"], t["gesprekken"], t["uitkomst"])
           for t in rows["toegangtraject"]]
    for a in rows["aanmelding"]:
        if a["deleted_at"] is not None:
            continue
        t = besluiten.get(a["huidig_besluit_id"])
        d = dossiers.get(a["id"])
        besluit, besloten_op = (t["uitkomst"], t["besloten_op"]) if t else (None, None)
        afgesloten = d["afgesloten_op"] if d else None
        einde = defs.jet_einddatum(besluit, besloten_op, d is not None, afgesloten)
        uitkomst = defs.jet_uitkomst(besluit, d is not None, afgesloten, d["afsluitreden"] if d else "",
                                     d is not None and d["id"] in toegewezen)
        uit.append((Toegangsvorm.JET.value, str(a["jeugdige_id"]), a["aanmelddatum"], einde,
                    gesprekken[d["id"]] if d else 0, uitkomst))
    return uit


def verwacht(alle: list[tuple], vorm: str, van: date, tot: date) -> dict:
    """The figures of domain.md, literally, over every traject of `vorm`."""
    rij = [t for t in alle if t[0] == vorm]
    afg = [t for t in rij if t[3] is not None and van <= t[3] <= tot]
    eigen = [t for t in afg if t[5] == TrajectUitkomst.ZELF_GEHOLPEN.value]

    def jeugdigen(uitkomst):
        return len({t[1] for t in afg if t[5] == uitkomst})

    return {
        "afgesloten_trajecten": len(afg),
        "jeugdigen_gezien": len({t[1] for t in rij if t[2] <= tot and (t[3] is None or t[3] >= van)}),
        "zelf_geholpen": jeugdigen(TrajectUitkomst.ZELF_GEHOLPEN.value),
        "voorliggend_veld": jeugdigen(TrajectUitkomst.VOORLIGGEND_VELD.value),
        "specialistische_jeugdhulp": jeugdigen(TrajectUitkomst.SPECIALISTISCH.value),
        "via_jeugdexpertteam": jeugdigen(TrajectUitkomst.VIA_JET.value),
        "gestopt": jeugdigen(TrajectUitkomst.GESTOPT.value),
        "lopend": len({t[1] for t in rij if t[2] <= tot and (t[3] is None or t[3] > tot)}),
        "gesprekken": sum(t[4] for t in afg),
        "trajecten_zelf_geholpen": len(eigen),
        "trajecten_voorliggend_veld": sum(t[5] == TrajectUitkomst.VOORLIGGEND_VELD.value for t in afg),
        "trajecten_doorverwezen": sum(t[5] in (TrajectUitkomst.SPECIALISTISCH.value, TrajectUitkomst.VIA_JET.value)
                                      for t in afg),
        "eigen_binnen_2_gesprekken": sum(t[4] <= 2 for t in eigen),
        "eigen_binnen_5_gesprekken": sum(t[4] <= 5 for t in eigen),
        "eigen_binnen_10_weken": sum((t[3] - t[2]).days <= defs.DAGEN_10_WEKEN for t in eigen),
    }


def perioden(rows: dict, rng: random.Random, n: int) -> list[tuple[date, date]]:
    """Random periods whose boundaries lie on, or a day next to, dates in the data."""
    datums = sorted({v for lijst in rows.values() for r in lijst for k, v in r.items()
                     if isinstance(v, date) and k in ("aanmelddatum", "besloten_op", "afgesloten_op", "geopend_op",
                                                      "startdatum", "einddatum")})
    uit = [(BEGIN, EINDE), (date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 4, 1), date(2024, 6, 30))]
    while len(uit) < n:
        a, b = sorted(rng.choice(datums) + timedelta(days=rng.choice([-1, 0, 0, 1])) for _ in range(2))
        uit.append((a, b))
    return uit


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bereken_equals_python_over_every_traject(any_store, seed):
    rows = genereer(any_store, seed)
    alle = trajecten(rows)
    # the generated store covers the branches: closed and open dossiers, handovers, no decision, wachtlijst
    jet = [t for t in alle if t[0] == Toegangsvorm.JET.value]
    assert any(t[3] is None for t in jet) and any(t[3] is not None for t in jet)
    assert any(a["op_wachtlijst"] and a["deleted_at"] is None for a in rows["aanmelding"])
    assert any(a["huidig_besluit_id"] is None and a["deleted_at"] is None for a in rows["aanmelding"])
    rng = random.Random(seed * 1000)
    for van, tot in perioden(rows, rng, 12):
        uitkomst = monitor.bereken(any_store, van, tot)
        for vorm in Toegangsvorm:
            got = {k: v for k, v in vars(uitkomst.rij(vorm)).items() if k != "toegangsvorm"}
            assert got == verwacht(alle, vorm.value, van, tot), (vorm, van, tot)


def test_periods_short_and_long_both_read():
    """The monitor reads the imported trajects two ways (monitor.LANGE_PERIODE): the periods cover both."""
    uit = perioden({"x": [{"startdatum": BEGIN}, {"startdatum": EINDE}]}, random.Random(1), 3)
    assert any((tot - van).days + 1 >= monitor.LANGE_PERIODE for van, tot in uit)
    assert any((tot - van).days + 1 < monitor.LANGE_PERIODE for van, tot in uit)


def test_youth_imported_as_jeugdexpertteam_and_in_jet_is_one_youth(any_store):
    """An imported jeugdexpertteam traject of a youth who also has a JET traject of its own: one youth
    (the two are grouped together per client before counting)."""
    rows = genereer(any_store, 1)
    jet = monitor.jet_trajecten(BEGIN, EINDE).subquery()
    with any_store.engine.connect() as conn:
        client = conn.execute(select(jet.c.client_id).where(jet.c.einddatum.is_(None))).first()[0]
    voor = monitor.bereken(any_store, BEGIN, EINDE).rij(Toegangsvorm.JET)
    with any_store.engine.begin() as conn:
        conn.execute(ToegangTraject.__table__.insert(), [any_store.new_row(
            toegangsvorm=Toegangsvorm.JET.value, client_id=client, startdatum=BEGIN, einddatum=None, gesprekken=0,
            uitkomst="", import_id=rows["toegangimport"][0]["id"])])
    na = monitor.bereken(any_store, BEGIN, EINDE).rij(Toegangsvorm.JET)
    assert na == voor and na.jeugdigen_gezien > 0 and na.lopend > 0
