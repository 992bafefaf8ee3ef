"""Every look at personal data is accounted for (NEN 7513; issue 9): each read service that returns names,
hulpvraag, plans or other data of jeugdigen writes exactly one audit line per view — the event, the
time, the user, and the clients by dossiernummer, never a name, BSN or filter text — and paging on
through the same view writes none. Rights checks are never optional (gezin_van), and a refused
attempt is an audit line of its own. On SQLite and PostgreSQL."""

import inspect
import io
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import func, select

from jet_desktop.domain.auditketen import eerste_breuk
from jet_desktop.domain.enums import Rol
from jet_desktop.reports import caseloadoverzicht, matched_care, wachtlijstrapport
from jet_desktop.services import aanmeldingen, audit, caseload, dossiers, inzage, medewerkers, triage, wachtlijst, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Aanmelding, Auditketen, Auditregel, Contactmoment, Dossier, Toewijzing

R, K, A, D = Auditregel.__table__, Auditketen.__table__, Aanmelding.__table__, Dossier.__table__
GEHEIM = ("Noor", "Bakker", "111222333", "Ria", "0612345678", "Wout", "Wacht", "Olga", "Ander", "Zorgen over")


def kop(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(K.c.volgnummer).where(K.c.id == 1)).scalar_one()


def sinds(store, na: int) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(R).where(R.c.volgnummer > na)
                                                       .order_by(R.c.volgnummer))]


def een_regel(store, call):
    """Run `call`; assert it wrote exactly one audit line and return (result, line)."""
    na = kop(store)
    result = call()
    regels = sinds(store, na)
    assert len(regels) == 1, [r["omschrijving"] for r in regels]
    return result, regels[0]


def geen_regel(store, call):
    na = kop(store)
    result = call()
    assert sinds(store, na) == []
    return result


def nummer(store, aanmelding_id=None, dossier_id=None) -> str:
    with store.engine.connect() as conn:
        if dossier_id is not None:
            return conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                                .where(D.c.id == dossier_id)).scalar_one()
        return conn.execute(select(A.c.dossiernummer).where(A.c.id == aanmelding_id)).scalar_one()


def zonder_persoonsgegevens(store) -> None:
    with store.engine.connect() as conn:
        tekst = " ".join(str(v) for r in conn.execute(select(R)) for v in r)
    assert [g for g in GEHEIM if g in tekst] == []
    with store.engine.connect() as conn:
        k = conn.execute(select(K.c.volgnummer, K.c.hash).where(K.c.id == 1)).one()
        regels = [dict(r._mapping) for r in conn.execute(select(R).order_by(R.c.volgnummer))]
    assert eerste_breuk(regels, k.volgnummer, k.hash) is None


@dataclass
class Casus:
    system: object
    anouk: object  # jeugdconsulent, has Noor's dossier
    bram: object  # jeugdconsulent, has Olga's dossier
    tessa: object  # teamleider
    frits: object  # functioneel beheerder
    anouk_id: object
    bram_id: object
    noor: object  # dossier id (Anouk's), with gezin, plan, toewijzing, a second consulent change
    olga: object  # dossier id (Bram's)
    wout: object  # aanmelding id on the wachtlijst
    triage_id: object  # aanmelding id waiting for triage
    gezin_noor: object
    gezin_olga: object
    gezin_wout: object


def als(store, naam, mid, rol):
    return replace(store, user=naam, user_id=mid, rol=rol)


def gezin_van_dossier(store, dossier_id):
    from jet_desktop.storage.models import Jeugdige

    J = Jeugdige.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(J.c.gezin_id).join(A, A.c.jeugdige_id == J.c.id).join(D, D.c.aanmelding_id == A.c.id)
                            .where(D.c.id == dossier_id)).scalar_one()


def gezin_van_aanmelding(store, aanmelding_id):
    from jet_desktop.storage.models import Jeugdige

    J = Jeugdige.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(J.c.gezin_id).join(A, A.c.jeugdige_id == J.c.id)
                            .where(A.c.id == aanmelding_id)).scalar_one()


@pytest.fixture
def casus(any_store, jet, inloggen_als):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk de Vries"), jet.consulent(s, "Bram Jansen")
    tessa = medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER)
    frits = medewerkers.voeg_toe(s, "Frits Beheer", Rol.BEHEERDER)
    noor = jet.dossier(s, anouk, voornaam="Noor", achternaam="Bakker", bsn="111222333", postcode="1234AB",
                       ouders=[OuderInvoer("Ria Bakker", gezag=True, telefoon="0612345678")],
                       hulpvraag="Zorgen over slapen en school.")
    olga = jet.dossier(s, bram, voornaam="Olga", achternaam="Ander", ouders=[OuderInvoer("Piet Ander")])
    wout = jet.wachtend(s, voornaam="Wout", achternaam="Wacht", urgentie="hoog")
    triage_id = jet.aanmelding(s, voornaam="Tijn", achternaam="Triage").aanmelding_id
    zorg.sla_plan_op(s, noor, None, zorg.PlanInvoer(va_kind="Slaapt slecht.", doelen="Rust."))
    zorg.voeg_toewijzing_toe(s, noor, zorg.ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "fjild",
                                                            jet.vandaag, None, 6500))
    return Casus(s, inloggen_als(s, anouk), inloggen_als(s, bram),
                 inloggen_als(s, tessa), inloggen_als(s, frits),
                 anouk, bram, noor, olga, wout, triage_id, gezin_van_dossier(s, noor), gezin_van_dossier(s, olga),
                 gezin_van_aanmelding(s, wout))


# ------------------------------------------------------------------------------ the wachtlijst

def test_a_wachtlijst_view_is_one_line_and_scrolling_its_pages_writes_none(any_store, jet, inloggen_als):
    s = any_store
    nummers = [nummer(s, jet.wachtend(s, voornaam=f"Kind{i}", achternaam="Smit")) for i in range(5)]
    leider = inloggen_als(s, medewerkers.voeg_toe(s, "Tessa", Rol.TEAMLEIDER))
    view, r = een_regel(s, lambda: wachtlijst.bekijk(leider, "", "naam"))
    assert view.aantal == 5 and view.volgnummer == r["volgnummer"]
    assert (r["actie"], r["objecttype"], r["client"], r["medewerker"], r["rol"]) == (
        "openen", "wachtlijst", "", "Tessa", "teamleider")
    assert r["omschrijving"].startswith("wachtlijst bekeken, gesorteerd op naam: 5 rijen (")
    assert all(n in r["omschrijving"] for n in nummers)
    # paging on through the same view: no further line
    rijen = geen_regel(s, lambda: view.pagina(0, 2) + view.pagina(2, 2) + view.pagina(4, 2))
    assert len(rijen) == 5
    # a new filter is a new view: one line, naming the one match as the client, without the filter text
    view, r = een_regel(s, lambda: wachtlijst.bekijk(leider, "kind3"))
    assert view.aantal == 1 and r["client"] == nummers[3] and "gefilterd" in r["omschrijving"]
    assert "kind3" not in r["omschrijving"].lower()
    # a view that shows no one writes nothing; counts write nothing
    assert geen_regel(s, lambda: wachtlijst.bekijk(leider, "niemand")).aantal == 0
    assert geen_regel(s, lambda: (wachtlijst.tel(leider), wachtlijst.per_urgentie(leider)))[0] == 5


def test_a_long_wachtlijst_view_names_its_size_not_every_dossier(sqlite_store, jet, monkeypatch):
    s = sqlite_store
    monkeypatch.setattr(inzage, "NUMMERS_IN_REGEL", 3)
    for i in range(5):
        jet.wachtend(s, voornaam=f"Kind{i}")
    view, r = een_regel(s, lambda: wachtlijst.bekijk(s))
    assert view.aantal == 5 and r["omschrijving"] == "wachtlijst bekeken: 5 rijen"


def test_a_page_or_the_whole_list_on_its_own_is_a_view_with_its_line(casus):
    c = casus
    _, r = een_regel(c.system, lambda: wachtlijst.pagina(c.anouk, limit=1))
    assert r["client"] == nummer(c.system, c.wout) and r["medewerker"] == "Anouk de Vries"
    _, r = een_regel(c.system, lambda: wachtlijst.alle(c.anouk))
    assert r["objecttype"] == "wachtlijst"
    zonder_persoonsgegevens(c.system)


# ------------------------------------------------------------------------------ triage

def test_the_triage_queue_is_one_line_its_count_none(casus, jet):
    c = casus
    rijen, r = een_regel(c.system, lambda: triage.triage_wachtrij(c.anouk, jet.vandaag))
    assert [x.aanmelding_id for x in rijen] == [c.triage_id]
    assert (r["actie"], r["objecttype"], r["client"]) == ("openen", "triage", nummer(c.system, c.triage_id))
    assert "hulpvraag en veiligheidssignalen" in r["omschrijving"] and "1 aanmelding" in r["omschrijving"]
    assert geen_regel(c.system, lambda: triage.aantal_wachtend(c.anouk)) == 1
    assert geen_regel(c.system, lambda: triage.versie(c.anouk, c.wout)) >= 1
    zonder_persoonsgegevens(c.system)


def test_triage_history_is_one_line_for_its_aanmelding(casus):
    c = casus
    hist, r = een_regel(c.system, lambda: triage.besluit_historie(c.anouk, c.wout))
    assert len(hist) == 1
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"]) == (
        "openen", "aanmelding", str(c.wout), nummer(c.system, c.wout))
    assert r["omschrijving"] == "triagehistorie bekeken: 1 besluit"


# ------------------------------------------------------------------------------ caseload

def test_a_caseload_is_one_line_naming_its_dossiers(casus, jet):
    c = casus
    rijen, r = een_regel(c.system, lambda: caseload.dossiers_van(c.anouk, c.anouk_id))
    assert [d.dossier_id for d in rijen] == [c.noor]
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"]) == (
        "openen", "caseload", str(c.anouk_id), nummer(c.system, dossier_id=c.noor))
    assert r["omschrijving"].startswith("caseload van een consulent bekeken: 1 dossier")
    # what she may not see of Bram's caseload is not shown, so not logged
    assert geen_regel(c.system, lambda: caseload.dossiers_van(c.anouk, c.bram_id)) == []
    # the team figures name no jeugdige: no line
    geen_regel(c.system, lambda: caseload.consulenten(c.anouk, jet.vandaag))


def test_a_reassignment_proposal_is_one_line(casus, jet):
    c = casus
    voorstel, r = een_regel(c.system, lambda: caseload.herverdeling(c.tessa, c.bram_id, jet.vandaag))
    assert [v.dossier_id for v in voorstel] == [c.olga]
    assert (r["objecttype"], r["client"]) == ("caseload", nummer(c.system, dossier_id=c.olga))
    assert r["omschrijving"].startswith("voorstel herverdeling caseload bekeken")


def test_consulent_history_is_one_line_the_change_count_none(casus):
    c = casus
    hist, r = een_regel(c.system, lambda: caseload.consulent_historie(c.anouk, c.noor))
    assert len(hist) == 1 and (r["objecttype"], r["client"]) == ("dossier", nummer(c.system, dossier_id=c.noor))
    assert r["omschrijving"] == "consulenthistorie bekeken: 1 wijziging"
    assert geen_regel(c.system, lambda: caseload.aantal_wisselingen(c.anouk, c.noor)) == 0


def test_reloading_one_caseload_row_is_one_line(casus):
    c = casus
    rij, r = een_regel(c.system, lambda: caseload.dossier_rij(c.anouk, c.noor))
    assert rij.naam == "Noor Bakker" and rij.afgesloten_op is None and not rij.is_tweede
    assert (r["objecttype"], r["client"]) == ("dossier", nummer(c.system, dossier_id=c.noor))


# ------------------------------------------------------------------------------ the dossier

def test_plan_and_toewijzingen_read_on_their_own_write_a_line_each(casus):
    c = casus
    nr = nummer(c.system, dossier_id=c.noor)
    plan, r = een_regel(c.system, lambda: zorg.ondersteuningsplan(c.anouk, c.noor))
    assert plan.va_kind == "Slaapt slecht."
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"], r["omschrijving"]) == (
        "openen", "ondersteuningsplan", str(plan.id), nr, "ondersteuningsplan bekeken")
    rijen, r = een_regel(c.system, lambda: zorg.toewijzingen(c.anouk, c.noor))
    assert len(rijen) == 1
    assert (r["objecttype"], r["client"], r["omschrijving"]) == ("toewijzing", nr, "toewijzingen bekeken: 1 toewijzing")
    _, r = een_regel(c.system, lambda: zorg.ondersteuningsplan(c.bram, c.olga))  # none yet: still a look
    assert r["omschrijving"] == "ondersteuningsplan bekeken (nog geen plan)"


def test_opening_a_dossier_reads_every_tab_under_one_line(casus):
    c = casus
    d, r = een_regel(c.system, lambda: dossiers.detail(c.anouk, c.noor))
    assert d.plan.va_kind == "Slaapt slecht." and len(d.toewijzingen) == 1 and len(d.consulent_historie) == 1
    assert len(d.triage_historie) == 1 and d.wisselingen == 0
    assert [o.telefoon for o in d.ouders] == ["0612345678"]  # the gezin, read after the dossier's own check
    assert (r["actie"], r["objecttype"], r["client"], r["omschrijving"]) == (
        "openen", "dossier", nummer(c.system, dossier_id=c.noor), "dossier geopend")
    zonder_persoonsgegevens(c.system)


def test_reading_an_open_dossier_again_is_the_same_opening_and_writes_no_second_line(casus):
    c = casus
    d, _ = een_regel(c.system, lambda: dossiers.detail(c.anouk, c.noor))
    dossiers.voeg_contactmoment_toe(c.anouk, c.noor, d.geopend_op, "huisbezoek", 60, "Gesprek thuis.", d.geopend_op)
    opnieuw = geen_regel(c.system, lambda: dossiers.herlees(c.anouk, d))  # what the window does after a save
    assert len(opnieuw.contacten) == len(d.contacten) + 1
    # another sign-in is another look: its own line, and its own rights check
    _, r = een_regel(c.system, lambda: dossiers.herlees(c.tessa, opnieuw))
    assert (r["objecttype"], r["omschrijving"], r["medewerker"]) == ("dossier", "dossier geopend", "Tessa Leider")
    with pytest.raises(GeenToegang):
        dossiers.herlees(c.bram, opnieuw)


# ------------------------------------------------------------------------------ reports

def test_report_contents_read_without_a_file_are_one_line_a_file_one_export_line(casus, jet):
    c = casus
    rapport, r = een_regel(c.system, lambda: wachtlijstrapport.verzamel(c.tessa, jet.vandaag))
    assert rapport.totaal == 1 and (r["actie"], r["objecttype"], r["object_id"]) == (
        "openen", "rapport", "wachtlijstrapport")
    assert r["client"] == nummer(c.system, c.wout)
    _, r = een_regel(c.system, lambda: wachtlijstrapport.maak_pdf(c.tessa, io.BytesIO(), jet.vandaag))
    assert r["actie"] == "export"
    o, r = een_regel(c.system, lambda: caseloadoverzicht.verzamel(c.tessa, jet.vandaag))
    assert (r["actie"], r["object_id"]) == ("openen", "caseloadoverzicht")
    assert all(nummer(c.system, dossier_id=d) in r["omschrijving"] for d in (c.noor, c.olga))
    _, r = een_regel(c.system, lambda: caseloadoverzicht.maak(c.tessa, io.BytesIO(), "xlsx", jet.vandaag))
    assert r["actie"] == "export"


def test_matched_care_lists_per_jeugdige_are_a_logged_read(casus):
    from datetime import date

    c = casus
    with c.system.engine.begin() as conn:  # a heavier toewijzing within 180 days: opschaling for Olga
        for intensiteit, start in (("licht", date(2026, 1, 10)), ("middel", date(2026, 2, 10))):
            conn.execute(Toewijzing.__table__.insert().values(c.system.new_row(
                dossier_id=c.olga, productcategorie="45", product="", intensiteit=intensiteit, aanbieder="fjild",
                startdatum=start, einddatum=None, geschatte_kosten=1000, contractvorm="profiel", dvo_motivering="",
                deleted_at=None)))
    van, tot = date(2026, 1, 1), date(2026, 12, 31)
    mc, r = een_regel(c.system, lambda: matched_care.bereken(c.tessa, van, tot))
    assert mc.opschaling_lijst
    assert (r["actie"], r["objecttype"], r["object_id"]) == ("openen", "rapport", "matched care")
    assert nummer(c.system, dossier_id=c.olga) in r["omschrijving"]
    # the anonymous figures (a consulent: counts, no lists; on the team server the server's) are not a read
    assert geen_regel(c.system, lambda: matched_care.bereken(c.anouk, van, tot)).opschaling_lijst == []


# ------------------------------------------------------------------------------ defect 2: gezin_van

def test_gezin_van_has_no_switch_for_its_check_or_its_line():
    assert list(inspect.signature(aanmeldingen.gezin_van).parameters) == ["store", "gezin_id"]


def test_gezin_van_is_refused_to_the_beheerder_and_to_a_consulent_without_a_child_of_it(casus):
    c = casus
    for store, gezin in ((c.frits, c.gezin_noor), (c.anouk, c.gezin_olga)):
        na = kop(c.system)
        with pytest.raises(GeenToegang):
            aanmeldingen.gezin_van(store, gezin)
        (r,) = sinds(c.system, na)
        assert r["actie"] == "geweigerd" and r["medewerker"] == store.user
    zonder_persoonsgegevens(c.system)


def test_gezin_van_is_open_for_a_waiting_child_an_own_dossier_and_the_teamleider(casus):
    c = casus
    for store, gezin, namen in ((c.anouk, c.gezin_wout, ["Wout Wacht"]),  # on the wachtlijst
                                (c.anouk, c.gezin_noor, ["Noor Bakker"]),  # her own dossier
                                (c.tessa, c.gezin_olga, ["Olga Ander"])):  # the teamleider: the team's
        na = kop(c.system)
        kinderen, _ouders = aanmeldingen.gezin_van(store, gezin)
        assert [k.naam for k in kinderen] == namen
        regels = sinds(c.system, na)
        assert [(r["actie"], r["objecttype"]) for r in regels] == [("openen", "jeugdige")]


# ------------------------------------------------------------------------------ defect 3: refusals

def test_a_refused_right_is_a_committed_line_without_personal_data(casus):
    c = casus
    na = kop(c.system)
    with pytest.raises(GeenToegang, match="de wachtlijst en aanmeldingen inzien"):
        wachtlijst.bekijk(c.frits, "Bakker")
    (r,) = sinds(c.system, na)
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"], r["medewerker"], r["rol"]) == (
        "geweigerd", "recht", "WACHTLIJST", "", "Frits Beheer", "functioneel_beheerder")
    assert r["omschrijving"] == "toegang geweigerd: de wachtlijst en aanmeldingen inzien (wachtlijst.bekijk)"
    zonder_persoonsgegevens(c.system)


def test_a_refused_dossier_inside_a_write_is_logged_while_the_write_is_not_saved(casus, jet):
    c = casus
    na = kop(c.system)
    with pytest.raises(GeenToegang, match="niet op uw caseload"):
        dossiers.voeg_contactmoment_toe(c.anouk, c.olga, jet.vandaag, "kantoor", 30, "Gesprek met Olga.", jet.vandaag)
    (r,) = sinds(c.system, na)
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"]) == (
        "geweigerd", "dossier", str(c.olga), nummer(c.system, dossier_id=c.olga))
    assert "dossiers.voeg_contactmoment_toe" in r["omschrijving"]
    assert jet.count(c.system, Contactmoment.__table__) == 0
    zonder_persoonsgegevens(c.system)


def test_a_refusal_stands_when_its_line_cannot_be_written(casus, monkeypatch):
    c = casus

    def kapot(*a, **k):
        raise RuntimeError("auditlog niet beschikbaar")

    monkeypatch.setattr(audit, "log", kapot)
    with pytest.raises(GeenToegang):
        dossiers.detail(c.anouk, c.olga)
    with pytest.raises(GeenToegang):
        triage.triage_wachtrij(c.frits, None)


def test_someone_elses_absence_refused_is_a_line(casus, jet):
    c = casus
    na = kop(c.system)
    with pytest.raises(GeenToegang):
        caseload.markeer_afwezig(c.anouk, c.bram_id, jet.vandaag, jet.vandaag)
    (r,) = sinds(c.system, na)
    assert (r["actie"], r["objecttype"], r["object_id"]) == ("geweigerd", "medewerker", str(c.bram_id))


# ------------------------------------------------------------------------------ defect 4: wachtlijstrapport

def test_the_wachtlijstrapport_is_for_the_teamleider(casus, jet):
    c = casus
    buf = io.BytesIO()
    na = kop(c.system)
    with pytest.raises(GeenToegang, match="rapporten met persoonsgegevens"):
        wachtlijstrapport.maak_pdf(c.anouk, buf, jet.vandaag)
    assert buf.getvalue() == b""
    assert [r["actie"] for r in sinds(c.system, na)] == ["geweigerd"]
    wachtlijstrapport.maak_pdf(c.tessa, buf, jet.vandaag)
    assert buf.getvalue().startswith(b"%PDF")
    with c.system.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(R).where(R.c.actie == "export")).scalar_one() == 1
