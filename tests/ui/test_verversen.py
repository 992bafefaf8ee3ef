"""Working together (docs/samenwerken.md): a colleague's change reaches the lists on screen without F5.

PostgreSQL: LISTEN/NOTIFY (the triggers installed here, as `teamserver init` does); SQLite: the poll of
PRAGMA data_version, made fast here. The colleague is another Store — its own engine and connections,
as another application would be. The page keeps the user's place; a dialog is never changed under the
user, and a save against the changed record still opens the merge."""

from datetime import date

import psycopg
import pytest
from PySide6.QtWidgets import QDialog
from test_wijziging_conflict import Conflicten
from ui_support import VANDAAG, aanmelding, besluit
from wachtlijst_support import klaar

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers, triage
from jet_desktop.storage import wijzigingsmelding as wm
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.verversen import Verversing


@pytest.fixture(autouse=True)
def _snel_pollen(monkeypatch):
    monkeypatch.setattr(wm.SqliteLuisteraar, "interval", 0.1)


@pytest.fixture
def conflict(qapp):
    c = Conflicten()
    yield c
    c.timer.stop()
    assert c.onverwacht == 0 and c.verwacht == []


def _met_triggers(store):
    with store.engine.begin() as conn:
        wm.installeer(conn)
    return store


def _venster(qtbot, store):
    w = MainWindow("")
    qtbot.addWidget(w)
    w.show()
    w.attach_store(store, VANDAAG)
    assert w.verversing is not None
    qtbot.waitUntil(w.verversing.luisteraar.verbonden.is_set, timeout=10_000)
    return w


def _geladen_namen(page) -> list[str]:
    """The names of the rows at hand (a short list: its one page), without asking for more."""
    return [r.voornaam + " " + r.achternaam for rows in page.model.loaded_pages().values() for r in rows]


def _kies(page, naam: str) -> None:
    row = _geladen_namen(page).index(naam)
    page.view.selectRow(row)
    assert page.selected().voornaam + " " + page.selected().achternaam == naam


def _wachtend(store, voornaam, achternaam, urgentie, dagen):
    reg = aanmelding(store, voornaam, achternaam, date(2015, 4, 1), dagen)
    besluit(store, reg, urgentie, dagen - 1)
    return reg


# --------------------------------------------------------------------------- PostgreSQL: LISTEN/NOTIFY
def test_a_colleagues_write_is_signalled_table_names_only_and_a_killed_connection_comes_back(qtbot, pg_store, pg_url):
    _met_triggers(pg_store)
    v = Verversing(pg_store)
    v.start()
    try:
        qtbot.waitUntil(v.luisteraar.verbonden.is_set, timeout=10_000)
        collega = Store.open(pg_url, user="Bram Jansen")
        try:
            with qtbot.waitSignal(v.gewijzigd, timeout=10_000) as sig:
                aanmelding(collega, "Wilhelmina", "Zevenbergen", date(2015, 4, 1), 3)
            (tabellen,) = sig.args
            assert tabellen and tabellen <= wm.ALLE and "aanmelding" in tabellen  # one burst: one signal
            assert not any("Zevenbergen" in t or "Wilhelmina" in t for t in tabellen)

            oud = v.luisteraar.backend_pid
            with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (oud,))
            with qtbot.waitSignal(v.gewijzigd, timeout=20_000) as sig:  # reconnected: all tables, as a precaution
                pass
            assert sig.args == [wm.ALLE] and v.luisteraar.backend_pid != oud and v.luisteraar.herverbindingen == 1
            with qtbot.waitSignal(v.gewijzigd, timeout=10_000) as sig:
                medewerkers.voeg_toe(collega, "Chantal Bakker", Rol.CONSULENT, 0.8)
            assert sig.args == [frozenset({"medewerker"})]
        finally:
            collega.engine.dispose()
    finally:
        v.stop()
    assert not v.luisteraar.actief


def test_wachtlijst_shows_a_colleagues_new_waiting_aanmelding_without_f5_keeping_the_choice(qtbot, pg_store, pg_url):
    _met_triggers(pg_store)
    _wachtend(pg_store, "Daan", "Visser", "normaal", 40)
    _wachtend(pg_store, "Finn", "Mulder", "hoog", 20)
    w = _venster(qtbot, pg_store)
    page = klaar(w.show_page("wachtlijst"))
    assert _geladen_namen(page) == ["Finn Mulder", "Daan Visser"]
    _kies(page, "Daan Visser")
    page.zoek.setText("")  # nothing typed
    collega = Store.open(pg_url, user="Bram Jansen")
    try:
        _wachtend(collega, "Eva", "Smit", "spoed", 5)  # spoed: the top of the list, above the chosen row
    finally:
        collega.engine.dispose()
    qtbot.waitUntil(lambda: not page.bezig and _geladen_namen(page) == ["Eva Smit", "Finn Mulder", "Daan Visser"],
                    timeout=15_000)
    r = page.selected()
    assert (r.voornaam, r.achternaam) == ("Daan", "Visser")  # still chosen, now one row lower
    assert page.view.currentIndex().row() == 2
    qtbot.waitUntil(lambda: "Totaal: 3" in page.tellers.text() and "1 spoed" in w.spoed_label.text(), timeout=10_000)


# --------------------------------------------------------------------------- SQLite: PRAGMA data_version
@pytest.fixture
def bram(team_store, tmp_path):
    """The second application on the same file: its own engine."""
    store = Store.open_file(tmp_path / "jet.db", user="Bram Jansen")
    store.user_id = team_store.ids["Bram Jansen"]
    yield store
    store.engine.dispose()


def test_sqlite_second_engines_commit_refreshes_the_wachtlijst_keeping_choice_and_scroll(qtbot, team_store, bram):
    w = _venster(qtbot, team_store)
    page = klaar(w.show_page("wachtlijst"))
    assert _geladen_namen(page) == ["Eva Smit", "Finn Mulder", "Daan Visser"]
    page.view.setFixedHeight(page.view.horizontalHeader().height() + 2 * 24 + 4)  # two rows in sight: it scrolls
    _kies(page, "Eva Smit")  # the top row chosen, then scrolled away from: the view is not pulled back to it
    bar = page.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    plek = bar.value()
    assert plek > 0

    _wachtend(bram, "Iris", "Kok", "normaal", 5)  # the newest normaal: the bottom of the list
    qtbot.waitUntil(lambda: not page.bezig and _geladen_namen(page)[-1] == "Iris Kok", timeout=15_000)
    r = page.selected()
    assert (r.voornaam, r.achternaam) == ("Eva", "Smit")
    assert bar.value() == plek  # the scroll position stayed (the new row is below it)


def test_typing_in_the_filter_is_never_overwritten_by_a_refresh(qtbot, team_store, bram):
    w = _venster(qtbot, team_store)
    page = klaar(w.show_page("wachtlijst"))
    page.zoek.setFocus()
    qtbot.keyClicks(page.zoek, "mul")
    with qtbot.waitSignal(w.verversing.gewijzigd, timeout=10_000):
        _wachtend(bram, "Iris", "Kok", "normaal", 70)
    assert page.zoek.text() == "mul"  # the box as typed, its pending filter still to come
    qtbot.waitUntil(lambda: not page.bezig and _geladen_namen(page) == ["Finn Mulder"], timeout=10_000)
    assert page.zoek.text() == "mul"


def test_triage_queue_follows_a_colleague_keeping_the_chosen_aanmelding(qtbot, team_store, bram):
    w = _venster(qtbot, team_store)
    page = w.show_page("triage")
    assert [page.model.rows[i].naam for i in range(len(page.model.rows))] == ["Gijs de Boer"]
    page.view.selectRow(0)
    aanmelding(bram, "Hanna", "Dekker", date(2017, 6, 6), 10)  # older: above the chosen row
    qtbot.waitUntil(lambda: not page.bezig and len(page.model.rows) == 2, timeout=15_000)
    assert page.selected().naam == "Gijs de Boer"  # still chosen, not jumped to the first row
    assert "2 aanmeldingen" in page.titel.text()


def test_caseload_follows_a_colleagues_absence_keeping_the_chosen_dossier(qtbot, team_store, bram):
    from ui_support import assign

    from jet_desktop.services import caseload

    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    w = _venster(qtbot, team_store)
    page = w.show_page("caseload")
    page.team.select_id(team_store.ids["Anouk de Vries"])
    page.dossiers.selectRow(0)
    assert page.selected_dossier().dossier_id == dossier_id
    caseload.markeer_afwezig(bram, team_store.ids["Anouk de Vries"], VANDAAG, date(2026, 12, 20), "ziek")
    qtbot.waitUntil(lambda: "afwezig" in page.dossier_titel.text(), timeout=15_000)
    assert page.team.selected().id == team_store.ids["Anouk de Vries"]
    assert page.selected_dossier().dossier_id == dossier_id


def test_nothing_changes_under_a_modal_dialog_it_follows_when_the_dialog_closes(qtbot, team_store, bram):
    w = _venster(qtbot, team_store)
    klaar(w.show_page("wachtlijst"))
    gezien = []
    w.verversing.gewijzigd.connect(gezien.append)
    dlg = QDialog(w)
    dlg.setModal(True)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.isVisible())
    with qtbot.waitSignal(w.verversing._binnen, timeout=10_000):
        _wachtend(bram, "Iris", "Kok", "normaal", 70)
    w.verversing._geef_door()  # as the debounce timer would: a modal dialog is open, so not yet
    assert gezien == []
    with qtbot.waitSignal(w.verversing.gewijzigd, timeout=10_000):
        dlg.accept()
    assert gezien and gezien[0] == wm.ALLE


def test_a_save_against_the_colleagues_change_still_merges_and_the_typed_text_stays(qtbot, team_store, bram, conflict):
    w = _venster(qtbot, team_store)
    page = klaar(w.show_page("wachtlijst"))
    _kies(page, "Daan Visser")
    r = page.selected()
    dlg = TriageDialog(team_store, r.aanmelding_id, r.version, "Daan Visser", VANDAAG, parent=page)
    dlg.show()  # not modal: the list behind it may refresh, the form must not
    dlg.motivering.setPlainText("Anouk: veiligheidssignaal van de huisarts.")
    triage.neem_besluit(bram, r.aanmelding_id, r.version, triage.BesluitInvoer(
        uitkomst="zelf_oppakken", urgentie="hoog", motivering="Bram: school meldt nieuwe zorgen.",
        besloten_op=VANDAAG), VANDAAG)

    def bijgewerkt():  # the list shows the colleague's decision: Daan now hoog, above Finn, at a new version
        return not page.bezig and _geladen_namen(page) == ["Eva Smit", "Daan Visser", "Finn Mulder"]

    qtbot.waitUntil(bijgewerkt, timeout=15_000)
    assert page.model.row(1).version != r.version
    assert dlg.isVisible() and dlg.motivering.toPlainText() == "Anouk: veiligheidssignaal van de huisarts."
    assert dlg.version == r.version  # the form still works on what it loaded: the save is checked against it
    gezien = conflict.samenvoegen({"motivering": "mijn"})
    dlg.save()
    assert "Bram Jansen" in gezien["titel"]
    assert gezien["rijen"]["motivering"]["mij"] == "Anouk: veiligheidssignaal van de huisarts."
    assert gezien["rijen"]["motivering"]["ander"] == "Bram: school meldt nieuwe zorgen."
    assert dlg.result() == 1
    hist = triage.besluit_historie(team_store, r.aanmelding_id)
    assert hist[0].motivering == "Anouk: veiligheidssignaal van de huisarts." and hist[0].actueel


def test_signing_out_stops_the_listener(qtbot, team_store):
    w = _venster(qtbot, team_store)
    lu = w.verversing.luisteraar
    assert lu.actief
    w.detach_store()
    assert w.verversing is None and not lu.actief


def test_a_role_without_lists_opens_no_listener(qtbot, team_store):
    beheerder = medewerkers.voeg_toe(team_store, "Bea Beheer", Rol.BEHEERDER, 1.0)
    store = Store(team_store.engine, "Bea Beheer", beheerder, Rol.BEHEERDER)
    w = MainWindow("")
    qtbot.addWidget(w)
    w.attach_store(store, VANDAAG)
    assert w.verversing is None


def test_a_window_deleted_without_closing_stops_its_listener_without_an_error(qtbot, team_store, monkeypatch):
    """QObject.destroyed passes the object: it must never arrive as stop()'s timeout (a TypeError at exit)."""
    from PySide6.QtWidgets import QWidget
    from shiboken6 import delete

    gestopt = []
    echt = wm.SqliteLuisteraar.stop

    def stop(self, wacht: float = 5.0) -> None:  # the real signature: Qt passes what it accepts
        gestopt.append(wacht)
        echt(self, wacht)

    monkeypatch.setattr(wm.SqliteLuisteraar, "stop", stop)
    venster = QWidget()
    verversing = Verversing(team_store, venster)
    verversing.start()
    delete(venster)  # deleted without closing: its children, the Verversing, go with it
    assert gestopt == [5.0]  # stopped, with its own timeout
