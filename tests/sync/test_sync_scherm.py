"""The window on a laptop store (issue 13): it says it works offline, since when, and what waits; a refused
write is shown in the count. (pytest-qt, offscreen)"""

from __future__ import annotations

from datetime import date

from jet_desktop.services import dossiers
from jet_desktop.ui.main_window import MainWindow
from sync.laptops import meenemen, open_laptop, sync

VANDAAG = date(2026, 11, 25)


def test_the_status_bar_shows_offline_pending_and_geweigerd(qtbot, server, tmp_path):
    laptop = open_laptop(meenemen(server, "anouk", tmp_path / "laptop.db"), "anouk")
    w = MainWindow()
    qtbot.addWidget(w)
    w.attach_store(laptop, VANDAAG)
    qtbot.waitUntil(lambda: "Offline (laptop)" in w.offline_label.text(), timeout=10000)
    assert w.offline_label.isVisibleTo(w)
    assert "laatste volledige synchronisatie" in w.offline_label.text() and "Alles verzonden" in w.offline_label.text()
    dossiers.voeg_contactmoment_toe(laptop, server.eigen, VANDAAG, "huisbezoek", 30, "Bij het gezin.", VANDAAG)
    w._counts()
    qtbot.waitUntil(lambda: "1 wachtend" in w.offline_label.text(), timeout=10000)
    with server.admin() as c:  # reassigned meanwhile: the server refuses the note, the window says so
        c.execute("UPDATE dossier SET consulent_id = %s WHERE id = %s", (server.ids["bram"], server.eigen))
    sync(server, laptop, "anouk")
    w._counts()
    qtbot.waitUntil(lambda: "1 geweigerd" in w.offline_label.text(), timeout=10000)
    assert "0 wachtend" in w.offline_label.text()
    w.close()
    laptop.engine.dispose()


def test_an_office_store_shows_no_offline_status(qtbot, sqlite_store, jet):
    w = MainWindow()
    qtbot.addWidget(w)
    w.attach_store(sqlite_store, VANDAAG)
    assert not w.offline_label.isVisibleTo(w)
    w.close()
