"""A light cold start (issue 11): what the main window and the sign-in dialog need, and nothing more.

Checked in a fresh Python process each (sys.modules of this test process holds everything the other tests
loaded). No timing here: benchmarks/bench_startup.py measures the time.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_support import VANDAAG

from jet_desktop.ui.main_window import PAGES, MainWindow

ROOT = Path(__file__).resolve().parents[2]
ZWAAR = ("pandas", "reportlab", "openpyxl", "sqlalchemy", "sqlmodel", "alembic", "pypdf")


def geladen_na(code: str, tmp_path: Path, **env) -> dict:
    """Run `code` in a fresh interpreter (offscreen, own data dir); it prints a JSON object at the end."""
    omgeving = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JET_DATA_DIR": str(tmp_path / "data"),
                "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "PYTHONPATH": str(ROOT), **env}
    for naam in ("JET_GEBRUIKER", "JET_PASSPHRASE", "JET_STARTTIJDEN"):
        omgeving.pop(naam, None)
    omgeving.update(env)
    uit = subprocess.run([sys.executable, "-c", code], env=omgeving, cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout.strip().splitlines()[-1])


ZWARE_MODULES = f"[m for m in {ZWAAR!r} if m in sys.modules]"


def test_the_main_window_shows_without_sqlalchemy_pandas_reportlab_openpyxl(tmp_path):
    """`jet-desktop --db` until the main window is shown (JET_QUIT_AFTER=shown), through cli.main as a user's
    start goes; then which heavy modules are loaded."""
    code = ("import json, sys\n"
            "from jet_desktop.cli import main\n"
            f"code = main(['--db', {str(tmp_path / 'jet.db')!r}])\n"
            "import PySide6.QtCore\n"  # the Qt namespace's ~130 enums are made on its first use: after the window
            f"print(json.dumps({{'code': code, 'zwaar': {ZWARE_MODULES}, 'Qt': 'Qt' in vars(PySide6.QtCore)}}))\n")
    uitkomst = geladen_na(code, tmp_path, JET_QUIT_AFTER="shown")
    assert uitkomst == {"code": 0, "zwaar": [], "Qt": False}


def test_the_main_window_of_an_existing_plain_store_shows_without_them(tmp_path, team_store):
    code = ("import json, sys\n"
            "from jet_desktop.cli import main\n"
            f"code = main(['--db', {str(team_store.engine.url.database)!r}])\n"
            f"print(json.dumps({{'code': code, 'zwaar': {ZWARE_MODULES}}}))\n")
    assert geladen_na(code, tmp_path, JET_QUIT_AFTER="shown") == {"code": 0, "zwaar": []}


def test_the_sign_in_dialog_needs_no_database_library(tmp_path):
    """The sign-in dialog a user sees first: built without SQLAlchemy (it loads on a worker meanwhile)."""
    code = ("import json, sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog\n"
            "dlg = InlogDialog('jet.db', 'versleuteld', 'anouk', '')\n"
            "dlg.show(); app.processEvents()\n"
            f"print(json.dumps({{'zwaar': {ZWARE_MODULES}}}))\n")
    assert geladen_na(code, tmp_path) == {"zwaar": []}


def test_sign_in_builds_only_the_first_page_and_the_others_when_shown(qtbot, team_store):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.show()
    w.attach_store(team_store, VANDAAG)
    assert set(w.pages) == set(PAGES)  # the role's pages, none of them built yet but the first
    assert set(w.pages.gebouwd()) == {"wachtlijst"}
    assert w.stack.currentWidget() is w.pages["wachtlijst"]
    monitor = w.show_page("monitor")
    assert w.stack.currentWidget() is monitor and set(w.pages.gebouwd()) == {"wachtlijst", "monitor"}
    assert w.show_page("monitor") is monitor  # built once
    w.refresh_all()  # F5 refreshes what is built; the rest is built fresh when shown
    assert set(w.pages.gebouwd()) == {"wachtlijst", "monitor"}
    w.detach_store()
    assert w.pages == {} and w.stack.count() == 1  # only the "Gegevens openen…" label stays


def test_after_the_window_shows_stale_previews_go_and_the_wheel_filter_is_installed(tmp_path):
    """What run_gui moved into the event loop still happens at every start, before the first dialog: a crashed
    session's print previews are removed, the wheel filter (ui/wiel.py) is on the application, and the garbage
    collector runs on the GUI thread only (ui/opruimer.py)."""
    achtergelaten = tmp_path / "data" / "afdrukvoorbeeld" / "oud-123"
    achtergelaten.mkdir(parents=True)
    (achtergelaten / "wachtlijst.pdf").write_bytes(b"%PDF-1.4 persoonsgegevens")
    (achtergelaten / ".in-gebruik").write_bytes(b"")  # its lock file, held by no process: a crashed session
    code = ("import json, sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "gezien = {}\n"
            "def bij_dialoog():\n"  # the first dialog (a new store: NieuweGegevenssetDialog) is open
            "    from jet_desktop.ui.wiel import GeenWielZonderFocus\n"
            "    gezien['dialoog'] = type(QApplication.activeModalWidget()).__name__\n"
            "    gezien['wiel'] = app.findChild(GeenWielZonderFocus) is not None\n"
            "    from jet_desktop.ui.opruimer import Opruimer\n"  # the collector on the GUI thread only
            "    gezien['gc'] = (__import__('gc').isenabled(), app.findChild(Opruimer) is not None)\n"
            f"    gezien['voorbeeld_weg'] = not __import__('os').path.exists({str(achtergelaten)!r})\n"
            "    app.exit(0)\n"
            "from PySide6.QtCore import QTimer\n"
            "from jet_desktop.ui import app as app_module\n"
            "app_module.Starter.start = (lambda orig: lambda self, *a, **k: (QTimer.singleShot(300, bij_dialoog), "
            "orig(self, *a, **k)))(app_module.Starter.start)\n"
            f"app_module.run_gui(pad=__import__('pathlib').Path({str(tmp_path / 'jet.db')!r}))\n"
            "print(json.dumps(gezien))\n")
    assert geladen_na(code, tmp_path) == {"dialoog": "NieuweGegevenssetDialog", "wiel": True, "voorbeeld_weg": True,
                                       "gc": [False, True]}
