"""Dossier work: contactmomenten, the dossier detail, closing a dossier."""

import uuid
from datetime import date

import pytest

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, dossiers, medewerkers
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.storage.models import Contactmoment, Dossier
from jet_desktop.storage.store import StaleEditError, Store

C, D = Contactmoment.__table__, Dossier.__table__


@pytest.fixture
def dossier(any_store, jet):
    anouk = jet.consulent(any_store, "Anouk")
    any_store.user_id = anouk
    did = jet.dossier(any_store, anouk, geopend_op=date(2026, 11, 10), voornaam="Noor", achternaam="Bakker",
                      bsn="111222333", ouders=[OuderInvoer("Ria Bakker", gezag=True)], steunfiguur_naam="Oma Bakker",
                      steunfiguur_relatie="grootmoeder")
    any_store.did = did
    return any_store


def test_contactmomenten_are_saved_and_listed_newest_first(dossier, jet):
    did = dossier.did
    eerste = dossiers.voeg_contactmoment_toe(dossier, did, date(2026, 11, 12), "huisbezoek", 90,
                                             "  Kennismaking thuis.  ", jet.vandaag)
    tweede = dossiers.voeg_contactmoment_toe(dossier, did, date(2026, 11, 20), "telefonisch", 15,
                                             "Afspraak school.", jet.vandaag)
    detail = dossiers.detail(dossier, did)
    assert [(c.id, c.type, c.duur_minuten, c.notitie, c.medewerker) for c in detail.contacten] == [
        (tweede, "telefonisch", 15, "Afspraak school.", "Anouk"),
        (eerste, "huisbezoek", 90, "Kennismaking thuis.", "Anouk"),
    ]


@pytest.mark.parametrize("kw, field", [
    (dict(type="brief"), "type"),
    (dict(datum=date(2026, 11, 26)), "datum"),   # future
    (dict(datum=date(2026, 11, 9)), "datum"),    # before the dossier started
    (dict(duur_minuten=-5), "duur"),
    (dict(duur_minuten=24 * 60 + 1), "duur"),
    (dict(notitie="   "), "notitie"),
])
def test_contactmoment_validation_names_the_field_and_saves_nothing(sqlite_store, jet, kw, field):
    did = jet.dossier(sqlite_store, jet.consulent(sqlite_store, "Anouk"), geopend_op=date(2026, 11, 10))
    values = dict(datum=date(2026, 11, 20), type="kantoor", duur_minuten=30, notitie="Gesprek.")
    values.update(kw)
    with pytest.raises(ValidationError) as exc:
        dossiers.voeg_contactmoment_toe(sqlite_store, did, vandaag=jet.vandaag, **values)
    assert exc.value.for_field(field)
    assert jet.count(sqlite_store, C) == 0


def test_contactmoment_for_an_unknown_dossier_is_refused(sqlite_store, jet):
    with pytest.raises(ValidationError) as exc:
        dossiers.voeg_contactmoment_toe(sqlite_store, uuid.uuid4(), jet.vandaag, "online", 10, "x", jet.vandaag)
    assert exc.value.for_field("dossier")


def test_detail_shows_jeugdige_gezin_and_siblings(dossier, jet):
    from jet_desktop.services.aanmeldingen import registreer

    noor = dossiers.detail(dossier, dossier.did)
    assert noor.broers_zussen == []
    sibling = registreer(dossier, jet.invoer(voornaam="Sam", achternaam="Bakker", geboortedatum=date(2019, 2, 2)),
                         jet.vandaag, gezin_id=_gezin_id(dossier, noor.jeugdige_id))
    d = dossiers.detail(dossier, dossier.did)
    assert (d.naam, d.bsn, d.consulent, d.geopend_op, d.afgesloten_op) == (
        "Noor Bakker", "111222333", "Anouk", date(2026, 11, 10), None)
    assert d.steunfiguur == "Oma Bakker (grootmoeder)"
    assert [o.naam for o in d.ouders] == ["Ria Bakker"]
    assert [b.id for b in d.broers_zussen] == [sibling.jeugdige_id]


def _gezin_id(store, jeugdige_id):
    from sqlalchemy import select

    from jet_desktop.storage.models import Jeugdige

    J = Jeugdige.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(J.c.gezin_id).where(J.c.id == jeugdige_id)).scalar_one()


def test_sluit_af_closes_the_dossier_and_frees_the_caseload(dossier, jet):
    did = dossier.did
    version = jet.version(dossier, D, did)
    new_version = dossiers.sluit_af(dossier, did, version, date(2026, 11, 24), "doelen_bereikt",
                                    "  Doelen gehaald.  ", jet.vandaag)
    assert new_version == version + 1
    d = dossiers.detail(dossier, did)
    assert (d.afgesloten_op, d.afsluitreden) == (date(2026, 11, 24), "doelen_bereikt")
    [anouk] = caseload.consulenten(dossier, jet.vandaag)
    assert (anouk.naam, anouk.belasting) == ("Anouk", 0)
    assert caseload.dossiers_van(dossier, anouk.id) == []


def test_closed_dossier_refuses_contactmomenten_and_changes(dossier, jet):
    did = dossier.did
    dossiers.sluit_af(dossier, did, jet.version(dossier, D, did), jet.vandaag, "verhuisd", "", jet.vandaag)
    with pytest.raises(ValidationError) as exc:
        dossiers.voeg_contactmoment_toe(dossier, did, jet.vandaag, "telefonisch", 10, "Nog even gebeld.",
                                        jet.vandaag)
    assert "afgesloten" in exc.value.for_field("dossier")
    assert jet.count(dossier, C) == 0
    with pytest.raises(ValidationError) as exc:
        dossiers.sluit_af(dossier, did, jet.version(dossier, D, did), jet.vandaag, "verhuisd", "", jet.vandaag)
    assert "al afgesloten" in exc.value.for_field("dossier")
    bram = medewerkers.voeg_toe(dossier, "Bram", Rol.CONSULENT)
    with pytest.raises(ValidationError):
        caseload.wijzig_consulent(dossier, did, jet.version(dossier, D, did), bram, "anders", jet.vandaag)


@pytest.mark.parametrize("kw, field", [
    (dict(reden="zomaar"), "reden"),
    (dict(reden="anders", toelichting=" "), "toelichting"),
    (dict(datum=date(2026, 11, 26)), "datum"),
    (dict(datum=date(2026, 11, 9)), "datum"),
])
def test_sluit_af_validation(sqlite_store, jet, kw, field):
    did = jet.dossier(sqlite_store, jet.consulent(sqlite_store, "Anouk"), geopend_op=date(2026, 11, 10))
    values = dict(datum=jet.vandaag, reden="gestopt", toelichting="")
    values.update(kw)
    version = jet.version(sqlite_store, D, did)
    with pytest.raises(ValidationError) as exc:
        dossiers.sluit_af(sqlite_store, did, version, vandaag=jet.vandaag, **values)
    assert exc.value.for_field(field)
    assert dossiers.detail(sqlite_store, did).afgesloten_op is None
    assert jet.version(sqlite_store, D, did) == version


def test_sluit_af_with_a_stale_version_is_refused(sqlite_store, jet):
    anouk, bram = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = jet.dossier(sqlite_store, anouk)
    version = jet.version(sqlite_store, D, did)
    caseload.zet_tweede_persoon(Store(sqlite_store.engine, user="Teamleider"), did, version, bram, jet.vandaag)
    with pytest.raises(StaleEditError):
        dossiers.sluit_af(sqlite_store, did, version, jet.vandaag, "gestopt", "", jet.vandaag)
    assert dossiers.detail(sqlite_store, did).afgesloten_op is None
    assert jet.version(sqlite_store, D, did) == version + 1  # only the colleague's change
