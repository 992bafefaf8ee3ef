"""Correcting a dossier's records in the dossier window (ui/dialogs/gegevens_dialogs.py): the jeugdige's
name, the gezin, the aanmelding, a contactmoment changed and removed; the Geschiedenis tab shows old → new."""

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from ui_support import VANDAAG, assign, when_modal

from jet_desktop.services import correcties, dossiers
from jet_desktop.storage.models import Dossier
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.dialogs.gegevens_dialogs import GezinDialog, GezinslidDialog, JeugdigeDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.widgets import select_data

D = Dossier.__table__


@pytest.fixture
def did(team_store):
    return assign(team_store, "wacht_hoog", "Anouk de Vries")  # Finn Mulder, geopend VANDAAG


@pytest.fixture
def window(qtbot, team_store, did):
    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    return win


def when_modal_of(cls, callback):
    """Run `callback(dialog)` on the next modal dialog of class `cls` (one opened from inside another)."""
    def poll():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, cls):
            QTimer.singleShot(10, poll)
            return
        try:
            callback(dlg)
        finally:
            if dlg.isVisible() and QApplication.activeModalWidget() is dlg:
                dlg.reject()

    QTimer.singleShot(0, poll)


def ja(dlg):
    assert isinstance(dlg, QMessageBox)
    dlg.button(QMessageBox.StandardButton.Yes).click()


def test_correct_the_name_the_overview_and_the_geschiedenis_show_it(qtbot, window, team_store, did):
    assert "Finn Mulder" in window.windowTitle()
    assert window.tabs.tabText(window.tabs.indexOf(window.geschiedenis_tab)) == "Geschiedenis (0)"
    gezien = {}

    def corrigeer(dlg):
        assert isinstance(dlg, JeugdigeDialog) and isinstance(dlg, FormDialog)
        assert [label for label, _ in dlg.velden][:3] == ["Voornaam *", "Tussenvoegsel", "Achternaam *"]
        assert dlg.w["achternaam"].text() == "Mulder" and dlg.w["geboortedatum"].text() == "30-08-2011"
        dlg.w["achternaam"].setText("Mulder-Dijkstra")
        dlg.toelichting.setText("Dubbele achternaam vergeten.")
        dlg.grab().save("/tmp/correctie-jeugdige.png")
        gezien["ok"] = True
        dlg._save()

    when_modal(corrigeer)
    window.jeugdige_knop.click()
    assert gezien["ok"]
    assert "Finn Mulder-Dijkstra" in window.windowTitle()
    kop, = [lab.text() for lab in window.body.findChildren(QLabel) if "<h2>" in lab.text()]
    assert "<h2>Finn Mulder-Dijkstra</h2>" in kop  # the overview's header
    tab = window.geschiedenis_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Geschiedenis (1)"
    w, = tab.rows
    assert (w.record, w.veld, w.oud, w.nieuw, w.gewijzigd_door, w.toelichting) == (
        "Jeugdige", "Achternaam", "Mulder", "Mulder-Dijkstra", "Teamleider Test", "Dubbele achternaam vergeten.")
    model = tab.view.model()
    assert [model.index(0, c).data() for c in range(3, 7)] == ["gewijzigd", "Achternaam", "Mulder", "Mulder-Dijkstra"]
    window.tabs.setCurrentWidget(tab)
    window.resize(1120, 520)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old body of the window goes
    qtbot.wait(50)
    window.grab().save("/tmp/correctie-geschiedenis.png")


def test_a_bad_bsn_is_shown_under_the_field_and_nothing_saved(qtbot, team_store, did):
    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.w["bsn"].setText("123456789")
    dlg.w["geboortedatum"].setText("31-02-2011")
    dlg._save()
    assert "Geboortedatum: vul een geldige datum in" in dlg.errors["geboortedatum"].text()
    dlg.w["geboortedatum"].setText("30-08-2011")
    dlg._save()
    assert "elfproef" in dlg.errors["bsn"].text() and dlg.errors["bsn"].isVisibleTo(dlg)
    assert not dlg.errors["geboortedatum"].isVisibleTo(dlg)
    assert correcties.gegevens(team_store, did).jeugdige.version == 1


def test_a_stale_save_merges_the_colleagues_change_and_keeps_mine(qtbot, team_store, did, monkeypatch):
    from jet_desktop.ui.dialogs import dialog_base

    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    j = correcties.gegevens(team_store, did).jeugdige
    collega = Store(team_store.engine, user="Bram Collega")
    correcties.corrigeer_jeugdige(collega, did, 1, correcties.JeugdigeInvoer(**{**vars(j.invoer), "voornaam": "Fin"}),
                                  VANDAAG)
    dlg.w["school"].setText("De Wiekslag")
    getoond = []

    def merge(parent, versies, ander, *_a):  # nothing both changed: the merge dialog's result as it comes
        getoond.append(ander)
        return {v.veld: v.waarde_van(v.automatische_keuze) for v in versies}

    monkeypatch.setattr(dialog_base, "samenvoegen", merge)
    dlg._save()
    assert getoond == ["Bram Collega"]
    assert dlg.w["voornaam"].text() == "Fin" and dlg.w["school"].text() == "De Wiekslag"
    nu = correcties.gegevens(team_store, did).jeugdige
    assert (nu.version, nu.invoer.voornaam, nu.invoer.school) == (3, "Fin", "De Wiekslag")


def test_change_and_remove_a_contactmoment(window, team_store, did):
    eerste = dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "huisbezoek", 60, "Kennismaking thuis.",
                                             VANDAAG)
    dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "telefonisch", 15, "Afspraak bevestigd.", VANDAAG)
    window.reload()
    tab = window.contacten_tab
    window.tabs.setCurrentWidget(tab)
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Contactmomenten (2)"
    assert not tab.wijzigen_knop.isEnabled()
    tab.select(eerste)
    assert tab.wijzigen_knop.isEnabled() and tab.verwijderen_knop.isEnabled()

    def wijzig(dlg):
        assert dlg.w["notitie"].toPlainText() == "Kennismaking thuis."
        dlg.w["duur_minuten"].setValue(75)
        select_data(dlg.w["type"], "kantoor")
        dlg._save()

    when_modal(wijzig)
    tab.wijzigen_knop.click()
    tab = window.contacten_tab  # the window read the dossier again
    assert window.tabs.currentWidget() is tab
    assert {(c.type, c.duur_minuten) for c in tab.rows} == {("kantoor", 75), ("telefonisch", 15)}
    tab.select(eerste)
    when_modal(ja)
    tab.verwijderen_knop.click()
    tab = window.contacten_tab
    assert [c.notitie for c in tab.rows] == ["Afspraak bevestigd."]
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Contactmomenten (1)"
    assert [(w.soort, w.veld) for w in window.geschiedenis_tab.rows][0] == ("verwijderd", "")
    assert {w.record for w in window.geschiedenis_tab.rows} == {f"Contactmoment {VANDAAG:%d-%m-%Y} (kantoor)"}


def test_removing_a_contactmoment_can_be_cancelled(window, team_store, did):
    cid = dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "online", 30, "Beeldbellen.", VANDAAG)
    window.reload()
    window.contacten_tab.select(cid)
    when_modal(lambda m: m.button(QMessageBox.StandardButton.No).click())
    window.contacten_tab.verwijderen_knop.click()
    assert [c.id for c in dossiers.detail(team_store, did).contacten] == [cid]


def test_gezin_dialog_adds_corrects_and_removes_a_gezinslid(qtbot, team_store, did):
    dlg = GezinDialog(team_store, did)
    qtbot.addWidget(dlg)
    assert dlg.leden.count() == 0 and not dlg.lid_wijzigen_knop.isEnabled()

    def nieuw(lid):
        assert isinstance(lid, GezinslidDialog)
        lid.w["naam"].setText("Sanne Mulder")
        lid.w["gezag"].setChecked(True)
        lid._save()

    when_modal_of(GezinslidDialog, nieuw)
    dlg.lid_toevoegen()
    assert [dlg.leden.item(i).text() for i in range(dlg.leden.count())] == ["Sanne Mulder (ouder, gezag)"]
    dlg.leden.setCurrentRow(0)

    def telefoon(lid):
        lid.w["telefoon"].setText("0611122233")
        lid._save()

    when_modal_of(GezinslidDialog, telefoon)
    dlg.lid_wijzigen()
    assert dlg.leden.item(0).text() == "Sanne Mulder (ouder, gezag) — 0611122233"
    dlg.w["naam"].setText("Gezin Mulder-Dijkstra")
    dlg.leden.setCurrentRow(0)
    when_modal_of(QMessageBox, ja)
    dlg.lid_verwijderen()
    assert dlg.leden.count() == 0
    dlg._save()
    g = correcties.gegevens(team_store, did)
    assert (g.gezin.naam, g.gezin.leden) == ("Gezin Mulder-Dijkstra", [])
    assert [w.soort for w in correcties.dossiergeschiedenis(team_store, did)].count("verwijderd") == 1


def test_aanmelding_dialog_corrects_the_details_not_the_aanmelddatum(window, team_store, did):
    def corrigeer(dlg):
        assert "niet te corrigeren" in dlg.kop.text()
        assert "aanmelddatum" not in dlg.w
        dlg.w["hulpvraag_categorieen"].vakjes["school"].setChecked(True)
        select_data(dlg.w["regie"], "deels")
        dlg._save()

    when_modal(corrigeer)
    window.aanmelding_knop.click()
    a = correcties.gegevens(team_store, did).aanmelding
    assert (a.details.hulpvraag_categorieen, a.details.regie) == (["school"], "deels")
    assert {w.veld for w in window.geschiedenis_tab.rows} == {"Hulpvraag: categorieën", "Regie-inschatting"}
    assert "Deels, met steun" in window.gegevens_view.toPlainText()


def test_a_closed_dossier_can_only_be_read(qtbot, team_store, did):
    from jet_desktop.services.correcties import JeugdigeInvoer

    j = correcties.gegevens(team_store, did).jeugdige
    correcties.corrigeer_jeugdige(team_store, did, 1, JeugdigeInvoer(**{**vars(j.invoer), "wijk": "Heechterp"}),
                                  VANDAAG)
    cid = dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "online", 30, "Beeldbellen.", VANDAAG)
    with team_store.engine.connect() as conn:
        version = conn.execute(D.select().where(D.c.id == did)).one().version
    dossiers.sluit_af(team_store, did, version, VANDAAG, "doelen_bereikt", "", VANDAAG)
    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    assert not any(b.isEnabled() for b in (win.jeugdige_knop, win.gezin_knop, win.aanmelding_knop))
    win.contacten_tab.select(cid)
    assert not win.contacten_tab.wijzigen_knop.isEnabled() and not win.contacten_tab.verwijderen_knop.isEnabled()
    assert [w.nieuw for w in win.geschiedenis_tab.rows] == ["Heechterp"]  # the history stays readable
