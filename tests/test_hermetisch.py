"""The suite never reads the developer's JET_* variables and never writes the real user's settings
(tests/conftest.py `_hermetisch`, tests/hermetisch.py)."""

import os
import subprocess
import sys
from pathlib import Path

from hermetisch import echte_instellingen


def test_no_JET_variable_of_the_shell_reaches_a_test():
    assert sorted(n for n in os.environ if n.startswith("JET_")) == ["JET_DATA_DIR"]
    assert Path(os.environ["JET_DATA_DIR"]).is_dir() and not any(Path(os.environ["JET_DATA_DIR"]).iterdir())


def test_home_and_xdg_folders_are_the_tests_own(tmp_path_factory):
    basis = tmp_path_factory.getbasetemp()
    for naam in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[naam]).is_relative_to(basis), naam
    assert Path(os.environ["XDG_CONFIG_HOME"]).is_relative_to(os.environ["HOME"])


def test_qsettings_in_the_test_process_go_to_the_tests_own_folder():
    from PySide6.QtCore import QSettings

    voor = echte_instellingen()
    s = QSettings("JET", "JET Desktop")
    s.setValue("gebruikersnaam", "test.hermetisch")
    s.sync()
    assert Path(s.fileName()).is_relative_to(os.environ["XDG_CONFIG_HOME"]), s.fileName()
    assert Path(s.fileName()).is_file()
    assert echte_instellingen() == voor


def test_qsettings_of_a_subprocess_go_to_the_tests_own_folder():
    code = ("from PySide6.QtCore import QCoreApplication, QSettings\n"
            "app = QCoreApplication([]); app.setOrganizationName('JET'); app.setApplicationName('JET Desktop')\n"
            "s = QSettings(); s.setValue('gebruikersnaam', 'test.hermetisch'); s.sync(); print(s.fileName())\n")
    voor = echte_instellingen()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()).is_relative_to(os.environ["XDG_CONFIG_HOME"]), r.stdout
    assert echte_instellingen() == voor
