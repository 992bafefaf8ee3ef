"""Monitor toegang computed in SQL (SQLite and PostgreSQL) against hand-computed fixtures, and its exports."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jet_desktop.domain.enums import Toegangsvorm
from jet_desktop.reports import monitor
from jet_desktop.storage.models import ToegangImport, ToegangTraject, Toewijzing

VAN, TOT = date(2024, 1, 1), date(2024, 12, 31)


def importeer(store, rows):
    """Insert (toegangsvorm, client_id, start, einde, gesprekken, uitkomst) as one imported file."""
    imp = store.new_row(bestandsnaam="test.csv", sha256=f"{len(rows):064d}", rijen=len(rows), nieuw=len(rows))
    with store.engine.begin() as conn:
        conn.execute(ToegangImport.__table__.insert().values(imp))
        if rows:
            conn.execute(ToegangTraject.__table__.insert(), [
                store.new_row(toegangsvorm=v, client_id=c, startdatum=s, einddatum=e, gesprekken=g, uitkomst=u,
                              import_id=imp["id"]) for v, c, s, e, g, u in rows])


POH = "poh_jeugd"
FIXTURE = [
    (POH, "c1", date(2023, 11, 1), date(2024, 1, 1), 2, "zelf_geholpen"),   # ends ON van: counted; 61 days
    (POH, "c1", date(2024, 3, 1), date(2024, 12, 31), 4, "zelf_geholpen"),  # ends ON tot; same youth, same outcome
    (POH, "c2", date(2023, 10, 1), date(2023, 12, 31), 9, "voorliggend_veld"),  # ends the day before van: not
    (POH, "c3", date(2024, 6, 1), date(2025, 1, 1), 7, "specialistische_jeugdhulp"),  # ends the day after tot
    (POH, "c4", date(2024, 11, 1), None, 1, ""),  # running
    (POH, "c5", date(2025, 1, 5), None, 1, ""),  # starts after tot: not seen, not lopend
    (POH, "c6", date(2024, 2, 1), date(2024, 4, 1), 1, "via_jeugdexpertteam"),
    (POH, "c7", date(2024, 5, 1), date(2024, 5, 20), 0, "gestopt"),
    (POH, "c8", date(2022, 1, 1), date(2024, 7, 1), 3, "voorliggend_veld"),
    (POH, "c9", date(2024, 8, 1), date(2024, 10, 10), 5, "zelf_geholpen"),   # exactly 70 days
    (POH, "c10", date(2024, 8, 1), date(2024, 10, 11), 3, "zelf_geholpen"),  # 71 days
    ("amaryllis", "c1", date(2024, 4, 1), date(2024, 4, 15), 1, "zelf_geholpen"),  # same id, other toegangsvorm
]


def test_definitions_on_hand_computed_fixture(any_store):
    importeer(any_store, FIXTURE)
    u = monitor.bereken(any_store, VAN, TOT)
    assert [r["toegangsvorm"] for r in u.as_dict()["toegangsvormen"]] == [
        "POH Jeugd", "Jeugdondersteuner", "Jeugdexpertteam", "Amaryllis"]
    poh = u.rij(Toegangsvorm.POH_JEUGD).as_dict()
    assert poh == {
        "toegangsvorm": "POH Jeugd",
        "afgesloten_trajecten": 7,  # c1 twice, c6, c7, c8, c9, c10
        "jeugdigen_gezien": 8,  # c1, c3, c4, c6, c7, c8, c9, c10 (not c2, c5)
        "zelf_geholpen": 3,  # c1 (two trajects, counted once), c9, c10
        "voorliggend_veld": 1,  # c8 (c2 ended before van)
        "specialistische_jeugdhulp": 0,  # c3 ends after tot
        "via_jeugdexpertteam": 1,
        "gestopt": 1,
        "lopend": 2,  # c3 (einddatum after tot), c4 (no einddatum)
        "gesprekken": 2 + 4 + 1 + 0 + 3 + 5 + 3,
        "pct_zelf_geholpen": 57.1,  # 4 of 7 trajects
        "pct_voorliggend_veld": 14.3,  # 1/7
        "pct_doorverwezen_jeugdhulp": 14.3,  # via jeugdexpertteam 1/7
        "pct_eigen_binnen_2_gesprekken": 25.0,  # 1 of 4 zelf-geholpen trajects (c1: 2)
        "pct_eigen_binnen_5_gesprekken": 100.0,  # 2, 4, 5, 3
        "pct_eigen_binnen_10_weken": 50.0,  # 61 and 70 days yes, 305 and 71 days no
    }
    amaryllis = u.rij(Toegangsvorm.AMARYLLIS).as_dict()
    assert (amaryllis["afgesloten_trajecten"], amaryllis["zelf_geholpen"], amaryllis["jeugdigen_gezien"],
            amaryllis["pct_zelf_geholpen"], amaryllis["pct_eigen_binnen_10_weken"]) == (1, 1, 1, 100.0, 100.0)
    for vorm in (Toegangsvorm.JEUGDONDERSTEUNER, Toegangsvorm.JET):  # empty: zeros and null percentages
        d = u.rij(vorm).as_dict()
        assert all(d[k] == 0 for k in monitor.defs.COUNT_KEYS), d
        assert all(d[k] is None for k in monitor.defs.PCT_KEYS), d


def test_a_day_earlier_period_moves_the_boundaries(any_store):
    importeer(any_store, FIXTURE)
    d = monitor.bereken(any_store, date(2023, 12, 31), date(2024, 12, 30)).rij(Toegangsvorm.POH_JEUGD)
    # now c2 (ends 31-12-2023) is in, c1's second traject (ends 31-12-2024) is running at tot
    assert d.afgesloten_trajecten == 7 and d.voorliggend_veld == 2 and d.zelf_geholpen == 3
    assert d.lopend == 3  # c1, c3, c4


def test_empty_store_has_every_toegangsvorm(any_store):
    out = monitor.bereken(any_store, VAN, TOT).as_dict()
    assert out["van"] == "2024-01-01" and out["tot"] == "2024-12-31"
    assert len(out["toegangsvormen"]) == 4
    assert all(r["afgesloten_trajecten"] == 0 and r["pct_zelf_geholpen"] is None for r in out["toegangsvormen"])


def test_van_after_tot_is_refused(sqlite_store):
    with pytest.raises(ValueError):
        monitor.bereken(sqlite_store, TOT, VAN)


# --- Heerenveen, footnote 2: POH Jubbega 2019 ----------------------------------------------------

def heerenveen_rows():
    """270 afgesloten trajecten in 2019 (all distinct youths) and 11 running ones.

    111 zelf geholpen (41.1 %), 20 voorliggend veld, 90 specialistische jeugdhulp + 37 via het JET
    (127 = 47.0 % referred), 12 gestopt. Of the 111 own ones: 55 within 2 gesprekken (49.5 %), 89 within
    5 (80.2 %), 83 within 10 weeks (74.8 %).
    """
    rows, n = [], 0

    def add(uitkomst, gesprekken, dagen, start=date(2019, 1, 7)):
        nonlocal n
        n += 1
        start = start + timedelta(days=n % 150)
        rows.append(("poh_jeugd", f"H{n:04d}", start, start + timedelta(days=dagen), gesprekken, uitkomst))

    for i in range(111):
        gesprekken = 1 if i < 20 else 2 if i < 55 else 4 if i < 89 else 7
        add("zelf_geholpen", gesprekken, 30 if i < 60 else 70 if i < 83 else 71)  # 83 within 70 days
    for uitkomst, count in (("voorliggend_veld", 20), ("specialistische_jeugdhulp", 90),
                            ("via_jeugdexpertteam", 37), ("gestopt", 12)):
        for _ in range(count):
            add(uitkomst, 3, 40)
    for i in range(11):
        n += 1
        rows.append(("poh_jeugd", f"H{n:04d}", date(2019, 11, 1) + timedelta(days=i), None, 2, ""))
    # before and after 2019: not in the figures
    rows.append(("poh_jeugd", "OUD", date(2018, 9, 1), date(2018, 12, 31), 5, "zelf_geholpen"))
    rows.append(("poh_jeugd", "NIEUW", date(2020, 1, 1), date(2020, 2, 1), 5, "gestopt"))
    return rows


def half_up(x: float) -> int:
    return int(x + 0.5)


def test_heerenveen_poh_figures(any_store):
    importeer(any_store, heerenveen_rows())
    poh = monitor.bereken(any_store, date(2019, 1, 1), date(2019, 12, 31)).rij(Toegangsvorm.POH_JEUGD).as_dict()
    assert poh["afgesloten_trajecten"] == 270
    assert poh["jeugdigen_gezien"] == 281 and poh["lopend"] == 11
    assert (poh["zelf_geholpen"], poh["voorliggend_veld"], poh["specialistische_jeugdhulp"],
            poh["via_jeugdexpertteam"], poh["gestopt"]) == (111, 20, 90, 37, 12)
    assert poh["gesprekken"] == 20 * 1 + 35 * 2 + 34 * 4 + 22 * 7 + 159 * 3
    assert poh["pct_zelf_geholpen"] == 41.1
    assert poh["pct_doorverwezen_jeugdhulp"] == 47.0
    assert poh["pct_voorliggend_veld"] == 7.4
    assert poh["pct_eigen_binnen_2_gesprekken"] == 49.5
    assert poh["pct_eigen_binnen_5_gesprekken"] == 80.2
    assert poh["pct_eigen_binnen_10_weken"] == 74.8
    # the letter's whole percentages: 41 % / 47 % / 50 % / 80 % / 75 %
    assert [half_up(poh[k]) for k in ("pct_zelf_geholpen", "pct_doorverwezen_jeugdhulp",
                                      "pct_eigen_binnen_2_gesprekken", "pct_eigen_binnen_5_gesprekken",
                                      "pct_eigen_binnen_10_weken")] == [41, 47, 50, 80, 75]


# --- JET's own figures from its dossiers ----------------------------------------------------------

NOV_VAN, NOV_TOT = date(2026, 11, 1), date(2026, 11, 30)


def _sluit(store, jet, dossier_id, reden="doelen_bereikt", datum=None):
    from jet_desktop.services import dossiers
    from jet_desktop.storage.models import Dossier

    version = jet.version(store, Dossier.__table__, dossier_id)
    dossiers.sluit_af(store, dossier_id, version, datum or jet.vandaag, reden, "Afgerond.", jet.vandaag)


def _contact(store, jet, dossier_id, n):
    from jet_desktop.services import dossiers

    for _ in range(n):
        dossiers.voeg_contactmoment_toe(store, dossier_id, jet.vandaag, "huisbezoek", 60, "Gesprek.", jet.vandaag)


def _toewijzing(store, dossier_id, start=date(2026, 11, 25), categorie="45", deleted=False):
    from jet_desktop.storage.models import utcnow

    with store.engine.begin() as conn:
        conn.execute(Toewijzing.__table__.insert().values(store.new_row(
            dossier_id=dossier_id, productcategorie=categorie, intensiteit="licht", aanbieder="x",
            startdatum=start, deleted_at=utcnow() if deleted else None)))


def test_jet_figures_from_dossiers(any_store, jet):
    s = any_store
    c = jet.consulent(s, "Consulent Een")
    # 1. closed after JET's own support: zelf geholpen, 3 gesprekken, 23 days (2-11 .. 25-11)
    eigen = jet.dossier(s, c)
    _contact(s, jet, eigen, 3)
    _sluit(s, jet, eigen)
    # 2. the same youth again, closed again: still one youth zelf geholpen
    r = jet.aanmelding(s, voornaam="Tweemaal", aanmelddatum=date(2026, 11, 10))
    tweede = jet.aanmelding(s, bestaande_jeugdige_id=r.jeugdige_id, aanmelddatum=date(2026, 11, 12))
    for a in (r, tweede):
        jet.besluit(s, a.aanmelding_id)
        from jet_desktop.services import wachtlijst
        d = wachtlijst.toewijzen(s, a.aanmelding_id, c, jet.vandaag, jet.vandaag)
        _contact(s, jet, d, 1)
        _sluit(s, jet, d)
    # 3. a toewijzing: specialistische jeugdhulp (also when the deleted one is ignored elsewhere)
    spec = jet.dossier(s, c, uitkomst="specialistische_jeugdhulp")
    _toewijzing(s, spec)
    _sluit(s, jet, spec, reden="overgedragen")
    # 4. closed without toewijzing but with a deleted one, reden gestopt: gestopt
    stop = jet.dossier(s, c)
    _toewijzing(s, stop, deleted=True)
    _sluit(s, jet, stop, reden="gestopt")
    # 5. triage handovers: decided 5-11
    for uitkomst, org in (("voorliggend_veld", "Amaryllis"), ("geen_hulp", ""), ("veiligheid", "Veilig Thuis"),
                          ("ander_domein", "Wmo-loket")):
        a = jet.aanmelding(s).aanmelding_id
        jet.besluit(s, a, uitkomst=uitkomst, organisatie=org, besloten_op=date(2026, 11, 5))
    # 6. running: awaiting triage, on the wachtlijst, an active dossier (with 2 contacts, not counted)
    jet.aanmelding(s)
    jet.wachtend(s)
    actief = jet.dossier(s, c)
    _contact(s, jet, actief, 2)
    # 7. a handover before the period: not in it
    oud = jet.aanmelding(s, aanmelddatum=date(2026, 9, 1)).aanmelding_id
    jet.besluit(s, oud, uitkomst="voorliggend_veld", organisatie="Buurtgezinnen", besloten_op=date(2026, 10, 31))

    d = monitor.bereken(s, NOV_VAN, NOV_TOT).rij(Toegangsvorm.JET).as_dict()
    assert d["afgesloten_trajecten"] == 9  # 3 own (2 youths), spec, stop, 4 handovers
    assert d["zelf_geholpen"] == 2
    assert d["voorliggend_veld"] == 1
    assert d["specialistische_jeugdhulp"] == 2  # toewijzing + veiligheid
    assert d["gestopt"] == 3  # gestopt dossier, geen hulp, ander domein
    assert d["via_jeugdexpertteam"] == 0
    assert d["lopend"] == 3
    assert d["jeugdigen_gezien"] == 11  # 2 own youths + spec + stop + 4 handovers + 3 running (not the old one)
    assert d["gesprekken"] == 3 + 1 + 1
    assert d["pct_zelf_geholpen"] == 33.3  # 3 of 9 trajects
    assert d["pct_doorverwezen_jeugdhulp"] == 22.2  # 2/9
    assert d["pct_eigen_binnen_2_gesprekken"] == 66.7  # 1, 1 of (3, 1, 1)
    assert d["pct_eigen_binnen_5_gesprekken"] == 100.0
    assert d["pct_eigen_binnen_10_weken"] == 100.0
    # imported Jeugdexpertteam rows are added to JET's own
    importeer(s, [("jeugdexpertteam", "X1", date(2026, 11, 2), date(2026, 11, 20), 2, "zelf_geholpen")])
    d2 = monitor.bereken(s, NOV_VAN, NOV_TOT).rij(Toegangsvorm.JET)
    assert (d2.afgesloten_trajecten, d2.zelf_geholpen, d2.gesprekken) == (10, 3, 7)


def test_jet_handover_ends_on_decision_date(sqlite_store, jet):
    a = jet.aanmelding(sqlite_store, aanmelddatum=date(2026, 10, 20)).aanmelding_id
    jet.besluit(sqlite_store, a, uitkomst="voorliggend_veld", organisatie="Amaryllis", besloten_op=date(2026, 11, 1))
    oktober = monitor.bereken(sqlite_store, date(2026, 10, 1), date(2026, 10, 31)).rij(Toegangsvorm.JET)
    assert (oktober.afgesloten_trajecten, oktober.lopend, oktober.jeugdigen_gezien) == (0, 1, 1)
    november = monitor.bereken(sqlite_store, NOV_VAN, NOV_TOT).rij(Toegangsvorm.JET)
    assert (november.afgesloten_trajecten, november.voorliggend_veld, november.lopend) == (1, 1, 0)


# --- exports ---------------------------------------------------------------------------------------

@pytest.fixture
def uitkomst(sqlite_store):
    importeer(sqlite_store, heerenveen_rows() + FIXTURE[-1:])  # + one Amaryllis traject in 2024 (not 2019)
    importeer_jo = [("jeugdondersteuner", f"J{i}", date(2019, 3, 1), date(2019, 4, 1), 1, "zelf_geholpen")
                    for i in range(3)]
    importeer(sqlite_store, importeer_jo)
    return monitor.bereken(sqlite_store, date(2019, 1, 1), date(2019, 12, 31))


def test_json_export_exact_shape(uitkomst, tmp_path):
    out = tmp_path / "m.json"
    monitor.write_monitor(uitkomst, "json", out)
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["van", "tot", "toegangsvormen"]
    assert data["van"] == "2019-01-01" and data["tot"] == "2019-12-31"
    assert [list(r) for r in data["toegangsvormen"]] == [list(monitor.defs.ROW_KEYS)] * 4
    poh = data["toegangsvormen"][0]
    assert poh["toegangsvorm"] == "POH Jeugd" and poh["afgesloten_trajecten"] == 270
    assert poh["pct_doorverwezen_jeugdhulp"] == 47.0 and '"pct_doorverwezen_jeugdhulp": 47.0' in text
    assert data["toegangsvormen"][3]["pct_zelf_geholpen"] is None and '"pct_zelf_geholpen": null' in text
    assert data == uitkomst.as_dict()


def test_json_suppressed(uitkomst):
    buf = io.StringIO()
    monitor.write_monitor(uitkomst, "json", buf, drempel=5)
    jo = json.loads(buf.getvalue())["toegangsvormen"][1]
    assert jo["afgesloten_trajecten"] == "<5" and jo["zelf_geholpen"] == "<5" and jo["pct_zelf_geholpen"] is None
    assert json.loads(buf.getvalue())["toegangsvormen"][0]["afgesloten_trajecten"] == 270


def test_csv_export(uitkomst):
    buf = io.StringIO()
    monitor.write_monitor(uitkomst, "csv", buf)
    assert ";" not in buf.getvalue()
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == ["van", "tot", *monitor.defs.ROW_KEYS]
    assert len(rows) == 5
    poh = dict(zip(rows[0], rows[1]))
    assert poh["van"] == "2019-01-01" and poh["toegangsvorm"] == "POH Jeugd"
    assert poh["afgesloten_trajecten"] == "270" and poh["pct_zelf_geholpen"] == "41.1"
    amaryllis = dict(zip(rows[0], rows[4]))
    assert amaryllis["afgesloten_trajecten"] == "0" and amaryllis["pct_zelf_geholpen"] == ""


def test_table_export_for_a_person(uitkomst):
    buf = io.StringIO()
    monitor.write_monitor(uitkomst, "table", buf)
    lines = buf.getvalue().splitlines()
    assert lines[0] == "Monitor toegang 01-01-2019 t/m 31-12-2019"
    header = lines[2].split()
    assert header[:3] == ["Kengetal", "POH", "Jeugd"] and header[-1] == "Amaryllis"
    afgesloten = next(line for line in lines if line.startswith("Afgesloten trajecten"))
    assert afgesloten.split()[2:] == ["270", "3", "0", "0"]
    pct = next(line for line in lines if line.startswith("% zelf geholpen"))
    assert "41,1 %" in pct and pct.rstrip().endswith("-")
    # columns are aligned: every line of the table is as wide as the header or narrower
    assert len({len(line) for line in lines[2:18]}) == 1


def test_tabel_for_the_screen(uitkomst):
    kolommen, rijen = monitor.tabel(uitkomst, drempel=5)
    assert kolommen == ["Kengetal", "POH Jeugd", "Jeugdondersteuner", "Jeugdexpertteam", "Amaryllis"]
    assert len(rijen) == 15
    assert rijen[0] == ("Afgesloten trajecten", "270", "<5", "0", "0")


def test_xlsx_export_typed_cells(uitkomst, tmp_path):
    out = tmp_path / "m.xlsx"
    monitor.write_monitor(uitkomst, "xlsx", out, drempel=5)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    header_idx = next(i for i, r in enumerate(values) if r[0] == "Toegangsvorm")
    header = values[header_idx]
    assert header[1] == "Afgesloten trajecten" and header[-1] == "% eigen trajecten binnen 10 weken"
    poh = dict(zip(header, values[header_idx + 1]))
    assert poh["Toegangsvorm"] == "POH Jeugd"
    assert poh["Afgesloten trajecten"] == 270 and isinstance(poh["Afgesloten trajecten"], int)
    assert poh["% zelf geholpen"] == pytest.approx(41.1)
    jo = dict(zip(header, values[header_idx + 2]))
    assert jo["Afgesloten trajecten"] == "<5" and jo["% zelf geholpen"] is None
    assert ws.freeze_panes == f"A{header_idx + 2}"
    assert any("01-01-2019 t/m 31-12-2019" in str(r[0]) for r in values[:header_idx])
    assert "Definities" in wb.sheetnames


def test_pdf_export_text(sqlite_store, jet, tmp_path):
    importeer(sqlite_store, heerenveen_rows())
    c = jet.consulent(sqlite_store, "Consulent Een")
    d = jet.dossier(sqlite_store, c, voornaam="Zichtbaarenaam", achternaam="Privacytest")
    _sluit(sqlite_store, jet, d)
    u = monitor.bereken(sqlite_store, date(2019, 1, 1), date(2026, 12, 31))
    out = tmp_path / "m.pdf"
    monitor.write_monitor(u, "pdf", out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Monitor toegang" in text
    assert "01-01-2019 t/m 31-12-2026" in text
    for label in ("POH Jeugd", "Jeugdondersteuner", "Jeugdexpertteam", "Amaryllis", "Afgesloten trajecten",
                  "Definities", "Vertrouwelijk", "pagina 1 van 1"):
        assert label in text, label
    assert "271" in text  # 270 + the one ending in 2020 at POH (the 2018 one ends before van)
    assert "Zichtbaarenaam" not in text and "Privacytest" not in text  # no names in the export


def test_unknown_format(uitkomst):
    with pytest.raises(ValueError):
        monitor.write_monitor(uitkomst, "docx", io.StringIO())
