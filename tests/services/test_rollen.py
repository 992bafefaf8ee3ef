"""Roles enforced in the service layer (domain.md "Privacy and safety"): called directly, the services
show a jeugdconsulent only their own caseload, their second-person dossiers and the wachtlijst; the
teamleider everything of the team; the functioneel beheerder no casework. On SQLite and on the team server,
where each medewerker is their own PostgreSQL login (row-level security checks every query too)."""

import io
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.reports import caseloadoverzicht, matched_care, monitor, wachtlijstrapport
from jet_desktop.reports.matched_care_export import write_matched_care
from jet_desktop.services import aanmeldingen, caseload, dossiers, medewerkers, triage, wachtlijst, zorg
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Auditregel, Contactmoment, Dossier

R, C, D = Auditregel.__table__, Contactmoment.__table__, Dossier.__table__


@dataclass
class Team:
    system: object  # the Store as the system (rol None)
    anouk: object  # Store of each medewerker, signed in
    bram: object
    tessa: object  # teamleider
    frits: object  # functioneel beheerder
    anouk_id: object
    bram_id: object
    eigen: object  # Anouk's dossier
    tweede: object  # Bram's dossier, Anouk second person
    ander: object  # Bram's dossier, not Anouk's
    wachtend: object  # aanmelding on the wachtlijst
    aanmelding_ander: object


@pytest.fixture
def team(any_store, jet, inloggen_als):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk de Vries"), jet.consulent(s, "Bram Jansen")
    tessa = medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER)
    frits = medewerkers.voeg_toe(s, "Frits Beheer", Rol.BEHEERDER)
    eigen = jet.dossier(s, anouk, voornaam="Eva", achternaam="Eigen")
    tweede = jet.dossier(s, bram, tweede_consulent_id=anouk, voornaam="Tim", achternaam="Tweede")
    ander = jet.dossier(s, bram, voornaam="Olga", achternaam="Ander")
    wachtend = jet.wachtend(s, voornaam="Wout", achternaam="Wacht")
    with s.engine.connect() as conn:
        aanmelding_ander = conn.execute(select(D.c.aanmelding_id).where(D.c.id == ander)).scalar_one()
    return Team(s, inloggen_als(s, anouk), inloggen_als(s, bram), inloggen_als(s, tessa), inloggen_als(s, frits),
                anouk, bram, eigen, tweede, ander, wachtend, aanmelding_ander)


def openingen(store, dossier_id) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(R).where(
            R.c.actie == AuditActie.OPENEN.value, R.c.object_id == str(dossier_id))).scalar_one()


def regels(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(R)).scalar_one()


def weigeringen_sinds(store, na: int) -> list:
    """(actie, objecttype, client) of the lines written after line count `na`."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(R.c.actie, R.c.objecttype, R.c.client)
                                               .where(R.c.volgnummer > na).order_by(R.c.volgnummer))]


def aanmeldingen_nummer(store, aanmelding_id) -> str:
    from jet_desktop.storage.models import Aanmelding

    A = Aanmelding.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.dossiernummer).where(A.c.id == aanmelding_id)).scalar_one()


# ------------------------------------------------------------------------------ jeugdconsulent

def test_consulent_cannot_open_another_consulents_dossier_and_no_opening_is_logged(team):
    with pytest.raises(GeenToegang, match="niet op uw caseload"):
        dossiers.detail(team.anouk, team.ander)
    assert openingen(team.system, team.ander) == 0


def test_consulent_opens_own_and_second_person_dossiers(team):
    assert dossiers.detail(team.anouk, team.eigen).naam == "Eva Eigen"
    assert dossiers.detail(team.anouk, team.tweede).naam == "Tim Tweede"
    assert openingen(team.system, team.eigen) == 1 and openingen(team.system, team.tweede) == 1


def test_consulent_caseload_lists_only_own_and_second_person_dossiers(team):
    assert {d.dossier_id for d in caseload.dossiers_van(team.anouk, team.anouk_id)} == {team.eigen, team.tweede}
    # Bram's list, as Anouk sees it: only the dossier she is second person of
    assert [d.dossier_id for d in caseload.dossiers_van(team.anouk, team.bram_id)] == [team.tweede]
    # the system (headless commands) still sees all of Bram's
    assert {d.dossier_id for d in caseload.dossiers_van(team.system, team.bram_id)} == {team.tweede, team.ander}


def test_consulent_sees_the_wachtlijst_and_the_triage_queue(team, jet):
    assert [r.aanmelding_id for r in wachtlijst.alle(team.anouk)] == [team.wachtend]
    assert wachtlijst.tel(team.anouk) == 1 and sum(wachtlijst.per_urgentie(team.anouk).values()) == 1
    triage.triage_wachtrij(team.anouk, jet.vandaag)  # no GeenToegang
    # the wachtlijstrapport (names on paper) is for the teamleider: on screen only for a consulent
    with pytest.raises(GeenToegang, match="rapporten met persoonsgegevens"):
        wachtlijstrapport.verzamel(team.anouk, jet.vandaag)
    assert wachtlijstrapport.verzamel(team.tessa, jet.vandaag).totaal == 1


def test_consulent_cannot_read_or_change_another_consulents_dossier(team, jet):
    s = team.anouk
    version = jet.version(team.system, D, team.ander)
    refused = [
        lambda: dossiers.voeg_contactmoment_toe(s, team.ander, jet.vandaag, "kantoor", 30, "Gesprek.", jet.vandaag),
        lambda: dossiers.sluit_af(s, team.ander, version, jet.vandaag, "doelen_bereikt", "", jet.vandaag),
        lambda: caseload.wijzig_consulent(s, team.ander, version, team.anouk_id, "anders", jet.vandaag),
        lambda: caseload.zet_tweede_persoon(s, team.ander, version, team.anouk_id, jet.vandaag),
        lambda: caseload.registreer_klikgesprek(s, team.ander, version, "klik", jet.vandaag),
        lambda: caseload.consulent_historie(s, team.ander),
        lambda: caseload.aantal_wisselingen(s, team.ander),
        lambda: zorg.ondersteuningsplan(s, team.ander),
        lambda: zorg.sla_plan_op(s, team.ander, None, zorg.PlanInvoer(va_kind="Iets.")),
        lambda: zorg.toewijzingen(s, team.ander),
        lambda: triage.besluit_historie(s, team.aanmelding_ander),
    ]
    voor = regels(team.system)
    for call in refused:
        with pytest.raises(GeenToegang):
            call()
    # nothing read or written; each refused attempt is one GEWEIGERD line naming the dossier
    nummer = aanmeldingen_nummer(team.system, team.aanmelding_ander)
    assert weigeringen_sinds(team.system, voor) == [("geweigerd", "dossier", nummer)] * len(refused)
    assert jet.count(team.system, C) == 0
    assert jet.version(team.system, D, team.ander) == version


def test_consulent_cannot_change_a_toewijzing_in_another_consulents_dossier(team, jet):
    from jet_desktop.storage.models import Toewijzing

    invoer = zorg.ToewijzingInvoer("45", "Gezinsbehandeling thuis", "middel", "fjild", jet.vandaag, None, 6500)
    tid = zorg.voeg_toewijzing_toe(team.system, team.ander, invoer)
    version = jet.version(team.system, Toewijzing.__table__, tid)
    voor = regels(team.system)
    for call in (lambda: zorg.wijzig_toewijzing(team.anouk, tid, version, invoer),
                 lambda: zorg.beeindig_toewijzing(team.anouk, tid, version, jet.vandaag),
                 lambda: zorg.verwijder_toewijzing(team.anouk, tid, version),
                 lambda: zorg.voeg_toewijzing_toe(team.anouk, team.ander, invoer)):
        with pytest.raises(GeenToegang):
            call()
    assert jet.version(team.system, Toewijzing.__table__, tid) == version
    assert [a for a, _, _ in weigeringen_sinds(team.system, voor)] == ["geweigerd"] * 4
    # in her own dossier she may; Bram (his dossier) may end it
    assert zorg.voeg_toewijzing_toe(team.anouk, team.eigen, invoer)
    assert zorg.beeindig_toewijzing(team.bram, tid, version, jet.vandaag) == version + 1


def test_consulent_may_not_reassign_a_caseload_or_report_someone_else_absent(team, jet):
    with pytest.raises(GeenToegang):
        caseload.herverdeling(team.anouk, team.bram_id, jet.vandaag)
    with pytest.raises(GeenToegang):
        caseload.voer_herverdeling_uit(team.anouk, [], jet.vandaag)
    with pytest.raises(GeenToegang):
        caseload.markeer_afwezig(team.anouk, team.bram_id, jet.vandaag, jet.vandaag)
    assert caseload.markeer_afwezig(team.anouk, team.anouk_id, jet.vandaag, jet.vandaag)  # her own: yes


def test_caseloadoverzicht_is_refused_to_a_consulent(team, jet):
    buf = io.BytesIO()
    voor = regels(team.system)
    with pytest.raises(GeenToegang, match="rapporten met persoonsgegevens"):
        caseloadoverzicht.maak(team.anouk, buf, "pdf", jet.vandaag)
    assert buf.getvalue() == b"" and weigeringen_sinds(team.system, voor) == [("geweigerd", "recht", "")]


def test_matched_care_lists_per_jeugdige_only_for_the_team_report_right(team):
    from jet_desktop.storage.models import Toewijzing

    def toewijzing(intensiteit, start, eind):  # written directly: the dossier opened later than these start
        with team.system.engine.begin() as conn:
            conn.execute(Toewijzing.__table__.insert().values(team.system.new_row(
                dossier_id=team.ander, productcategorie="45", product="", intensiteit=intensiteit,
                aanbieder="fjild", startdatum=start, einddatum=eind, geschatte_kosten=1000, contractvorm="profiel",
                dvo_motivering="", deleted_at=None)))

    toewijzing("licht", date(2026, 1, 10), date(2026, 1, 31))
    toewijzing("middel", date(2026, 2, 10), None)  # heavier within 180 days: opschaling
    van, tot = date(2026, 1, 1), date(2026, 12, 31)
    # Olga's dossier is not hers: on the team server her login cannot read it, the server's count function does
    als_consulent = matched_care.bereken(team.anouk, van, tot)
    assert als_consulent.opschaling.opgeschaald == 1  # the count stays
    assert als_consulent.opschaling_lijst == [] and als_consulent.stapeling_lijst == []  # who it is does not
    with pytest.raises(GeenToegang):
        write_matched_care(als_consulent, "json", io.StringIO(), voor_team=True)
    write_matched_care(als_consulent, "json", io.StringIO())  # the management version: yes
    als_leider = matched_care.bereken(team.tessa, van, tot)
    assert [r.initialen for r in als_leider.opschaling_lijst] == ["O. A."]
    buf = io.StringIO()
    write_matched_care(als_leider, "json", buf, voor_team=True)
    assert "O. A." in buf.getvalue()


# ------------------------------------------------------------------------------ functioneel beheerder

def test_beheerder_has_no_casework(team, jet):
    f = team.frits
    for call in (lambda: wachtlijst.alle(f), lambda: wachtlijst.tel(f), lambda: wachtlijst.per_urgentie(f),
                 lambda: triage.triage_wachtrij(f, jet.vandaag), lambda: dossiers.detail(f, team.eigen),
                 lambda: zorg.toewijzingen(f, team.eigen), lambda: wachtlijstrapport.verzamel(f, jet.vandaag),
                 lambda: caseloadoverzicht.verzamel(f, jet.vandaag),
                 lambda: aanmeldingen.registreer(f, jet.invoer(), jet.vandaag),
                 lambda: wachtlijst.toewijzen(f, team.wachtend, team.anouk_id, jet.vandaag, jet.vandaag),
                 lambda: caseload.dossiers_van(f, team.anouk_id)):  # refused (with a line), not an empty list
        with pytest.raises(GeenToegang):
            call()
    assert openingen(team.system, team.eigen) == 0
    # anonymous figures are open to every role; on the team server the beheerder's login reads no dossier and
    # gets the team's figures through the server's count functions: the same as the teamleider's
    jaar = (date(2026, 1, 1), date(2026, 12, 31))
    assert monitor.bereken(f, *jaar).rijen == monitor.bereken(team.tessa, *jaar).rijen
    assert sum(r.jeugdigen_gezien for r in monitor.bereken(f, *jaar).rijen) > 0
    mc = matched_care.bereken(f, *jaar)
    assert mc.opschaling_lijst == [] and mc.totaal_toewijzingen == matched_care.bereken(team.tessa, *jaar).totaal_toewijzingen


# ------------------------------------------------------------------------------ teamleider

def test_teamleider_sees_everything_of_the_team(team, jet):
    t = team.tessa
    for did, naam in ((team.eigen, "Eva Eigen"), (team.tweede, "Tim Tweede"), (team.ander, "Olga Ander")):
        assert dossiers.detail(t, did).naam == naam
    assert {d.dossier_id for d in caseload.dossiers_van(t, team.bram_id)} == {team.tweede, team.ander}
    assert [r.aanmelding_id for r in wachtlijst.alle(t)] == [team.wachtend]
    o = caseloadoverzicht.verzamel(t, jet.vandaag)
    per = {c.naam: {d.naam for d in c.dossiers} for c in o.consulenten}
    assert len(per["Bram Jansen"]) == 2 and len(per["Anouk de Vries"]) == 2
    voorstel = caseload.herverdeling(t, team.bram_id, jet.vandaag)
    assert {v.dossier_id for v in voorstel} == {team.tweede, team.ander}
    assert caseload.voer_herverdeling_uit(t, voorstel, jet.vandaag) == 2
