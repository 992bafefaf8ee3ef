"""`jet-desktop import toegang FILE` and `jet-desktop demo-toegang` end to end."""

import subprocess
import sys
from datetime import date

from sqlalchemy import func, select

from jet_desktop.cli import main
from jet_desktop.storage.models import ToegangImport, ToegangTraject
from jet_desktop.storage.store import Store

KOP = "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"


def nieuwe_store(db):
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store

    Store.open(sqlite_url(db)).engine.dispose()


def tel(db):
    store = Store.open_file(db)
    with store.engine.connect() as conn:
        n = (conn.execute(select(func.count()).select_from(ToegangTraject.__table__)).scalar_one(),
             conn.execute(select(func.count()).select_from(ToegangImport.__table__)).scalar_one())
    store.engine.dispose()
    return n


def test_success_prints_one_line_and_exits_0(tmp_path, capsys):
    db, csv = tmp_path / "jet.db", tmp_path / "poh.csv"
    nieuwe_store(db)  # an existing store: no warning about creating an unencrypted one
    csv.write_text(KOP + "POH Jeugd;C1;01-02-2019;15-03-2019;3;zelf geholpen\nPOH Jeugd;C2;01-02-2019;;1;\n",
                   encoding="utf-8-sig")
    assert main(["import", "toegang", str(csv), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out == "poh.csv: 2 trajecten ingelezen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd.\n"
    assert err == ""
    assert tel(db) == (2, 1)
    # the same file again: exit 0, nothing written, and it says so
    assert main(["import", "toegang", str(csv), "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "dit bestand is al ingelezen op" in out and out.count("\n") == 1
    assert tel(db) == (2, 1)


def test_failure_lists_every_bad_row_on_stderr_and_writes_nothing(tmp_path, capsys):
    db, csv = tmp_path / "jet.db", tmp_path / "fout.csv"
    nieuwe_store(db)  # an existing store: no warning about creating an unencrypted one
    csv.write_text(KOP + "POH Jeugd;C1;01-02-2019;15-03-2019;3;zelf geholpen\n"
                         "GGD;C2;01-02-2019;;1;\n"
                         "Amaryllis;C3;01-02-2019;31-01-2019;2;gestopt\n"
                         "Amaryllis;C4;01-02-2019;;2;gestopt\n", encoding="utf-8")
    assert main(["import", "toegang", str(csv), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().split("\n")
    assert lines[0].startswith("Het bestand is niet ingelezen: 3 fouten in 3 rijen.")
    assert lines[1].startswith("rij 3, kolom toegangsvorm: de waarde (3 tekens, niet getoond: het kan een naam zijn) is geen toegangsvorm")
    assert lines[2] == "rij 4, kolom einddatum: de einddatum 31-01-2019 ligt vóór de startdatum 01-02-2019"
    assert lines[3].startswith("rij 5, kolom einddatum: vul de einddatum in")
    assert len(lines) == 4
    assert tel(db) == (0, 0)


def test_missing_file(tmp_path, capsys):
    assert main(["import", "toegang", str(tmp_path / "weg.xlsx"), "--db", str(tmp_path / "jet.db")]) != 0
    assert "bestaat niet" in capsys.readouterr().err


def test_demo_toegang_then_import_as_a_user_runs_it(tmp_path):
    db, csv, xlsx = tmp_path / "jet.db", tmp_path / "toegang.csv", tmp_path / "toegang.xlsx"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "jet_desktop", *args], capture_output=True, text=True,
                              timeout=300)

    r = run("demo-toegang", "--out", str(csv), "--rijen", "400", "--seed", "2", "--van", "2019-01-01",
            "--tot", "2019-12-31")
    assert r.returncode == 0, r.stderr
    assert "400 trajecten" in r.stdout
    assert csv.read_text(encoding="utf-8-sig").split("\n", 1)[0].strip() == KOP.strip()
    r = run("import", "toegang", str(csv), "--db", str(db), "--onversleuteld")  # a new store, asked for plain
    assert r.returncode == 0, r.stderr
    assert r.stdout == "toegang.csv: 400 trajecten ingelezen: 400 nieuw, 0 bijgewerkt, 0 ongewijzigd.\n"
    assert run("demo-toegang", "--out", str(xlsx), "--rijen", "50", "--seed", "2", "--van", "2019-01-01",
               "--tot", "2019-12-31").returncode == 0
    r = run("import", "toegang", str(xlsx), "--db", str(db))
    assert r.returncode == 0 and "50 ongewijzigd" in r.stdout  # the same trajecten (same seed), found again
    assert tel(db) == (400, 2)


def test_demo_toegang_checks_its_arguments(tmp_path, capsys):
    assert main(["demo-toegang", "--out", str(tmp_path / "x.csv"), "--van", "2020-01-01", "--tot", "2019-01-01"]) == 2
    assert "vóór" in capsys.readouterr().err
    assert main(["demo-toegang", "--out", str(tmp_path / "x.csv"), "--rijen", "5", "--scheidingsteken", ",",
                 "--van", "2019-01-01", "--tot", date(2019, 6, 30).isoformat()]) == 0
    assert (tmp_path / "x.csv").read_text(encoding="utf-8-sig").startswith(
        "toegangsvorm,client_id,startdatum,einddatum,gesprekken,uitkomst")
