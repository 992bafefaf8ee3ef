"""The Ondersteuningsplan and Toewijzingen tabs of the dossier window, and the toewijzing dialog."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from ui_support import VANDAAG, assign, when_modal

from jet_desktop.services import zorg
from jet_desktop.ui.dialogs.zorgtoewijzing_dialog import ZorgtoewijzingDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.widgets import select_data


@pytest.fixture
def window(qtbot, team_store):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")  # geopend VANDAAG
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    return win


def fill_toewijzing(dlg, contractvorm="profiel", motivering=""):
    select_data(dlg.categorie, "41")
    dlg.product.setText("Dagbehandeling jonge kind")
    select_data(dlg.intensiteit, "zwaar")
    select_data(dlg.aanbieder, "opstap")
    dlg.startdatum.setText("01-12-2026")
    dlg.einddatum.setText("31-05-2027")
    dlg.kosten.setValue(24500)
    dlg.set_contractvorm(contractvorm)
    dlg.motivering.setPlainText(motivering)


def test_fill_the_plan_and_save(window, team_store):
    tab = window.plan_tab
    window.tabs.setCurrentWidget(tab)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][2:4] == ["Ondersteuningsplan",
                                                                                 "Toewijzingen (0)"]
    assert tab.status.text() == "Nog geen ondersteuningsplan."
    for veld, tekst in (("va_kind", "Finn is somber."), ("va_ouders", "Ouders gescheiden."),
                        ("va_school", "Verzuim."), ("va_netwerk", "Opa betrokken."),
                        ("va_bestaanszekerheid", "Moeder zonder werk.")):
        tab.velden[veld].setPlainText(tekst)
    tab.vastgesteld_op.setText("25-11-2026")
    tab.evaluatiedatum.setText("25-02-2027")
    assert tab.save() is False  # vastgesteld without doelen
    assert tab.errors["doelen"].isVisible() and "Doelen: verplicht" in tab.errors["doelen"].text()
    assert zorg.ondersteuningsplan(team_store, window.dossier_id) is None
    tab.doelen.setPlainText("Finn gaat weer naar school.")
    tab.opslaan.click()
    p = zorg.ondersteuningsplan(team_store, window.dossier_id)
    assert (p.va_kind, p.va_bestaanszekerheid, p.doelen, p.vastgesteld_op, p.evaluatiedatum, p.version) == (
        "Finn is somber.", "Moeder zonder werk.", "Finn gaat weer naar school.", date(2026, 11, 25),
        date(2027, 2, 25), 1)
    assert not tab.errors["doelen"].isVisible() and "Teamleider Test" in tab.status.text()
    tab.doelen.setPlainText("Finn gaat weer naar school en sport.")
    assert tab.save() is True
    assert zorg.ondersteuningsplan(team_store, window.dossier_id).version == 2


def test_plan_bad_date_is_shown_under_the_field(window, team_store):
    tab = window.plan_tab
    window.tabs.setCurrentWidget(tab)
    tab.evaluatiedatum.setText("31-02-2027")
    assert tab.save() is False
    assert tab.errors["evaluatiedatum"].isVisible()
    assert zorg.ondersteuningsplan(team_store, window.dossier_id) is None


def test_add_a_toewijzing_through_the_dialog(window, team_store):
    tab = window.toewijzingen_tab

    def fill(dlg):
        fill_toewijzing(dlg)
        assert not dlg.motivering.isEnabled()  # only for DVO
        dlg._save()

    when_modal(fill)
    tab.toevoegen()
    [t] = zorg.toewijzingen(team_store, window.dossier_id)
    assert (t.productcategorie, t.product, t.intensiteit, t.aanbieder, t.startdatum, t.einddatum,
            t.geschatte_kosten, t.contractvorm) == ("41", "Dagbehandeling jonge kind", "zwaar", "opstap",
                                                    date(2026, 12, 1), date(2027, 5, 31), 24500, "profiel")
    m = tab.proxy
    row = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert row == ["41 Dagbehandeling", "Dagbehandeling jonge kind", "Zwaar",
                   "Stichting Opstap Dagbehandeling", "01-12-2026", "31-05-2027", "€ 24.500",
                   "Gecontracteerd profiel"]
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Toewijzingen (1)"
    assert "€ 24.500" in tab.totaal.text()


def test_dialog_refuses_a_dvo_without_motivering_with_the_message_visible(qtbot, window, team_store):
    dlg = ZorgtoewijzingDialog(team_store, window.dossier_id, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_toewijzing(dlg, contractvorm="dvo")
    assert dlg.motivering.isEnabled()
    dlg._save()
    assert dlg.isVisible() and dlg.result() == 0
    err = dlg.errors["dvo_motivering"]
    assert err.isVisible() and err.text().startswith("Motivering DVO: verplicht")
    assert zorg.toewijzingen(team_store, window.dossier_id) == []
    dlg.motivering.setPlainText("Combinatie dagbehandeling en vervoer niet in een profiel.")
    dlg._save()
    [t] = zorg.toewijzingen(team_store, window.dossier_id)
    assert t.is_dvo and t.dvo_motivering == "Combinatie dagbehandeling en vervoer niet in een profiel."


def test_dvo_rows_are_marked_and_wijzigen_beeindigen_work(window, team_store):
    tab = window.toewijzingen_tab
    zorg.voeg_toewijzing_toe(team_store, window.dossier_id, zorg.ToewijzingInvoer(
        "45", "Ambulante gezinsbehandeling", "middel", "fjild", date(2026, 11, 30), None, 6000))
    dvo = zorg.voeg_toewijzing_toe(team_store, window.dossier_id, zorg.ToewijzingInvoer(
        "41", "Maatwerk", "zwaar", "opstap", date(2026, 12, 7), None, 30000, "dvo", "Geen passend profiel."))
    tab.reload()
    m = tab.proxy
    assert m.data(m.index(1, 7)) == "⚑ DVO maatwerk"
    assert m.data(m.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert not tab.wijzigen_knop.isEnabled()
    tab.select(dvo)
    assert tab.wijzigen_knop.isEnabled() and "Geen passend profiel." in tab.motivering.text()

    def wijzig(dlg):
        assert dlg.product.text() == "Maatwerk" and dlg.motivering.isEnabled()
        dlg.kosten.setValue(32000)
        dlg._save()

    when_modal(wijzig)
    tab.wijzigen()

    def beeindig(dlg):
        dlg.einddatum.setText("28-02-2027")
        dlg._save()

    when_modal(beeindig)
    tab.beeindigen()
    t = next(t for t in zorg.toewijzingen(team_store, window.dossier_id) if t.id == dvo)
    assert (t.geschatte_kosten, t.einddatum, t.version) == (32000, date(2027, 2, 28), 3)
    assert "€ 38.000" in tab.totaal.text()


def test_unsaved_plan_text_survives_adding_a_contactmoment(window, team_store):
    window.plan_tab.velden["va_netwerk"].setPlainText("Buurvrouw helpt met brengen naar school.")

    def contact(dlg):
        dlg.notitie.setPlainText("Telefonisch overleg met moeder.")
        dlg._save()

    when_modal(contact)
    window.contact_toevoegen()  # rebuilds the tabs
    assert len(window.detail.contacten) == 1
    assert window.plan_tab.velden["va_netwerk"].toPlainText() == "Buurvrouw helpt met brengen naar school."
    assert window.plan_tab.save() is True
    opgeslagen = zorg.ondersteuningsplan(team_store, window.dossier_id)
    assert opgeslagen.va_netwerk == "Buurvrouw helpt met brengen naar school."


def test_the_window_read_again_after_a_save_writes_no_second_opening_line(window, team_store):
    from sqlalchemy import select

    from jet_desktop.storage.models import Auditregel

    def openingen() -> int:
        R = Auditregel.__table__
        with team_store.engine.connect() as conn:
            return len(conn.execute(select(R.c.volgnummer).where(
                R.c.omschrijving == "dossier geopend", R.c.object_id == str(window.dossier_id))).all())

    assert openingen() == 1

    def contact(dlg):
        dlg.notitie.setPlainText("Telefonisch overleg met moeder.")
        dlg._save()

    when_modal(contact)
    window.contact_toevoegen()
    window._na_correctie()
    assert len(window.detail.contacten) == 1  # read again: the new contactmoment is there
    assert openingen() == 1
    DossierWindow(team_store, window.dossier_id, VANDAAG).close()  # opened again from the list: a new look
    assert openingen() == 2
