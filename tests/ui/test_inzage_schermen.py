"""What one audit line means on each screen (NEN 7513): opening the dossier window is one line for all
its tabs, scrolling the wachtlijst writes none, the navigation counts write none, the triage page one
per refresh."""

from sqlalchemy import select
from ui_support import VANDAAG, assign
from wachtlijst_support import klaar, namen

from jet_desktop.storage.models import Auditregel
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.models import wachtlijst_model
from jet_desktop.ui.pages.triage_page import TriagePage
from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage

R = Auditregel.__table__


def kop(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(R.c.volgnummer).order_by(R.c.volgnummer.desc())).scalars().first() or 0


def sinds(store, na) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(R.c.actie, R.c.objecttype, R.c.client)
                                               .where(R.c.volgnummer > na).order_by(R.c.volgnummer))]


def test_the_dossier_window_is_one_opening_for_all_its_tabs(qtbot, team_store):
    did = assign(team_store, "wacht_hoog", "Anouk de Vries")
    na = kop(team_store)
    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
    assert [(a, o) for a, o, _ in sinds(team_store, na)] == [("openen", "dossier")]
    assert win.toewijzingen_tab.rows == [] and win.plan_tab.version is None


def test_scrolling_the_wachtlijst_is_the_same_view(qtbot, team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)  # three rows, three pages
    page = WachtlijstPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    na = kop(team_store)
    page.refresh()
    namen(page)  # every page fetched
    assert sinds(team_store, na) == [("openen", "wachtlijst", "")]
    na = kop(team_store)
    page.view.horizontalHeader().setSortIndicator(1, wachtlijst_model.Qt.SortOrder.AscendingOrder)
    klaar(page)
    assert sinds(team_store, na) == [("openen", "wachtlijst", "")]  # a new order: a new view


def test_the_navigation_counts_write_no_line_the_triage_page_one(qtbot, team_store):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.attach_store(team_store, VANDAAG)
    klaar(w.pages["wachtlijst"])  # its view (and line) is read on a worker
    na = kop(team_store)
    w._counts()
    assert sinds(team_store, na) == []
    page = TriagePage(team_store, VANDAAG)
    qtbot.addWidget(page)
    page.refresh()
    (regel,) = sinds(team_store, na)
    assert regel[:2] == ("openen", "triage") and regel[2] == team_store.regs["triage"].dossiernummer
