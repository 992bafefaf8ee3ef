"""Starting the application on a new, empty store: created, migrated, demo data offered."""

from jet_desktop.ui import app as app_module
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.paths import sqlite_url


def start(qtbot, url, answer):
    window = MainWindow(url)
    qtbot.addWidget(window)
    window.show()
    starter = app_module.Starter(window, url, app_module.date(2026, 11, 25))
    asked = []
    starter.ask_demo = lambda: asked.append(True) or answer
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    return window, asked


def test_new_store_is_created_and_demo_refused_leaves_it_empty(qtbot, tmp_path):
    db = tmp_path / "nieuw" / "jet.db"
    db.parent.mkdir()
    window, asked = start(qtbot, sqlite_url(db), answer=False)
    assert db.exists() and asked == [True]
    assert window.nav.isEnabled() and window.stack.currentWidget() is window.pages["wachtlijst"]
    assert window.pages["wachtlijst"].model.rowCount() == 0


def test_demo_data_offered_on_empty_store_fills_the_wachtlijst(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_JEUGDIGEN", 300)
    window, asked = start(qtbot, sqlite_url(tmp_path / "jet.db"), answer=True)
    assert asked == [True]
    assert window.pages["wachtlijst"].model.rowCount() > 0
    assert window.gebruiker.count() >= 8  # the demo team


def test_existing_store_is_not_offered_demo_again(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_JEUGDIGEN", 300)
    url = sqlite_url(tmp_path / "jet.db")
    start(qtbot, url, answer=True)
    _window, asked = start(qtbot, url, answer=True)
    assert asked == []


def test_first_start_of_the_day_makes_a_reservekopie(qtbot, tmp_path):
    db = tmp_path / "jet.db"
    window, _ = start(qtbot, sqlite_url(db), answer=False)
    kopie = tmp_path / "reservekopieen" / "jet-20261125.db"
    qtbot.waitUntil(kopie.exists, timeout=20_000)
    qtbot.waitUntil(lambda: "Reservekopie van vandaag" in window.statusBar().currentMessage(), timeout=5_000)
    start(qtbot, sqlite_url(db), answer=False)  # the same day again: no second copy
    assert [p.name for p in (tmp_path / "reservekopieen").iterdir()] == ["jet-20261125.db"]
