"""The `jet-desktop` command as a user runs it."""

import subprocess
import sys

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
           "PATH": "/usr/bin:/bin", "JET_GEBRUIKER": "test", "JET_PASSPHRASE": "rook test wachtwoordzin"}
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
    assert (tmp_path / "kopie.db").exists() and not (tmp_path / "standaard").exists()
