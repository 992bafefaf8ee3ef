"""`jet-desktop monitor` end to end: formats, --out, --publicatie and the exit codes."""

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jet_desktop.cli import main
from jet_desktop.storage.models import ToegangImport, ToegangTraject
from jet_desktop.storage.store import Store


@pytest.fixture
def db(tmp_path):
    """A store with 2019 POH trajects: 6 zelf geholpen (2 gesprekken, 20 days), 3 gestopt, 1 running."""
    path = tmp_path / "jet.db"
    store = Store.open_file(path, user="Test")
    imp = store.new_row(bestandsnaam="poh.csv", sha256="a" * 64, rijen=10, nieuw=10)
    rows = [("zelf_geholpen", date(2019, 3, 1), date(2019, 3, 21))] * 6 + [("gestopt", date(2019, 5, 1),
                                                                         date(2019, 6, 1))] * 3
    with store.engine.begin() as conn:
        conn.execute(ToegangImport.__table__.insert().values(imp))
        conn.execute(ToegangTraject.__table__.insert(), [
            store.new_row(toegangsvorm="poh_jeugd", client_id=f"P{i}", startdatum=s, einddatum=e, gesprekken=2,
                          uitkomst=u, import_id=imp["id"]) for i, (u, s, e) in enumerate(rows)]
            + [store.new_row(toegangsvorm="poh_jeugd", client_id="RUN", startdatum=date(2019, 12, 1), einddatum=None,
                             gesprekken=1, uitkomst="", import_id=imp["id"])])
    store.engine.dispose()
    return str(path)


ARGS = ["--van", "2019-01-01", "--tot", "2019-12-31"]


def test_json_to_stdout(db, capsys):
    assert main(["monitor", "--db", db, *ARGS, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["van", "tot", "toegangsvormen"]
    poh = data["toegangsvormen"][0]
    assert (poh["toegangsvorm"], poh["afgesloten_trajecten"], poh["zelf_geholpen"], poh["gestopt"], poh["lopend"],
            poh["gesprekken"], poh["pct_zelf_geholpen"], poh["pct_eigen_binnen_2_gesprekken"]) == (
        "POH Jeugd", 9, 6, 3, 1, 18, 66.7, 100.0)
    assert data["toegangsvormen"][1]["pct_zelf_geholpen"] is None


def test_table_is_the_default_and_dutch_dates_work(db, capsys):
    assert main(["monitor", "--db", db, "--van", "01-01-2019", "--tot", "31-12-2019"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Monitor toegang 01-01-2019 t/m 31-12-2019")
    assert "66,7 %" in out


def test_publicatie_suppresses_small_counts(db, capsys):
    assert main(["monitor", "--db", db, *ARGS, "--format", "csv", "--publicatie"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    poh = rows[0]
    assert poh["afgesloten_trajecten"] == "9" and poh["gestopt"] == "<5" and poh["lopend"] == "<5"
    assert poh["zelf_geholpen"] == "<5"  # 6, hidden too: else 9 - 6 would give the gestopt ones away
    assert poh["pct_zelf_geholpen"] == ""  # 6 of 9: the other 3 are a small group
    assert rows[1]["afgesloten_trajecten"] == "0"


def test_csv_to_file(db, tmp_path, capsys):
    out = tmp_path / "monitor.csv"
    assert main(["monitor", "--db", db, *ARGS, "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("2019-01-01,2019-12-31,POH Jeugd,9,")


def test_xlsx_and_pdf_files(db, tmp_path):
    xlsx, pdf = tmp_path / "m.xlsx", tmp_path / "m.pdf"
    assert main(["monitor", "--db", db, *ARGS, "--format", "xlsx", "--out", str(xlsx)]) == 0
    values = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    poh = next(r for r in values if r[0] == "POH Jeugd")
    assert poh[1] == 9
    assert main(["monitor", "--db", db, *ARGS, "--format", "pdf", "--out", str(pdf)]) == 0
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Monitor toegang" in text and "66,7 %" in text


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_binary_formats_need_out(db, capsys, fmt):
    assert main(["monitor", "--db", db, *ARGS, "--format", fmt]) == 1
    assert f"Voor --format {fmt} is --out BESTAND verplicht." in capsys.readouterr().err


def test_van_after_tot_is_an_error(db, capsys):
    assert main(["monitor", "--db", db, "--van", "2019-12-31", "--tot", "2019-01-01"]) == 1
    assert "ligt na --tot" in capsys.readouterr().err


def test_bad_date_is_an_argparse_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["monitor", "--db", db, "--van", "2019-13-01", "--tot", "2019-12-31"])
    assert exc.value.code == 2
    assert "geen geldige datum" in capsys.readouterr().err


def test_unwritable_out(db, tmp_path, capsys):
    assert main(["monitor", "--db", db, *ARGS, "--format", "json", "--out", str(tmp_path / "nee" / "m.json")]) == 1
    assert "Kan " in capsys.readouterr().err
