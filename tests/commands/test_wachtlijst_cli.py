"""`jet-desktop wachtlijst` end to end on a demo store; expected figures from plain SQL."""

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from jet_desktop.cli import main
from jet_desktop.paths import sqlite_url

PEIL = date(2026, 11, 25)
NORM = {"spoed": 3, "hoog": 14, "normaal": 28}  # default settings


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_stores):
    return demo_stores.copy(tmp_path_factory.mktemp("demo") / "demo.db", 300, 1, PEIL)


def _waiting(path):
    engine = create_engine(sqlite_url(path))
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT a.dossiernummer, t.urgentie, a.aanmelddatum FROM aanmelding a "
            "JOIN triagebesluit t ON t.id = a.huidig_besluit_id "
            "WHERE a.op_wachtlijst AND a.deleted_at IS NULL")).all()
    engine.dispose()
    return [(nr, urg, date.fromisoformat(str(d)[:10])) for nr, urg, d in rows]


def test_pdf_and_summary_line(demo_db, tmp_path, capsys):
    out = tmp_path / "wachtlijst.pdf"
    assert main(["wachtlijst", "--db", str(demo_db), "--peildatum", "2026-11-25", "--pdf", str(out)]) == 0
    waiting = _waiting(demo_db)
    breached = sum((PEIL - d).days > NORM[u] for _, u, d in waiting)
    assert waiting  # the demo store has a wachtlijst
    line = capsys.readouterr().out.strip()
    assert "\n" not in line
    assert f"{len(waiting)} wachtend, {breached} boven de norm" in line and "25-11-2026" in line
    reader = PdfReader(out)
    text_ = "\n".join(p.extract_text() for p in reader.pages)
    assert f"pagina 1 van {len(reader.pages)}" in text_ and "Vertrouwelijk" in text_
    assert all(nr in text_ for nr, _, _ in waiting)
    lines = text_.splitlines()
    assert lines[lines.index("Wachtend") + 1] == str(len(waiting))
    assert lines[lines.index("Norm overschreden") + 1] == str(breached)


def test_earlier_peildatum_fewer_breaches(demo_db, tmp_path, capsys):
    peil = date(2026, 10, 1)
    out = tmp_path / "w.pdf"
    assert main(["wachtlijst", "--db", str(demo_db), "--peildatum", peil.isoformat(), "--pdf", str(out)]) == 0
    waiting = _waiting(demo_db)
    breached = sum(max((peil - d).days, 0) > NORM[u] for _, u, d in waiting)
    assert f"{len(waiting)} wachtend, {breached} boven de norm" in capsys.readouterr().out


def test_unwritable_target_fails_with_message(demo_db, tmp_path, capsys):
    bad = tmp_path / "bestaat-niet" / "w.pdf"
    assert main(["wachtlijst", "--db", str(demo_db), "--pdf", str(bad)]) == 1
    assert "Kan" in capsys.readouterr().err and not bad.exists()


def test_bad_peildatum_is_refused(demo_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["wachtlijst", "--db", str(demo_db), "--peildatum", "31-31-2026", "--pdf", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2 and "geen geldige datum" in capsys.readouterr().err
