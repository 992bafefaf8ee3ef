"""The `jet-desktop` command as a user runs it."""

import subprocess
import sys

import pytest

from jet_desktop import __version__
from jet_desktop.storage.bestand import is_versleuteld


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], capture_output=True, text=True, timeout=300, **kw)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"jet-desktop {__version__}"


def test_demo_then_migrate_on_a_file(tmp_path):
    db = tmp_path / "demo.db"
    r = run("demo", "--db", str(db), "--jeugdigen", "200", "--seed", "3", "--onversleuteld")
    assert r.returncode == 0, r.stderr
    assert "jeugdigen" in r.stdout.lower()
    from jet_desktop.services import wachtlijst
    from jet_desktop.storage.store import Store

    assert wachtlijst.tel(Store.open_file(db)) > 0
    again = run("demo", "--db", str(db), "--jeugdigen", "200")
    assert again.returncode != 0  # never mixes demo data into an existing store
    assert run("migrate", "--db", str(db)).returncode == 0


def test_gui_starts_offscreen_on_default_store_and_quits(tmp_path):
    env = {"JET_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "JET_QUIT_AFTER": "ready",
           "PATH": "/usr/bin:/bin", "JET_GEBRUIKER": "test", "JET_PASSPHRASE": "rook test wachtwoordzin",
           "HOME": str(tmp_path)}  # without HOME, Qt keeps its settings in /.config
    r = run(env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "jet.db").exists()  # created and migrated in the data directory
    assert is_versleuteld(tmp_path / "jet.db")  # a new store is always encrypted


def test_db_before_the_subcommand_is_not_ignored(tmp_path, monkeypatch):
    from jet_desktop.cli import main
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store

    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path / "standaard"))
    db = tmp_path / "eigen.db"
    Store.open(sqlite_url(db)).engine.dispose()
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "kopie.db")]) == 0
    assert (tmp_path / "kopie.db").exists() and not (tmp_path / "standaard" / "jet.db").exists()  # (the log is there)


@pytest.mark.parametrize("url", ["postgresql+psycopg://127.0.0.1:1/jet", ""], ids=["server", "lege-variabele"])
@pytest.mark.parametrize("opdracht", [["backup", "--out", "kopie.db"], ["restore", "--from", "kopie.db"],
                                      ["versleutel"], ["wachtwoordzin"]])
def test_a_command_for_a_local_file_refuses_a_shared_store_instead_of_ignoring_url(tmp_path, monkeypatch, capsys,
                                                                                    opdracht, url):
    from jet_desktop.cli import main

    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path / "standaard"))
    monkeypatch.chdir(tmp_path)
    assert main(["--url", url, *opdracht]) == 2  # --url "$SERVER" with the variable empty: never the local file
    fout = capsys.readouterr().err
    assert f"jet-desktop {opdracht[0]} werkt alleen op een lokaal gegevensbestand (--db)" in fout
    assert "niet op een gedeelde gegevensset (--url)" in fout and "bestaat niet" not in fout
    assert "teamserver" in fout  # and what to do there instead
    assert not list(tmp_path.rglob("*.db"))  # nothing made: no default store, no copy (only the log is written)


def test_an_empty_url_is_refused_by_every_command_not_read_as_the_local_store(tmp_path, monkeypatch, capsys):
    from jet_desktop.cli import main

    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path / "standaard"))
    assert main(["--url", "", "wachtlijst", "--pdf", str(tmp_path / "w.pdf")]) == 2
    assert "De --url is geen geldige database-URL" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.db")) and not (tmp_path / "w.pdf").exists()


def _hermetisch(tmp_path, **extra):
    import os

    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            "JET_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path), **extra}


def test_a_new_store_is_never_created_unencrypted_unless_asked(tmp_path):
    import subprocess as sp

    args = ["monitor", "--van", "2024-01-01", "--tot", "2024-12-31"]
    for waar in (["--db", str(tmp_path / "nieuw.db")], []):  # a --db path, and the default store alike
        r = run(*args, *waar, env=_hermetisch(tmp_path), stdin=sp.DEVNULL)
        assert r.returncode == 2 and "--onversleuteld" in r.stderr and "JET_PASSPHRASE" in r.stderr, r.stderr
        assert not (tmp_path / "nieuw.db").exists() and not (tmp_path / "data" / "jet.db").exists()
    r = run(*args, "--db", str(tmp_path / "plat.db"), "--onversleuteld", env=_hermetisch(tmp_path))
    assert r.returncode == 0 and "NIET versleutelde" in r.stderr and is_versleuteld(tmp_path / "plat.db") is False
    r = run(*args, env=_hermetisch(tmp_path, JET_PASSPHRASE="een goede wachtwoordzin"))
    assert r.returncode == 0, r.stderr
    assert is_versleuteld(tmp_path / "data" / "jet.db") is True


def test_demo_and_migrate_refuse_a_database_that_is_no_jet_store_and_leave_it_as_it_was(tmp_path):
    import hashlib
    import sqlite3

    vreemd = tmp_path / "places.sqlite"
    conn = sqlite3.connect(vreemd)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    voor = hashlib.sha256(vreemd.read_bytes()).hexdigest()
    for args in (["demo", "--jeugdigen", "50"], ["migrate"], ["wachtlijst", "--pdf", str(tmp_path / "w.pdf")]):
        r = run(*args, "--db", str(vreemd), env=_hermetisch(tmp_path))
        assert r.returncode in (1, 2) and "geen JET-gegevensset" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert hashlib.sha256(vreemd.read_bytes()).hexdigest() == voor
    conn = sqlite3.connect(vreemd)
    assert [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["moz_places"]
    conn.close()


def test_demo_size_is_bounded_in_the_generator_and_the_command():
    import pytest

    from jet_desktop import cli
    from jet_desktop.demo import generator

    assert (cli.DEMO_MIN, cli.DEMO_MAX) == (generator.MIN_JEUGDIGEN, generator.MAX_JEUGDIGEN)
    for n in (0, -5, generator.MAX_JEUGDIGEN + 1, 5_000_000):
        with pytest.raises(generator.DemoGeweigerd, match="kies tussen 50 en 300.000 jeugdigen"):
            generator.generate("sqlite://", jeugdigen=n)
    assert "50 t/m 300.000" in cli.build_parser()._subparsers._group_actions[0].choices["demo"].format_help()


def test_argparse_speaks_dutch_and_only_while_it_parses(capsys):
    import argparse

    import pytest

    from jet_desktop.cli import main

    with pytest.raises(SystemExit) as e:
        main(["-h"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: jet-desktop") and "opties:" in out and "toon deze hulp en stop" in out
    assert "usage" not in out and "show this help" not in out
    with pytest.raises(SystemExit) as e:
        main(["monitor", "--van", "2024-01-01"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "jet-desktop monitor: fout: deze argumenten zijn verplicht: --tot" in err and "usage" not in err
    assert argparse._("usage: ") == "usage: "  # the rest of the process keeps argparse as it was
