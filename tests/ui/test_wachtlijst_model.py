"""The lazy wachtlijst model: pages from SQL, never the whole list in Python, and never on the GUI thread."""

import threading

from PySide6.QtCore import QThreadPool, QTimer
from sqlalchemy import select
from ui_support import VANDAAG
from wachtlijst_support import klaar, namen

from jet_desktop.services import settings, wachtlijst
from jet_desktop.storage.models import Auditregel
from jet_desktop.ui import foutdialoog
from jet_desktop.ui.models import paged_model, wachtlijst_model
from jet_desktop.ui.models.wachtlijst_model import WachtlijstModel
from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage

R = Auditregel.__table__


def model_van(store):
    return WachtlijstModel(store, settings.instellingen(store).normen, VANDAAG)


def page_van(qtbot, store):
    page = WachtlijstPage(store, VANDAAG)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    return page


def kop(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(R.c.volgnummer).order_by(R.c.volgnummer.desc())).scalars().first() or 0


def regels_sinds(store, na) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(R.c.actie, R.c.objecttype, R.c.omschrijving)
                                               .where(R.c.volgnummer > na).order_by(R.c.volgnummer))]


def poort(monkeypatch, wanneer):
    """`wachtlijst.bekijk` waits at a gate when `wanneer(filter_text)`: a slow service."""
    gate, binnen, echt = threading.Event(), threading.Event(), wachtlijst.bekijk

    def bekijk(store, filter_text="", *args, **kwargs):
        if wanneer(filter_text):
            binnen.set()
            assert gate.wait(20), "the test never opened the gate"
        return echt(store, filter_text, *args, **kwargs)

    monkeypatch.setattr(wachtlijst, "bekijk", bekijk)
    return gate, binnen


def test_rows_come_in_pages_and_old_pages_are_dropped(qtbot, team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)
    monkeypatch.setattr(wachtlijst_model, "KEEP_PAGES", 2)
    model = model_van(team_store)
    klaar(model.refresh() or model)
    assert model.rowCount() == 3 and model.loaded_rows() == 1  # counted, and the first page read with it
    assert model.data(model.index(1, 1)) == paged_model.PLACEHOLDER  # on its way, on a worker
    assert namen(model) == ["Eva Smit", "Finn Mulder", "Daan Visser"]  # correct across page boundaries
    assert model.loaded_rows() == 2  # only the kept pages stay in memory


def test_filter_and_sort_are_queries(qtbot, team_store):
    model = model_van(team_store)
    klaar(model.refresh() or model)
    model.set_filter("smit")
    assert namen(model) == ["Eva Smit"]
    model.set_filter("")
    model.sort(5, wachtlijst_model.Qt.SortOrder.DescendingOrder)  # longest wachttijd first
    assert namen(model)[0] == "Daan Visser"


def test_the_window_is_free_while_a_slow_view_is_read(qtbot, team_store, monkeypatch):
    page = page_van(qtbot, team_store)
    assert namen(page.refresh() or page) == ["Eva Smit", "Finn Mulder", "Daan Visser"]
    gate, binnen = poort(monkeypatch, lambda f: f == "visser")
    page.zoek.setText("visser")
    page._pas_filter_toe()  # returns at once: the query waits on a worker
    assert binnen.wait(10)
    tikken = []
    klok = QTimer(page, interval=5)
    klok.timeout.connect(lambda: tikken.append(1))
    klok.start()
    qtbot.waitUntil(lambda: len(tikken) >= 5)  # the GUI thread runs timers while the service is busy
    assert page.bezig and page.bezig_label.isVisibleTo(page)  # the quiet "bezig…"
    assert page.model.rowCount() == 3 and page.model.data(page.model.index(0, 1)) == "Eva Smit"  # the old rows stay
    page.grab().save("/tmp/lijstui-bezig.png")
    gate.set()
    qtbot.waitUntil(lambda: not page.bezig)
    assert namen(page) == ["Daan Visser"] and not page.bezig_label.isVisibleTo(page)


def test_an_older_result_that_arrives_late_is_dropped(qtbot, team_store, monkeypatch):
    model = model_van(team_store)
    klaar(model.refresh() or model)
    gate, binnen = poort(monkeypatch, lambda f: f == "visser")
    model.set_filter("visser")  # slow
    assert binnen.wait(10)
    model.set_filter("smit")  # typed on: this one arrives first
    qtbot.waitUntil(lambda: not model.bezig)
    assert namen(model) == ["Eva Smit"]
    gate.set()  # the older one arrives now
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert namen(model) == ["Eva Smit"] and not model.bezig


def test_typing_a_search_writes_one_audit_line(qtbot, team_store):
    page = page_van(qtbot, team_store)
    klaar(page.refresh() or page)
    na = kop(team_store)
    qtbot.keyClicks(page.zoek, "muld")
    qtbot.waitUntil(lambda: page.model.filter_text == "muld")
    assert namen(page) == ["Finn Mulder"]
    (regel,) = regels_sinds(team_store, na)  # one search, one line — not one per key
    assert regel[:2] == ("openen", "wachtlijst") and "gefilterd" in regel[2] and "muld" not in regel[2].lower()


def test_the_chosen_row_stays_chosen_when_the_list_is_read_again(qtbot, team_store):
    page = page_van(qtbot, team_store)
    klaar(page.refresh() or page)
    page.view.selectRow(2)
    assert page.selected().voornaam == "Daan"
    klaar(page.refresh() or page)
    assert page.selected().voornaam == "Daan" and page.view.currentIndex().row() == 2
    page.zoek.setText("visser")
    klaar(page._pas_filter_toe() or page)
    assert page.selected().voornaam == "Daan" and page.view.currentIndex().row() == 0  # still there, moved up
    page.zoek.setText("smit")
    klaar(page._pas_filter_toe() or page)
    assert page.selected() is None  # gone from the list: nothing chosen


def test_the_chosen_row_further_down_is_found_again(qtbot, team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)  # each row a page: the current row's page is read too
    page = page_van(qtbot, team_store)
    assert namen(page.refresh() or page)[2] == "Daan Visser"
    page.view.selectRow(2)
    klaar(page.refresh() or page)
    assert page.selected().voornaam == "Daan" and page.view.currentIndex().row() == 2


def test_a_failing_view_goes_to_the_error_dialog_and_the_rows_stay(qtbot, team_store, monkeypatch):
    getoond = []
    monkeypatch.setattr(foutdialoog, "toon_fout", lambda exc, *a, **k: getoond.append(exc))
    page = page_van(qtbot, team_store)
    klaar(page.refresh() or page)

    def kapot(*_a, **_k):
        raise RuntimeError("stuk")

    monkeypatch.setattr(wachtlijst, "bekijk", kapot)
    page.refresh()
    qtbot.waitUntil(lambda: bool(getoond))
    assert str(getoond[0]) == "stuk" and not page.bezig and page.model.rowCount() == 3


def test_a_failing_page_goes_to_the_error_dialog_once(qtbot, team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)
    getoond = []
    monkeypatch.setattr(foutdialoog, "toon_fout", lambda exc, *a, **k: getoond.append(exc))
    model = model_van(team_store)
    klaar(model.refresh() or model)
    monkeypatch.setattr(wachtlijst_model, "lees_pagina", lambda *a: 1 / 0)
    model.data(model.index(1, 1))
    klaar(model)
    assert model.data(model.index(1, 1)) is None  # empty, not asked for again in a loop
    klaar(model)
    assert len(getoond) == 1 and isinstance(getoond[0], ZeroDivisionError)


def test_a_page_after_the_one_before_is_read_after_its_last_row(qtbot, team_store, monkeypatch):
    class Weergave:
        def __init__(self):
            self.vragen = []

        def pagina(self, offset=0, limit=200, na=None):
            self.vragen.append((offset, limit, na))
            return []

    monkeypatch.setattr(wachtlijst_model, "_KEYSET", True)
    w = Weergave()
    wachtlijst_model.lees_pagina(w, 200, 200, ["a", "b"])
    wachtlijst_model.lees_pagina(w, 4000, 200, None)  # a jump: no page before at hand
    assert w.vragen == [(0, 200, "b"), (4000, 200, None)]  # after "b": offset would count on from it
    monkeypatch.setattr(wachtlijst_model, "_KEYSET", False)  # the service without keyset paging
    w.vragen.clear()
    wachtlijst_model.lees_pagina(w, 200, 200, ["a", "b"])
    assert w.vragen == [(200, 200, None)]


def test_the_model_passes_the_page_before(qtbot, team_store, monkeypatch):
    monkeypatch.setattr(wachtlijst_model, "PAGE", 1)
    gezien = []
    echt = wachtlijst_model.lees_pagina
    monkeypatch.setattr(wachtlijst_model, "lees_pagina",
                        lambda w, o, n, vorige: gezien.append((o, vorige and vorige[-1].voornaam)) or echt(w, o, n, vorige))
    model = model_van(team_store)
    assert namen(model.refresh() or model) == ["Eva Smit", "Finn Mulder", "Daan Visser"]
    assert gezien == [(0, None), (1, "Eva"), (2, "Finn")]
