"""The wachtlijst: order, filter, paging, counts per urgentie, assigning a consulent."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, wachtlijst
from jet_desktop.storage.models import Aanmelding, ConsulentWijziging, Dossier

A, D, CW = Aanmelding.__table__, Dossier.__table__, ConsulentWijziging.__table__


def nummers(rows):
    return [r.dossiernummer for r in rows]


@pytest.fixture
def lijst(any_store, jet):
    """Six waiting aanmeldingen in mixed order, one in triage, one with a handover decision."""
    made = {}
    for key, urgentie, dag, naam in [
        ("normaal_oud", "normaal", 1, ("Daan", "Visser")),
        ("spoed_nieuw", "spoed", 20, ("Eva", "Smit")),
        ("hoog_oud", "hoog", 3, ("Finn", "Mulder")),
        ("normaal_nieuw", "normaal", 15, ("Gijs", "de", "Boer")),
        ("spoed_oud", "spoed", 10, ("Hanna", "Bakker")),
        ("hoog_nieuw", "hoog", 12, ("Ilse", "100%_Jansen")),
    ]:
        made[key] = jet.wachtend(any_store, urgentie=urgentie, voornaam=naam[0], achternaam=naam[-1],
                                 tussenvoegsel=naam[1] if len(naam) == 3 else "", aanmelddatum=date(2026, 10, dag))
    jet.aanmelding(any_store, voornaam="Jesse", achternaam="Triage")  # no decision yet
    weg = jet.aanmelding(any_store, voornaam="Kees", achternaam="Elders").aanmelding_id
    jet.besluit(any_store, weg, uitkomst="voorliggend_veld", organisatie="PreventiePlus")
    any_store.made = made
    return any_store


def test_order_is_urgentie_then_aanmelddatum(lijst):
    rows = wachtlijst.alle(lijst)
    order = ["spoed_oud", "spoed_nieuw", "hoog_oud", "hoog_nieuw", "normaal_oud", "normaal_nieuw"]
    assert [r.aanmelding_id for r in rows] == [lijst.made[k] for k in order]
    assert [r.urgentie for r in rows] == ["spoed", "spoed", "hoog", "hoog", "normaal", "normaal"]
    assert wachtlijst.tel(lijst) == 6


def test_sorting_on_a_column_falls_back_to_the_wachtlijst_order(lijst):
    by_name = wachtlijst.pagina(lijst, sort_key="naam")
    assert [r.achternaam for r in by_name] == ["100%_Jansen", "Bakker", "Boer", "Mulder", "Smit", "Visser"]
    oudste_eerst = wachtlijst.pagina(lijst, sort_key="wachttijd", descending=True)
    assert [r.aanmelddatum.day for r in oudste_eerst] == [1, 3, 10, 12, 15, 20]


def test_filter_matches_name_and_dossiernummer_case_insensitively(lijst):
    eva = next(r for r in wachtlijst.alle(lijst) if r.voornaam == "Eva")
    assert [r.voornaam for r in wachtlijst.alle(lijst, "SMIT")] == ["Eva"]
    assert [r.voornaam for r in wachtlijst.alle(lijst, "eVa")] == ["Eva"]
    assert [r.voornaam for r in wachtlijst.alle(lijst, eva.dossiernummer)] == ["Eva"]
    assert [r.voornaam for r in wachtlijst.alle(lijst, "BOER gijs")] == ["Gijs"]  # every word must match
    assert wachtlijst.tel(lijst, "gijs visser") == 0
    assert wachtlijst.tel(lijst, "Triage") == 0   # not on the wachtlijst
    assert wachtlijst.tel(lijst, "2026-") == 6


def test_percent_and_underscore_in_the_filter_are_literal(lijst):
    assert [r.voornaam for r in wachtlijst.alle(lijst, "100%")] == ["Ilse"]
    assert [r.voornaam for r in wachtlijst.alle(lijst, "%_j")] == ["Ilse"]
    assert wachtlijst.tel(lijst, "%") == 1     # as a wildcard it would match all six
    assert wachtlijst.tel(lijst, "_") == 1
    assert wachtlijst.tel(lijst, "Sm_t") == 0  # '_' is not "any character"
    assert wachtlijst.tel(lijst, "\\") == 0


def test_paging_offset_and_limit(lijst):
    alle = nummers(wachtlijst.alle(lijst))
    pages = [nummers(wachtlijst.pagina(lijst, offset=o, limit=4)) for o in (0, 4, 8)]
    assert pages == [alle[:4], alle[4:], []]
    assert nummers(wachtlijst.pagina(lijst, "a", offset=1, limit=2)) == nummers(wachtlijst.alle(lijst, "a"))[1:3]


def test_per_urgentie_counts(lijst, jet):
    assert wachtlijst.per_urgentie(lijst) == {Urgentie.SPOED: 2, Urgentie.HOOG: 2, Urgentie.NORMAAL: 2}
    anouk = jet.consulent(lijst, "Anouk")
    wachtlijst.toewijzen(lijst, lijst.made["spoed_oud"], anouk, jet.vandaag, jet.vandaag)
    assert wachtlijst.per_urgentie(lijst) == {Urgentie.SPOED: 1, Urgentie.HOOG: 2, Urgentie.NORMAAL: 2}


def test_toewijzen_moves_to_the_caseload_and_a_second_toewijzen_is_refused(lijst, jet):
    anouk, bram = jet.consulent(lijst, "Anouk"), jet.consulent(lijst, "Bram")
    aid = lijst.made["hoog_oud"]
    did = wachtlijst.toewijzen(lijst, aid, anouk, jet.vandaag - timedelta(days=1), jet.vandaag,
                               tweede_consulent_id=bram)
    assert aid not in [r.aanmelding_id for r in wachtlijst.alle(lijst)]
    assert wachtlijst.tel(lijst) == 5
    mine = caseload.dossiers_van(lijst, anouk)
    assert [(d.dossier_id, d.is_tweede, d.urgentie) for d in mine] == [(did, False, "hoog")]
    assert [(d.dossier_id, d.is_tweede) for d in caseload.dossiers_van(lijst, bram)] == [(did, True)]
    historie = caseload.consulent_historie(lijst, did)
    assert [(h.rol, h.naar, h.reden) for h in historie] == [("primair", "Anouk", "toewijzing"),
                                                            ("tweede", "Bram", "toewijzing")]
    dossiers_voor = jet.count(lijst, D)
    with pytest.raises(ValidationError) as exc:
        wachtlijst.toewijzen(lijst, aid, bram, jet.vandaag, jet.vandaag)
    message = exc.value.for_field("aanmelding")
    assert "al aan een consulent toegewezen" in message
    assert jet.count(lijst, D) == dossiers_voor
    assert [d.dossier_id for d in caseload.dossiers_van(lijst, anouk)] == [did]


@pytest.mark.parametrize("datum_delta, tweede_same, field", [
    (1, False, "datum"),      # start in the future
    (None, False, "datum"),   # before the aanmelddatum
    (0, True, "tweede_consulent"),
])
def test_toewijzen_validates(sqlite_store, jet, datum_delta, tweede_same, field):
    anouk = jet.consulent(sqlite_store, "Anouk")
    aid = jet.wachtend(sqlite_store, aanmelddatum=date(2026, 11, 2))
    datum = date(2026, 11, 1) if datum_delta is None else jet.vandaag + timedelta(days=datum_delta)
    with pytest.raises(ValidationError) as exc:
        wachtlijst.toewijzen(sqlite_store, aid, anouk, datum, jet.vandaag,
                             tweede_consulent_id=anouk if tweede_same else None)
    assert exc.value.for_field(field)
    assert jet.count(sqlite_store, D) == 0 and wachtlijst.tel(sqlite_store) == 1


def test_toewijzen_of_an_aanmelding_not_on_the_wachtlijst_is_refused(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    triage_only = jet.aanmelding(sqlite_store).aanmelding_id
    elders = jet.aanmelding(sqlite_store).aanmelding_id
    jet.besluit(sqlite_store, elders, uitkomst="geen_hulp")
    for aid in (triage_only, elders):
        with pytest.raises(ValidationError) as exc:
            wachtlijst.toewijzen(sqlite_store, aid, anouk, jet.vandaag, jet.vandaag)
        assert "niet (meer) op de wachtlijst" in exc.value.for_field("aanmelding")
    assert jet.count(sqlite_store, D) == 0


def test_toewijzen_bumps_the_aanmelding_version(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    aid = jet.wachtend(sqlite_store)
    before = jet.version(sqlite_store, A, aid)
    wachtlijst.toewijzen(sqlite_store, aid, anouk, jet.vandaag, jet.vandaag)
    assert jet.version(sqlite_store, A, aid) == before + 1
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(A.c.op_wachtlijst).where(A.c.id == aid)).scalar_one() is False


def test_simultaneous_toewijzen_on_another_workstation_is_refused_with_a_dutch_message(any_store, jet):
    """The other workstation's dossier is committed between our check and our insert."""
    from sqlalchemy import event

    anouk, bram = jet.consulent(any_store, "Anouk"), jet.consulent(any_store, "Bram")
    aid = jet.wachtend(any_store)
    raced = []

    def other_workstation_first(conn, cursor, statement, parameters, context, executemany):
        if not raced and statement.lstrip().upper().startswith("INSERT INTO DOSSIER"):
            raced.append(True)
            with any_store.engine.begin() as other:
                other.execute(D.insert().values(any_store.new_row(aanmelding_id=aid, geopend_op=jet.vandaag,
                                                                  consulent_id=bram)))

    event.listen(any_store.engine, "before_cursor_execute", other_workstation_first)
    try:
        with pytest.raises(ValidationError) as exc:
            wachtlijst.toewijzen(any_store, aid, anouk, jet.vandaag, jet.vandaag)
    finally:
        event.remove(any_store.engine, "before_cursor_execute", other_workstation_first)
    assert raced
    assert "al aan een consulent toegewezen" in exc.value.for_field("aanmelding")
    with any_store.engine.connect() as conn:
        assert conn.execute(select(D.c.consulent_id).where(D.c.aanmelding_id == aid)).scalars().all() == [bram]
    assert jet.count(any_store, CW) == 0  # our history rows were rolled back
