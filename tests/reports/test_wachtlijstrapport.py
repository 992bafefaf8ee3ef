"""Wachtlijstrapport: figures hand-computed from five waiting aanmeldingen, and the PDF text."""

from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from jet_desktop.codelists import uit_bestanden
from jet_desktop.domain.enums import Urgentie
from jet_desktop.reports import wachtlijstrapport
from jet_desktop.services import settings

verwijzer_label = uit_bestanden().verwijzer_label  # the seeded labels (the store's after migrating)

PEIL = date(2026, 11, 25)


@pytest.fixture
def store(any_store, jet):
    # (urgentie, aanmelddatum) -> days waiting on 25-11: 5 (>3), 21 (>14), 7, 35 (>28), 14
    for urgentie, d, naam in [("spoed", date(2026, 11, 20), ("Eva", "", "Smit")),
                              ("hoog", date(2026, 11, 4), ("Finn", "", "Mulder")),
                              ("hoog", date(2026, 11, 18), ("Ilse", "", "Jansen")),
                              ("normaal", date(2026, 10, 21), ("Daan", "de", "Visser")),
                              ("normaal", date(2026, 11, 11), ("Gijs", "", "Boer"))]:
        jet.wachtend(any_store, urgentie=urgentie, aanmelddatum=d, voornaam=naam[0], tussenvoegsel=naam[1],
                     achternaam=naam[2])
    jet.aanmelding(any_store, voornaam="Jesse", achternaam="Triage")  # not on the wachtlijst
    return any_store


def test_figures(store):
    r = wachtlijstrapport.verzamel(store, PEIL)
    assert r.totaal == 5
    assert [(t.urgentie, t.aantal, t.norm_dagen, t.overschreden) for t in r.totalen] == [
        (Urgentie.SPOED, 1, 3, 1), (Urgentie.HOOG, 2, 14, 1), (Urgentie.NORMAAL, 2, 28, 1)]
    assert r.overschreden == 3
    assert r.mediaan_weken == 2.0  # median of 5, 7, 14, 21, 35 days = 14 days
    assert r.langste_weken == 5.0  # 35 days
    # wachtlijst order: spoed, hoog (oldest first), normaal (oldest first)
    assert [row[5] for row in r.rijen] == [0.7, 3.0, 1.0, 5.0, 2.0]
    assert r.overschreden_rijen == [0, 1, 3]
    assert [row[6] for row in r.rijen] == ["overschreden", "overschreden", "", "overschreden", ""]
    daan = r.rijen[3]
    assert daan[1] == "D. de V."  # default: initials
    assert daan[3] == "Normaal" and daan[4] == date(2026, 10, 21)
    assert daan[2] == "11 jr"  # born 01-01-2015
    assert daan[7] == verwijzer_label("huisarts") and daan[8] == "Zelf oppakken"


def test_names_setting_and_norm_setting(store):
    settings.put(store, "rapport_naamweergave", "namen")
    settings.put(store, "norm_start_dagen", {"spoed": 3, "hoog": 30, "normaal": 40})
    r = wachtlijstrapport.verzamel(store, PEIL)
    assert r.rijen[3][1] == "Daan de Visser"
    assert r.overschreden == 1  # only spoed (5 > 3) is still over


def test_past_peildatum_changes_only_the_wachttijd(store):
    r = wachtlijstrapport.verzamel(store, date(2026, 11, 11))
    assert r.totaal == 5  # still the current wachtlijst
    assert [row[5] for row in r.rijen] == [0.0, 1.0, 0.0, 3.0, 0.0]  # never negative
    assert r.overschreden == 0 and r.langste_weken == 3.0


def test_pdf_text(store):
    settings.put(store, "organisatie_naam", "Gemeente Heerenveen")
    buf = BytesIO()
    store.user = "Anne de Vries"
    wachtlijstrapport.maak_pdf(store, buf, PEIL, afgedrukt_op=datetime(2026, 11, 25, 14, 30))
    buf.seek(0)
    reader = PdfReader(buf)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Gemeente Heerenveen · Jeugdexpertteam · Wachtlijstrapport" in text
    assert "peildatum 25-11-2026" in text
    assert "Afgedrukt door Anne de Vries op 25-11-2026 14:30" in text
    assert "pagina 1 van 1" in text and "Vertrouwelijk" in text
    lines = text.splitlines()
    assert "Wachtend" in lines and lines[lines.index("Wachtend") + 1] == "5"
    assert "Mediane wachttijd" in lines and lines[lines.index("Mediane wachttijd") + 1] == "2,0 weken"
    assert lines[lines.index("Langste wachttijd") + 1] == "5,0 weken"
    assert lines[lines.index("Norm overschreden") + 1] == "3"
    assert "D. de V." in text and "Daan" not in text
    assert "Spoed" in text and "21-10-2026" in text and "5,0" in text
    plat = " ".join(text.split())
    assert "instelling „Namen op afgedrukte lijsten”" in plat  # the label a user sees in Instellingen
    assert "rapport_naamweergave" not in plat and "_" not in plat.replace("___", "")  # never a setting's key


def test_empty_wachtlijst(sqlite_store):
    r = wachtlijstrapport.verzamel(sqlite_store, PEIL)
    assert r.totaal == 0 and r.mediaan_weken is None
    buf = BytesIO()
    wachtlijstrapport.schrijf_pdf(buf, r, "X", datetime(2026, 11, 25, 8, 0))
    buf.seek(0)
    assert "Er staat niemand op de wachtlijst." in PdfReader(buf).pages[0].extract_text()


NAMEN = [("Şeyma", "", "Yıldız"), ("Łucja", "", "Żak-Wiśniewska"), ("Nguyễn", "", "Thị Hương"),
         ("Zoë", "van 't", "Hoff-O'Brien"), ("Anne-Marie", "", "Ångström " + "Langenaam" * 12)]


def test_any_family_name_survives_store_pdf_and_xlsx_unchanged(sqlite_store, jet, tmp_path):
    """Diacritics, apostrophes, long names: the same text in the store, the printed list and the XLSX."""
    from openpyxl import load_workbook

    from jet_desktop.reports import caseloadoverzicht
    from jet_desktop.services import wachtlijst

    for voornaam, tv, achternaam in NAMEN:
        jet.wachtend(sqlite_store, voornaam=voornaam, tussenvoegsel=tv, achternaam=achternaam)
    opgeslagen = {(r.voornaam, r.tussenvoegsel, r.achternaam) for r in wachtlijst.alle(sqlite_store)}
    assert opgeslagen == set(NAMEN)
    settings.put(sqlite_store, "rapport_naamweergave", "namen")
    buf = BytesIO()
    wachtlijstrapport.maak_pdf(sqlite_store, buf, PEIL)
    buf.seek(0)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(buf).pages)
    for naam in ("Şeyma Yıldız", "Łucja Żak-Wiśniewska", "Nguyễn Thị Hương", "Zoë van 't Hoff-O'Brien"):
        assert naam in text, naam
    # a caseload with these names in XLSX: cells hold the exact text
    c = jet.consulent(sqlite_store, "Ülkü Doğan")
    jet.dossier(sqlite_store, c, voornaam="Çağla", achternaam="Öztürk")
    pad = tmp_path / "caseload.xlsx"
    caseloadoverzicht.maak(sqlite_store, pad, "xlsx", PEIL)
    cellen = {c.value for ws in load_workbook(pad).worksheets for row in ws.iter_rows() for c in row}
    assert "Ülkü Doğan" in cellen and "Çağla Öztürk" in cellen
