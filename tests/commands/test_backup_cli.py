"""`jet-desktop backup` and `restore` end to end."""

from jet_desktop.cli import main


def test_backup_then_restore(sqlite_store, jet, tmp_path, capsys):
    jet.aanmelding(sqlite_store)
    sqlite_store.engine.dispose()
    db, kopie = tmp_path / "jet.db", tmp_path / "kopie.db"
    assert main(["backup", "--db", str(db), "--out", str(kopie)]) == 0
    assert "gecontroleerd" in capsys.readouterr().out and kopie.exists()
    assert main(["restore", "--db", str(db), "--from", str(kopie)]) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "jet-vervangen-" in out


def test_restore_of_a_non_store_fails_with_a_message(tmp_path, capsys):
    rommel = tmp_path / "rommel.db"
    rommel.write_bytes(b"dit is geen database" * 100)
    assert main(["restore", "--db", str(tmp_path / "jet.db"), "--from", str(rommel)]) == 1
    assert "Niet teruggezet, er is niets veranderd" in capsys.readouterr().err
    assert not (tmp_path / "jet.db").exists()
