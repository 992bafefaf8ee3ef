"""`jet-desktop matched-care` end to end: json, xlsx (typed cells), pdf (text), table, --team,
--publicatie and --kosten.

Data (period 2026-01-01..2026-03-31), on one SQLite file:
  Anna: 45 middel fjild 01-01..30-06 € 6.000; 45 zwaar wadden 01-03..(loopt) € 9.000 DVO
        -> verticale stapeling 45+45 and opschaling (day 59)
  Bram: 41 zwaar opstap 15-02..14-08 € 12.000 (181 days: 15-02..31-12 all in 2026)
  Cas:  44 middel kompas 02-12-2025..30-01-2026 € 6.000 (started before the period; 30 days per year)
"""

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jet_desktop.cli import main
from jet_desktop.storage.models import Aanmelding, Toewijzing

PERIOD = ["--van", "2026-01-01", "--tot", "2026-03-31"]


@pytest.fixture
def db(sqlite_store, jet, tmp_path):
    s = sqlite_store
    c = jet.consulent(s, "Consulent Een")
    anna = jet.dossier(s, c, voornaam="Anna", achternaam="Visser", school="De Wieken")
    bram = jet.dossier(s, c, voornaam="Bram", achternaam="Bakker", school="Het Anker")
    cas = jet.dossier(s, c, voornaam="Cas", achternaam="Smit", school="Het Anker")
    rows = [
        (anna, "45", "middel", "fjild", date(2026, 1, 1), date(2026, 6, 30), 6000, "profiel"),
        (anna, "45", "zwaar", "wadden", date(2026, 3, 1), None, 9000, "dvo"),
        (bram, "41", "zwaar", "opstap", date(2026, 2, 15), date(2026, 8, 14), 12000, "profiel"),
        (cas, "44", "middel", "kompas", date(2025, 12, 2), date(2026, 1, 30), 6000, "profiel"),
    ]
    with s.engine.begin() as conn:
        for d, cat, i, a, start, eind, kosten, cv in rows:
            conn.execute(Toewijzing.__table__.insert().values(s.new_row(
                dossier_id=d, productcategorie=cat, intensiteit=i, aanbieder=a, startdatum=start, einddatum=eind,
                geschatte_kosten=kosten, contractvorm=cv, dvo_motivering="Uitzondering" if cv == "dvo" else "")))
        nummers = dict(conn.execute(
            Aanmelding.__table__.select().with_only_columns(Aanmelding.dossiernummer, Aanmelding.id)).all())
    path = tmp_path / "jet.db"
    s.engine.dispose()
    return path, sorted(nummers)


def run(db_path, *args):
    return main(["matched-care", "--db", str(db_path), *PERIOD, *args])


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_json_management_version(db, capsys):
    path, nummers = db
    assert run(path, "--format", "json") == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert (data["van"], data["tot"], data["vertrouwelijk"]) == ("2026-01-01", "2026-03-31", False)
    assert data["totaal"] == {"toewijzingen": 3, "jeugdigen": 2, "geschatte_kosten": 27000}
    assert data["dvo"] == {"toewijzingen": 1, "kosten": 9000, "pct_toewijzingen": 33.3, "pct_kosten": 33.3}
    assert data["opschaling"] == {"jeugdigen_eerste_toewijzing": 2, "opgeschaald": 1, "pct": 50.0}
    assert (data["stapeling"]["verticaal_paren"], data["stapeling"]["pct_verticaal"]) == (1, 50.0)
    cat45 = next(r for r in data["per_productcategorie"] if r["code"] == "45")
    assert (cat45["toewijzingen"], cat45["jeugdigen"], cat45["geschatte_kosten"]) == (2, 1, 15000)
    assert {r["school"]: r["geschatte_kosten"] for r in data["per_school"]} == {"De Wieken": 15000, "Het Anker": 12000}
    totaal = next(r for r in data["kosten_per_jaar"] if r["kostencategorie"] == "Totaal")
    assert totaal == {"kostencategorie": "Totaal", "2026": 6000 + 9000 + 12000 + 3000}
    # management: no identifying data at all
    assert "opschaling_per_jeugdige" not in data
    for text in (*nummers, "Anna", "A. V.", "Visser"):
        assert text not in out


def test_json_team_version_lists_per_jeugdige(db, capsys):
    path, nummers = db
    assert run(path, "--format", "json", "--team") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["vertrouwelijk"] is True
    [o] = data["opschaling_per_jeugdige"]
    assert (o["initialen"], o["dagen"], o["eerste"]["intensiteit"], o["latere"]["intensiteit"]) == \
        ("A. V.", 59, "middel", "zwaar")
    assert o["dossiernummer"] in nummers
    [s] = data["stapeling_per_jeugdige"]
    assert (s["soort"], s["initialen"], s["eerste"]["startdatum"], s["tweede"]["startdatum"]) == \
        ("verticaal", "A. V.", "2026-01-01", "2026-03-01")
    assert "jeugdige_id" not in s


def test_publicatie_suppresses_small_counts_with_the_setting(db, capsys):
    path, _ = db
    assert run(path, "--format", "json", "--publicatie") == 0  # publicatie_drempel default 5
    data = json.loads(capsys.readouterr().out)
    assert data["publicatie_drempel"] == 5
    assert data["totaal"]["jeugdigen"] == "<5" and data["dvo"]["toewijzingen"] == "<5"
    cat45 = next(r for r in data["per_productcategorie"] if r["code"] == "45")
    assert cat45["toewijzingen"] == "<5"
    with pytest.raises(SystemExit) as exc:  # argparse: the team version is never published
        run(path, "--format", "json", "--publicatie", "--team")
    assert exc.value.code == 2


def test_xlsx_typed_cells(db, tmp_path, capsys):
    path, nummers = db
    out = tmp_path / "mc.xlsx"
    assert run(path, "--format", "xlsx", "--out", str(out)) == 0
    assert "geschreven naar" in capsys.readouterr().out
    wb = load_workbook(out)
    assert "Kengetallen" in wb.sheetnames and "Kosten per jaar" in wb.sheetnames
    ws = wb["Per productcategorie"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Code")
    assert [c.value for c in ws[header]] == ["Code", "Productcategorie", "Kostencategorie", "Toewijzingen",
                                             "Jeugdigen", "Geschatte kosten"]
    assert ws.freeze_panes == f"A{header + 1}"
    row45 = next(r for r in ws.iter_rows(min_row=header + 1) if r[0].value == "45")
    assert (row45[3].value, row45[5].value) == (2, 15000)
    assert isinstance(row45[5].value, int) and row45[5].number_format.startswith("€")
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "Totaal" and last[3:] == [3, 2, 27000]
    kosten = wb["Kosten per jaar"]
    totals = [c.value for c in kosten[kosten.max_row]]
    assert totals == ["Totaal", 30000]
    assert all(sheet not in wb.sheetnames for sheet in ("Opschaling per jeugdige", "Stapeling per jeugdige"))
    # the team version has the lists, typed
    team = tmp_path / "team.xlsx"
    assert run(path, "--format", "xlsx", "--team", "--out", str(team)) == 0
    ws = load_workbook(team)["Opschaling per jeugdige"]
    row = [c.value for c in ws[ws.max_row]]
    assert row[0] in nummers and row[1] == "A. V." and row[-1] == 59


def test_pdf_management_and_team(db, tmp_path):
    path, nummers = db
    mgmt, team = tmp_path / "mc.pdf", tmp_path / "team.pdf"
    assert run(path, "--format", "pdf", "--out", str(mgmt)) == 0
    assert run(path, "--format", "pdf", "--team", "--out", str(team)) == 0
    text = pdf_text(mgmt)
    assert "Matched-care-overzicht" in text and "Periode 01-01-2026 t/m 31-03-2026" in text
    assert "€ 27.000" in text and "33,3 %" in text and "pagina 1 van" in text
    assert "Geschatte zorgkosten per jaar" in text and "€ 30.000" in text
    assert "Managementversie" in text and "per jeugdige (vertrouwelijk)" not in text
    assert not any(n in text for n in nummers) and "A. V." not in text
    team_text = pdf_text(team)
    assert "Vertrouwelijk: bevat gegevens per jeugdige" in team_text
    assert "Opschaling per jeugdige (vertrouwelijk)" in team_text and "A. V." in team_text
    assert any(n in team_text for n in nummers)


def test_kosten_table_per_year(db, capsys):
    path, _ = db
    assert main(["matched-care", "--db", str(path), "--van", "2025-01-01", "--tot", "2026-12-31",
                 "--kosten", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["jaren"] == [2025, 2026]
    rows = {r["kostencategorie"]: r for r in data["kosten_per_jaar"]}
    assert rows["Pleegzorg en verblijf"] == {"kostencategorie": "Pleegzorg en verblijf", "2025": 3000, "2026": 3000}
    assert rows["Totaal"]["2026"] == 30000
    assert main(["matched-care", "--db", str(path), "--van", "2025-01-01", "--tot", "2026-12-31", "--kosten"]) == 0
    out = capsys.readouterr().out
    assert "Verschil 2026 t.o.v. 2025" in out and "€ 27.000" in out  # 30.000 - 3.000
    # for publication: the cells made of one or two toewijzingen are not shown as amounts
    assert main(["matched-care", "--db", str(path), "--van", "2025-01-01", "--tot", "2026-12-31",
                 "--kosten", "--publicatie", "--format", "json"]) == 0
    rows = {r["kostencategorie"]: r for r in json.loads(capsys.readouterr().out)["kosten_per_jaar"]}
    assert rows["Pleegzorg en verblijf"]["2025"] == "<5"
    assert main(["matched-care", "--db", str(path), "--van", "2025-01-01", "--tot", "2026-12-31",
                 "--kosten", "--team"]) == 1


def test_table_to_stdout_and_errors(db, capsys):
    path, _ = db
    assert run(path) == 0
    out = capsys.readouterr().out
    assert "Per aanbieder" in out and "Fjild Ambulante Jeugdhulp" in out and "€ 27.000" in out
    assert run(path, "--format", "pdf") == 1
    assert "--out" in capsys.readouterr().err
    assert main(["matched-care", "--db", str(path), "--van", "2026-03-01", "--tot", "2026-01-01"]) == 1
