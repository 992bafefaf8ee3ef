"""GUI test fixtures: a small team and a few aanmeldingen."""

import copy
import shutil
from datetime import date

import pytest
import shiboken6
from ui_support import aanmelding, besluit

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers
from jet_desktop.storage.store import Store

TEAMLEIDER_TEST = "Teamleider Test"


@pytest.fixture(autouse=True)
def _formulieren_zoals_in_de_app(qapp, monkeypatch):
    """As ui/app.py: the wheel filter is installed. A form a test leaves with changes closes at teardown
    without the modal "Wijzigingen opslaan?" (tests of that question answer it themselves)."""
    from jet_desktop.ui import onopgeslagen, wiel

    wiel.installeer(qapp)
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", lambda *_a, **_k: onopgeslagen.NIET_OPSLAAN)


def _bouw_team(store) -> None:
    """Through the services, as a teamleider would: three consulenten, a teamleider, four aanmeldingen,
    three of them on the wachtlijst; `store.ids` and `store.regs` say who and which."""
    ids = {naam: medewerkers.voeg_toe(store, naam, Rol.CONSULENT, fte) for naam, fte in
           (("Anouk de Vries", 1.0), ("Bram Jansen", 0.5), ("Chantal Bakker", 0.8))}
    ids["Tessa Teamleider"] = medewerkers.voeg_toe(store, "Tessa Teamleider", Rol.TEAMLEIDER, 1.0)
    store.user_id = ids["Tessa Teamleider"]
    regs = {
        "wacht_normaal": aanmelding(store, "Daan", "Visser", date(2014, 5, 2), 60),
        "wacht_spoed": aanmelding(store, "Eva", "Smit", date(2019, 1, 9), 10),
        "wacht_hoog": aanmelding(store, "Finn", "Mulder", date(2011, 8, 30), 30),
        "triage": aanmelding(store, "Gijs", "de Boer", date(2016, 3, 3), 3, route="school"),
    }
    besluit(store, regs["wacht_normaal"], "normaal", 55)
    besluit(store, regs["wacht_spoed"], "spoed", 9)
    besluit(store, regs["wacht_hoog"], "hoog", 25)
    store.regs = regs
    store.ids = ids


@pytest.fixture(scope="session")
def _team_sjabloon(tmp_path_factory, sqlite_template):
    """The team store built once per session (its file, ids and regs); every team_store is a copy."""
    path = tmp_path_factory.mktemp("team-sjabloon") / "jet.db"
    shutil.copyfile(sqlite_template, path)
    store = Store.open_file(path, user=TEAMLEIDER_TEST)
    _bouw_team(store)
    store.engine.dispose()
    return path, store.ids, store.regs


@pytest.fixture
def team_store(tmp_path, _team_sjabloon):
    sjabloon, ids, regs = _team_sjabloon
    shutil.copyfile(sjabloon, tmp_path / "jet.db")
    store = Store.open_file(tmp_path / "jet.db", user=TEAMLEIDER_TEST)
    store.user_id = ids["Tessa Teamleider"]
    store.ids, store.regs = dict(ids), copy.deepcopy(regs)
    yield store
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)  # no worker still reading when its store goes
    store.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _nederlands(qapp, tmp_path_factory):
    """Qt's own texts and number notation in Dutch, as in the application (ui/taal.py); QSettings (the
    last gebruikersnaam) in a temp folder, never the real home config."""
    from PySide6.QtCore import QSettings

    from jet_desktop.ui.taal import installeer_nederlands

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qt")))
    installeer_nederlands(qapp)


@pytest.fixture(autouse=True)
def _geen_achtergebleven_werk(qapp):
    """As ui/app.py: the cyclic garbage collector runs on the GUI thread only (ui/opruimer.py), never on a
    worker. After each test: its background work finished and reported (no worker still reading a store that
    goes, no report arriving in the next test), and no error dialog left open that the test did not expect.
    (tests/conftest.py collects after every test, on this thread.)"""
    from jet_desktop.ui import opruimer

    opruimer.installeer(qapp)
    yield
    from PySide6.QtCore import QThreadPool

    from jet_desktop.ui import foutdialoog

    QThreadPool.globalInstance().waitForDone(10_000)
    qapp.processEvents()
    dlg, foutdialoog._open = foutdialoog._open, None
    if dlg is not None and shiboken6.isValid(dlg) and dlg.isVisible():
        tekst = f"{dlg.kop.text()}: {dlg.wat.text()}"
        dlg.close()
        raise AssertionError(f"een foutmelding bleef open na de test: {tekst}")
