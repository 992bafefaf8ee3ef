"""The demo generator: reproducible, consistent, realistic, and never mixed into real data."""

from datetime import date

import pytest
from sqlalchemy import func, select
from stdnum.nl import bsn as stdnum_bsn

from jet_desktop.codelists import uit_bestanden
from jet_desktop.demo.generator import generate
from jet_desktop.demo.plan import maak_plan
from jet_desktop.domain.age import leeftijd_fouten
from jet_desktop.domain.enums import JET_UITKOMSTEN
from jet_desktop.paths import sqlite_url
from jet_desktop.services import caseload, triage, wachtlijst
from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige, Ondersteuningsplan, Toewijzing, Triagebesluit
from jet_desktop.storage.store import Store

VANDAAG = date(2026, 11, 25)
A, J, T, D = Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__, Dossier.__table__
TW, OP = Toewijzing.__table__, Ondersteuningsplan.__table__


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = generate(sqlite_url(path), jeugdigen=1000, seed=5, vandaag=VANDAAG)
    return Store.open_file(path), summary


def snapshot(store):
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.id, A.c.dossiernummer, J.c.voornaam, J.c.achternaam, J.c.bsn)
                            .join(J, J.c.id == A.c.jeugdige_id).order_by(A.c.dossiernummer)).all()


def zorg_snapshot(store):
    with store.engine.connect() as conn:
        toewijzingen = conn.execute(select(TW).order_by(TW.c.id)).all()
        plannen = conn.execute(select(OP).order_by(OP.c.id)).all()
    assert toewijzingen and plannen
    return toewijzingen, plannen


def test_same_seed_same_data_other_seed_other_data(demo, tmp_path):
    store, _ = demo
    again = tmp_path / "again.db"
    generate(sqlite_url(again), jeugdigen=1000, seed=5, vandaag=VANDAAG)
    assert snapshot(Store.open_file(again)) == snapshot(store)
    assert zorg_snapshot(Store.open_file(again)) == zorg_snapshot(store)
    other = tmp_path / "other.db"
    generate(sqlite_url(other), jeugdigen=1000, seed=6, vandaag=VANDAAG)
    assert snapshot(Store.open_file(other)) != snapshot(store)
    assert zorg_snapshot(Store.open_file(other)) != zorg_snapshot(store)


def test_refuses_a_store_with_aanmeldingen(demo):
    store, _ = demo
    with pytest.raises(ValueError, match="al aanmeldingen"):
        generate(str(store.engine.url), jeugdigen=100, seed=1, vandaag=VANDAAG)


def test_counts_and_links_are_consistent(demo):
    store, summary = demo
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(J)).scalar_one() == 1000
        # every decision in force belongs to its own aanmelding
        bad = conn.execute(select(func.count()).select_from(A).join(T, T.c.id == A.c.huidig_besluit_id)
                           .where(T.c.aanmelding_id != A.c.id)).scalar_one()
        assert bad == 0
        revised = conn.execute(select(func.count()).where(T.c.vorig_besluit_id.is_not(None))).scalar_one()
        assert revised > 0
        # dossiers only for JET outcomes, dates in order
        rows = conn.execute(select(D.c.geopend_op, D.c.afgesloten_op, A.c.aanmelddatum, T.c.uitkomst)
                            .join(A, A.c.id == D.c.aanmelding_id).join(T, T.c.id == A.c.huidig_besluit_id)).all()
    assert rows and all(r.uitkomst in JET_UITKOMSTEN for r in rows)
    assert all(r.aanmelddatum <= r.geopend_op <= (r.afgesloten_op or VANDAAG) <= VANDAAG for r in rows)
    assert "1.000 jeugdigen" in summary  # Dutch thousands separator
    with store.engine.connect() as conn:
        n_aanmeldingen = conn.execute(select(func.count()).select_from(A)).scalar_one()
    assert f"{n_aanmeldingen:,}".replace(",", ".") + " aanmeldingen" in summary


def test_wachtlijst_triage_queue_and_breaches_have_something_to_show(demo):
    store, _ = demo
    per = wachtlijst.per_urgentie(store)
    assert sum(per.values()) >= 10
    from jet_desktop.domain.enums import Urgentie
    from jet_desktop.domain.wachttijd import Signaal, WachttijdNormen, start_signaal
    rows = wachtlijst.alle(store)
    signals = {start_signaal(Urgentie(r.urgentie), r.aanmelddatum, VANDAAG, WachttijdNormen()) for r in rows}
    assert Signaal.OVERSCHREDEN in signals and Signaal.GEEN in signals
    assert len(triage.triage_wachtrij(store, VANDAAG)) >= 8


def test_people_are_valid(demo):
    store, _ = demo
    with store.engine.connect() as conn:
        rows = conn.execute(select(J.c.bsn, J.c.geboortedatum, J.c.uitgerekende_datum, A.c.aanmelddatum)
                            .join(A, A.c.jeugdige_id == J.c.id)).all()
    bsns = [r.bsn for r in rows if r.bsn]
    assert len(bsns) > 0.7 * len(rows) and all(stdnum_bsn.is_valid(b) for b in bsns)
    assert all(leeftijd_fouten(r.geboortedatum, r.uitgerekende_datum, r.aanmelddatum) == [] for r in rows)


def test_mostly_external_referrers(demo):
    store, _ = demo
    extern = {r.route for r in uit_bestanden().verwijzers if r.extern}
    with store.engine.connect() as conn:
        routes = [r for (r,) in conn.execute(select(A.c.verwijzer_route))]
    share = sum(r in extern for r in routes) / len(routes)
    assert 0.6 <= share <= 0.85


def test_team_and_caseload_near_capacity(demo):
    store, _ = demo
    team = caseload.consulenten(store, VANDAAG)
    assert len(team) == maak_plan(1000, VANDAAG).consulenten  # as big as its work (plan.py): 7 for 1,000
    assert any(c.afwezig_tot for c in team)  # someone is absent today
    load, cap = sum(c.belasting for c in team), sum(c.capaciteit for c in team)
    assert 0.85 * cap <= load <= 1.15 * cap


def test_small_batches_keep_foreign_keys_intact(tmp_path, monkeypatch):
    import jet_desktop.demo.generator as gen

    monkeypatch.setattr(gen, "BATCH", 13)  # a flush at every odd moment, as in a 100,000 run
    summary = gen.generate(sqlite_url(tmp_path / "small.db"), jeugdigen=300, seed=2, vandaag=VANDAAG)
    assert "300 jeugdigen" in summary


def test_wachtlijst_flag_agrees_with_its_definition(demo):
    """op_wachtlijst is derived: JET outcome in force and no dossier (docs/wachttijd.md)."""
    store, _ = demo
    from sqlalchemy import exists

    with store.engine.connect() as conn:
        flagged = set(conn.execute(select(A.c.id).where(A.c.op_wachtlijst.is_(True))).scalars())
        derived = set(conn.execute(
            select(A.c.id).join(T, T.c.id == A.c.huidig_besluit_id)
            .where(T.c.uitkomst.in_(JET_UITKOMSTEN), ~exists().where(D.c.aanmelding_id == A.c.id))).scalars())
    assert flagged == derived and flagged


# ---- care in the dossiers: toewijzingen and ondersteuningsplannen

def toewijzingen(store):
    with store.engine.connect() as conn:
        return conn.execute(
            select(TW, D.c.geopend_op, D.c.afgesloten_op, T.c.uitkomst).join(D, D.c.id == TW.c.dossier_id)
            .join(A, A.c.id == D.c.aanmelding_id).join(T, T.c.id == A.c.huidig_besluit_id)).all()


def test_toewijzingen_only_on_jet_dossiers_within_their_dates(demo, jet_codes):
    store, summary = demo
    rows = toewijzingen(store)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(TW)).scalar_one() == len(rows) > 100
    assert {r.uitkomst for r in rows} == {"specialistische_jeugdhulp", "zelf_oppakken"}
    assert all(r.geopend_op <= r.startdatum <= VANDAAG for r in rows)
    assert all(r.einddatum is None or r.einddatum >= r.startdatum for r in rows)
    # registered while the dossier was open (stamps derive from the dates)
    assert all(r.created_at.date() <= (r.afgesloten_op or VANDAAG) for r in rows)
    cats, niveaus, aanbieders = jet_codes
    assert {r.productcategorie for r in rows} <= cats and {r.intensiteit for r in rows} <= set(niveaus)
    assert {r.aanbieder for r in rows} <= aanbieders
    assert all(r.geschatte_kosten > 0 and r.deleted_at is None and r.product for r in rows)
    # mostly ambulant, ambulant costs in the contracted range
    per_cat = {c: sum(r.productcategorie == c for r in rows) for c in cats}
    assert per_cat["45"] > len(rows) / 2 and per_cat["41"] > 0 and per_cat["43"] + per_cat["44"] > 0
    assert all(2000 <= r.geschatte_kosten <= 15000 for r in rows if r.productcategorie == "45")
    # most specialistische_jeugdhulp dossiers have care, few zelf_oppakken ones
    with store.engine.connect() as conn:
        dossiers = dict(conn.execute(select(T.c.uitkomst, func.count()).select_from(D)
                                     .join(A, A.c.id == D.c.aanmelding_id).join(T, T.c.id == A.c.huidig_besluit_id)
                                     .group_by(T.c.uitkomst)).all())
    met = {u: len({r.dossier_id for r in rows if r.uitkomst == u}) for u in dossiers}
    assert met["specialistische_jeugdhulp"] > 0.6 * dossiers["specialistische_jeugdhulp"]
    assert 0.05 * dossiers["zelf_oppakken"] < met["zelf_oppakken"] < 0.25 * dossiers["zelf_oppakken"]
    assert f"{len(rows):,}".replace(",", ".") + " toewijzingen" in summary


def test_dvo_is_the_exception_and_always_motivated(demo):
    store, _ = demo
    rows = toewijzingen(store)
    dvo = [r for r in rows if r.contractvorm == "dvo"]
    assert 0.03 * len(rows) <= len(dvo) <= 0.15 * len(rows)
    assert all(r.dvo_motivering.strip() for r in dvo)
    assert all(r.dvo_motivering == "" for r in rows if r.contractvorm == "profiel")
    assert {r.contractvorm for r in rows} == {"dvo", "profiel"}


def test_step_ups_and_stapeling_exist(demo, jet_codes):
    store, _ = demo
    _, niveaus, _ = jet_codes
    per_dossier: dict = {}
    for r in toewijzingen(store):
        per_dossier.setdefault(r.dossier_id, []).append(r)
    opschaling = overlap = na_elkaar = 0
    for rows in per_dossier.values():
        rows.sort(key=lambda r: r.startdatum)
        eerste = rows[0]
        opschaling += any((r.startdatum - eerste.startdatum).days <= 180
                          and niveaus[r.intensiteit] > niveaus[eerste.intensiteit] for r in rows[1:])
        for a, b in zip(rows, rows[1:]):
            if a.einddatum is None or b.startdatum <= a.einddatum:
                overlap += 1
            elif (b.startdatum - a.einddatum).days <= 42:
                na_elkaar += 1
    assert opschaling >= 1 and overlap >= 1 and na_elkaar >= 1
    assert 0.03 * len(per_dossier) <= opschaling <= 0.2 * len(per_dossier)


def test_plans_for_most_active_and_many_closed_dossiers(demo):
    store, _ = demo
    with store.engine.connect() as conn:
        rows = conn.execute(select(OP, D.c.geopend_op, D.c.afgesloten_op).join(D, D.c.id == OP.c.dossier_id)).all()
        actief = conn.execute(select(func.count()).where(D.c.afgesloten_op.is_(None))).scalar_one()
        gesloten = conn.execute(select(func.count()).where(D.c.afgesloten_op.is_not(None))).scalar_one()
    assert sum(r.afgesloten_op is None for r in rows) > 0.7 * actief
    assert sum(r.afgesloten_op is not None for r in rows) > 0.4 * gesloten
    vastgesteld = [r for r in rows if r.vastgesteld_op]
    assert len(vastgesteld) > 0.8 * len(rows)
    # the rules of services.zorg hold for demo plans too
    assert all(r.doelen and r.evaluatiedatum > r.vastgesteld_op >= r.geopend_op for r in vastgesteld)
    assert all(r.va_kind and r.va_ouders and r.va_school for r in rows)


@pytest.fixture(scope="module")
def jet_codes():
    lijsten = uit_bestanden()

    return ({p.code for p in lijsten.productcategorieen}, {i.code: i.niveau for i in lijsten.intensiteiten},
            {a.code for a in lijsten.aanbieders})
