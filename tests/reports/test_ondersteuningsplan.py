"""The ondersteuningsplan for the family (§7.5): plain Dutch, the Verklarende Analyse, goals, the agreed help
without any amount, the evaluation date, contact and signatures; one audit line; a refused dossier leaves
no file. On SQLite and PostgreSQL (the team server: the consulent's own login under row-level security)."""

import re
from datetime import date, datetime
from io import BytesIO

import pytest
from auditregels import kop, sinds
from pypdf import PdfReader

from jet_desktop.domain.errors import ValidationError
from jet_desktop.reports import ondersteuningsplan
from jet_desktop.services import dossiers, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Auditketen, Auditregel

R, K = Auditregel.__table__, Auditketen.__table__
OP = datetime(2026, 11, 25, 10, 30)


def tekst(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def plat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def bouw(s, jet, geboren=date(2012, 3, 4)):
    """Anouk's dossier of "<b>Vet</b> & Zn" (14) with two parents, a plan and two toewijzingen with costs;
    Bram is another consulent."""
    anouk, bram = jet.consulent(s, "Anouk de Vries"), jet.consulent(s, "Bram Jansen")
    did = jet.dossier(s, anouk, voornaam="<b>Vet</b>", achternaam="& Zn", geboortedatum=geboren, bsn="111222333",
                      ouders=[OuderInvoer("Ria <i>Bakker</i>", gezag=True, telefoon="0612345678"),
                              OuderInvoer("Kees Bakker", relatie="stiefouder")])
    zorg.sla_plan_op(s, did, None, zorg.PlanInvoer(
        va_kind="Slaapt slecht en is vaak boos.\nPraat graag over voetbal.", va_ouders="Moeder is erg moe.",
        va_school="Gaat twee dagen niet naar school.", va_netwerk="Oma helpt op woensdag.",
        va_bestaanszekerheid="Er zijn schulden.", doelen="Weer elke dag naar school.\nRustiger slapen.",
        vastgesteld_op=date(2026, 11, 20), evaluatiedatum=date(2027, 2, 20)))
    zorg.voeg_toewijzing_toe(s, did, zorg.ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "wadden",
                                                           jet.vandaag, None, 6500))
    zorg.voeg_toewijzing_toe(s, did, zorg.ToewijzingInvoer("41", "Dagbehandeling jonge kind", "zwaar", "opstap",
                                                           jet.vandaag, date(2027, 5, 31), 24500, "dvo",
                                                           "Geen profiel past: maatwerk nodig voor € 24.500."))
    return did, anouk, bram


def test_the_family_plan_has_everything_and_no_amount(sqlite_store, jet):
    s = sqlite_store
    did, _, _ = bouw(s, jet)
    buf = BytesIO()
    d = ondersteuningsplan.maak_pdf(s, did, buf, OP)
    t = plat(tekst(buf.getvalue()))
    for deel in ("Ondersteuningsplan", "voor <b>Vet</b> & Zn en het gezin", "Slaapt slecht en is vaak boos.",
                 "Praat graag over voetbal.", "Moeder is erg moe.", "Gaat twee dagen niet naar school.",
                 "Oma helpt op woensdag.", "Er zijn schulden.", "Weer elke dag naar school.", "Rustiger slapen.",
                 "Gezinsbehandeling", "Dagbehandeling jonge kind", "GGZ Wadden Jeugd", "Jeugdhulp ambulant",
                 "20-02-2027", "Wanneer kijken we hoe het gaat?", "Anouk de Vries", "Handtekeningen",
                 "Ria <i>Bakker</i>", "Kees Bakker", "Jeugdige (12 jaar of ouder)", "Consulent", "Datum",
                 "Handtekening", "Vertrouwelijk", "pagina 1 van"):
        assert deel in t, deel
    # no amounts, no contract jargon: not the costs, not the DVO motivering
    assert "€" not in t and "6.500" not in t and "24.500" not in t and "6500" not in t
    assert "DVO" not in t and "Kosten" not in t and "kosten" not in t
    assert d.dossiernummer in t


def test_a_younger_child_does_not_sign_and_no_parents_gives_blank_lines(sqlite_store, jet):
    s = sqlite_store
    anouk = jet.consulent(s, "Anouk de Vries")
    did = jet.dossier(s, anouk, voornaam="Mila", achternaam="Kort", geboortedatum=date(2019, 6, 1))
    zorg.sla_plan_op(s, did, None, zorg.PlanInvoer(va_kind="Speelt graag buiten."))
    buf = BytesIO()
    ondersteuningsplan.maak_pdf(s, did, buf, OP)
    t = plat(tekst(buf.getvalue()))
    assert "Jeugdige (12 jaar of ouder)" not in t
    assert t.count("Ouder / verzorger") >= 2 and "nog een concept" in t
    assert "De datum waarop we samen bekijken hoe het gaat, spreken we nog met u af." in t
    assert "geen hulp van een zorgaanbieder" in t


def test_exactly_one_audit_line_before_the_file_without_names(any_store, jet, inloggen_als):
    s = any_store
    did, anouk, _ = bouw(s, jet)
    consulent = inloggen_als(s, anouk)
    na = kop(s)
    d = ondersteuningsplan.maak_pdf(consulent, did, BytesIO(), OP)
    regels = sinds(s, na)
    assert len(regels) == 1, [r["omschrijving"] for r in regels]
    r = regels[0]
    assert (r["actie"], r["objecttype"], r["client"], r["medewerker"]) == (
        "export", "ondersteuningsplan", d.dossiernummer, "Anouk de Vries")
    assert r["omschrijving"] == "ondersteuningsplan afgedrukt (PDF voor het gezin)"
    regel = " ".join(str(v) for v in r.values())
    assert not [g for g in ("Vet", "Zn", "Ria", "Bakker", "111222333", "0612345678", "Slaapt") if g in regel]


def test_a_consulent_who_may_not_see_the_dossier_gets_no_file(any_store, jet, inloggen_als, tmp_path):
    s = any_store
    did, _, bram = bouw(s, jet)
    nummer = dossiers.detail(s, did).dossiernummer
    pad = tmp_path / "plan.pdf"
    sessie = inloggen_als(s, bram)  # signing in writes lines of its own
    na = kop(s)
    with pytest.raises(GeenToegang):
        ondersteuningsplan.maak_pdf(sessie, did, pad, OP)
    assert not pad.exists()
    regels = sinds(s, na)
    assert [(r["actie"], r["client"]) for r in regels] == [("geweigerd", nummer)]
    assert "Vet" not in regels[0]["omschrijving"]


def test_no_plan_yet_is_a_dutch_message_and_nothing_is_written(sqlite_store, jet, tmp_path):
    s = sqlite_store
    did = jet.dossier(s, jet.consulent(s, "Anouk de Vries"))
    pad = tmp_path / "plan.pdf"
    na = kop(s)
    with pytest.raises(ValidationError, match="nog geen ondersteuningsplan"):
        ondersteuningsplan.maak_pdf(s, did, pad, OP)
    assert not pad.exists() and sinds(s, na) == []


def test_a_line_that_cannot_be_written_leaves_no_file(sqlite_store, jet, tmp_path, monkeypatch):
    s = sqlite_store
    did, _, _ = bouw(s, jet)
    pad = tmp_path / "plan.pdf"

    def kapot(*_a, **_k):
        raise RuntimeError("auditlog onbereikbaar")

    monkeypatch.setattr(ondersteuningsplan.audit, "log", kapot)
    with pytest.raises(RuntimeError):
        ondersteuningsplan.maak_pdf(s, did, pad, OP)
    assert not pad.exists()
