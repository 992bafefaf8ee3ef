"""Issue 9, accounts: a functioneel beheerder cannot give themselves casework unnoticed (start passwords,
lines the teamleiders are shown, refused self-escalation); a medewerker with active dossiers is not
switched off; sign-in costs one scrypt verification whoever asks; a session of an account switched off
or given another role does nothing more. On SQLite and PostgreSQL."""

from dataclasses import replace

import pytest

from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import audit, caseload, dossiers, inloggen, medewerkers
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.inloggen import FOUT, InlogFout, NieuwWachtwoordNodig
from jet_desktop.storage.models import Auditregel, Medewerker

R, M = Auditregel.__table__, Medewerker.__table__
START = "start wachtwoord 1"
EIGEN = "mijn eigen wachtwoord"


@pytest.fixture
def beheer(any_store):
    """Frits, functioneel beheerder, signed in (made by the system: his own password)."""
    medewerkers.voeg_toe(any_store, "Frits Beheer", Rol.BEHEERDER, gebruikersnaam="frits", wachtwoord="frits wachtwoord")
    return inloggen.inloggen(any_store, "frits", "frits wachtwoord", sleutel_bewezen=False)


def gebruiker(store, mid):
    return next(g for g in medewerkers.gebruikers(store) if g.id == mid)


def laatste_regel(store):
    return audit.regels(replace(store, rol=None), limit=1)[0]


# ------------------------------------------------------------------------------ start passwords


def test_a_password_the_beheerder_sets_is_a_start_password_replaced_at_first_sign_in(any_store, beheer):
    mid = medewerkers.voeg_toe(beheer, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord=START)
    assert gebruiker(beheer, mid).startwachtwoord
    assert laatste_regel(any_store).omschrijving == (
        "dossiertoegang: gebruiker tessa toegevoegd als teamleider, met startwachtwoord")

    with pytest.raises(NieuwWachtwoordNodig, match="startwachtwoord"):  # no session with the start password alone
        inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False)
    with pytest.raises(ValidationError, match="ander wachtwoord dan het startwachtwoord"):
        inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False, nieuw_wachtwoord=START)
    with pytest.raises(ValidationError, match="minstens 10 tekens"):
        inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False, nieuw_wachtwoord="kort")
    sessie = inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False, nieuw_wachtwoord=EIGEN)
    assert sessie.user_id == mid and sessie.rol == Rol.TEAMLEIDER
    assert not gebruiker(beheer, mid).startwachtwoord
    with pytest.raises(InlogFout, match=f"^{FOUT}$"):  # the start password the beheerder knows is gone
        inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False)
    assert inloggen.inloggen(any_store, "tessa", EIGEN, sleutel_bewezen=False).user_id == mid


def test_resetting_a_teamleiders_password_is_a_start_password_and_shown_to_the_teamleiders(any_store, beheer):
    tessa = medewerkers.voeg_toe(any_store, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord=EIGEN)
    medewerkers.voeg_toe(any_store, "Ilse Leider", Rol.TEAMLEIDER, gebruikersnaam="ilse", wachtwoord=EIGEN)
    inloggen.inloggen(any_store, "ilse", EIGEN, sleutel_bewezen=False)  # Ilse's previous sign-in

    medewerkers.stel_wachtwoord_in(beheer, tessa, START)  # Frits could now sign in as Tessa …
    assert gebruiker(beheer, tessa).startwachtwoord
    with pytest.raises(NieuwWachtwoordNodig):  # … only by choosing a new one: Tessa's own stops working …
        inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False)
    with pytest.raises(InlogFout):
        inloggen.inloggen(any_store, "tessa", EIGEN, sleutel_bewezen=False)

    ilse_sessie = inloggen.inloggen(any_store, "ilse", EIGEN, sleutel_bewezen=False)  # … and Ilse is told
    meldingen = inloggen.meldingen_sinds_vorige_aanmelding(ilse_sessie)
    assert len(meldingen) == 1
    assert meldingen[0].endswith("Frits Beheer (functioneel beheerder): wachtwoord van tessa ingesteld "
                                 "(startwachtwoord)")
    assert [r.medewerker for r in medewerkers.accountmeldingen(ilse_sessie)] == ["Frits Beheer"]
    assert inloggen.meldingen_sinds_vorige_aanmelding(
        inloggen.inloggen(any_store, "ilse", EIGEN, sleutel_bewezen=False)) == []  # shown once per sign-in
    for wie in (beheer, replace(any_store, rol=Rol.CONSULENT)):
        with pytest.raises(GeenToegang):
            medewerkers.accountmeldingen(wie)


def test_using_someone_elses_start_password_does_not_hide_the_reset_from_its_owner(any_store, beheer):
    tessa = medewerkers.voeg_toe(any_store, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord=EIGEN)
    inloggen.inloggen(any_store, "tessa", EIGEN, sleutel_bewezen=False)  # Tessa's own last sign-in
    medewerkers.stel_wachtwoord_in(beheer, tessa, START)
    # Frits signs in as Tessa with the start password (he must choose a new one) …
    inloggen.inloggen(any_store, "tessa", START, sleutel_bewezen=False, nieuw_wachtwoord="frits kent dit nu")
    assert laatste_regel(any_store).omschrijving == inloggen.MET_STARTWACHTWOORD
    # … Tessa's own password no longer works; she asks, gets a new start password and signs in
    with pytest.raises(InlogFout):
        inloggen.inloggen(any_store, "tessa", EIGEN, sleutel_bewezen=False)
    medewerkers.stel_wachtwoord_in(beheer, tessa, "tweede startwachtwoord")
    sessie = inloggen.inloggen(any_store, "tessa", "tweede startwachtwoord", sleutel_bewezen=False,
                               nieuw_wachtwoord="weer mijn eigen wachtwoord")
    meldingen = inloggen.meldingen_sinds_vorige_aanmelding(sessie)
    assert len(meldingen) == 1 and "wachtwoord van tessa ingesteld (startwachtwoord) (2×" in meldingen[0]


def test_a_medewerker_sets_their_own_password_without_a_start_flag(any_store, beheer):
    mid = medewerkers.voeg_toe(beheer, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord=START)
    bram = replace(any_store, user="Bram Jansen", user_id=mid, rol=Rol.CONSULENT)
    medewerkers.stel_wachtwoord_in(bram, mid, EIGEN)
    assert not gebruiker(beheer, mid).startwachtwoord
    assert inloggen.inloggen(any_store, "bram", EIGEN, sleutel_bewezen=False).user_id == mid
    with pytest.raises(GeenToegang, match="gebruikers beheren"):  # but not someone else's
        medewerkers.stel_wachtwoord_in(bram, beheer.user_id, "overgenomen wachtwoord")


def test_on_an_encrypted_local_store_the_wachtwoordzin_is_the_lock(any_store, beheer):
    """There the store's wachtwoordzin signs in as anyone (docs/security.md): no start password asked."""
    mid = medewerkers.voeg_toe(beheer, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord=START)
    assert inloggen.inloggen(any_store, "tessa", "de wachtwoordzin", sleutel_bewezen=True).user_id == mid


# ------------------------------------------------------------------------------ no self-escalation


def test_a_beheerder_cannot_turn_their_own_or_a_beheerder_account_into_casework(any_store, beheer):
    zelf = gebruiker(beheer, beheer.user_id)
    with pytest.raises(ValidationError, match="eigen rol"):
        medewerkers.wijzig(beheer, zelf.id, zelf.version, zelf.naam, zelf.gebruikersnaam, Rol.TEAMLEIDER, 1.0, True)
    tweede = medewerkers.voeg_toe(beheer, "Frits B.", Rol.BEHEERDER, gebruikersnaam="frits2", wachtwoord=START)
    g = gebruiker(beheer, tweede)
    with pytest.raises(ValidationError) as e:
        medewerkers.wijzig(beheer, tweede, g.version, g.naam, g.gebruikersnaam, Rol.TEAMLEIDER, 1.0, True)
    assert e.value.for_field("rol").startswith("Rol: een account van een functioneel beheerder krijgt geen rol met dossiertoegang")
    with pytest.raises(ValidationError) as e:
        medewerkers.voeg_toe(beheer, " frits  beheer", Rol.TEAMLEIDER, gebruikersnaam="frits.tl")
    assert e.value.for_field("naam") == ("Naam: als functioneel beheerder maakt u geen account met de rol teamleider "
                                         "op uw eigen naam aan.")
    assert {g.rol for g in medewerkers.gebruikers(beheer)} == {Rol.BEHEERDER}  # nothing casework was made


def test_raising_a_role_or_switching_a_casework_account_on_again_is_shown_to_the_teamleiders(any_store, beheer):
    mid = medewerkers.voeg_toe(any_store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram")
    g = gebruiker(beheer, mid)
    medewerkers.wijzig(beheer, mid, g.version, g.naam, g.gebruikersnaam, Rol.CONSULENT, g.fte, False)
    assert not laatste_regel(any_store).omschrijving.startswith("dossiertoegang:")  # switching off is not
    g = gebruiker(beheer, mid)
    medewerkers.wijzig(beheer, mid, g.version, g.naam, g.gebruikersnaam, Rol.CONSULENT, g.fte, True)
    assert laatste_regel(any_store).omschrijving == (
        "dossiertoegang: gebruiker bram: jeugdconsulent, actief (was jeugdconsulent, uitgeschakeld)")
    g = gebruiker(beheer, mid)
    medewerkers.wijzig(beheer, mid, g.version, g.naam, g.gebruikersnaam, Rol.TEAMLEIDER, g.fte, True)
    assert laatste_regel(any_store).omschrijving == (
        "dossiertoegang: gebruiker bram: teamleider, actief (was jeugdconsulent, actief)")


def test_a_teamleider_or_consulent_cannot_edit_accounts_or_their_own_role(any_store):
    mid = medewerkers.voeg_toe(any_store, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa")
    for rol in (Rol.TEAMLEIDER, Rol.CONSULENT):
        zelf = replace(any_store, user="Tessa Leider", user_id=mid, rol=rol)
        with pytest.raises(GeenToegang, match="gebruikers beheren"):
            medewerkers.wijzig(zelf, mid, 1, "Tessa Leider", "tessa", Rol.BEHEERDER, 1.0, True)


# ------------------------------------------------------------------------------ active dossiers


def test_a_consulent_with_active_dossiers_is_not_switched_off_or_moved_out_of_the_role(any_store, beheer, jet):
    bram, anouk = jet.consulent(any_store, "Bram Jansen"), jet.consulent(any_store, "Anouk de Vries")
    for _ in range(2):
        jet.dossier(any_store, bram)
    jet.dossier(any_store, anouk, tweede_consulent_id=bram)
    g = gebruiker(beheer, bram)
    with pytest.raises(ValidationError) as e:
        medewerkers.wijzig(beheer, bram, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)
    assert e.value.for_field("actief") == ("Uitschakelen kan niet: Bram Jansen heeft nog 2 actieve dossiers (en is "
                                           "tweede persoon bij 1); draag ze eerst over via Caseload herverdelen.")
    with pytest.raises(ValidationError) as e:
        medewerkers.wijzig(beheer, bram, g.version, g.naam, g.gebruikersnaam, Rol.TEAMLEIDER, g.fte, actief=True)
    assert e.value.for_field("rol").startswith("Rol wijzigen kan niet: Bram Jansen heeft nog 2 actieve dossiers")
    assert gebruiker(beheer, bram).actief
    assert [c.naam for c in caseload.consulenten(any_store, jet.vandaag)] == ["Anouk de Vries", "Bram Jansen"]

    g = gebruiker(beheer, anouk)
    with pytest.raises(ValidationError, match="Anouk de Vries heeft nog 1 actief dossier; draag"):
        medewerkers.wijzig(beheer, anouk, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)

    # moved on: the primary dossiers to Anouk, the second-person one to nobody
    for d in caseload.dossiers_van(any_store, bram):
        if d.is_tweede:
            caseload.zet_tweede_persoon(any_store, d.dossier_id, d.version, None, jet.vandaag)
        else:
            caseload.wijzig_consulent(any_store, d.dossier_id, d.version, anouk, "afwezigheid", jet.vandaag)
    g = gebruiker(beheer, bram)
    medewerkers.wijzig(beheer, bram, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)
    assert not gebruiker(beheer, bram).actief


def test_only_second_person_dossiers_are_named_as_such():
    assert medewerkers.dossiers_melding("Bram", 0, 3) == (
        "Bram is nog tweede persoon bij 3 actieve dossiers; kies daar eerst een andere tweede persoon (Caseload).")


# ------------------------------------------------------------------------------ sign-in answers alike


def test_every_failed_sign_in_costs_one_password_verification_and_says_the_same(any_store, beheer, monkeypatch):
    bekend = medewerkers.voeg_toe(any_store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord=EIGEN)
    medewerkers.voeg_toe(any_store, "Uit Geschakeld", Rol.CONSULENT, gebruikersnaam="uit", wachtwoord=EIGEN)
    g = gebruiker(beheer, [x.id for x in medewerkers.gebruikers(beheer) if x.gebruikersnaam == "uit"][0])
    medewerkers.wijzig(beheer, g.id, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, False)
    medewerkers.voeg_toe(any_store, "Zonder Wachtwoord", Rol.CONSULENT, gebruikersnaam="zonder")
    echte, aanroepen = inloggen.ww.klopt, []
    monkeypatch.setattr(inloggen.ww, "klopt", lambda w, h: aanroepen.append(h) or echte(w, h))
    gevallen = ["onbekend", "bram", "uit"] + (["zonder"] if any_store.engine.dialect.name != "sqlite" else [])
    for naam in gevallen:
        aanroepen.clear()
        with pytest.raises(InlogFout) as e:
            inloggen.inloggen(any_store, naam, "fout fout fout", sleutel_bewezen=False)
        assert str(e.value) == FOUT and type(e.value) is InlogFout, naam
        assert len(aanroepen) == 1, naam  # exactly one scrypt verification, known user or not
        assert aanroepen[0].startswith("scrypt$16384$8$1$"), naam  # at the same cost
    aanroepen.clear()
    assert inloggen.inloggen(any_store, "bram", EIGEN, sleutel_bewezen=False).user_id == bekend
    assert len(aanroepen) == 1


# ------------------------------------------------------------------------------ an open session


def test_a_session_of_an_account_switched_off_or_changed_does_nothing_more(any_store, beheer, jet):
    bram = jet.consulent(any_store, "Bram Jansen")
    anouk = jet.consulent(any_store, "Anouk de Vries")
    dossier = jet.dossier(any_store, anouk)
    sessie = inloggen.inloggen(any_store, "bram.jansen", "", sleutel_bewezen=True)
    anouk_sessie = inloggen.inloggen(any_store, "anouk.devries", "", sleutel_bewezen=True)
    assert dossiers.detail(anouk_sessie, dossier).dossiernummer

    g = gebruiker(beheer, bram)
    medewerkers.wijzig(beheer, bram, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)
    voor = audit.kop(any_store)
    with pytest.raises(GeenToegang, match="uitgeschakeld of uw rol is gewijzigd; meld u opnieuw aan"):
        audit.log(sessie, AuditActie.OPENEN, "dossier")
    assert audit.kop(any_store) == voor

    # another role since signing in (here set directly: the beheerder is refused while she holds a dossier)
    with any_store.engine.begin() as conn:
        conn.execute(M.update().where(M.c.id == anouk).values(rol=Rol.BEHEERDER.value))
    with pytest.raises(GeenToegang, match="meld u opnieuw aan"):
        dossiers.detail(anouk_sessie, dossier)
    assert audit.kop(any_store) == voor


def test_the_line_after_a_file_replacement_is_written_whatever_the_restored_copy_says(tmp_path):
    """A restored older copy may know the medewerker in another role (or not at all): the line that says
    who replaced the file is written all the same (audit.log_in_bestand)."""
    from jet_desktop.storage.store import Store

    db = tmp_path / "jet.db"
    store = Store.open_file(db)
    mid = medewerkers.voeg_toe(store, "Frits Beheer", Rol.CONSULENT)  # a consulent in this copy
    store.engine.dispose()
    wie = replace(store, user="Frits Beheer", user_id=mid, rol=Rol.BEHEERDER)
    audit.log_in_bestand(db, None, wie, "reservekopie jet-20261124.db teruggezet")
    store = Store.open_file(db)
    try:
        assert audit.regels(store, limit=1)[0].omschrijving == "reservekopie jet-20261124.db teruggezet"
    finally:
        store.engine.dispose()
