"""Signing in and managing users: who may add users, settings; passwords; the audit line of a sign-in."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import medewerkers, settings
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.inloggen import InlogFout, LegeGegevensset, inloggen, nieuwe_gegevensset, open_sessie
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
from jet_desktop.storage.models import Auditregel

R = Auditregel.__table__
ZIN = "een goede wachtwoordzin"


def test_a_new_local_store_is_encrypted_and_its_first_user_signed_in(tmp_path):
    db = tmp_path / "jet.db"
    sessie = nieuwe_gegevensset("Anouk de Vries", "anouk", Rol.TEAMLEIDER, ZIN, pad=db)
    assert (sessie.user, sessie.rol) == ("Anouk de Vries", Rol.TEAMLEIDER) and is_versleuteld(db)
    sessie.engine.dispose()
    assert open_sessie("ANOUK ", ZIN, pad=db).user_id == sessie.user_id  # case and spaces do not matter
    with pytest.raises(InlogFout, match="Onbekende gebruikersnaam"):
        open_sessie("piet", ZIN, pad=db)
    with pytest.raises(WachtwoordzinFout):
        open_sessie("anouk", "niet de goede zin", pad=db)


def test_weak_wachtwoordzin_for_a_new_store_is_refused_before_a_file_exists(tmp_path):
    with pytest.raises(ValidationError, match="minstens 10 tekens"):
        nieuwe_gegevensset("Anouk", "anouk", Rol.TEAMLEIDER, "kort", pad=tmp_path / "jet.db")
    assert not (tmp_path / "jet.db").exists()


def test_shared_store_checks_the_personal_password(any_store):
    # made by the system (a headless command), so not a start password
    mid = medewerkers.voeg_toe(any_store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram",
                               wachtwoord="bram zijn wachtwoord")
    medewerkers.voeg_toe(any_store, "Zonder Wachtwoord", Rol.CONSULENT, gebruikersnaam="zonder")
    gedeeld = any_store.engine.dialect.name != "sqlite"
    sessie = inloggen(any_store, "bram", "bram zijn wachtwoord", sleutel_bewezen=False)
    assert sessie.user_id == mid and sessie.rol == Rol.CONSULENT
    with pytest.raises(InlogFout, match="onjuist wachtwoord"):
        inloggen(any_store, "bram", "fout fout fout", sleutel_bewezen=False)
    if gedeeld:  # the same answer as an unknown user: which accounts exist is not told
        with pytest.raises(InlogFout, match="^Onbekende gebruikersnaam of onjuist wachtwoord.$"):
            inloggen(any_store, "zonder", "wat dan ook", sleutel_bewezen=False)
    with any_store.engine.connect() as conn:
        regel = conn.execute(select(R).where(R.c.actie == "aanmelden")).one()
    assert (regel.medewerker, regel.rol, regel.object_id) == ("Bram Jansen", "jeugdconsulent", str(mid))


def test_a_disabled_user_cannot_sign_in(any_store):
    beheer = replace(any_store, rol=Rol.BEHEERDER)
    mid = medewerkers.voeg_toe(any_store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram",
                               wachtwoord="bram zijn wachtwoord")
    g = next(g for g in medewerkers.gebruikers(beheer) if g.id == mid)
    medewerkers.wijzig(beheer, mid, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)
    with pytest.raises(InlogFout, match="uitgeschakeld"):  # only told to whoever knows the password
        inloggen(any_store, "bram", "bram zijn wachtwoord", sleutel_bewezen=False)
    with pytest.raises(InlogFout, match="^Onbekende gebruikersnaam of onjuist wachtwoord.$"):
        inloggen(any_store, "bram", "een fout wachtwoord", sleutel_bewezen=False)


def test_empty_store_asks_for_a_first_user(sqlite_store):
    with pytest.raises(LegeGegevensset):
        inloggen(sqlite_store, "wie", "", sleutel_bewezen=True)


def test_only_the_functioneel_beheerder_manages_users_and_settings(any_store):
    consulent = replace(any_store, rol=Rol.CONSULENT)
    teamleider = replace(any_store, rol=Rol.TEAMLEIDER)
    for wie in (consulent, teamleider):
        with pytest.raises(GeenToegang, match="gebruikers beheren"):
            medewerkers.voeg_toe(wie, "Nieuw", Rol.CONSULENT)
        with pytest.raises(GeenToegang, match="instellingen"):
            settings.put(wie, "publicatie_drempel", 10)
        with pytest.raises(GeenToegang):
            medewerkers.gebruikers(wie)
    beheer = replace(any_store, rol=Rol.BEHEERDER)
    settings.put(beheer, "publicatie_drempel", 10)
    assert settings.get(any_store, "publicatie_drempel") == 10


def test_user_form_errors_name_the_field(any_store):
    beheer = replace(any_store, rol=Rol.BEHEERDER)
    medewerkers.voeg_toe(beheer, "Anouk de Vries", Rol.CONSULENT)  # gebruikersnaam made from the name
    assert [g.gebruikersnaam for g in medewerkers.gebruikers(beheer)] == ["anouk.devries"]
    with pytest.raises(ValidationError) as e:
        medewerkers.voeg_toe(beheer, "", Rol.CONSULENT, gebruikersnaam="anouk.devries", wachtwoord="kort")
    assert e.value.for_field("naam") == "Naam: verplicht."
    assert "al in gebruik" in e.value.for_field("gebruikersnaam")
    assert "minstens 10 tekens" in e.value.for_field("wachtwoord")
    assert len(medewerkers.gebruikers(beheer)) == 1  # nothing half-saved


def test_a_beheerder_cannot_lock_themselves_out(any_store):
    beheer = replace(any_store, rol=Rol.BEHEERDER)
    mid = medewerkers.voeg_toe(beheer, "Bea Beheer", Rol.BEHEERDER)
    zelf = replace(beheer, user_id=mid)
    g = medewerkers.gebruikers(zelf)[0]
    with pytest.raises(ValidationError, match="eigen rol"):
        medewerkers.wijzig(zelf, mid, g.version, g.naam, g.gebruikersnaam, Rol.CONSULENT, g.fte, True)


def test_settings_refuse_a_bewaartermijn_below_the_law(sqlite_store):
    with pytest.raises(ValidationError) as e:
        settings.put(sqlite_store, "bewaartermijn_jaren", 10)
    assert e.value.for_field("bewaartermijn_jaren") == (
        "Bewaartermijn dossiers: vul een geheel getal in van 15 tot en met 115 jaar.")
