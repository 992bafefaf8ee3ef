"""Caseload: capacity and load, klikgesprek, absence and the one-action reassignment."""

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, settings
from jet_desktop.storage.models import ConsulentWijziging, Dossier, Klikgesprek
from jet_desktop.storage.store import StaleEditError, Store

D, CW, K = Dossier.__table__, ConsulentWijziging.__table__, Klikgesprek.__table__


def by_name(store, peildatum):
    return {c.naam: c for c in caseload.consulenten(store, peildatum)}


def primary_of(store, did):
    with store.engine.connect() as conn:
        return conn.execute(select(D.c.consulent_id).where(D.c.id == did)).scalar_one()


def test_consulenten_capacity_and_belasting(any_store, jet):
    anouk, bram = jet.consulent(any_store, "Anouk", 1.0), jet.consulent(any_store, "Bram", 0.5)
    jet.consulent(any_store, "Chantal", 0.8)
    for _ in range(3):
        jet.dossier(any_store, anouk, tweede_consulent_id=bram)
    jet.dossier(any_store, bram)
    closed = jet.dossier(any_store, bram)
    from jet_desktop.services import dossiers
    dossiers.sluit_af(any_store, closed, jet.version(any_store, D, closed), jet.vandaag, "doelen_bereikt", "",
                      jet.vandaag)
    team = by_name(any_store, jet.vandaag)
    assert list(team) == ["Anouk", "Bram", "Chantal"]
    assert [(c.capaciteit, c.belasting, c.ruimte) for c in team.values()] == [(16, 3, 13), (8, 1, 7), (12, 0, 12)]
    # capacity follows the team setting (FTE x norm)
    settings.put(any_store, "caseload_norm_per_fte", 10)
    assert [c.capaciteit for c in caseload.consulenten(any_store, jet.vandaag)] == [10, 5, 8]


def test_absence_shows_on_the_peildatum_only(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    caseload.markeer_afwezig(sqlite_store, anouk, date(2026, 12, 1), date(2026, 12, 14), "Ziek")
    assert by_name(sqlite_store, date(2026, 11, 30))["Anouk"].afwezig_tot is None
    assert by_name(sqlite_store, date(2026, 12, 1))["Anouk"].afwezig_tot == date(2026, 12, 14)
    assert by_name(sqlite_store, date(2026, 12, 14))["Anouk"].afwezig_tot == date(2026, 12, 14)
    assert by_name(sqlite_store, date(2026, 12, 15))["Anouk"].afwezig_tot is None
    with pytest.raises(ValidationError) as exc:
        caseload.markeer_afwezig(sqlite_store, anouk, date(2026, 12, 5), date(2026, 12, 4))
    assert exc.value.for_field("tot")


# -- klikgesprek ----------------------------------------------------------------------------------


def test_geen_klik_reassigns_with_reason_and_history_keeps_both_changes(any_store, jet):
    anouk, bram = jet.consulent(any_store, "Anouk"), jet.consulent(any_store, "Bram")
    did = jet.dossier(any_store, anouk, geopend_op=jet.vandaag - timedelta(days=7))
    version = jet.version(any_store, D, did)
    new_version = caseload.registreer_klikgesprek(any_store, did, version, "geen_klik", jet.vandaag,
                                                  "Moeder wil liever een man", nieuwe_consulent_id=bram)
    assert new_version == version + 1 == jet.version(any_store, D, did)
    assert primary_of(any_store, did) == bram
    historie = caseload.consulent_historie(any_store, did)
    assert [(h.van, h.naar, h.reden) for h in historie] == [("", "Anouk", "toewijzing"),
                                                            ("Anouk", "Bram", "geen_klik")]
    assert historie[1].toelichting == "Moeder wil liever een man"
    assert caseload.aantal_wisselingen(any_store, did) == 1
    # the klikgesprek itself is recorded for the consulent who had it
    with any_store.engine.connect() as conn:
        klik = conn.execute(select(K.c.medewerker_id, K.c.resultaat).where(K.c.dossier_id == did)).one()
    assert tuple(klik) == (anouk, "geen_klik")
    assert [d.dossier_id for d in caseload.dossiers_van(any_store, bram)] == [did]
    assert caseload.dossiers_van(any_store, anouk) == []


def test_klik_keeps_the_consulent(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    did = jet.dossier(sqlite_store, anouk)
    caseload.registreer_klikgesprek(sqlite_store, did, jet.version(sqlite_store, D, did), "klik", jet.vandaag)
    assert primary_of(sqlite_store, did) == anouk
    assert caseload.aantal_wisselingen(sqlite_store, did) == 0
    assert jet.count(sqlite_store, K) == 1


def test_geen_klik_needs_a_different_new_consulent_and_writes_nothing_otherwise(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    did = jet.dossier(sqlite_store, anouk)
    version = jet.version(sqlite_store, D, did)
    with pytest.raises(ValidationError) as exc:
        caseload.registreer_klikgesprek(sqlite_store, did, version, "geen_klik", jet.vandaag)
    assert exc.value.for_field("consulent")
    with pytest.raises(ValidationError) as exc:
        caseload.registreer_klikgesprek(sqlite_store, did, version, "geen_klik", jet.vandaag,
                                        nieuwe_consulent_id=anouk)
    assert exc.value.for_field("consulent")
    with pytest.raises(ValidationError) as exc:
        caseload.registreer_klikgesprek(sqlite_store, did, version, "klik", jet.vandaag - timedelta(days=1))
    assert exc.value.for_field("datum")
    assert jet.count(sqlite_store, K) == 0
    assert jet.version(sqlite_store, D, did) == version
    assert len(caseload.consulent_historie(sqlite_store, did)) == 1


def test_stale_klikgesprek_is_refused(sqlite_store, jet):
    anouk, bram = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = jet.dossier(sqlite_store, anouk)
    version = jet.version(sqlite_store, D, did)
    caseload.zet_tweede_persoon(Store(sqlite_store.engine, user="Teamleider"), did, version, bram, jet.vandaag)
    with pytest.raises(StaleEditError) as exc:
        caseload.registreer_klikgesprek(sqlite_store, did, version, "geen_klik", jet.vandaag,
                                        nieuwe_consulent_id=bram)
    assert "Teamleider" in str(exc.value)
    assert primary_of(sqlite_store, did) == anouk and jet.count(sqlite_store, K) == 0


def test_second_person_becoming_primary_is_no_longer_second(sqlite_store, jet):
    anouk, bram = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = jet.dossier(sqlite_store, anouk, tweede_consulent_id=bram)
    caseload.wijzig_consulent(sqlite_store, did, jet.version(sqlite_store, D, did), bram, "anders", jet.vandaag)
    with sqlite_store.engine.connect() as conn:
        row = conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id).where(D.c.id == did)).one()
    assert tuple(row) == (bram, None)
    with pytest.raises(ValidationError):
        caseload.zet_tweede_persoon(sqlite_store, did, jet.version(sqlite_store, D, did), bram, jet.vandaag)


def test_setting_the_tweede_persoon_it_already_has_writes_nothing(sqlite_store, jet):
    """After a merge that kept the colleague's choice, saving the same tweede persoon again is no change:
    no consulent-history row ("Bram -> Bram"), no audit line, the version stays."""
    anouk, bram = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = jet.dossier(sqlite_store, anouk)
    caseload.zet_tweede_persoon(sqlite_store, did, jet.version(sqlite_store, D, did), bram, jet.vandaag)
    versie = jet.version(sqlite_store, D, did)
    with sqlite_store.engine.connect() as conn:
        rijen = conn.execute(select(CW.c.id).where(CW.c.dossier_id == did)).all()
    assert caseload.zet_tweede_persoon(sqlite_store, did, versie - 1, bram, jet.vandaag) == versie
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(CW.c.id).where(CW.c.dossier_id == did)).all() == rijen
    assert jet.version(sqlite_store, D, did) == versie


# -- absence and reassignment ----------------------------------------------------------------------


@pytest.fixture
def team(any_store, jet):
    """Anouk (absent) with 5 dossiers; Bram has 2 places, Chantal 6, Daan is absent too."""
    settings.put(any_store, "caseload_norm_per_fte", 10)
    ids = {n: jet.consulent(any_store, n) for n in ("Anouk", "Bram", "Chantal", "Daan")}
    for _ in range(8):
        jet.dossier(any_store, ids["Bram"])
    for _ in range(4):
        jet.dossier(any_store, ids["Chantal"])
    ids["dossiers"] = [jet.dossier(any_store, ids["Anouk"], urgentie=u) for u in
                       ("normaal", "spoed", "normaal", "hoog", "normaal")]
    ids["als_tweede"] = jet.dossier(any_store, ids["Chantal"], tweede_consulent_id=ids["Anouk"])
    caseload.markeer_afwezig(any_store, ids["Anouk"], jet.vandaag, jet.vandaag + timedelta(days=30), "Ziek")
    caseload.markeer_afwezig(any_store, ids["Daan"], jet.vandaag, jet.vandaag + timedelta(days=3), "Verlof")
    any_store.ids = ids
    return any_store


def test_reassignment_moves_all_primary_dossiers_within_capacity(team, jet):
    ids = team.ids
    voorstel = caseload.herverdeling(team, ids["Anouk"], jet.vandaag)
    assert sorted(v.dossier_id for v in voorstel) == sorted(ids["dossiers"])  # not the one as tweede
    assert {v.naar_naam for v in voorstel} <= {"Bram", "Chantal"}              # nobody absent
    assert not any(v.boven_capaciteit for v in voorstel)
    assert voorstel[0].urgentie == "spoed"
    assert caseload.voer_herverdeling_uit(team, voorstel, jet.vandaag) == 5
    teamstand = by_name(team, jet.vandaag)
    assert teamstand["Anouk"].belasting == 0
    assert teamstand["Bram"].belasting <= teamstand["Bram"].capaciteit
    assert teamstand["Chantal"].belasting <= teamstand["Chantal"].capaciteit
    assert teamstand["Bram"].belasting + teamstand["Chantal"].belasting == 8 + 5 + 5
    assert teamstand["Daan"].belasting == 0
    for did in ids["dossiers"]:
        historie = caseload.consulent_historie(team, did)
        assert historie[-1].van == "Anouk" and historie[-1].reden == "afwezigheid"
    # Anouk stays second person where she was
    assert [d.dossier_id for d in caseload.dossiers_van(team, ids["Anouk"])] == [ids["als_tweede"]]


def test_executing_a_stale_proposal_changes_nothing(team, jet):
    ids = team.ids
    voorstel = caseload.herverdeling(team, ids["Anouk"], jet.vandaag)
    last = voorstel[-1].dossier_id  # earlier dossiers in the list would move before the stale one is hit
    caseload.zet_tweede_persoon(Store(team.engine, user="Collega"), last, jet.version(team, D, last),
                                ids["Bram"], jet.vandaag)
    wijzigingen = jet.count(team, CW)
    with pytest.raises(StaleEditError) as exc:
        caseload.voer_herverdeling_uit(team, voorstel, jet.vandaag)
    assert "Collega" in str(exc.value)
    assert all(primary_of(team, did) == ids["Anouk"] for did in ids["dossiers"])
    assert jet.count(team, CW) == wijzigingen
    assert by_name(team, jet.vandaag)["Anouk"].belasting == 5


def test_second_person_takes_the_dossier_in_the_proposal(sqlite_store, jet):
    anouk, bram, chantal = (jet.consulent(sqlite_store, n) for n in ("Anouk", "Bram", "Chantal"))
    for _ in range(3):
        jet.dossier(sqlite_store, bram)  # Chantal has more room than Bram
    did = jet.dossier(sqlite_store, anouk, tweede_consulent_id=bram)
    caseload.markeer_afwezig(sqlite_store, anouk, jet.vandaag, jet.vandaag)
    [v] = caseload.herverdeling(sqlite_store, anouk, jet.vandaag)
    assert (v.dossier_id, v.naar_id) == (did, bram)
    caseload.voer_herverdeling_uit(sqlite_store, [v], jet.vandaag)
    with sqlite_store.engine.connect() as conn:
        row = conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id).where(D.c.id == did)).one()
    assert tuple(row) == (bram, None)
    assert chantal not in (row.consulent_id, row.tweede_consulent_id)


def test_whole_team_full_is_marked_boven_capaciteit(sqlite_store, jet):
    settings.put(sqlite_store, "caseload_norm_per_fte", 2)
    anouk, bram = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    jet.dossier(sqlite_store, bram)
    jet.dossier(sqlite_store, anouk)
    jet.dossier(sqlite_store, anouk)
    voorstel = caseload.herverdeling(sqlite_store, anouk, jet.vandaag)
    assert [v.boven_capaciteit for v in voorstel] == [False, True]
    assert {v.naar_naam for v in voorstel} == {"Bram"}


def test_unknown_dossier_is_refused(sqlite_store, jet):
    anouk = jet.consulent(sqlite_store, "Anouk")
    with pytest.raises(ValidationError) as exc:
        caseload.wijzig_consulent(sqlite_store, uuid.uuid4(), 1, anouk, "anders", jet.vandaag)
    assert exc.value.for_field("dossier")


# -- a dossier only goes to an active jeugdconsulent ------------------------------------------------


def test_no_dossier_goes_to_a_switched_off_medewerker_or_another_role(any_store, jet):
    """A dossier on a switched-off medewerker (or a teamleider, beheerder) vanishes from every caseload
    list: toewijzen, a new vaste consulent, a tweede persoon and 'geen klik' refuse it, nothing saved."""
    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import medewerkers, wachtlijst
    from jet_desktop.storage.models import Medewerker

    M = Medewerker.__table__
    anouk, bram = jet.consulent(any_store, "Anouk"), jet.consulent(any_store, "Bram")
    leider = medewerkers.voeg_toe(any_store, "Tess Leider", Rol.TEAMLEIDER, 1.0)
    medewerkers.wijzig(any_store, bram, jet.version(any_store, M, bram), "Bram", "bram", Rol.CONSULENT, 1.0, False)
    did = jet.dossier(any_store, anouk)
    aid = jet.wachtend(any_store)
    for doel in (bram, leider, uuid.uuid4()):
        with pytest.raises(ValidationError) as exc:
            wachtlijst.toewijzen(any_store, aid, doel, jet.vandaag, jet.vandaag)
        assert "kies een actieve jeugdconsulent" in exc.value.for_field("consulent")
        with pytest.raises(ValidationError) as exc:
            wachtlijst.toewijzen(any_store, aid, anouk, jet.vandaag, jet.vandaag, doel)
        assert exc.value.for_field("tweede_consulent")
        versie = jet.version(any_store, D, did)
        with pytest.raises(ValidationError):
            caseload.wijzig_consulent(any_store, did, versie, doel, "anders", jet.vandaag)
        with pytest.raises(ValidationError):
            caseload.zet_tweede_persoon(any_store, did, versie, doel, jet.vandaag)
        with pytest.raises(ValidationError):
            caseload.registreer_klikgesprek(any_store, did, versie, "geen_klik", jet.vandaag, "", doel)
        assert jet.version(any_store, D, did) == versie  # nothing saved
    assert primary_of(any_store, did) == anouk
    assert jet.count(any_store, D) == 1


def test_dossiers_per_consulent_are_dossiers_in_for_each_in_one_query(sqlite_store, jet):
    """The caseloadoverzicht reads every caseload in one query (a query per consulent read every active dossier
    again for each: quadratic in a team of hundreds); the same rows in the same order as `dossiers_in`."""
    anouk, bram, chantal = (jet.consulent(sqlite_store, n, 1.0) for n in ("Anouk", "Bram", "Chantal"))
    for primair, tweede in ((anouk, bram), (bram, None), (anouk, None), (chantal, anouk), (bram, anouk)):
        jet.dossier(sqlite_store, primair, tweede_consulent_id=tweede)
    with sqlite_store.engine.connect() as conn:
        alle = caseload.dossiers_per_consulent(conn, sqlite_store)
        for c in (anouk, bram, chantal):
            assert alle.get(c, []) == caseload.dossiers_in(conn, sqlite_store, c)
    assert [d.is_tweede for d in alle[anouk]] == [False, False, True, True]  # primary first, then as tweede
