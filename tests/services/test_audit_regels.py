"""Audit lines written by the case services and reports (domain.md "Privacy and safety"): every opening
and change of a dossier or aanmelding, every export and print of a report with personal data. A change
and its line are saved together or not at all; the lines name no jeugdige; the chain still verifies.
On SQLite and PostgreSQL (the print preview on SQLite)."""

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.domain.auditketen import eerste_breuk
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.reports import caseloadoverzicht, matched_care, matched_care_export, monitor, wachtlijstrapport
from jet_desktop.services import audit, caseload, dossiers, wachtlijst, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Aanmelding, Auditketen, Auditregel, Contactmoment, Dossier, Toewijzing
from jet_desktop.storage.store import StaleEditError

R, K = Auditregel.__table__, Auditketen.__table__
A, C, D, TW = Aanmelding.__table__, Contactmoment.__table__, Dossier.__table__, Toewijzing.__table__
NAAM_DELEN = ("Noor", "Bakker", "111222333", "Ria", "Oma", "Kennismaking")  # the jeugdige, her gezin, a note


def alle_regels(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(R).order_by(R.c.volgnummer))]


def nieuwe(store, na: int) -> list[dict]:
    return [r for r in alle_regels(store) if r["volgnummer"] > na]


def laatste(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(K.c.volgnummer).where(K.c.id == 1)).scalar_one()


def keten_klopt(store) -> bool:
    with store.engine.connect() as conn:
        kop = conn.execute(select(K.c.volgnummer, K.c.hash).where(K.c.id == 1)).one()
    return eerste_breuk(alle_regels(store), kop.volgnummer, kop.hash) is None


def nummer_van(store, dossier_id) -> str:
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                            .where(D.c.id == dossier_id)).scalar_one()


@pytest.fixture
def casus(any_store, jet):
    """Anouk (signed in as jeugdconsulent) has Noor Bakker's dossier."""
    anouk = jet.consulent(any_store, "Anouk de Vries")
    bram = jet.consulent(any_store, "Bram Jansen")
    did = jet.dossier(any_store, anouk, voornaam="Noor", achternaam="Bakker", bsn="111222333",
                      ouders=[OuderInvoer("Ria Bakker", gezag=True)], steunfiguur_naam="Oma Bakker")
    store = replace(any_store, user="Anouk de Vries", user_id=anouk, rol=Rol.CONSULENT)
    return store, did, nummer_van(any_store, did), bram


def test_opening_a_dossier_writes_one_line_without_the_jeugdiges_name(casus, jet):
    store, did, nummer, _ = casus
    dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "huisbezoek", 60, "Kennismaking met Noor en Ria.",
                                    jet.vandaag)
    na = laatste(store)
    assert dossiers.detail(store, did).naam == "Noor Bakker"
    (r,) = nieuwe(store, na)
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"]) == ("openen", "dossier", str(did), nummer)
    assert (r["medewerker"], r["medewerker_id"], r["rol"]) == ("Anouk de Vries", store.user_id, "jeugdconsulent")
    tekst = " ".join(str(v) for regel in alle_regels(store) for v in regel.values())
    assert not [d for d in NAAM_DELEN if d in tekst]
    assert keten_klopt(store)


def test_a_change_and_its_line_are_saved_together(casus, jet):
    store, did, nummer, _ = casus
    na = laatste(store)
    cid = dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "telefonisch", 15, "Afspraak.", jet.vandaag)
    (r,) = nieuwe(store, na)
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"]) == ("aanmaken", "contactmoment", str(cid), nummer)
    assert r["omschrijving"] == "contactmoment toegevoegd (telefonisch, 15 min)"
    assert keten_klopt(store)


def test_when_the_line_cannot_be_written_the_change_is_not_saved(casus, jet, monkeypatch):
    store, did, _, _ = casus

    def kapot(*a, **k):
        raise RuntimeError("auditlog niet beschikbaar")

    monkeypatch.setattr(audit, "schrijf", kapot)
    with pytest.raises(RuntimeError):
        dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "kantoor", 30, "Gesprek.", jet.vandaag)
    with pytest.raises(RuntimeError):
        dossiers.sluit_af(store, did, jet.version(store, D, did), jet.vandaag, "doelen_bereikt", "", jet.vandaag)
    assert jet.count(store, C) == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(D.c.afgesloten_op).where(D.c.id == did)).scalar_one() is None


def test_invalid_or_stale_changes_write_no_line_a_refused_one_its_refusal(casus, jet, any_store):
    store, did, _, bram = casus
    andermans = jet.dossier(any_store, bram)
    na = laatste(store)
    with pytest.raises(ValidationError):
        dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "brief", 30, "Gesprek.", jet.vandaag)
    with pytest.raises(StaleEditError):
        dossiers.sluit_af(store, did, 99, jet.vandaag, "doelen_bereikt", "", jet.vandaag)
    with pytest.raises(GeenToegang):
        dossiers.voeg_contactmoment_toe(store, andermans, jet.vandaag, "kantoor", 30, "Gesprek.", jet.vandaag)
    with pytest.raises(ValidationError):
        zorg.voeg_toewijzing_toe(store, did, zorg.ToewijzingInvoer("45", "", "onbekend", "fjild", jet.vandaag,
                                                                   None, 100))
    # the refused attempt is one line of its own (GEWEIGERD, naming the dossier); the others write none
    (r,) = nieuwe(store, na)
    assert (r["actie"], r["objecttype"], r["client"]) == ("geweigerd", "dossier", nummer_van(store, andermans))
    assert jet.count(store, C) == 0 and jet.count(store, TW) == 0


def test_every_change_service_writes_one_line_per_record(any_store, jet):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk"), jet.consulent(s, "Bram")

    def stap(call):
        na = laatste(s)
        result = call()
        return result, [(r["actie"], r["objecttype"], r["client"], r["omschrijving"]) for r in nieuwe(s, na)]

    reg, lines = stap(lambda: jet.aanmelding(s))
    assert lines == [("aanmaken", "aanmelding", reg.dossiernummer, "aanmelding geregistreerd")]
    nummer = reg.dossiernummer
    _, lines = stap(lambda: jet.besluit(s, reg.aanmelding_id, urgentie="hoog"))
    assert lines == [("wijzigen", "aanmelding", nummer,
                      "triagebesluit: Zelf oppakken (JET), urgentie hoog; op de wachtlijst")]
    did, lines = stap(lambda: wachtlijst.toewijzen(s, reg.aanmelding_id, anouk, jet.vandaag, jet.vandaag))
    assert lines == [("aanmaken", "dossier", nummer, "dossier geopend: toegewezen vanaf de wachtlijst")]
    _, lines = stap(lambda: jet.besluit(s, reg.aanmelding_id, urgentie="spoed"))
    assert lines == [("wijzigen", "aanmelding", nummer, "triagebesluit herzien: Zelf oppakken (JET), urgentie spoed")]

    def v():
        return jet.version(s, D, did)

    for call, omschrijving in (
        (lambda: caseload.registreer_klikgesprek(s, did, v(), "klik", jet.vandaag), "klikgesprek: klik"),
        (lambda: caseload.zet_tweede_persoon(s, did, v(), bram, jet.vandaag), "tweede persoon ingesteld"),
        (lambda: caseload.wijzig_consulent(s, did, v(), bram, "anders", jet.vandaag),
         "vaste consulent gewijzigd: anders"),
        (lambda: caseload.registreer_klikgesprek(s, did, v(), "geen_klik", jet.vandaag, nieuwe_consulent_id=anouk),
         "klikgesprek: geen klik; vaste consulent gewijzigd"),
    ):
        _, lines = stap(call)
        assert lines == [("wijzigen", "dossier", nummer, omschrijving)]
    _, lines = stap(lambda: zorg.sla_plan_op(s, did, None, zorg.PlanInvoer(va_kind="Iets.")))
    assert lines == [("aanmaken", "ondersteuningsplan", nummer, "ondersteuningsplan vastgelegd")]
    _, lines = stap(lambda: zorg.sla_plan_op(s, did, 1, zorg.PlanInvoer(doelen="Doel.", vastgesteld_op=jet.vandaag)))
    assert lines == [("wijzigen", "ondersteuningsplan", nummer,
                      "ondersteuningsplan gewijzigd (vastgesteld op 25-11-2026)")]
    invoer = zorg.ToewijzingInvoer("45", "Gezinsbehandeling thuis", "middel", "fjild", jet.vandaag, None, 6500)
    tid, lines = stap(lambda: zorg.voeg_toewijzing_toe(s, did, invoer))
    assert lines == [("aanmaken", "toewijzing", nummer, "toewijzing toegevoegd")]
    for call, omschrijving in (
        (lambda: zorg.wijzig_toewijzing(s, tid, 1, replace(invoer, geschatte_kosten=7000)), "toewijzing gewijzigd"),
        (lambda: zorg.beeindig_toewijzing(s, tid, 2, jet.vandaag), "toewijzing beëindigd per 25-11-2026"),
        (lambda: zorg.verwijder_toewijzing(s, tid, 3), "toewijzing verwijderd"),
    ):
        _, lines = stap(call)
        assert lines == [("wijzigen", "toewijzing", nummer, omschrijving)]
    _, lines = stap(lambda: dossiers.sluit_af(s, did, v(), jet.vandaag, "verhuisd", "Naar Noor's oma.", jet.vandaag))
    assert lines == [("wijzigen", "dossier", nummer, "afgesloten: verhuisd")]  # no free text in the log
    assert keten_klopt(s)


def test_herverdeling_writes_one_line_per_dossier_in_one_transaction(any_store, jet):
    s = any_store
    anouk = jet.consulent(s, "Anouk")
    jet.consulent(s, "Bram")
    dids = [jet.dossier(s, anouk) for _ in range(3)]
    caseload.markeer_afwezig(s, anouk, jet.vandaag, date(2026, 12, 31), reden="ziek")
    voorstel = caseload.herverdeling(s, anouk, jet.vandaag)
    na = laatste(s)
    assert caseload.voer_herverdeling_uit(s, voorstel, jet.vandaag) == 3
    lines = nieuwe(s, na)
    assert sorted(r["client"] for r in lines) == sorted(nummer_van(s, d) for d in dids)
    assert {r["omschrijving"] for r in lines} == {"vaste consulent gewijzigd: herverdeling caseload "
                                                   "(afwezigheid consulent)"}
    # a stale proposal moves nothing and logs nothing
    na = laatste(s)
    with pytest.raises(StaleEditError):
        caseload.voer_herverdeling_uit(s, voorstel, jet.vandaag)
    assert laatste(s) == na
    assert not [r for r in alle_regels(s) if "ziek" in r["omschrijving"]]  # the reason of absence stays out


def test_report_exports_write_an_export_line(any_store, jet, tmp_path):
    s = replace(any_store, user="Tessa Leider", rol=Rol.TEAMLEIDER)
    anouk = jet.consulent(any_store, "Anouk")
    jet.dossier(any_store, anouk, voornaam="Noor", achternaam="Bakker")
    jet.wachtend(any_store)
    jet.wachtend(any_store, voornaam="Ria", achternaam="Bakker")

    def export(call):
        na = laatste(s)
        call()
        (r,) = nieuwe(s, na)
        assert (r["actie"], r["objecttype"], r["medewerker"], r["rol"]) == ("export", "rapport", "Tessa Leider",
                                                                           "teamleider")
        return r["omschrijving"]

    # whose data went out: the dossiernummers, as a view's line names them (the names never)
    assert re.fullmatch(r"wachtlijstrapport PDF, peildatum 25-11-2026, 2 jeugdigen \(\d{4}-\d{5}, \d{4}-\d{5}\)",
                        export(lambda: wachtlijstrapport.maak_pdf(s, io.BytesIO(), jet.vandaag)))
    assert re.fullmatch(r"caseloadoverzicht XLSX, peildatum 25-11-2026, 1 consulenten, 1 dossierregels \(\d{4}-\d{5}\)",
                        export(lambda: caseloadoverzicht.maak(s, tmp_path / "c.xlsx", "xlsx", jet.vandaag)))
    van, tot = date(2026, 1, 1), date(2026, 12, 31)
    m = monitor.bereken(s, van, tot)
    assert export(lambda: monitor.write_monitor(m, "csv", io.StringIO(), drempel=5)) == (
        "monitor toegang CSV, periode 01-01-2026 t/m 31-12-2026, publicatieversie (drempel 5)")
    mc = matched_care.bereken(s, van, tot)
    assert export(lambda: matched_care_export.write_matched_care(mc, "xlsx", tmp_path / "m.xlsx", voor_team=True)) == (
        "matched-care-overzicht XLSX, periode 01-01-2026 t/m 31-12-2026, teamversie met 0 + 0 regels per jeugdige "
        "(opschaling + stapeling)")
    assert export(lambda: matched_care_export.write_matched_care(mc, "json", io.StringIO())).endswith("managementversie")
    tekst = " ".join(str(v) for regel in alle_regels(s) for v in regel.values())
    assert "Noor" not in tekst and "Bakker" not in tekst
    assert keten_klopt(s)


def test_printing_from_the_preview_writes_an_afdrukken_line(sqlite_store, jet, qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from jet_desktop.ui.dialogs import pdf_preview

    jet.wachtend(sqlite_store)
    pad = str(tmp_path / "w.pdf")
    wachtlijstrapport.maak_pdf(sqlite_store, pad, jet.vandaag)
    na = laatste(sqlite_store)

    dlg = pdf_preview.maak_afdrukvoorbeeld(pad, None, "wachtlijstrapport-2026-11-25.pdf",
                                           pdf_preview.audit_via(sqlite_store))
    dlg.reject()  # closed without printing: nothing
    assert laatste(sqlite_store) == na

    pagina = QWidget()  # a report page: it carries its store
    pagina.store = sqlite_store
    qtbot.addWidget(pagina)
    dlg = pdf_preview.maak_afdrukvoorbeeld(pad, pagina, "wachtlijstrapport-2026-11-25.pdf")
    dlg.pagina_aantal = 2
    dlg.accept()  # what QPrintPreviewDialog does once its print dialog has printed
    (r,) = nieuwe(sqlite_store, na)
    assert (r["actie"], r["objecttype"], r["omschrijving"]) == (
        AuditActie.AFDRUKKEN.value, "rapport", "wachtlijstrapport-2026-11-25 afgedrukt (2 pagina's)")
    assert keten_klopt(sqlite_store)


def test_finding_a_known_jeugdige_at_registration_is_a_logged_read(sqlite_store, jet):
    """The duplicate check shows name and BSN of a child on anyone's caseload: each is an audit line."""
    from dataclasses import replace as vervang

    from sqlalchemy import select as kies

    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import aanmeldingen as am
    from jet_desktop.storage.models import Auditregel, Jeugdige

    reg = jet.aanmelding(sqlite_store)
    with sqlite_store.engine.connect() as conn:
        j = conn.execute(kies(Jeugdige.__table__).where(Jeugdige.__table__.c.id == reg.jeugdige_id)).one()
    consulent = vervang(sqlite_store, rol=Rol.CONSULENT, user="Anouk")
    gevonden = am.zoek_bekende_jeugdigen(consulent, am.AanmeldingInvoer(
        voornaam=j.voornaam, achternaam=j.achternaam, geboortedatum=j.geboortedatum, bsn=j.bsn or ""))
    assert [g.id for g in gevonden] == [j.id]
    R = Auditregel.__table__
    with sqlite_store.engine.connect() as conn:
        regel = conn.execute(kies(R).where(R.c.objecttype == "jeugdige")).one()
    assert (regel.actie, regel.medewerker, regel.object_id) == ("openen", "Anouk", str(j.id))
    assert j.achternaam not in regel.omschrijving
