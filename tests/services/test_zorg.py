"""The ondersteuningsplan and toewijzingen of a dossier (services/zorg.py), on SQLite and PostgreSQL."""

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import dossiers, zorg
from jet_desktop.services.zorg import PlanInvoer, ToewijzingInvoer
from jet_desktop.storage.models import Dossier, Ondersteuningsplan, Toewijzing
from jet_desktop.storage.store import StaleEditError, Store

D, P, TW = Dossier.__table__, Ondersteuningsplan.__table__, Toewijzing.__table__
GEOPEND = date(2026, 11, 10)
AMBULANT = ToewijzingInvoer("45", "Gezinsbehandeling thuis", "middel", "fjild", date(2026, 11, 16), None, 6500)


@pytest.fixture
def did(any_store, jet):
    return jet.dossier(any_store, jet.consulent(any_store, "Anouk"), geopend_op=GEOPEND)


def plan(**kw):
    values = dict(va_kind="Angstig, slaapt slecht.", va_ouders="Moeder overbelast.", va_school="Thuiszitter.",
                  va_netwerk="Oma helpt.", va_bestaanszekerheid="Schulden.", doelen="Weer naar school.",
                  vastgesteld_op=date(2026, 11, 20), evaluatiedatum=date(2027, 2, 20))
    values.update(kw)
    return PlanInvoer(**values)


# ------------------------------------------------------------------------------------------ the plan

def test_plan_is_inserted_then_updated_under_the_lock(any_store, did):
    assert zorg.ondersteuningsplan(any_store, did) is None
    pid = zorg.sla_plan_op(any_store, did, None, plan(va_kind="  Angstig.  ", vastgesteld_op=None))
    p = zorg.ondersteuningsplan(any_store, did)
    assert (p.id, p.version, p.va_kind, p.va_bestaanszekerheid, p.vastgesteld_op) == (
        pid, 1, "Angstig.", "Schulden.", None)
    assert zorg.sla_plan_op(any_store, did, 1, plan(doelen="Naar school en sport.")) == pid
    p = zorg.ondersteuningsplan(any_store, did)
    assert (p.version, p.doelen, p.evaluatiedatum, p.updated_by) == (2, "Naar school en sport.", date(2027, 2, 20),
                                                                     "Test Gebruiker")


def test_stale_plan_save_is_refused_and_keeps_the_other_edit(any_store, did):
    zorg.sla_plan_op(any_store, did, None, plan())
    collega = Store(any_store.engine, user="Bram Collega")
    zorg.sla_plan_op(collega, did, 1, plan(doelen="Doelen van Bram."))
    with pytest.raises(StaleEditError) as exc:
        zorg.sla_plan_op(any_store, did, 1, plan(doelen="Mijn doelen."))
    assert "Bram Collega" in str(exc.value)
    p = zorg.ondersteuningsplan(any_store, did)
    assert (p.version, p.doelen) == (2, "Doelen van Bram.")


def test_a_second_first_save_is_stale_not_a_second_plan(any_store, did, jet):
    zorg.sla_plan_op(Store(any_store.engine, user="Bram Collega"), did, None, plan())
    with pytest.raises(StaleEditError, match="Bram Collega"):
        zorg.sla_plan_op(any_store, did, None, plan(doelen="Ook een plan."))
    assert jet.count(any_store, P) == 1


@pytest.mark.parametrize("kw, field", [
    (dict(doelen="  "), "doelen"),  # vastgesteld without goals
    (dict(evaluatiedatum=date(2026, 11, 20)), "evaluatiedatum"),  # not after vastgesteld_op
    (dict(evaluatiedatum=date(2026, 11, 1)), "evaluatiedatum"),
])
def test_plan_validation_names_the_field_and_saves_nothing(any_store, did, jet, kw, field):
    with pytest.raises(ValidationError) as exc:
        zorg.sla_plan_op(any_store, did, None, plan(**kw))
    assert exc.value.for_field(field)
    assert jet.count(any_store, P) == 0


def test_a_draft_plan_without_goals_may_be_saved(any_store, did):
    zorg.sla_plan_op(any_store, did, None, plan(doelen="", vastgesteld_op=None))
    assert zorg.ondersteuningsplan(any_store, did).doelen == ""


def test_plan_on_a_closed_dossier_is_refused(any_store, did, jet):
    zorg.sla_plan_op(any_store, did, None, plan())
    dossiers.sluit_af(any_store, did, jet.version(any_store, D, did), jet.vandaag, "doelen_bereikt", "", jet.vandaag)
    with pytest.raises(ValidationError) as exc:
        zorg.sla_plan_op(any_store, did, 1, plan(doelen="Na afsluiten."))
    assert "afgesloten" in exc.value.for_field("dossier")
    assert zorg.ondersteuningsplan(any_store, did).doelen == "Weer naar school."


# ---------------------------------------------------------------------------------------- toewijzingen

def test_toewijzingen_are_saved_and_listed_by_start(any_store, did):
    later = zorg.voeg_toewijzing_toe(any_store, did, replace(AMBULANT, startdatum=date(2026, 12, 1)))
    dvo = zorg.voeg_toewijzing_toe(any_store, did, replace(
        AMBULANT, productcategorie="41", product="Dagbehandeling op maat", intensiteit="zwaar", aanbieder="opstap",
        contractvorm="dvo", dvo_motivering="  Geen gecontracteerd profiel voor LVB met autisme.  ",
        einddatum=date(2027, 5, 16), geschatte_kosten=18000))
    rows = zorg.toewijzingen(any_store, did)
    assert [r.id for r in rows] == [dvo, later]  # the DVO starts 16-11, the other 01-12
    r = rows[0]
    assert (r.productcategorie, r.intensiteit, r.aanbieder, r.einddatum, r.geschatte_kosten, r.is_dvo,
            r.dvo_motivering, r.version) == ("41", "zwaar", "opstap", date(2027, 5, 16), 18000, True,
                                             "Geen gecontracteerd profiel voor LVB met autisme.", 1)
    assert rows[1].is_dvo is False and rows[1].dvo_motivering == ""


def test_dvo_without_motivering_is_refused_on_the_field_and_nothing_written(any_store, did, jet):
    with pytest.raises(ValidationError) as exc:
        zorg.voeg_toewijzing_toe(any_store, did, replace(AMBULANT, contractvorm="dvo", dvo_motivering=" "))
    assert [e.field for e in exc.value.errors] == ["dvo_motivering"]
    assert "Motivering DVO: verplicht" in exc.value.for_field("dvo_motivering")
    assert jet.count(any_store, TW) == 0


@pytest.mark.parametrize("kw, field", [
    (dict(productcategorie="51"), "productcategorie"),
    (dict(intensiteit="heel_zwaar"), "intensiteit"),
    (dict(aanbieder="niet_gecontracteerd"), "aanbieder"),
    (dict(product=""), "product"),
    (dict(startdatum=date(2026, 11, 9)), "startdatum"),  # before geopend_op 10-11
    (dict(einddatum=date(2026, 11, 15)), "einddatum"),
    (dict(geschatte_kosten=-100), "geschatte_kosten"),
    (dict(contractvorm="pgb"), "contractvorm"),
])
def test_codes_and_dates_are_validated(any_store, did, jet, kw, field):
    with pytest.raises(ValidationError) as exc:
        zorg.voeg_toewijzing_toe(any_store, did, replace(AMBULANT, **kw))
    assert exc.value.for_field(field)
    assert jet.count(any_store, TW) == 0


def test_every_code_of_the_lists_is_accepted(any_store, did):
    from jet_desktop.services import codelijsten

    lijsten = codelijsten.lijsten(any_store)

    for p, i, a in zip([p.code for p in lijsten.productcategorieen], [i.code for i in lijsten.intensiteiten] * 3,
                       [a.code for a in lijsten.aanbieders] * 2):
        zorg.voeg_toewijzing_toe(any_store, did, replace(AMBULANT, productcategorie=p, intensiteit=i, aanbieder=a))
    assert len(zorg.toewijzingen(any_store, did)) == len(lijsten.productcategorieen)


def test_wijzig_and_beeindig_under_the_lock(any_store, did):
    tid = zorg.voeg_toewijzing_toe(any_store, did, AMBULANT)
    assert zorg.wijzig_toewijzing(any_store, tid, 1, replace(AMBULANT, intensiteit="zwaar",
                                                             geschatte_kosten=9000)) == 2
    with pytest.raises(StaleEditError):
        zorg.beeindig_toewijzing(any_store, tid, 1, date(2027, 1, 31))
    with pytest.raises(ValidationError) as exc:
        zorg.beeindig_toewijzing(any_store, tid, 2, date(2026, 11, 1))
    assert exc.value.for_field("einddatum")
    assert zorg.beeindig_toewijzing(any_store, tid, 2, date(2027, 1, 31)) == 3
    [r] = zorg.toewijzingen(any_store, did)
    assert (r.intensiteit, r.geschatte_kosten, r.einddatum, r.version) == ("zwaar", 9000, date(2027, 1, 31), 3)


def test_wijzig_refuses_a_dvo_without_motivering(any_store, did):
    tid = zorg.voeg_toewijzing_toe(any_store, did, AMBULANT)
    with pytest.raises(ValidationError) as exc:
        zorg.wijzig_toewijzing(any_store, tid, 1, replace(AMBULANT, contractvorm="dvo"))
    assert exc.value.for_field("dvo_motivering")
    assert zorg.toewijzingen(any_store, did)[0].contractvorm == "profiel"


def test_verwijderen_is_a_tombstone_that_keeps_the_row(any_store, did, jet):
    tid = zorg.voeg_toewijzing_toe(any_store, did, AMBULANT)
    zorg.verwijder_toewijzing(any_store, tid, 1)
    assert zorg.toewijzingen(any_store, did) == []
    with any_store.engine.connect() as conn:
        row = conn.execute(select(TW).where(TW.c.id == tid)).one()
    assert row.deleted_at is not None and row.version == 2 and row.product == "Gezinsbehandeling thuis"
    assert jet.count(any_store, TW) == 1
    with pytest.raises(StaleEditError, match="bestaat niet meer"):
        zorg.wijzig_toewijzing(any_store, tid, 2, AMBULANT)


def test_no_new_toewijzing_on_a_closed_or_unknown_dossier(any_store, did, jet):
    with pytest.raises(ValidationError) as exc:
        zorg.voeg_toewijzing_toe(any_store, uuid.uuid4(), AMBULANT)
    assert exc.value.for_field("dossier")
    dossiers.sluit_af(any_store, did, jet.version(any_store, D, did), jet.vandaag, "doelen_bereikt", "", jet.vandaag)
    with pytest.raises(ValidationError) as exc:
        zorg.voeg_toewijzing_toe(any_store, did, AMBULANT)
    assert "afgesloten" in exc.value.for_field("dossier")
    assert jet.count(any_store, TW) == 0
