"""Finding a child (services/zoeken.py): each kind of match, who finds what, paging, the audit line."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.zoekterm import lees
from jet_desktop.services import dossiers, medewerkers, zoeken
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.zoeken import Status
from jet_desktop.storage.models import Auditregel

AR = Auditregel.__table__
BSN = "123456782"  # passes the eleven-test


@dataclass
class Team:
    store: object
    anouk: object  # Rol.CONSULENT
    bram: object
    tessa: object  # Rol.TEAMLEIDER
    frits: object  # Rol.BEHEERDER
    jan: object  # Anouk's dossier: Jan de Vries, with BSN
    piet: object  # Bram's dossier: Piet de Vries
    tim: object  # Bram's dossier, Anouk second person
    gesloten: object  # Bram's dossier, closed


def als(store, naam, mid, rol):
    return replace(store, user=naam, user_id=mid, rol=rol)


@pytest.fixture
def team(any_store, jet, inloggen_als):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk Consulent"), jet.consulent(s, "Bram Collega")
    tessa = medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER)
    frits = medewerkers.voeg_toe(s, "Frits Beheer", Rol.BEHEERDER)
    jan = jet.dossier(s, anouk, voornaam="Jan", tussenvoegsel="de", achternaam="Vries", bsn=BSN,
                      geboortedatum=date(2015, 3, 7))
    piet = jet.dossier(s, bram, voornaam="Piet", tussenvoegsel="de", achternaam="Vries",
                       geboortedatum=date(2012, 11, 20))
    tim = jet.dossier(s, bram, tweede_consulent_id=anouk, voornaam="Tim", achternaam="Jansen-de Wit")
    gesloten = jet.dossier(s, bram, voornaam="Gerda", achternaam="Vriesman", geopend_op=date(2026, 11, 3))
    d = dossiers.detail(s, gesloten)
    dossiers.sluit_af(s, gesloten, d.version, date(2026, 11, 20), "doelen_bereikt", "", jet.vandaag)
    jet.wachtend(s, voornaam="Wim", achternaam="Wachter", geboortedatum=date(2015, 3, 7))
    jet.aanmelding(s, voornaam="Tara", achternaam="Triage")
    verwezen = jet.aanmelding(s, voornaam="Vera", achternaam="Verwezen").aanmelding_id
    jet.besluit(s, verwezen, uitkomst="voorliggend_veld", organisatie="Het Buurtteam")
    return Team(s, inloggen_als(s, anouk), inloggen_als(s, bram),
                inloggen_als(s, tessa), inloggen_als(s, frits),
                jan, piet, tim, gesloten)


def namen(store, tekst, **kw):
    return [r.naam for r in zoeken.zoek(store, tekst, **kw)]


def regels(store):
    with store.engine.connect() as conn:
        return conn.execute(select(AR.c.actie, AR.c.objecttype, AR.c.client, AR.c.omschrijving, AR.c.medewerker)
                            .order_by(AR.c.volgnummer)).all()


# --- what the text means (domain/zoekterm.py) ----------------------------------------------------------


def test_the_text_is_read_as_a_name_number_or_date():
    assert lees("d").te_kort and lees(" j ").te_kort and not lees("de").te_kort
    assert lees("de Vries").woorden == ("de", "vries")
    assert lees("7-3-2015").geboortedatum == date(2015, 3, 7) == lees("07/03/2015").geboortedatum
    assert lees("31-02-2015").leeg  # no such day: nothing found, not an error
    assert lees("2026-0001").dossiernummer == "2026-0001" and not lees("2026-0001").bsn
    assert lees("202600012").dossiernummer == "2026-00012" and lees("202600012").bsn == "202600012"
    assert lees("1234 567 82").bsn == BSN
    assert lees("12345").bsn == ""  # a part of a BSN is not searched


# --- each kind of match -------------------------------------------------------------------------------


def test_a_name_with_or_without_tussenvoegsel_any_case(team):
    t = team.tessa
    assert namen(t, "de Vries") == ["Jan de Vries", "Piet de Vries"]  # achternaam, then voornaam
    assert set(namen(t, "Vries")) == {"Jan de Vries", "Piet de Vries", "Gerda Vriesman"}
    assert namen(t, "jan de v") == ["Jan de Vries"]
    assert namen(t, "JAN") == ["Tim Jansen-de Wit", "Jan de Vries"]  # the start of a voornaam or achternaam
    assert namen(t, "wit") == ["Tim Jansen-de Wit"]  # a part of a double name
    assert namen(t, "ries") == []  # the start of a name part, not the middle


def test_bsn_dossiernummer_and_birth_date(team):
    t = team.tessa
    jan = dossiers.detail(team.store, team.jan)
    assert namen(t, BSN) == ["Jan de Vries"] and namen(t, "1234.567.82") == ["Jan de Vries"]
    assert namen(t, BSN[:6]) == []  # never by part of a BSN
    assert namen(t, jan.dossiernummer) == ["Jan de Vries"]
    assert namen(t, jan.dossiernummer.replace("-", "")) == ["Jan de Vries"]
    assert len(namen(t, jan.dossiernummer[:5])) == 7  # "2026-": every aanmelding of the year
    assert set(namen(t, "7-3-2015")) == {"Jan de Vries", "Wim Wachter"} == set(namen(t, "07-03-2015"))
    assert namen(t, "20-11-2012") == ["Piet de Vries"]
    assert namen(t, "%") == [] and namen(t, "_a") == []  # LIKE wildcards are plain characters


def test_rows_carry_status_consulent_and_what_opens_them(team):
    per_naam = {r.naam: r for r in zoeken.zoek(team.tessa, "2026")}
    assert per_naam["Jan de Vries"].status is Status.OPEN and per_naam["Jan de Vries"].consulent == "Anouk Consulent"
    assert per_naam["Jan de Vries"].dossier_id == team.jan and per_naam["Jan de Vries"].geboortedatum == date(2015, 3, 7)
    assert per_naam["Gerda Vriesman"].status is Status.GESLOTEN
    assert per_naam["Wim Wachter"].status is Status.WACHTEND and per_naam["Wim Wachter"].dossier_id is None
    assert per_naam["Tara Triage"].status is Status.IN_TRIAGE
    assert per_naam["Vera Verwezen"].status is Status.AFGEHANDELD


# --- who finds what ------------------------------------------------------------------------------------


def test_a_consulent_never_finds_a_colleagues_dossier(team):
    a = team.anouk
    assert namen(a, "de Vries") == ["Jan de Vries"]  # Piet de Vries is Bram's
    assert namen(a, "20-11-2012") == [] and zoeken.tel(a, "20-11-2012") == 0
    assert namen(a, dossiers.detail(team.store, team.piet).dossiernummer) == []
    assert namen(a, "Vriesman") == []  # Bram's closed dossier neither
    assert namen(a, "Verwezen") == []  # handled at triage: no screen of hers shows it
    # what her screens show: own dossiers, second person, the wachtlijst and the triage queue
    assert set(namen(a, "2026")) == {"Jan de Vries", "Tim Jansen-de Wit", "Wim Wachter", "Tara Triage"}
    assert zoeken.tel(a, "2026") == 4
    assert set(namen(team.bram, "Vries")) == {"Piet de Vries", "Gerda Vriesman"}


def test_the_teamleider_finds_everything_the_beheerder_nothing(team):
    assert zoeken.tel(team.tessa, "2026") == 7
    with pytest.raises(GeenToegang):
        zoeken.zoek(team.frits, "Vries")
    with pytest.raises(GeenToegang):
        zoeken.tel(team.frits, "Vries")
    assert regels(team.store)[-1].actie == "geweigerd"


def test_a_destroyed_dossier_is_not_found(team):
    from jet_desktop.storage.models import Dossier

    D = Dossier.__table__
    with team.store.engine.begin() as conn:
        conn.execute(D.update().where(D.c.id == team.gesloten).values(vernietigd_op=date(2026, 11, 24)))
    assert "Gerda Vriesman" not in namen(team.tessa, "Vries")


# --- paging and counting ------------------------------------------------------------------------------


def test_pages_and_count_in_sql(team):
    t = team.tessa
    alle = namen(t, "2026", limit=None)
    assert len(alle) == zoeken.tel(t, "2026") == 7
    assert namen(t, "2026", offset=0, limit=3) + namen(t, "2026", offset=3, limit=3) + namen(t, "2026", offset=6,
                                                                                             limit=3) == alle
    assert namen(t, "2026", offset=7, limit=3) == []
    assert zoeken.tel(t, "x") == 0 and namen(t, "x") == []  # too short: no search


# --- the audit line and the log -------------------------------------------------------------------------


def test_one_audit_line_per_search_without_the_text(team, caplog):
    caplog.set_level(logging.DEBUG)
    voor = len(regels(team.store))
    assert zoeken.tel(team.anouk, BSN) == 1
    zoeken.zoek(team.anouk, BSN)
    zoeken.zoek(team.anouk, BSN, offset=50)
    nieuw = regels(team.store)[voor:]
    assert len(nieuw) == 1  # the search; its pages write none
    r = nieuw[0]
    assert (r.actie, r.objecttype, r.client, r.medewerker) == ("openen", "zoekopdracht", "", "Anouk Consulent")
    assert r.omschrijving == "zoekopdracht (nummer): 1 resultaat"
    jan = dossiers.detail(team.store, team.jan)
    for regel in nieuw:
        assert BSN not in regel.omschrijving and jan.dossiernummer not in regel.omschrijving
    zoeken.tel(team.anouk, "de Vries")
    assert regels(team.store)[-1].omschrijving == "zoekopdracht (naam): 1 resultaat"
    assert "Vries" not in regels(team.store)[-1].omschrijving
    assert BSN not in caplog.text and "Vries" not in caplog.text
    n = len(regels(team.store))
    zoeken.tel(team.anouk, "x")
    assert len(regels(team.store)) == n  # too short: no search, no line


def test_count_and_first_page_in_one_query_with_one_line(team):
    t = team.tessa
    voor = len(regels(team.store))
    aantal, eerste = zoeken.zoek_eerste(t, "2026", limit=3)
    assert aantal == 7 and [r.naam for r in eerste] == namen(t, "2026", limit=3)
    assert zoeken.zoek_eerste(team.anouk, "Vriesman") == (0, [])
    nieuw = regels(team.store)[voor:]
    assert [r.omschrijving for r in nieuw] == ["zoekopdracht (dossiernummer): 7 resultaten",
                                               "zoekopdracht (naam): 0 resultaten"]
    assert zoeken.zoek_eerste(t, "x") == (0, []) and len(regels(team.store)) == voor + 2


def test_letters_beyond_ascii_in_any_case_on_the_local_store(sqlite_store, jet):
    """SQLite's LIKE and lower() fold only A–Z: "émile" did not find "Émile" (storage/kleine_letters.py).
    (The test cluster's PostgreSQL is made with --locale=C, whose lower() folds only A–Z as well.)"""
    from jet_desktop.services import wachtlijst

    s = sqlite_store
    tessa = als(s, "Tessa Leider", medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER), Rol.TEAMLEIDER)
    jet.wachtend(s, voornaam="Émile", achternaam="Ĳzerman", geboortedatum=date(2015, 3, 7))
    jet.wachtend(s, voornaam="Emile", achternaam="Bakker", geboortedatum=date(2014, 3, 7))
    for tekst in ("émile", "ÉMILE", "Émile", "ĳzerman", "ĲZERMAN"):
        assert namen(tessa, tekst) == ["Émile Ĳzerman"], tekst
        assert [r.voornaam for r in wachtlijst.bekijk(tessa, tekst).pagina()] == ["Émile"], tekst
    assert namen(tessa, "emile") == ["Emile Bakker"]  # an accent is a different letter, as before
    assert [r.voornaam for r in wachtlijst.bekijk(tessa, "EMILE").pagina()] == ["Emile"]
