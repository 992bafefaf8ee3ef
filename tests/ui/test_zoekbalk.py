"""The search box in the toolbar (ui/zoekbalk.py): Ctrl+F, results as you type, Enter opens."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from ui_support import VANDAAG, assign, when_modal

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers
from jet_desktop.storage.models import Aanmelding, Auditregel
from jet_desktop.ui import zoekbalk as zoekbalk_module
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.main_window import MainWindow

AR, A = Auditregel.__table__, Aanmelding.__table__


@pytest.fixture
def team(team_store):
    """Eva Smit's dossier is Anouk's, Finn Mulder's Bram's; Daan Visser waits, Gijs de Boer is at triage."""
    assign(team_store, "wacht_spoed", "Anouk de Vries")
    assign(team_store, "wacht_hoog", "Bram Jansen")
    return team_store


def als(store, naam, rol):
    return replace(store, user=naam, user_id=store.ids[naam], rol=rol)


def venster(qtbot, store):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.ready, timeout=10_000):  # the wachtlijst's rows (and its audit line) are in
        w.attach_store(store, VANDAAG)
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def anouk(qtbot, team):
    return venster(qtbot, als(team, "Anouk de Vries", Rol.CONSULENT))


def typ(qtbot, w, tekst):
    """Type into the search box and wait for the list to show the outcome."""
    balk = w.zoekbalk
    balk.setFocus()
    balk.clear()
    qtbot.keyClicks(balk, tekst)  # on a busy machine the pause may end between two keys: wait for this text
    qtbot.waitUntil(lambda: balk.getoond == tekst and not balk._wacht.isActive(), timeout=10_000)
    return balk


def namen(balk):
    m = balk.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def nummer(store, voornaam):
    from jet_desktop.storage.models import Jeugdige

    J = Jeugdige.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.dossiernummer).join(J, J.c.id == A.c.jeugdige_id)
                            .where(J.c.voornaam == voornaam)).scalar_one()


def regels(store):
    with store.engine.connect() as conn:
        return conn.execute(select(AR.c.actie, AR.c.objecttype, AR.c.client, AR.c.omschrijving, AR.c.medewerker)
                            .order_by(AR.c.volgnummer)).all()


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, anouk):
    anouk.activateWindow()
    anouk.show_page("wachtlijst").view.setFocus()
    qtbot.keyClick(anouk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is anouk.zoekbalk
    assert anouk.zoekbalk.actie.shortcut().toString() == "Ctrl+F"


def test_typing_a_name_shows_the_child(qtbot, anouk):
    balk = typ(qtbot, anouk, "smit")
    assert namen(balk) == ["Eva Smit"]
    m = balk.model
    assert [m.data(m.index(0, c)) for c in range(5)] == ["Eva Smit", "09-01-2019", nummer(anouk.store, "Eva"),
                                                         "open dossier", "Anouk de Vries"]
    assert balk.lijst.isVisible() and balk.status.text().startswith("1 resultaat")


def test_a_colleagues_dossier_is_not_found(qtbot, anouk):
    balk = typ(qtbot, anouk, "Mulder")
    assert namen(balk) == [] and balk.status.text() == "Geen resultaten"
    assert not balk.tabel.isVisible()


def test_short_input_gives_a_hint_and_escape_clears(qtbot, anouk):
    balk = typ(qtbot, anouk, "s")
    assert balk.status.text() == zoekbalk_module.HINT_TE_KORT and namen(balk) == []
    qtbot.keyClick(balk, Qt.Key.Key_Escape)
    assert balk.text() == "" and not balk.lijst.isVisible()


def test_enter_opens_the_dossier_window_and_that_is_the_audited_read(qtbot, anouk):
    store = anouk.store
    balk = typ(qtbot, anouk, "eva sm")
    voor = len(regels(store))
    gezien = {}

    def kijk(dlg):
        gezien["venster"] = dlg
        gezien["titel"] = dlg.windowTitle()

    when_modal(kijk)
    qtbot.keyClick(balk, Qt.Key.Key_Return)
    assert isinstance(gezien["venster"], DossierWindow)
    assert gezien["titel"] == f"Dossier {nummer(store, 'Eva')} — Eva Smit"
    nieuw = regels(store)[voor:]
    assert (("openen", "dossier", nummer(store, "Eva"), "dossier geopend", "Anouk de Vries")) in nieuw


def test_the_search_writes_one_line_without_the_text(qtbot, anouk):
    store = anouk.store
    voor = len(regels(store))
    typ(qtbot, anouk, "Smit")
    nieuw = regels(store)[voor:]
    assert [(r.actie, r.objecttype, r.omschrijving) for r in nieuw] == [
        ("openen", "zoekopdracht", "zoekopdracht (naam): 1 resultaat")]


def test_a_waiting_aanmelding_opens_on_the_wachtlijst(qtbot, anouk):
    balk = typ(qtbot, anouk, "Visser")
    assert namen(balk) == ["Daan Visser"]
    qtbot.keyClick(balk, Qt.Key.Key_Return)
    page = anouk.pages["wachtlijst"]
    assert anouk.stack.currentWidget() is page and page.zoek.text() == nummer(anouk.store, "Daan")
    qtbot.waitUntil(lambda: page.selected() is not None)  # chosen when the list arrives (read on a worker)
    assert page.selected().voornaam == "Daan"
    assert regels(anouk.store)[-1].omschrijving.endswith(f"1 rij ({nummer(anouk.store, 'Daan')})")


def test_an_aanmelding_at_triage_opens_on_the_triage_page(qtbot, anouk):
    balk = typ(qtbot, anouk, "de Boer")
    qtbot.keyClick(balk, Qt.Key.Key_Return)
    page = anouk.pages["triage"]
    assert anouk.stack.currentWidget() is page and page.selected().naam == "Gijs de Boer"


def test_down_chooses_the_next_result(qtbot, team):
    w = venster(qtbot, als(team, "Tessa Teamleider", Rol.TEAMLEIDER))
    balk = typ(qtbot, w, "2026")
    assert len(namen(balk)) == 4  # the teamleider finds every aanmelding
    qtbot.keyClick(balk, Qt.Key.Key_Down)
    assert balk.tabel.currentIndex().row() == 1


def test_the_beheerder_has_no_search_and_sign_out_clears_it(qtbot, team):
    frits = medewerkers.voeg_toe(team, "Frits Beheer", Rol.BEHEERDER)
    w = venster(qtbot, replace(team, user="Frits Beheer", user_id=frits, rol=Rol.BEHEERDER))
    assert not w.zoekbalk.isEnabled() and not w.zoekbalk.isVisible()
    w.detach_store()
    w2 = venster(qtbot, als(team, "Anouk de Vries", Rol.CONSULENT))
    balk = typ(qtbot, w2, "smit")
    w2.detach_store()
    assert balk.text() == "" and not balk.lijst.isVisible() and balk.model is None and not balk.isEnabled()


def test_an_answer_for_older_text_is_dropped(qtbot, anouk):
    balk = typ(qtbot, anouk, "smit")
    balk._gevonden((balk._vraag - 1, "vis", 0, []))  # a slow search for text typed before
    assert namen(balk) == ["Eva Smit"] and balk.model.tekst == "smit"


def test_double_click_opens_the_dossier(qtbot, anouk):
    balk = typ(qtbot, anouk, "smit")
    gezien = []
    when_modal(lambda dlg: gezien.append(dlg.windowTitle()))
    balk.tabel.doubleClicked.emit(balk.model.index(0, 0))
    assert gezien == [f"Dossier {nummer(anouk.store, 'Eva')} — Eva Smit"] and not balk.lijst.isVisible()
