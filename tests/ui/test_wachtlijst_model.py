"""The lazy wachtlijst model: pages from SQL, never the whole list in Python."""

from ui_support import VANDAAG

from jet_desktop.services import settings
from jet_desktop.ui.models import wachtlijst_model
from jet_desktop.ui.models.wachtlijst_model import WachtlijstModel


def test_rows_come_in_pages_and_old_pages_are_dropped(team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)
    monkeypatch.setattr(wachtlijst_model, "KEEP_PAGES", 2)
    model = WachtlijstModel(team_store, settings.instellingen(team_store).normen, VANDAAG)
    model.refresh()
    assert model.rowCount() == 3 and model.loaded_rows() == 0  # counted, nothing fetched yet
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert names == ["Eva Smit", "Finn Mulder", "Daan Visser"]  # correct across page boundaries
    assert model.loaded_rows() == 2  # only the kept pages stay in memory


def test_filter_and_sort_are_queries(team_store):
    model = WachtlijstModel(team_store, settings.instellingen(team_store).normen, VANDAAG)
    model.refresh()
    model.set_filter("smit")
    assert model.rowCount() == 1
    model.set_filter("")
    model.sort(5, wachtlijst_model.Qt.SortOrder.DescendingOrder)  # longest wachttijd first
    assert model.data(model.index(0, 1)) == "Daan Visser"
