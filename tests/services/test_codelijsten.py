"""The code lists in the store (issue 12, "Code lists live in the store"): seeded from resources/ by migration
0010, edited by the functioneel beheerder only, each change versioned and audited, read by validation,
screens and reports from the store — so an edit on one connection is what validation accepts on another."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.codelists import uit_bestanden
from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.domain.matched_care import Stapelingsoort, geldende_regel
from jet_desktop.services import aanmeldingen, codelijsten, dossiers, medewerkers, zorg
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.codelijsten import CodeInvoer, Lijst
from jet_desktop.services.zorg import ToewijzingInvoer
from jet_desktop.storage.models import Auditregel, CodeAanbieder, CodeVerwijzer
from jet_desktop.storage.store import StaleEditError, Store

R = Auditregel.__table__
GEOPEND = date(2026, 11, 10)


def beheerder(store):
    fid = medewerkers.voeg_toe(store, "Frits Beheer", Rol.BEHEERDER)
    return replace(store, user="Frits Beheer", user_id=fid, rol=Rol.BEHEERDER)


def rij(store, lijst, code):
    return next(r for r in codelijsten.beheer_rijen(store, lijst) if r.code == code)


def audit_regels(store, objecttype="codelijst"):
    with store.engine.connect() as conn:
        return conn.execute(select(R.c.actie, R.c.medewerker, R.c.omschrijving, R.c.object_id)
                            .where(R.c.objecttype == objecttype).order_by(R.c.volgnummer)).all()


def toewijzing(**kw):
    waarden = dict(productcategorie="45", product="Gezinsbehandeling", intensiteit="middel", aanbieder="fjild",
                   startdatum=date(2026, 11, 20), geschatte_kosten=4000)
    return ToewijzingInvoer(**(waarden | kw))


@pytest.fixture
def fb(any_store):
    return beheerder(any_store)


def test_the_seed_is_the_resources_files(any_store):
    opgeslagen, bestanden = codelijsten.lijsten(any_store), uit_bestanden()
    assert opgeslagen == bestanden  # every list, every column, in the files' order (intensiteiten by niveau)
    assert len(opgeslagen.verwijzers) == 14 and len(opgeslagen.stapeling) == 18
    assert opgeslagen.verwijzer("ouders").extern is False and opgeslagen.intensiteit("zwaar").niveau == 3
    # the rules as the matched-care summary reads them: the same decisions as the file's
    regels = opgeslagen.stapeling_regels()
    assert regels == bestanden.stapeling_regels()
    assert geldende_regel(regels, Stapelingsoort.VERTICAAL, "45", "45").toegestaan is False
    with any_store.engine.connect() as conn:
        stempels = set(conn.execute(select(CodeVerwijzer.__table__.c.updated_by, CodeVerwijzer.__table__.c.version)))
    assert stempels == {("migratie", 1)}


def test_add_rename_and_end_each_write_one_audit_line(fb):
    nieuw = codelijsten.voeg_toe(fb, Lijst.AANBIEDERS, CodeInvoer(code="horizon", omschrijving="Horizon Jeugdzorg"))
    assert codelijsten.lijsten(fb).aanbieder_label("horizon") == "Horizon Jeugdzorg"
    r = rij(fb, Lijst.AANBIEDERS, "horizon")
    assert (r.id, r.version, r.updated_by, r.geldig_tot) == (nieuw, 1, "Frits Beheer", None)
    v = codelijsten.hernoem(fb, Lijst.AANBIEDERS, nieuw, 1, "Horizon Jeugd & Gezin")
    assert codelijsten.lijsten(fb).aanbieder_label("horizon") == "Horizon Jeugd & Gezin"
    v = codelijsten.beeindig(fb, Lijst.AANBIEDERS, nieuw, v, date(2027, 1, 1))
    assert codelijsten.lijsten(fb).aanbieder("horizon").geldig_tot == date(2027, 1, 1)
    codelijsten.beeindig(fb, Lijst.AANBIEDERS, nieuw, v, None)  # taken into use again
    assert codelijsten.lijsten(fb).aanbieder("horizon").geldig_tot is None
    regels = audit_regels(fb)
    assert [(a, m, o) for a, m, o, _ in regels] == [
        ("beheer", "Frits Beheer", "Aanbieders: code horizon toegevoegd"),
        ("beheer", "Frits Beheer", "Aanbieders: code horizon hernoemd"),
        ("beheer", "Frits Beheer", "Aanbieders: code horizon beëindigd per 01-01-2027"),
        ("beheer", "Frits Beheer", "Aanbieders: code horizon weer in gebruik genomen"),
    ]
    assert {o for *_, o in regels} == {str(nieuw)}


def test_a_new_code_is_validated_naming_each_field(fb):
    with pytest.raises(ValidationError) as exc:
        codelijsten.voeg_toe(fb, Lijst.VERWIJZERS, CodeInvoer(code="huisarts", omschrijving=" ", ijw_code="07"))
    velden = {e.field: e.message for e in exc.value.errors}
    assert set(velden) == {"code", "omschrijving", "ijw_code"}
    assert "bestaat al" in velden["code"] and velden["omschrijving"] == "Omschrijving: verplicht."
    with pytest.raises(ValidationError) as exc:
        codelijsten.voeg_toe(fb, Lijst.PRODUCTCATEGORIEEN, CodeInvoer(code="5a", omschrijving="X", kostencategorie=""))
    assert {e.field for e in exc.value.errors} == {"code", "kostencategorie"}
    with pytest.raises(ValidationError) as exc:
        codelijsten.voeg_toe(fb, Lijst.INTENSITEITEN, CodeInvoer(code="extra", omschrijving="Extra", niveau=0))
    assert [e.field for e in exc.value.errors] == ["niveau"]
    assert len(codelijsten.lijsten(fb).verwijzers) == 14 and audit_regels(fb) == []  # nothing written


def test_a_stale_save_is_refused_naming_who_changed_it(any_store, fb):
    r = rij(fb, Lijst.VERWIJZERS, "school")
    collega = replace(fb, user="Greet Beheer")
    codelijsten.hernoem(collega, Lijst.VERWIJZERS, r.id, r.version, "School")
    with pytest.raises(StaleEditError) as exc:
        codelijsten.hernoem(fb, Lijst.VERWIJZERS, r.id, r.version, "School of jeugdondersteuner")
    assert exc.value.changed_by == "Greet Beheer" and "niet opgeslagen" in str(exc.value)
    with pytest.raises(StaleEditError):
        codelijsten.beeindig(fb, Lijst.VERWIJZERS, r.id, r.version, date(2027, 1, 1))
    assert codelijsten.lijsten(fb).verwijzer("school") == replace(uit_bestanden().verwijzer("school"),
                                                                  omschrijving="School")
    assert len(audit_regels(fb)) == 1  # only the saved change


def test_a_code_in_use_is_ended_not_removed_and_an_unused_one_can_go(fb, jet):
    jet.aanmelding(Store(fb.engine, "Test Gebruiker"), verwijzer_route="politie")
    r = rij(fb, Lijst.VERWIJZERS, "politie")
    assert r.in_gebruik == 1
    with pytest.raises(ValidationError) as exc:
        codelijsten.verwijder(fb, Lijst.VERWIJZERS, r.id, r.version)
    assert "in gebruik" in str(exc.value) and "beëindig" in str(exc.value)
    assert codelijsten.lijsten(fb).verwijzer("politie") is not None
    codelijsten.beeindig(fb, Lijst.VERWIJZERS, r.id, r.version, date(2026, 12, 1))  # ending it is fine
    # a productcategorie named by a stapeling rule is in use too
    p45 = rij(fb, Lijst.PRODUCTCATEGORIEEN, "45")
    with pytest.raises(ValidationError):
        codelijsten.verwijder(fb, Lijst.PRODUCTCATEGORIEEN, p45.id, p45.version)
    # an unused code is removed (a tombstone), and the same code added again comes back as that row
    vrij = rij(fb, Lijst.AANBIEDERS, "meander")
    assert vrij.in_gebruik == 0
    codelijsten.verwijder(fb, Lijst.AANBIEDERS, vrij.id, vrij.version)
    assert codelijsten.lijsten(fb).aanbieder("meander") is None
    with fb.engine.connect() as conn:
        assert conn.execute(select(CodeAanbieder.__table__.c.deleted_at)
                            .where(CodeAanbieder.__table__.c.id == vrij.id)).scalar_one() is not None
    terug = codelijsten.voeg_toe(fb, Lijst.AANBIEDERS, CodeInvoer(code="meander", omschrijving="Meander Pleegzorg"))
    assert terug == vrij.id and codelijsten.lijsten(fb).aanbieder_label("meander") == "Meander Pleegzorg"


def test_a_stapeling_rule_is_added_and_ended_never_removed(fb):
    nieuw = codelijsten.voeg_toe(fb, Lijst.STAPELING, CodeInvoer(categorie_a="47", categorie_b="45", soort="verticaal",
                                                                 toegestaan=False, omschrijving="Test"))
    regels = codelijsten.lijsten(fb).stapeling_regels()
    assert geldende_regel(regels, Stapelingsoort.VERTICAAL, "45", "47").toelichting == "Test"
    with pytest.raises(ValidationError):  # the same combination twice
        codelijsten.voeg_toe(fb, Lijst.STAPELING, CodeInvoer(categorie_a="45", categorie_b="47", soort="verticaal"))
    r = rij(fb, Lijst.STAPELING, "47 + 45 verticaal")
    with pytest.raises(ValidationError) as exc:
        codelijsten.verwijder(fb, Lijst.STAPELING, nieuw, r.version)
    assert "beëindig" in str(exc.value)
    codelijsten.beeindig(fb, Lijst.STAPELING, nieuw, r.version, date(2027, 1, 1))
    lijsten = codelijsten.lijsten(fb)
    # a report of 2026 still applies it; one from 2027 on does not
    assert geldende_regel(lijsten.stapeling_regels(date(2026, 1, 1)), Stapelingsoort.VERTICAAL, "45", "47")
    assert geldende_regel(lijsten.stapeling_regels(date(2027, 1, 1)), Stapelingsoort.VERTICAAL, "45", "47") is None


def test_a_consulent_and_a_teamleider_are_refused_and_the_refusal_is_logged(any_store, fb):
    cid = medewerkers.voeg_toe(any_store, "Anouk de Vries", Rol.CONSULENT)
    anouk = replace(any_store, user="Anouk de Vries", user_id=cid, rol=Rol.CONSULENT)
    tessa = replace(any_store, user="Tessa Leider", rol=Rol.TEAMLEIDER)
    r = rij(fb, Lijst.AANBIEDERS, "kompas")
    for wie in (anouk, tessa):
        for poging in (lambda s: codelijsten.voeg_toe(s, Lijst.AANBIEDERS, CodeInvoer(code="x", omschrijving="X")),
                       lambda s: codelijsten.hernoem(s, Lijst.AANBIEDERS, r.id, r.version, "Ander"),
                       lambda s: codelijsten.beeindig(s, Lijst.AANBIEDERS, r.id, r.version, date(2027, 1, 1)),
                       lambda s: codelijsten.verwijder(s, Lijst.AANBIEDERS, r.id, r.version),
                       lambda s: codelijsten.beheer_rijen(s, Lijst.AANBIEDERS)):
            with pytest.raises(GeenToegang):
                poging(wie)
    assert codelijsten.lijsten(anouk) == uit_bestanden()  # reading the lists is every role's; nothing changed
    geweigerd = [o for a, _m, o, _i in audit_regels(any_store, "recht") if a == "geweigerd"]
    assert len(geweigerd) == 10 and all("instellingen en codelijsten beheren" in o for o in geweigerd)


def test_an_ended_code_is_refused_for_a_new_record_but_an_old_one_keeps_it(fb, jet):
    systeem = Store(fb.engine, "Test Gebruiker")
    did = jet.dossier(systeem, jet.consulent(systeem, "Anouk de Vries"), geopend_op=GEOPEND, verwijzer_route="gi")
    oud = zorg.voeg_toewijzing_toe(systeem, did, toewijzing(aanbieder="terp"))
    terp, gi = rij(fb, Lijst.AANBIEDERS, "terp"), rij(fb, Lijst.VERWIJZERS, "gi")
    codelijsten.beeindig(fb, Lijst.AANBIEDERS, terp.id, terp.version, date(2026, 12, 1))
    codelijsten.beeindig(fb, Lijst.VERWIJZERS, gi.id, gi.version, date(2026, 11, 1))
    # new: refused from the end date on, naming the field; before it still accepted
    with pytest.raises(ValidationError) as exc:
        zorg.voeg_toewijzing_toe(systeem, did, toewijzing(aanbieder="terp", startdatum=date(2026, 12, 1)))
    assert exc.value.for_field("aanbieder") == ("Aanbieder: Behandelcentrum De Terp is beëindigd per 01-12-2026; "
                                                "kies een andere uit de lijst.")
    zorg.voeg_toewijzing_toe(systeem, did, toewijzing(aanbieder="terp", startdatum=date(2026, 11, 30)))
    with pytest.raises(ValidationError) as exc:
        jet.aanmelding(systeem, verwijzer_route="gi", aanmelddatum=date(2026, 11, 2))
    assert "Verwijzer: Gecertificeerde instelling is beëindigd per 01-11-2026" in exc.value.for_field("verwijzer_route")
    # the dialogs do not offer them for today
    lijsten = codelijsten.lijsten(systeem)
    assert "terp" not in {a.code for a in lijsten.aangeboden("aanbieders", date(2026, 12, 2))}
    assert "terp" in {a.code for a in lijsten.aangeboden("aanbieders", date(2026, 12, 2), huidig="terp")}
    # old: the records keep the code and show its label; the toewijzing can still be changed with it
    detail = dossiers.detail(systeem, did)
    assert detail.verwijzer == "Gecertificeerde instelling"
    assert detail.codelijsten.aanbieder_label("terp") == "Behandelcentrum De Terp"
    t = next(t for t in zorg.toewijzingen(systeem, did) if t.id == oud)
    zorg.wijzig_toewijzing(systeem, oud, t.version, toewijzing(aanbieder="terp", product="Ander profiel"))
    nieuw = zorg.voeg_toewijzing_toe(systeem, did, toewijzing(aanbieder="fjild", startdatum=date(2026, 12, 5)))
    t2 = next(t for t in zorg.toewijzingen(systeem, did) if t.id == nieuw)
    with pytest.raises(ValidationError) as exc:  # but another toewijzing cannot switch to it
        zorg.wijzig_toewijzing(systeem, nieuw, t2.version, toewijzing(aanbieder="terp", startdatum=date(2026, 12, 5)))
    assert "beëindigd" in exc.value.for_field("aanbieder")


def test_an_edit_on_one_connection_is_what_validation_accepts_on_another(any_store, jet):
    """Two running applications on one store (two engines): the functioneel beheerder's edit on the one is
    what the other's next validation accepts and refuses — nothing cached per workstation."""
    url = any_store.engine.url.render_as_string(hide_password=False)
    werkplek = Store.open(url, user="Anouk de Vries")
    try:
        assert werkplek.engine is not any_store.engine
        did = jet.dossier(werkplek, jet.consulent(werkplek, "Anouk de Vries"), geopend_op=GEOPEND)
        with pytest.raises(ValidationError) as exc:  # read once on the workstation: unknown code
            zorg.voeg_toewijzing_toe(werkplek, did, toewijzing(aanbieder="horizon"))
        assert exc.value.for_field("aanbieder") == "Aanbieder: kies een aanbieder uit de lijst."
        with pytest.raises(ValidationError):
            jet.aanmelding(werkplek, verwijzer_route="wijkagent")
        fb = beheerder(any_store)
        hid = codelijsten.voeg_toe(fb, Lijst.AANBIEDERS, CodeInvoer(code="horizon", omschrijving="Horizon"))
        codelijsten.voeg_toe(fb, Lijst.VERWIJZERS, CodeInvoer(code="wijkagent", omschrijving="Wijkagent",
                                                              ijw_code="01"))
        tid = zorg.voeg_toewijzing_toe(werkplek, did, toewijzing(aanbieder="horizon"))
        assert jet.aanmelding(werkplek, verwijzer_route="wijkagent").aanmelding_id
        assert zorg.toewijzingen(werkplek, did)[0].aanbieder == "horizon" and tid
        codelijsten.beeindig(fb, Lijst.AANBIEDERS, hid, 1, date(2026, 11, 1))
        with pytest.raises(ValidationError) as exc:
            zorg.voeg_toewijzing_toe(werkplek, did, toewijzing(aanbieder="horizon"))
        assert "beëindigd per 01-11-2026" in exc.value.for_field("aanbieder")
        r = rij(fb, Lijst.AANBIEDERS, "horizon")
        codelijsten.hernoem(fb, Lijst.AANBIEDERS, r.id, r.version, "Horizon Jeugd")
        assert dossiers.detail(werkplek, did).codelijsten.aanbieder_label("horizon") == "Horizon Jeugd"
    finally:
        werkplek.engine.dispose()


def test_validation_reads_the_lists_once_per_call_not_per_row(sqlite_store, jet):
    from sqlalchemy import event

    lijsten = codelijsten.lijsten(sqlite_store)
    tellingen = []
    event.listen(sqlite_store.engine, "before_cursor_execute", lambda *a: tellingen.append(a[2]))
    codelijsten.lijsten(sqlite_store)
    assert len([q for q in tellingen if "code_" in q]) == 5  # one query per list
    assert aanmeldingen.valideer(jet.invoer(verwijzer_route="huisarts"), jet.vandaag, lijsten) == []
