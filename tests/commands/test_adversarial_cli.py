"""Adversarial command-line cases (issue 9): odd files where a store or an output should be, bad URLs,
unbounded periods, and values from an import file that may hold a name. Each ends in a Dutch message
with exit code 1 or 2, never a traceback, and no personal data on stdout or stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jet_desktop.cli import main

ZIN = "een heel goede wachtwoordzin voor de test"
ENGELS = ("Traceback", "Error", "error:", "failed", "Errno", "disk I/O", "No module", "invalid literal")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def omgeving(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_PASSPHRASE", ZIN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _draai(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    uit = capsys.readouterr()
    for engels in ENGELS:
        assert engels not in uit.err, uit.err
    return code, uit.out, uit.err


def test_db_that_is_a_fifo_a_device_or_a_symlink_loop_is_a_dutch_message(omgeving, capsys):
    os.mkfifo(omgeving / "pijp")
    (omgeving / "lus1").symlink_to(omgeving / "lus2")
    (omgeving / "lus2").symlink_to(omgeving / "lus1")
    for db in ("pijp", "/dev/null", "lus1"):
        for argv in (["demo", "--db", db, "--jeugdigen", "50"], ["migrate", "--db", db],
                     ["monitor", "--db", db, "--van", "2024-01-01", "--tot", "2024-12-31"]):
            code, _, err = _draai(capsys, *argv)
            assert code == 2, (argv, err)
            assert "geen gewoon bestand" in err or "snelkoppeling" in err, err
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("url, woord", [
    ("foo://:::", "geen geldige database-URL"),
    ("mysql://u@h/x", "stuurprogramma"),
])
def test_url_that_sqlalchemy_cannot_read_is_a_dutch_message(omgeving, capsys, url, woord):
    gui = [["--url", url]] if "geldige" in woord else []  # the GUI with a driver it lacks: a message box
    for argv in (["demo", "--url", url, "--jeugdigen", "50"], ["migrate", "--url", url], *gui):
        code, _, err = _draai(capsys, *argv)
        assert code == 2, (argv, err)
        assert woord in err, err


def test_unknown_host_is_named_as_such(omgeving, capsys, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from jet_desktop.commands.foutmeldingen import melding

    class Psycopg(Exception):
        pass

    fout = OperationalError("connect", {}, Psycopg("failed to resolve host 'x.invalid': [Errno -2] Name or "
                                                   "service not known"))
    tekst, code = melding(fout)
    assert "servernaam is onbekend" in tekst and code == 1


def test_backup_out_to_a_device_or_fifo_is_refused_and_leaves_it(omgeving, capsys):
    code, _, _ = _draai(capsys, "demo", "--db", "jet.db", "--jeugdigen", "50")
    assert code == 0
    os.mkfifo(omgeving / "pijp")
    for doel in ("pijp", "/dev/null"):
        code, out, err = _draai(capsys, "backup", "--db", "jet.db", "--out", doel)
        assert code == 2, err
        assert "geen gewoon bestand" in err and "gecontroleerd" not in out
    assert (omgeving / "pijp").is_fifo() and Path("/dev/null").is_char_device()


def test_kosten_over_thousands_of_years_is_refused_not_run_for_ever(omgeving, capsys):
    code, _, _ = _draai(capsys, "demo", "--db", "jet.db", "--jeugdigen", "50")
    assert code == 0
    for argv in (["--van", "1900-01-01", "--tot", "2999-12-31"],
                 ["--van", "1900-01-01", "--tot", "2100-12-31", "--format", "pdf", "--out", "k.pdf"]):
        code, _, err = _draai(capsys, "matched-care", "--db", "jet.db", "--kosten", *argv)
        assert code == 2 and "hoogstens 30 jaar" in err, err
    code, _, err = _draai(capsys, "matched-care", "--db", "jet.db", "--kosten", "--van", "1997-01-01",
                          "--tot", "2026-12-31", "--format", "pdf", "--out", "k.pdf")
    assert code == 0, err


NAMEN = ("Jan Jansen", "Karel", "Marie Curie", "Pietje Puk", "Bert")


def test_import_messages_never_show_a_cell_with_letters(omgeving, capsys):
    """A bad cell may hold a name (a shifted column, another register): the message names the row and
    column, shows a date or number gone wrong, but not the text."""
    kop = "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
    (omgeving / "fout.csv").write_text(
        kop + "Jan Jansen;J1;32-13-2020;Karel;veel;Marie Curie\n"
              "POH Jeugd;Pietje Puk;07-01-2019;;3;\nPOH Jeugd;Pietje Puk;07-01-2019;;3;\n", encoding="utf-8")
    # a file without a header: its first row is data
    (omgeving / "zonder_kop.csv").write_text("POH Jeugd;Bert;07-01-2019;;3;\n", encoding="utf-8")
    for bestand in ("fout.csv", "zonder_kop.csv"):
        code, out, err = _draai(capsys, "import", "toegang", bestand, "--db", "jet.db")
        assert code == 1, err
        for naam in NAMEN:
            assert naam not in err and naam not in out, err
    _draai(capsys, "import", "toegang", "fout.csv", "--db", "jet.db")


def test_import_message_still_shows_a_bad_date(omgeving, capsys):
    kop = "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
    (omgeving / "fout.csv").write_text(kop + "POH Jeugd;J1;32-13-2020;;3;\n", encoding="utf-8")
    code, _, err = _draai(capsys, "import", "toegang", "fout.csv", "--db", "jet.db")
    assert code == 1 and "'32-13-2020'" in err, err


def test_as_a_process_the_loop_and_url_cases_have_no_traceback(tmp_path):
    (tmp_path / "lus1").symlink_to(tmp_path / "lus2")
    (tmp_path / "lus2").symlink_to(tmp_path / "lus1")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JET_DATA_DIR": str(tmp_path / "data"), "JET_PASSPHRASE": ZIN}
    for argv in (["--db", "lus1"], ["demo", "--url", "foo://:::"]):
        r = subprocess.run([sys.executable, "-m", "jet_desktop", *argv], cwd=tmp_path, env=env,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
        assert r.returncode == 2 and "Traceback" not in r.stderr and "onverwacht" not in r.stderr, r.stderr
    assert "Onverwachte fout" not in (tmp_path / "data" / "logs" / "jet-desktop.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [
    ["audit", "export", "--db", "jet.db", "--van", "0001-01-01", "--tot", "9999-12-31", "--out", "a.csv"],
    ["monitor", "--db", "jet.db", "--van", "0001-01-01", "--tot", "2024-12-31"],
    ["wachtlijst", "--db", "jet.db", "--pdf", "w.pdf", "--peildatum", "9999-12-31"],
    ["demo-toegang", "--out", "t.csv", "--van", "0001-01-01", "--tot", "0001-01-02"],
])
def test_a_date_far_outside_is_refused_by_argument(omgeving, capsys, argv):
    """audit export --van 0001-01-01 ended in 'ValueError: year 0 is out of range' (the local-time bound)."""
    code, _, err = _draai(capsys, *argv)
    assert code == 2 and "kies een datum in de jaren 1900 t/m 2999" in err, err
