"""`jet-desktop caseload` end to end on a demo store (PDF and XLSX); expected figures from plain SQL."""

from datetime import date, datetime

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from jet_desktop.cli import main
from jet_desktop.paths import sqlite_url

PEIL = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_stores):
    return demo_stores.copy(tmp_path_factory.mktemp("demo") / "demo.db", 300, 1, PEIL)


def _expected(path):
    """Active dossiers per active consulent (as vaste consulent and as second person)."""
    engine = create_engine(sqlite_url(path))
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT m.naam, "
            " (SELECT count(*) FROM dossier d WHERE d.consulent_id = m.id AND d.afgesloten_op IS NULL), "
            " (SELECT count(*) FROM dossier d WHERE d.tweede_consulent_id = m.id AND d.afgesloten_op IS NULL) "
            "FROM medewerker m WHERE m.rol = 'jeugdconsulent' AND m.actief AND m.deleted_at IS NULL ORDER BY m.naam")).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_xlsx(demo_db, tmp_path, capsys):
    out = tmp_path / "caseload.xlsx"
    assert main(["caseload", "--db", str(demo_db), "--peildatum", "2026-11-25", "--format", "xlsx",
                 "--out", str(out)]) == 0
    expected = _expected(demo_db)
    assert expected
    total = sum(a for _, a, _ in expected)
    assert f"{len(expected)} consulenten, {total} actieve dossiers" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    sam = wb["Samenvatting"]
    header = next(r for r in range(1, 10) if sam.cell(r, 1).value == "Consulent")
    rows = [[c.value for c in r] for r in sam.iter_rows(min_row=header + 1)]
    assert [(r[0], r[3], r[5]) for r in rows[:-1]] == expected
    assert rows[-1][0] == "Totaal" and rows[-1][3] == total
    dossiers = [[c.value for c in r] for r in wb["Dossiers"].iter_rows(min_row=header + 1)]
    assert len(dossiers) == sum(a + t for _, a, t in expected)
    assert all(isinstance(r[4], datetime) for r in dossiers)


def test_pdf(demo_db, tmp_path, capsys):
    out = tmp_path / "caseload.pdf"
    assert main(["caseload", "--db", str(demo_db), "--peildatum", "2026-11-25", "--out", str(out)]) == 0
    assert "PDF" in capsys.readouterr().out
    reader = PdfReader(out)
    text_ = "\n".join(p.extract_text() for p in reader.pages)
    assert f"pagina {len(reader.pages)} van {len(reader.pages)}" in text_ and "Vertrouwelijk" in text_
    assert all(naam in text_ for naam, _, _ in _expected(demo_db))
