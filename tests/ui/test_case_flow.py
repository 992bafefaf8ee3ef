"""The morning's work through the main window: triage → wachtlijst → caseload → reassignment."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from ui_support import VANDAAG, assign, when_modal
from wachtlijst_support import klaar, namen

from jet_desktop.services import caseload
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.widgets import select_data


@pytest.fixture
def window(qtbot, team_store):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.show()
    w.attach_store(team_store, VANDAAG)
    return w


def names_on_wachtlijst(page):
    return namen(page)  # once the list has arrived (it is read on a worker)


def test_wachtlijst_sorted_by_urgentie_then_date_with_breaches(window, qtbot):
    page = window.show_page("wachtlijst")
    assert names_on_wachtlijst(page) == ["Eva Smit", "Finn Mulder", "Daan Visser"]  # spoed, hoog, normaal
    m = page.model
    assert m.data(m.index(2, 5)) == "8,6"  # 60 days in weeks
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None  # spoed waiting 10 days > 3
    assert "Spoed: 1" in page.tellers.text() and "Totaal: 3" in page.tellers.text()
    qtbot.waitUntil(lambda: "1 spoed" in window.spoed_label.text())  # the counts come from a worker


def test_filter_box_narrows_the_list(window, qtbot, team_store):
    from sqlalchemy import select

    from jet_desktop.storage.models import Auditregel

    R = Auditregel.__table__

    def regels_sinds(na):
        with team_store.engine.connect() as conn:
            return conn.execute(select(R.c.actie, R.c.objecttype, R.c.omschrijving)
                                .where(R.c.volgnummer > na)).all()

    page = klaar(window.show_page("wachtlijst"))  # its first view (and line) read on a worker before `na`
    with team_store.engine.connect() as conn:
        na = conn.execute(select(R.c.volgnummer).order_by(R.c.volgnummer.desc())).scalars().first()
    qtbot.keyClicks(page.zoek, "muld")
    qtbot.waitUntil(lambda: names_on_wachtlijst(page) == ["Finn Mulder"])  # once typing pauses
    # the search is one view: one audit line, not one per key, and the filter text (a name) is not in it
    (regel,) = regels_sinds(na)
    assert regel.actie == "openen" and regel.objecttype == "wachtlijst" and "gefilterd" in regel.omschrijving
    assert "muld" not in regel.omschrijving.lower()
    page.zoek.clear()
    qtbot.waitUntil(lambda: len(names_on_wachtlijst(page)) == 3)


def test_header_click_sorts_in_sql(window):
    page = klaar(window.show_page("wachtlijst"))
    page.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # naam
    assert names_on_wachtlijst(page) == ["Finn Mulder", "Eva Smit", "Daan Visser"]  # by achternaam


def test_triage_decision_moves_aanmelding_to_wachtlijst(window, qtbot):
    page = window.show_page("triage")
    assert page.model.rowCount() == 1
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Triage  (1)")  # the counts come from a worker

    def decide(dlg):
        dlg.set_uitkomst("specialistische_jeugdhulp")
        dlg.set_urgentie("hoog")
        dlg.motivering.setPlainText("Vermoeden van ontwikkelingsstoornis; VA nodig.")
        dlg.save()

    when_modal(decide)
    assert page.besluit() is True
    assert page.model.rowCount() == 0
    wl = window.show_page("wachtlijst")
    assert "Gijs de Boer" in names_on_wachtlijst(wl)
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Wachtlijst  (4)")


def test_triage_dialog_requires_motivation(window):
    page = window.show_page("triage")
    shown = {}

    def decide(dlg):
        dlg.set_uitkomst("zelf_oppakken")
        dlg.save()
        shown["msg"] = dlg.errors["motivering"].text()
        dlg.reject()

    when_modal(decide)
    assert page.besluit() is False
    assert shown["msg"].startswith("Motivering: verplicht")
    assert page.model.rowCount() == 1


def test_assigning_from_wachtlijst_moves_it_to_caseload(window, team_store):
    page = klaar(window.show_page("wachtlijst"))
    page.view.selectRow(0)  # Eva Smit, spoed
    assert page.selected().voornaam == "Eva"

    def choose(dlg):
        dlg.tabel.select_id(team_store.ids["Chantal Bakker"])
        dlg.save()

    when_modal(choose)
    assert page.toewijzen() is True
    assert "Eva Smit" not in names_on_wachtlijst(page)
    cl = window.show_page("caseload")
    cl.select_consulent("Chantal Bakker")
    assert [d.naam for d in cl.dossier_model.rows] == ["Eva Smit"]
    assert "Chantal Bakker: 1 van 12" in cl.dossier_titel.text()


def test_revising_triage_keeps_history(window, team_store):
    page = klaar(window.show_page("wachtlijst"))
    page.view.selectRow(2)  # Daan Visser

    def revise(dlg):
        assert dlg.historie and dlg.historie_model.rowCount() == 1
        dlg.set_uitkomst("voorliggend_veld")
        dlg.organisatie.setText("Buurtgezinnen")
        dlg.motivering.setPlainText("Gezin heeft vooral een steunend netwerk nodig.")
        dlg.save()

    when_modal(revise)
    assert page.herzien() is True
    assert "Daan Visser" not in names_on_wachtlijst(page)
    from jet_desktop.services.triage import besluit_historie
    hist = besluit_historie(team_store, team_store.regs["wacht_normaal"].aanmelding_id)
    assert [(b.uitkomst.value, b.actueel) for b in hist] == [("voorliggend_veld", True), ("zelf_oppakken", False)]


def test_absent_consulent_caseload_reassigned_in_one_action(window, team_store):
    for key in ("wacht_normaal", "wacht_spoed", "wacht_hoog"):
        assign(team_store, key, "Anouk de Vries")
    cl = window.show_page("caseload")
    cl.refresh()
    cl.select_consulent("Anouk de Vries")

    def absent(dlg):
        dlg.tot.setText((VANDAAG + timedelta(days=14)).strftime("%d-%m-%Y"))
        dlg._save()

    when_modal(absent)
    cl.afwezig()
    cl.select_consulent("Anouk de Vries")
    assert "afwezig tot" in cl.dossier_titel.text()

    seen = {}

    def confirm(dlg):
        seen["proposal"] = [(v.dossiernummer, v.naar_naam, v.boven_capaciteit) for v in dlg.voorstel]
        seen["summary"] = dlg.samenvatting.text()
        assert dlg.tijdelijk.isChecked()  # a waarneming is offered first (tests/ui/test_eerste_dag.py)
        dlg.blijvend.setChecked(True)  # this test: the permanent change of vaste consulent
        dlg.uitvoeren()

    when_modal(confirm)
    cl.herverdelen()  # returns once the background work has finished and the dialog accepted
    assert len(seen["proposal"]) == 3 and not any(over for *_, over in seen["proposal"])
    assert {naar for _, naar, _ in seen["proposal"]} <= {"Bram Jansen", "Chantal Bakker"}
    team = {c.naam: c for c in caseload.consulenten(team_store, VANDAAG)}
    assert team["Anouk de Vries"].belasting == 0
    assert team["Bram Jansen"].belasting + team["Chantal Bakker"].belasting == 3
    assert all(c.belasting <= c.capaciteit for c in team.values())


def test_geen_klik_reassigns_with_that_reason(window, team_store):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    cl = window.show_page("caseload")
    cl.refresh()
    cl.select_consulent("Anouk de Vries")
    cl.dossiers.selectRow(0)

    def geen_klik(dlg):
        dlg.geen_klik.setChecked(True)
        assert select_data(dlg.nieuw, team_store.ids["Bram Jansen"])
        dlg.toelichting.setPlainText("Jongere voelt zich niet gehoord.")
        dlg._save()

    when_modal(geen_klik)
    cl.klikgesprek()
    hist = caseload.consulent_historie(team_store, dossier_id)
    assert [(h.van, h.naar, h.reden) for h in hist] == [
        ("", "Anouk de Vries", "toewijzing"), ("Anouk de Vries", "Bram Jansen", "geen_klik")]
    assert caseload.aantal_wisselingen(team_store, dossier_id) == 1


def test_dossier_contactmoment_and_closing(qtbot, team_store):
    from jet_desktop.ui.dossier.window import DossierWindow

    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)

    def contact(dlg):
        dlg.type.setCurrentIndex(dlg.type.findData("huisbezoek"))
        dlg.notitie.setPlainText("Kennismaking thuis; moeder en Finn aanwezig.")
        dlg._save()

    when_modal(contact)
    win.contact_toevoegen()
    assert [c.notitie for c in win.detail.contacten] == ["Kennismaking thuis; moeder en Finn aanwezig."]

    def close(dlg):
        dlg.reden.setCurrentIndex(dlg.reden.findData("doelen_bereikt"))
        dlg._save()

    when_modal(close)
    win.afsluiten()
    assert win.detail.afgesloten_op == VANDAAG and not win.contact_knop.isEnabled()
    assert caseload.consulenten(team_store, VANDAAG)[0].belasting == 0
