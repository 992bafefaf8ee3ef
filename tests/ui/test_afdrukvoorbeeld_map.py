"""The print-preview PDF (names or initials, dossiernummers) lives in a private folder and does not
survive the next start after a crash (issue 9; jet_desktop/voorbeeldmap.py)."""

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jet_desktop import voorbeeldmap
from jet_desktop.paths import data_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and SIGKILL: POSIX")

# an instance that makes its preview folder and a PDF in it, says where, and waits for stdin
INSTANTIE = """
import sys
from jet_desktop.voorbeeldmap import nieuw_pdf_pad
pad = nieuw_pdf_pad()
open(pad, "wb").write(b"%PDF-1.4 Daan de Visser 2026-00001")
print(pad, flush=True)
sys.stdin.readline()
"""


def _instantie() -> tuple[subprocess.Popen, Path]:
    p = subprocess.Popen([sys.executable, "-c", INSTANTIE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True, env=os.environ.copy())
    pad = Path(p.stdout.readline().strip())
    assert pad.is_file()
    return p, pad


def _modus(pad: Path) -> int:
    return stat.S_IMODE(pad.stat().st_mode)


def test_the_folder_is_private_and_per_instance():
    p, pad = _instantie()
    try:
        assert pad.parent.parent == data_dir() / "afdrukvoorbeeld"  # not the shared temp folder
        assert _modus(pad.parent.parent) == 0o700 and _modus(pad.parent) == 0o700 and _modus(pad) == 0o600
        assert pad.parent.name.startswith(f"{p.pid}-")
    finally:
        p.stdin.close()
        p.wait(timeout=30)
    assert not pad.parent.exists()  # a normal exit removes its own folder


def test_an_existing_base_folder_is_made_private(tmp_path):
    base = data_dir() / "afdrukvoorbeeld"
    base.mkdir(parents=True, mode=0o755)
    os.chmod(base, 0o755)
    voorbeeldmap.ruim_achtergebleven_pdfs()
    assert _modus(base) == 0o700


def test_a_crashed_instance_leaves_nothing_after_the_next_start_and_a_running_one_keeps_its_preview():
    dood, dood_pad = _instantie()
    levend, levend_pad = _instantie()
    try:
        dood.send_signal(signal.SIGKILL)  # a crash: no clean-up of its own
        dood.wait(timeout=30)
        assert dood_pad.exists()  # left behind, however recent
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JET_QUIT_AFTER": "shown"}
        r = subprocess.run([sys.executable, "-m", "jet_desktop"], env=env, capture_output=True, text=True,
                           timeout=300)
        assert r.returncode == 0, r.stderr
        assert not dood_pad.parent.exists()  # the next start removed it (not only when 12 hours old)
        assert levend_pad.exists()  # the running instance keeps its preview (it holds the lock)
    finally:
        levend.stdin.close()
        levend.wait(timeout=30)
    assert not levend_pad.parent.exists()


def test_a_reused_pid_does_not_protect_a_leftover():
    """The lock decides, not the process id: a folder named after a live pid (ours) whose lock
    nobody holds is a leftover."""
    base = voorbeeldmap.basismap()
    oud = base / f"{os.getppid()}-abc123"  # a live process (pytest's parent) that holds no lock there
    oud.mkdir(mode=0o700)
    (oud / voorbeeldmap.SLOT).write_bytes(b"")
    (oud / "jet-x.pdf").write_bytes(b"%PDF")
    assert voorbeeldmap.ruim_achtergebleven_pdfs() == 1
    assert not oud.exists()


def test_own_folder_survives_the_clean_up_of_the_same_process():
    pad = Path(voorbeeldmap.nieuw_pdf_pad())
    try:
        voorbeeldmap.ruim_achtergebleven_pdfs()
        assert pad.exists()
    finally:
        voorbeeldmap._ruim_eigen_op()
    assert not pad.parent.exists()


def test_the_report_preview_writes_its_pdf_in_the_private_folder(qtbot, team_store):
    from PySide6.QtWidgets import QWidget

    from jet_desktop.reports import wachtlijstrapport
    from jet_desktop.ui.dialogs import pdf_preview

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def klaar(pad, _result):
        seen["pad"] = Path(pad)
        seen["bestond"] = Path(pad).stat().st_size > 0
        seen["modus"] = _modus(Path(pad).parent)

    pdf_preview.afdrukken_op_achtergrond(parent, lambda pad: wachtlijstrapport.maak_pdf(team_store, pad),
                                         on_ready=klaar)
    qtbot.waitUntil(lambda: "pad" in seen, timeout=15000)
    try:
        assert seen["pad"].parent.parent == data_dir() / "afdrukvoorbeeld" and seen["bestond"]
        assert seen["modus"] == 0o700
        assert not seen["pad"].exists()  # removed when the preview closed
    finally:
        voorbeeldmap._ruim_eigen_op()


def test_an_unwritable_data_folder_gives_a_dutch_message(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from jet_desktop.ui.dialogs import pdf_preview

    def kapot():
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr(pdf_preview, "nieuw_pdf_pad", kapot)
    meldingen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: meldingen.append(a[1:]))
    parent = QWidget()
    qtbot.addWidget(parent)
    pdf_preview.afdrukken_op_achtergrond(parent, lambda pad: None, on_ready=lambda *_: None)
    assert meldingen and meldingen[0][0] == "Rapport niet gemaakt" and "afdrukvoorbeeld" in meldingen[0][1]
