"""`jet-desktop --self-test` in the venv (the frozen build runs the same: tests/test_installer.py)."""

import os
import subprocess
import sys

from jet_desktop import cli, zelftest

CONTROLES = ["Gegevensset", "Demogegevens", "Hoofdvenster", "Wachtlijstrapport PDF", "XLSX", "Auditketen",
             "Teamserver-stuurprogramma", "Opruimen"]


def test_the_self_test_passes_with_one_line_per_check_and_leaves_nothing_behind(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JET_")}
    env["TMPDIR"] = str(tmp_path)  # where its temporary folder goes: to see that it is gone afterwards
    uit = subprocess.run([sys.executable, "-m", "jet_desktop", "--self-test"], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=240)
    assert uit.returncode == 0, uit.stdout + uit.stderr
    regels = uit.stdout.splitlines()
    assert regels[0].startswith("JET Desktop ") and "zelftest (Python" in regels[0]
    assert [r.split(":")[0].removeprefix("OK").strip() for r in regels[1:-1]] == CONTROLES
    assert all(r.startswith("OK    ") for r in regels[1:-1])
    assert "Qt in het Nederlands (Cancel → Annuleren)" in uit.stdout and "versleuteld (SQLCipher)" in uit.stdout
    assert regels[-1] == f"Zelftest geslaagd: {len(CONTROLES)} van {len(CONTROLES)} controles."
    assert list(tmp_path.iterdir()) == []  # the store, the PDF, the XLSX, the log and the settings: removed


def test_a_failing_check_fails_the_self_test_and_what_depends_on_it_is_skipped(tmp_path, monkeypatch):
    def stuk(self):
        raise zelftest.ZelftestFout("proef: de migraties ontbreken")

    monkeypatch.setattr(zelftest.Zelftest, "gegevensset", stuk)
    regels = []
    map_ = tmp_path / "zelftest"
    map_.mkdir()
    assert zelftest.draai(map_, regels.append) == 1
    assert regels[1] == "FOUT  Gegevensset: ZelftestFout: proef: de migraties ontbreken"
    assert regels[2] == "FOUT  Demogegevens: overgeslagen (hangt af van Gegevensset)"
    assert regels[-2].startswith("OK    Opruimen") and not map_.exists()
    assert regels[-1].startswith(f"Zelftest MISLUKT: {len(CONTROLES) - 1} van {len(CONTROLES)} controles mislukt")


def test_a_later_check_that_fails_still_lets_the_others_run(tmp_path, monkeypatch):
    monkeypatch.setattr(zelftest.Zelftest, "pdf", lambda self: (_ for _ in ()).throw(ImportError("No module named 'PIL'")))
    regels = []
    map_ = tmp_path / "zelftest"
    map_.mkdir()
    monkeypatch.setenv("JET_DATA_DIR", str(map_))
    assert zelftest.draai(map_, regels.append) == 1
    assert "FOUT  Wachtlijstrapport PDF: ImportError: No module named 'PIL'" in regels
    assert any(r.startswith("OK    XLSX") for r in regels) and any(r.startswith("OK    Auditketen") for r in regels)
    assert regels[-1] == f"Zelftest MISLUKT: 1 van {len(CONTROLES)} controles mislukt (Wachtlijstrapport PDF)."


def test_self_test_with_a_command_is_refused(capsys):
    assert cli.main(["--self-test", "migrate"]) == 2
    assert "--self-test gaat niet samen met een opdracht." in capsys.readouterr().err
