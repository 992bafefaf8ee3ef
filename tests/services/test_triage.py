"""Triage: the queue, decisions, revisions kept as history, the link to the wachtlijst."""

from datetime import date

import pytest

from jet_desktop.domain.enums import Rol, TriageUitkomst, Urgentie
from jet_desktop.domain.errors import ValidationError
from jet_desktop.domain.wachttijd import Signaal
from jet_desktop.services import medewerkers, triage, wachtlijst
from jet_desktop.storage.models import Aanmelding, Triagebesluit
from jet_desktop.storage.store import StaleEditError, Store

A, T = Aanmelding.__table__, Triagebesluit.__table__


def in_queue(store, jet):
    return [r.aanmelding_id for r in triage.triage_wachtrij(store, jet.vandaag)]


def on_wachtlijst(store):
    return [r.aanmelding_id for r in wachtlijst.alle(store)]


@pytest.mark.parametrize("uitkomst, organisatie, to_wachtlijst", [
    ("zelf_oppakken", "", True),
    ("specialistische_jeugdhulp", "", True),
    ("voorliggend_veld", "Buurtgezinnen", False),
    ("veiligheid", "Veilig Thuis", False),
    ("ander_domein", "Wmo-loket", False),
    ("geen_hulp", "", False),
])
def test_decision_moves_from_triage_queue_to_wachtlijst_only_for_jet_outcomes(sqlite_store, jet, uitkomst,
                                                                             organisatie, to_wachtlijst):
    aid = jet.aanmelding(sqlite_store).aanmelding_id
    assert in_queue(sqlite_store, jet) == [aid]
    assert on_wachtlijst(sqlite_store) == []
    jet.besluit(sqlite_store, aid, uitkomst=uitkomst, organisatie=organisatie)
    assert in_queue(sqlite_store, jet) == []
    assert on_wachtlijst(sqlite_store) == ([aid] if to_wachtlijst else [])


def test_decision_flow_on_both_engines(any_store, jet):
    a1 = jet.aanmelding(any_store).aanmelding_id
    a2 = jet.aanmelding(any_store).aanmelding_id
    jet.besluit(any_store, a1, uitkomst="specialistische_jeugdhulp", urgentie="hoog")
    jet.besluit(any_store, a2, uitkomst="voorliggend_veld", organisatie="Amaryllis")
    assert in_queue(any_store, jet) == []
    assert on_wachtlijst(any_store) == [a1]
    assert wachtlijst.alle(any_store)[0].urgentie == "hoog"


def test_triage_queue_is_oldest_first_with_working_day_signal(sqlite_store, jet):
    # vandaag is Wednesday 25 Nov 2026
    nieuw = jet.aanmelding(sqlite_store, aanmelddatum=date(2026, 11, 24)).aanmelding_id      # 1 werkdag
    oud = jet.aanmelding(sqlite_store, aanmelddatum=date(2026, 11, 16)).aanmelding_id        # 7 werkdagen
    midden = jet.aanmelding(sqlite_store, aanmelddatum=date(2026, 11, 19)).aanmelding_id     # 4 werkdagen
    rows = triage.triage_wachtrij(sqlite_store, jet.vandaag)
    assert [r.aanmelding_id for r in rows] == [oud, midden, nieuw]
    assert [r.signaal for r in rows] == [Signaal.OVERSCHREDEN, Signaal.LET_OP, Signaal.GEEN]
    assert rows[0].verwijzer == "Huisarts"  # the label from resources/verwijzers.csv


@pytest.mark.parametrize("motivering", ["", "   ", "te kort"])
def test_motivering_is_required(sqlite_store, jet, motivering):
    aid = jet.aanmelding(sqlite_store).aanmelding_id
    with pytest.raises(ValidationError) as exc:
        jet.besluit(sqlite_store, aid, motivering=motivering)
    assert exc.value.for_field("motivering").startswith("Motivering:")
    assert jet.count(sqlite_store, T) == 0
    assert in_queue(sqlite_store, jet) == [aid]


@pytest.mark.parametrize("uitkomst", ["voorliggend_veld", "veiligheid", "ander_domein"])
def test_organisatie_is_required_when_handing_over(sqlite_store, jet, uitkomst):
    aid = jet.aanmelding(sqlite_store).aanmelding_id
    with pytest.raises(ValidationError) as exc:
        jet.besluit(sqlite_store, aid, uitkomst=uitkomst, organisatie="  ")
    assert exc.value.for_field("organisatie").startswith("Organisatie:")
    assert jet.count(sqlite_store, T) == 0


@pytest.mark.parametrize("kw, field", [
    (dict(uitkomst="weet_niet"), "uitkomst"),
    (dict(urgentie="heel_hoog"), "urgentie"),
    (dict(besloten_op=date(2026, 11, 1)), "besloten_op"),    # before the aanmelddatum (2 Nov)
    (dict(besloten_op=date(2026, 11, 26)), "besloten_op"),   # in the future
])
def test_other_invalid_decisions_name_their_field(sqlite_store, jet, kw, field):
    aid = jet.aanmelding(sqlite_store).aanmelding_id
    with pytest.raises(ValidationError) as exc:
        jet.besluit(sqlite_store, aid, **kw)
    assert exc.value.for_field(field)
    assert jet.count(sqlite_store, T) == 0


def test_revision_keeps_the_earlier_decision_visible(any_store, jet):
    tessa = medewerkers.voeg_toe(any_store, "Tessa Teamleider", Rol.TEAMLEIDER)
    any_store.user_id = tessa
    aid = jet.aanmelding(any_store).aanmelding_id
    eerste = jet.besluit(any_store, aid, uitkomst="zelf_oppakken", urgentie="normaal",
                         motivering="Eerste inschatting: kortdurend.")
    tweede = jet.besluit(any_store, aid, uitkomst="voorliggend_veld", organisatie="Buurtgezinnen",
                         motivering="Na gesprek: steun uit het netwerk volstaat.")
    derde = jet.besluit(any_store, aid, uitkomst="specialistische_jeugdhulp", urgentie="spoed",
                        motivering="Nieuwe signalen: matched care nodig.")
    historie = triage.besluit_historie(any_store, aid)
    assert [b.id for b in historie] == [derde, tweede, eerste]  # newest first
    assert [b.actueel for b in historie] == [True, False, False]
    assert [b.uitkomst for b in historie] == [TriageUitkomst.SPECIALISTISCH, TriageUitkomst.VOORLIGGEND_VELD,
                                            TriageUitkomst.ZELF_OPPAKKEN]
    assert historie[2].motivering == "Eerste inschatting: kortdurend."  # never overwritten
    assert historie[1].organisatie == "Buurtgezinnen"
    assert historie[0].urgentie is Urgentie.SPOED
    assert all(b.besloten_door == "Tessa Teamleider" for b in historie)
    # the chain: each revision points at the one before
    with any_store.engine.connect() as conn:
        vorige = dict(conn.execute(T.select().with_only_columns(T.c.id, T.c.vorig_besluit_id)).all())
    assert vorige == {eerste: None, tweede: eerste, derde: tweede}
    assert on_wachtlijst(any_store) == [aid]
    assert wachtlijst.alle(any_store)[0].urgentie == "spoed"


def test_stale_version_is_refused_and_no_decision_is_written(any_store, jet):
    aid = jet.aanmelding(any_store).aanmelding_id
    version = jet.version(any_store, A, aid)
    collega = Store(any_store.engine, user="Bram Jansen")
    triage.neem_besluit(collega, aid, version, triage.BesluitInvoer(
        "zelf_oppakken", "hoog", "Bram besliste eerst.", jet.vandaag), jet.vandaag)
    with pytest.raises(StaleEditError) as exc:
        triage.neem_besluit(any_store, aid, version, triage.BesluitInvoer(
            "geen_hulp", "normaal", "Tegelijk in een ander venster.", jet.vandaag), jet.vandaag)
    assert "Bram Jansen" in str(exc.value)
    historie = triage.besluit_historie(any_store, aid)
    assert len(historie) == 1 and historie[0].uitkomst is TriageUitkomst.ZELF_OPPAKKEN and historie[0].actueel
    assert jet.count(any_store, T) == 1
    assert on_wachtlijst(any_store) == [aid]


def test_unknown_aanmelding_is_refused(sqlite_store, jet):
    import uuid

    with pytest.raises(ValidationError) as exc:
        triage.neem_besluit(sqlite_store, uuid.uuid4(), 1, triage.BesluitInvoer(
            "zelf_oppakken", "normaal", "Motivering genoeg.", jet.vandaag), jet.vandaag)
    assert exc.value.for_field("aanmelding")
