"""The dossier print (overdracht, inzageverzoek AVG art. 15): everything with its histories — contactmoment notes,
triage history, consulent history and klikgesprekken, plan, toewijzingen with costs, corrections; markup in
names printed as written; exactly one audit line; a refused dossier leaves no file. On SQLite and PostgreSQL."""

import re
from datetime import date, datetime
from io import BytesIO

import pytest
from auditregels import kop, sinds
from pypdf import PdfReader
from sqlalchemy import select

from jet_desktop.reports import dossierafdruk
from jet_desktop.services import caseload, dossiers, wachtlijst, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.correcties import ContactInvoer, wijzig_contactmoment
from jet_desktop.storage.models import Aanmelding, Auditketen, Auditregel, Dossier, Jeugdige

R, K = Auditregel.__table__, Auditketen.__table__
OP = datetime(2026, 11, 25, 10, 30)
GEHEIM = ("Vet", "Zn", "Ria", "Bakker", "111222333", "0612345678", "ontbijten", "Zus")


def tekst(data: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))


def bouw(s, jet):
    """Anouk's dossier of "<b>Vet</b> & Zn": a revised triage decision, a klikgesprek, two contactmomenten (one
    corrected), a plan, a DVO toewijzing with costs, a sister in the gezin; Bram is another consulent."""
    anouk, bram = jet.consulent(s, "Anouk de Vries"), jet.consulent(s, "Bram Jansen")
    reg = jet.aanmelding(s, voornaam="<b>Vet</b>", achternaam="& Zn", bsn="111222333",
                         ouders=[OuderInvoer("Ria <i>Bakker</i>", gezag=True, telefoon="0612345678")],
                         hulpvraag="Zorgen over slapen.", veiligheidssignalen="Ruzie thuis, politie is geweest.")
    with s.engine.connect() as conn:
        gezin_id = conn.execute(select(Jeugdige.__table__.c.gezin_id)
                                .where(Jeugdige.__table__.c.id == reg.jeugdige_id)).scalar_one()
    jet.aanmelding(s, gezin_id=gezin_id, voornaam="Zus", achternaam="& Zn")
    jet.besluit(s, reg.aanmelding_id, urgentie="normaal", besloten_op=date(2026, 11, 10),
                motivering="Eerste inschatting: kortdurende steun.")
    jet.besluit(s, reg.aanmelding_id, urgentie="hoog", besloten_op=date(2026, 11, 20),
                motivering="Herzien na signaal van school: hoge urgentie.")
    did = wachtlijst.toewijzen(s, reg.aanmelding_id, anouk, jet.vandaag, jet.vandaag)
    caseload.registreer_klikgesprek(s, did, jet.version(s, Dossier.__table__, did), "klik", jet.vandaag,
                                    "Goed contact met moeder.")
    cid = dossiers.voeg_contactmoment_toe(s, did, jet.vandaag, "huisbezoek", 75,
                                          "Huisbezoek bij moeder.\nAfgesproken: elke ochtend samen ontbijten.",
                                          jet.vandaag)
    dossiers.voeg_contactmoment_toe(s, did, jet.vandaag, "telefonisch", 10, "Belafspraak met school.", jet.vandaag)
    c = next(x for x in dossiers.detail(s, did).contacten if x.id == cid)
    wijzig_contactmoment(s, cid, c.version, ContactInvoer(c.datum, c.type, 90, c.notitie), jet.vandaag,
                         "Duur was langer.")
    zorg.sla_plan_op(s, did, None, zorg.PlanInvoer(va_kind="Slaapt slecht.", doelen="Rustiger slapen.",
                                                   vastgesteld_op=jet.vandaag, evaluatiedatum=date(2027, 2, 20)))
    zorg.voeg_toewijzing_toe(s, did, zorg.ToewijzingInvoer("41", "Dagbehandeling jonge kind", "zwaar", "opstap",
                                                           jet.vandaag, None, 24500, "dvo",
                                                           "Geen gecontracteerd profiel past."))
    return did, anouk, bram


def test_the_print_holds_the_whole_dossier_with_its_histories(sqlite_store, jet):
    s = sqlite_store
    did, _, _ = bouw(s, jet)
    buf = BytesIO()
    d = dossierafdruk.maak_pdf(s, did, buf, OP)
    t = tekst(buf.getvalue())
    for deel in ("Dossier (volledig)", d.dossiernummer, "<b>Vet</b> & Zn", "111222333", "Ria <i>Bakker</i>",
                 "0612345678", "Zorgen over slapen.", "Ruzie thuis, politie is geweest.",
                 # triage with its history: both decisions, the revised one marked
                 "Eerste inschatting: kortdurende steun.", "Herzien na signaal van school: hoge urgentie.",
                 "(herzien)", "(geldend)", "10-11-2026", "20-11-2026",
                 "Anouk de Vries", "Toewijzing vanaf wachtlijst", "Goed contact met moeder.",
                 # contactmomenten with their notes, whole
                 "Huisbezoek bij moeder.", "Afgesproken: elke ochtend samen ontbijten.", "Belafspraak met school.",
                 "Slaapt slecht.", "Rustiger slapen.", "20-02-2027",
                 "Dagbehandeling jonge kind", "€ 24.500", "DVO maatwerk", "Geen gecontracteerd profiel past.",
                 "Geschiedenis van correcties (1)", "75 min", "90 min", "Duur was langer.",
                 "Vertrouwelijk", "pagina 1 van"):
        assert deel in t, deel
    # the sister is counted, not printed (another child's data)
    assert "Broers en zussen in het gezin: 1." in t and "Zus" not in t


def test_exactly_one_audit_line_without_names(any_store, jet, inloggen_als):
    s = any_store
    did, anouk, _ = bouw(s, jet)
    consulent = inloggen_als(s, anouk)
    na = kop(s)
    d = dossierafdruk.maak_pdf(consulent, did, BytesIO(), OP)
    regels = sinds(s, na)
    assert len(regels) == 1, [r["omschrijving"] for r in regels]
    r = regels[0]
    assert (r["actie"], r["objecttype"], r["object_id"], r["client"], r["medewerker"]) == (
        "export", "dossier", str(did), d.dossiernummer, "Anouk de Vries")
    assert r["omschrijving"].startswith("dossier afgedrukt (volledig, PDF)")
    regel = " ".join(str(v) for v in r.values())
    assert [g for g in GEHEIM if g in regel] == []


def test_a_consulent_who_may_not_see_the_dossier_gets_geen_toegang_and_no_file(any_store, jet, inloggen_als,
                                                                                 tmp_path):
    s = any_store
    did, _, bram = bouw(s, jet)
    with s.engine.connect() as conn:
        nummer = conn.execute(select(Aanmelding.__table__.c.dossiernummer).join(
            Dossier.__table__, Dossier.__table__.c.aanmelding_id == Aanmelding.__table__.c.id)
            .where(Dossier.__table__.c.id == did)).scalar_one()
    sessie = inloggen_als(s, bram)
    pad = tmp_path / "dossier.pdf"
    na = kop(s)
    with pytest.raises(GeenToegang):
        dossierafdruk.maak_pdf(sessie, did, pad, OP)
    assert not pad.exists()
    regels = sinds(s, na)
    assert [(r["actie"], r["client"]) for r in regels] == [("geweigerd", nummer)]
    assert [g for g in GEHEIM if g in regels[0]["omschrijving"]] == []


def test_an_unknown_dossiernummer_is_a_dutch_message(sqlite_store):
    from jet_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="Dossier 2026-99999 bestaat niet"):
        dossierafdruk.dossier_id_van(sqlite_store, "2026-99999")


def test_a_line_that_cannot_be_written_leaves_no_file(sqlite_store, jet, tmp_path, monkeypatch):
    s = sqlite_store
    did, _, _ = bouw(s, jet)
    pad = tmp_path / "dossier.pdf"
    monkeypatch.setattr(dossierafdruk.audit, "log", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("weg")))
    with pytest.raises(RuntimeError):
        dossierafdruk.maak_pdf(s, did, pad, OP)
    assert not pad.exists()
