"""Generated demo stores look like a real team, as planned (jet_desktop/demo/plan.py): dossiers of months,
caseloads around the norm, the wachtlijst what capacity and intake make it, or exactly N waiting in a
crisis; and the summary says so. The figures are checked three ways: the stats the summary is made of,
the summary's own text, and the stored data read back through the services and plain SQL."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from jet_desktop.demo.generator import WACHTLIJST_MINIMUM, maak
from jet_desktop.demo.plan import DUUR_SCHAAL_GRENZEN
from jet_desktop.notatie import decimaal, getal
from jet_desktop.paths import sqlite_url
from jet_desktop.services import caseload, wachtlijst
from jet_desktop.storage.models import Dossier
from jet_desktop.storage.store import Store

VANDAAG = date(2026, 11, 25)
D = Dossier.__table__
# (jeugdigen, seed, wachtlijst): a tiny team, the GUI's first-start size, a team in a crisis
GEVALLEN = {"klein": (500, 3, None), "standaard": (2000, 1, None), "crisis": (2000, 4, 500)}


@pytest.fixture(scope="module", params=list(GEVALLEN))
def demo(request, tmp_path_factory):
    jeugdigen, seed, wacht = GEVALLEN[request.param]
    path = tmp_path_factory.mktemp("realisme") / "demo.db"
    uit = maak(sqlite_url(path), jeugdigen, seed, vandaag=VANDAAG, wachtlijst=wacht)
    store = Store.open_file(path)
    yield store, uit
    store.engine.dispose()


def gelezen(samenvatting: str) -> dict:
    """The realism figures as the summary writes them."""
    m = re.search(r"Realisme: een afgesloten dossier duurde gemiddeld ([\d.]+) dagen; een jeugdconsulent heeft "
                  r"gemiddeld ([\d.,]+) actieve dossiers bij een norm van ([\d.,]+) \(([\d.]+)%; per jeugdconsulent "
                  r"laagste ([\d.]+)%, hoogste ([\d.]+)% van de eigen norm\); ([\d.]+) aanmeldingen wachten op een "
                  r"jeugdconsulent\.", samenvatting)
    assert m, samenvatting
    return {"duur": m[1], "caseload": m[2], "norm": m[3], "pct": m[4], "laagste": m[5], "hoogste": m[6],
            "wachtend": m[7]}


def test_dossiers_last_months(demo):
    store, uit = demo
    r = uit.stats["realisme"]
    with store.engine.connect() as conn:
        dagen = conn.execute(select(func.avg(func.julianday(D.c.afgesloten_op) - func.julianday(D.c.geopend_op)))
                             .where(D.c.afgesloten_op.is_not(None))).scalar_one()
    assert r["duur_afgesloten"] == pytest.approx(dagen)
    assert 90 <= dagen <= 240
    assert 0.75 * uit.plan.duur_afgesloten <= dagen <= 1.3 * uit.plan.duur_afgesloten
    assert gelezen(uit.samenvatting)["duur"] == getal(dagen)


def test_caseload_per_consulent_sits_around_the_norm(demo):
    store, uit = demo
    r = uit.stats["realisme"]
    team = caseload.consulenten(store, VANDAAG)
    assert len(team) == uit.plan.consulenten
    belasting, cap = sum(c.belasting for c in team), sum(c.capaciteit for c in team)
    assert 0.85 <= belasting / cap <= 1.15
    # the plan's team fits its work: the lengths needed no more than the fine-tuning to reach capacity
    laag, hoog = DUUR_SCHAAL_GRENZEN
    assert laag <= uit.stats["duur_schaal"] <= hoog
    ratios = [c.belasting / c.capaciteit for c in team]
    assert r["caseload_gemiddeld"] == pytest.approx(belasting / len(team))
    assert r["norm_gemiddeld"] == pytest.approx(cap / len(team))
    assert r["ratio_gemiddeld"] == pytest.approx(belasting / cap)
    assert (r["ratio_min"], r["ratio_max"]) == pytest.approx((min(ratios), max(ratios)))
    assert 0.3 <= min(ratios) and max(ratios) <= 1.6  # nobody idle, nobody drowning
    tekst = gelezen(uit.samenvatting)
    assert tekst["caseload"] == decimaal(belasting / len(team)) and tekst["norm"] == decimaal(cap / len(team))
    assert tekst["pct"] == getal(100 * belasting / cap)
    assert (tekst["laagste"], tekst["hoogste"]) == (getal(100 * min(ratios)), getal(100 * max(ratios)))


def test_the_wachtlijst_is_what_capacity_and_intake_make_it(demo):
    store, uit = demo
    wachtend = wachtlijst.tel(store)
    assert uit.stats["realisme"]["wachtlijst"] == wachtend
    assert gelezen(uit.samenvatting)["wachtend"] == getal(wachtend)
    if uit.plan.wachtlijst is None:  # a normal team: a few weeks of JET intake
        assert WACHTLIJST_MINIMUM <= wachtend <= max(WACHTLIJST_MINIMUM + 5, 45 * uit.plan.jet_per_dag)
        assert "crisis" not in uit.samenvatting
    else:  # a team in a crisis: exactly what was asked
        assert wachtend == uit.plan.wachtlijst
        assert "Het team zit in een crisis" in uit.samenvatting


def test_a_crisis_keeps_the_spoed_aanmeldingen_moving_and_the_oldest_first():
    """Among the waiting of a crisis almost no spoed, and the normaal ones that wait are the newest."""
    from jet_desktop.storage.models import Aanmelding, Triagebesluit

    A, T = Aanmelding.__table__, Triagebesluit.__table__
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crisis.db"
        maak(sqlite_url(path), 1000, 2, vandaag=VANDAAG, wachtlijst=300)
        store = Store.open_file(path)
        with store.engine.connect() as conn:
            rows = conn.execute(select(T.c.urgentie, A.c.aanmelddatum, A.c.op_wachtlijst)
                                .join(T, T.c.id == A.c.huidig_besluit_id)
                                .where(T.c.uitkomst.in_(("zelf_oppakken", "specialistische_jeugdhulp")))).all()
        store.engine.dispose()
    wachtend = [r for r in rows if r.op_wachtlijst]
    assert len(wachtend) == 300
    assert sum(r.urgentie == "spoed" for r in wachtend) <= 3
    oudste_wachtende = min(r.aanmelddatum for r in wachtend if r.urgentie == "normaal")
    gestart_na = [r for r in rows if not r.op_wachtlijst and r.urgentie == "normaal"
                  and r.aanmelddatum > oudste_wachtende]
    assert len(gestart_na) < 0.1 * len(wachtend)  # first come, first served (returning jeugdigen excepted)


def test_a_wachtlijst_too_short_to_make_is_said_in_the_summary(tmp_path):
    """--wachtlijst 3 at 1,000 jeugdigen: a normal team already has more waiting; the summary names both
    numbers instead of claiming the 3 (the help said "precies")."""
    uit = maak(sqlite_url(tmp_path / "kort.db"), 1000, 1, vandaag=VANDAAG, wachtlijst=3)
    werkelijk = uit.stats["realisme"]["wachtlijst"]
    assert werkelijk > 3
    assert f"Gevraagd waren 3 wachtenden; bij 1.000 jeugdigen kan de wachtlijst niet zo kort worden gemaakt, " \
           f"het werden er {getal(werkelijk)}." in uit.samenvatting
    exact = maak(sqlite_url(tmp_path / "lang.db"), 1000, 1, vandaag=VANDAAG, wachtlijst=200)
    assert exact.stats["realisme"]["wachtlijst"] == 200 and "Gevraagd waren" not in exact.samenvatting
