"""Registering an aanmelding: validation, nothing half-saved, known jeugdigen, siblings, dossiernummer."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import aanmeldingen as am
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.storage.models import Aanmelding, Gezin, Gezinslid, Jeugdige

A, J, G, GL = Aanmelding.__table__, Jeugdige.__table__, Gezin.__table__, Gezinslid.__table__
ALL = (A, J, G, GL)


def counts(jet, store):
    return tuple(jet.count(store, t) for t in ALL)


def jeugdige(store, jid):
    with store.engine.connect() as conn:
        return conn.execute(select(J).where(J.c.id == jid)).one()


def test_registreer_saves_jeugdige_gezin_parents_and_aanmelding(any_store, jet):
    reg = jet.aanmelding(any_store, voornaam=" Sem ", achternaam="de Vries", bsn="1112.22.333", postcode="8911 ab",
                         ouders=[OuderInvoer("Petra de Vries", gezag=True), OuderInvoer("Karel de Vries")],
                         hulpvraag_categorieen=["opvoeding", "school"], regie="deels")
    assert counts(jet, any_store) == (1, 1, 1, 2)
    j = jeugdige(any_store, reg.jeugdige_id)
    assert (j.voornaam, j.bsn, j.postcode) == ("Sem", "111222333", "8911 AB")  # trimmed, normalised
    with any_store.engine.connect() as conn:
        a = conn.execute(select(A).where(A.c.id == reg.aanmelding_id)).one()
    assert (a.jeugdige_id, a.dossiernummer, a.hulpvraag_categorieen, a.regie) == (
        reg.jeugdige_id, reg.dossiernummer, "opvoeding,school", "deels")
    assert a.huidig_besluit_id is None and a.op_wachtlijst is False


def test_invalid_bsn_is_refused_with_the_bsn_message_and_nothing_is_saved(any_store, jet):
    jet.aanmelding(any_store)  # something already there
    before = counts(jet, any_store)
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(any_store, bsn="111222334", ouders=[OuderInvoer("Ouder")])
    assert exc.value.for_field("bsn").startswith("BSN:")
    assert "elfproef" in exc.value.for_field("bsn")
    assert counts(jet, any_store) == before


def test_all_field_errors_are_reported_at_once(sqlite_store, jet):
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(sqlite_store, voornaam=" ", bsn="12", verwijzer_route="onbekend", hulpvraag="",
                       geboortedatum=date(1990, 1, 1), aanmelddatum=date(2026, 11, 2))
    fields = {e.field for e in exc.value.errors}
    assert {"voornaam", "bsn", "verwijzer_route", "hulpvraag", "geboortedatum"} <= fields
    assert exc.value.for_field("voornaam").startswith("Voornaam:")
    assert counts(jet, sqlite_store) == (0, 0, 0, 0)


@pytest.mark.parametrize("kw, field", [
    (dict(aanmelddatum=date(2026, 11, 26)), "aanmelddatum"),     # in the future
    (dict(aanmelddatum=None), "aanmelddatum"),
    (dict(geboortedatum=None, uitgerekende_datum=date(2027, 9, 1)), "uitgerekende_datum"),  # > 9 months
    (dict(geslacht="q"), "geslacht"),
    (dict(regie="misschien"), "regie"),
    (dict(hulpvraag_categorieen=["astrologie"]), "hulpvraag_categorieen"),
    (dict(ouders=[OuderInvoer(" ")]), "ouders"),
    (dict(steunfiguur_relatie="buurvrouw"), "steunfiguur_naam"),
])
def test_other_invalid_input_names_its_field(sqlite_store, jet, kw, field):
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(sqlite_store, **kw)
    assert exc.value.for_field(field), exc.value.errors
    assert counts(jet, sqlite_store) == (0, 0, 0, 0)


def test_unborn_child_with_due_date_is_registered(sqlite_store, jet):
    reg = jet.aanmelding(sqlite_store, geboortedatum=None, uitgerekende_datum=date(2027, 3, 1))
    j = jeugdige(sqlite_store, reg.jeugdige_id)
    assert (j.geboortedatum, j.uitgerekende_datum) == (None, date(2027, 3, 1))


# -- known jeugdigen ---------------------------------------------------------------------------


def test_known_jeugdige_by_bsn_is_refused_unless_reused(any_store, jet):
    first = jet.aanmelding(any_store, voornaam="Lotte", bsn="111222333")
    before = counts(jet, any_store)
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(any_store, voornaam="Lotje", bsn="111 222 333", geboortedatum=date(2015, 2, 2))
    assert "al bekend" in exc.value.for_field("bsn")
    assert counts(jet, any_store) == before

    gevonden = am.zoek_bekende_jeugdigen(any_store, jet.invoer(bsn="111222333"))
    assert [b.id for b in gevonden] == [first.jeugdige_id]
    assert gevonden[0].aantal_aanmeldingen == 1

    again = jet.aanmelding(any_store, voornaam="Lotte", bsn="111222333", bestaande_jeugdige_id=first.jeugdige_id)
    assert again.jeugdige_id == first.jeugdige_id
    assert again.aanmelding_id != first.aanmelding_id
    assert jet.count(any_store, J) == 1 and jet.count(any_store, G) == 1
    assert jet.count(any_store, A) == 2
    assert am.zoek_bekende_jeugdigen(any_store, jet.invoer(bsn="111222333"))[0].aantal_aanmeldingen == 2


@pytest.mark.parametrize("voornaam, tussenvoegsel, achternaam", [
    ("Zoë", "de", "Jong"), ("ZOE", "", "de jong"), (" zoë ", "De", "JONG")])
def test_known_jeugdige_by_name_and_birth_date_is_refused(sqlite_store, jet, voornaam, tussenvoegsel, achternaam):
    jet.aanmelding(sqlite_store, voornaam="Zoë", tussenvoegsel="de", achternaam="Jong",
                   geboortedatum=date(2016, 5, 5))
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(sqlite_store, voornaam=voornaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam,
                       geboortedatum=date(2016, 5, 5))
    assert "al bekend" in exc.value.for_field("geboortedatum")
    assert jet.count(sqlite_store, J) == 1 and jet.count(sqlite_store, A) == 1


def test_same_name_other_birth_date_is_a_different_child(sqlite_store, jet):
    jet.aanmelding(sqlite_store, voornaam="Zoë", achternaam="Jong", geboortedatum=date(2016, 5, 5))
    jet.aanmelding(sqlite_store, voornaam="Zoë", achternaam="Jong", geboortedatum=date(2016, 5, 6))
    assert jet.count(sqlite_store, J) == 2


# -- siblings: één gezin, één plan ----------------------------------------------------------------


def test_sibling_joins_the_gezin_and_shares_the_parents(any_store, jet):
    oudste = jet.aanmelding(any_store, voornaam="Noah", achternaam="Visser", postcode="8911 AB",
                            geboortedatum=date(2012, 3, 3),
                            ouders=[OuderInvoer("Sanne Visser", gezag=True, telefoon="0612345678")])
    gezin_id = jeugdige(any_store, oudste.jeugdige_id).gezin_id
    kandidaten = am.mogelijke_broers_zussen(any_store, "visser", "8911ab")
    assert [k.id for k in kandidaten] == [oudste.jeugdige_id]

    jongste = jet.aanmelding(any_store, voornaam="Mila", achternaam="Visser", geboortedatum=date(2018, 7, 7),
                             gezin_id=gezin_id, ouders=[OuderInvoer("sanne visser "), OuderInvoer("Tom Visser")])
    assert jeugdige(any_store, jongste.jeugdige_id).gezin_id == gezin_id
    assert jet.count(any_store, G) == 1
    kinderen, ouders = am.gezin_van(any_store, gezin_id)
    assert [k.naam for k in kinderen] == ["Noah Visser", "Mila Visser"]  # oldest first
    # the parent already known is not added twice (case/space-insensitive); the new one is added
    assert sorted(o.naam for o in ouders) == ["Sanne Visser", "Tom Visser"]
    sanne = next(o for o in ouders if o.naam == "Sanne Visser")
    assert sanne.gezag and sanne.telefoon == "0612345678"


def test_without_gezin_id_a_new_child_gets_its_own_gezin(sqlite_store, jet):
    jet.aanmelding(sqlite_store, achternaam="Visser")
    jet.aanmelding(sqlite_store, achternaam="Visser")
    assert jet.count(sqlite_store, G) == 2


# -- dossiernummer ------------------------------------------------------------------------------


def test_dossiernummer_format_and_increment_per_year(any_store, jet):
    nummers = [jet.aanmelding(any_store, aanmelddatum=d).dossiernummer for d in (
        date(2026, 1, 5), date(2026, 3, 1), date(2025, 12, 31), date(2026, 11, 25), date(2025, 6, 1))]
    assert all(re.fullmatch(r"\d{4}-\d{5}", n) for n in nummers)
    assert nummers == ["2026-00001", "2026-00002", "2025-00001", "2026-00003", "2025-00002"]


def test_dossiernummer_continues_after_the_highest_in_the_year(sqlite_store, jet):
    with sqlite_store.engine.begin() as conn:
        assert am.volgend_dossiernummer(conn, 2026) == "2026-00001"
    for _ in range(11):
        jet.aanmelding(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        assert am.volgend_dossiernummer(conn, 2026) == "2026-00012"  # not fooled by string order 9 < 10
        assert am.volgend_dossiernummer(conn, 2027) == "2027-00001"


def test_dossiernummer_clash_with_another_workstation_takes_the_next_and_leaves_no_half_save(any_store, jet,
                                                                                          monkeypatch):
    first = jet.aanmelding(any_store)
    real = am.volgend_dossiernummer
    calls = []

    def clashing(conn, jaar):  # the first attempt sees the number another workstation just took
        calls.append(jaar)
        return first.dossiernummer if len(calls) == 1 else real(conn, jaar)

    monkeypatch.setattr(am, "volgend_dossiernummer", clashing)
    reg = jet.aanmelding(any_store, ouders=[OuderInvoer("Ouder Een")])
    assert len(calls) == 2
    assert reg.dossiernummer == "2026-00002"
    # the failed attempt's jeugdige, gezin and parent were rolled back with it
    assert counts(jet, any_store) == (2, 2, 2, 1)
