"""`jet-desktop demo --wachtlijst N`: a team in a crisis with N waiting; bad input is a Dutch message, exit 2."""

from datetime import date

import pytest

from jet_desktop import cli
from jet_desktop.demo.generator import DemoGeweigerd, generate
from jet_desktop.demo.plan import max_wachtlijst
from jet_desktop.paths import sqlite_url


def _draai(capsys, *argv):
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("waarde, melding", [
    ("abc", "bij --wachtlijst: 'abc' is geen heel getal"),
    ("-3", "bij --wachtlijst: kies een heel getal van 0 of meer (niet -3)"),
    ("2,5", "bij --wachtlijst: '2,5' is geen heel getal"),
])
def test_bad_wachtlijst_is_refused_in_dutch_with_exit_code_2(capsys, tmp_path, waarde, melding):
    db = tmp_path / "jet.db"
    code, _, err = _draai(capsys, "demo", "--db", str(db), "--onversleuteld", "--wachtlijst", waarde)
    assert code == 2 and melding in err and not db.exists()


def test_more_waiting_than_the_size_allows_is_refused_before_anything_is_written(capsys, tmp_path):
    db = tmp_path / "jet.db"
    maximum = max_wachtlijst(500, date.today())
    code, _, err = _draai(capsys, "demo", "--db", str(db), "--onversleuteld", "--jeugdigen", "500",
                          "--wachtlijst", str(maximum + 1))
    assert code == 2 and not db.exists()
    assert f"--wachtlijst: bij 500 jeugdigen kunnen hoogstens {maximum} aanmeldingen wachten" in err
    # the generator itself refuses it too (the GUI and the benchmarks call it directly)
    with pytest.raises(DemoGeweigerd, match="hoogstens"):
        generate(sqlite_url(tmp_path / "api.db"), jeugdigen=500, wachtlijst=maximum + 1)
    with pytest.raises(DemoGeweigerd, match="niet negatief"):
        generate(sqlite_url(tmp_path / "api.db"), jeugdigen=500, wachtlijst=-1)
    assert not (tmp_path / "api.db").exists()


def test_demo_with_a_wachtlijst_has_exactly_that_many_waiting(capsys, tmp_path):
    code, out, _ = _draai(capsys, "demo", "--db", str(tmp_path / "jet.db"), "--onversleuteld",
                          "--jeugdigen", "300", "--seed", "3", "--wachtlijst", "120")
    assert code == 0
    assert "120 op de wachtlijst staan" in out and "120 aanmeldingen wachten op een jeugdconsulent" in out
    assert "crisis" in out


def test_the_help_names_the_option():
    hulp = cli.build_parser()._subparsers._group_actions[0].choices["demo"].format_help()
    assert "--wachtlijst N" in hulp and "crisis" in hulp
