"""aanmelding.op_wachtlijst follows the decisions and assignments made through the services."""

from datetime import date

from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.services import aanmeldingen as am
from jet_desktop.services import medewerkers, triage, wachtlijst
from jet_desktop.storage.models import Aanmelding
from jet_desktop.storage.store import Store

VANDAAG = date(2026, 11, 25)
A = Aanmelding.__table__


def flag_and_version(store, aid):
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.op_wachtlijst, A.c.version).where(A.c.id == aid)).one()


def decide(store, aid, uitkomst, organisatie=""):
    version = flag_and_version(store, aid).version
    triage.neem_besluit(store, aid, version, triage.BesluitInvoer(uitkomst, "normaal", "Motivering van het besluit.",
                                                                  VANDAAG, organisatie), VANDAAG)


def test_flag_follows_decisions_and_assignment(tmp_path):
    store = Store.open_file(tmp_path / "jet.db", user="Test")
    consulent = medewerkers.voeg_toe(store, "Anouk", Rol.CONSULENT)
    reg = am.registreer(store, am.AanmeldingInvoer(
        voornaam="Sem", achternaam="de Jong", geboortedatum=date(2015, 1, 1), verwijzer_route="huisarts",
        aanmelddatum=date(2026, 11, 1), hulpvraag="Gedrag thuis."), VANDAAG)
    aid = reg.aanmelding_id
    assert flag_and_version(store, aid).op_wachtlijst is False  # not triaged yet
    decide(store, aid, "zelf_oppakken")
    assert flag_and_version(store, aid).op_wachtlijst is True and wachtlijst.tel(store) == 1
    decide(store, aid, "voorliggend_veld", "Buurtgezinnen")
    assert flag_and_version(store, aid).op_wachtlijst is False and wachtlijst.tel(store) == 0
    decide(store, aid, "specialistische_jeugdhulp")
    assert wachtlijst.tel(store) == 1
    before = flag_and_version(store, aid).version
    wachtlijst.toewijzen(store, aid, consulent, VANDAAG, VANDAAG)
    after = flag_and_version(store, aid)
    assert after.op_wachtlijst is False and after.version == before + 1 and wachtlijst.tel(store) == 0
    decide(store, aid, "zelf_oppakken")  # a revision after assignment does not put it back
    assert wachtlijst.tel(store) == 0
