"""Typed work is never lost: closing a changed form asks "Wijzigingen opslaan?" (ui/onopgeslagen.py)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select
from ui_support import VANDAAG, assign

from jet_desktop.services import caseload, dossiers, medewerkers, settings, triage, zorg
from jet_desktop.storage.models import Aanmelding
from jet_desktop.ui import onopgeslagen
from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog
from jet_desktop.ui.dialogs.caseload_dialogs import KlikDialog, WisselDialog
from jet_desktop.ui.dialogs.consulent_toewijzen_dialog import ConsulentToewijzenDialog
from jet_desktop.ui.dialogs.dossier_dialogs import ContactDialog
from jet_desktop.ui.dialogs.gebruikers_dialog import GebruikerDialog, WachtwoordDialog
from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog
from jet_desktop.ui.dialogs.instellingen_dialog import InstellingenDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.dialogs.zorgtoewijzing_dialog import ZorgtoewijzingDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.widgets import select_data

ECHTE_VRAAG = onopgeslagen.vraag_opslaan  # tests/ui/conftest.py answers "Niet opslaan" in every test


@pytest.fixture
def vraag(monkeypatch):
    """Answers the question as told (`vraag.antwoord`); records where it was asked (`vraag.gesteld`)."""

    class Vraag:
        antwoord = onopgeslagen.ANNULEREN
        gesteld: list[str] = []

    v = Vraag()
    v.gesteld = []

    def antwoord(parent, waar=""):
        v.gesteld.append(waar)
        return v.antwoord

    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", antwoord)
    return v


@pytest.fixture
def dossier_id(team_store):
    return assign(team_store, "wacht_hoog", "Anouk de Vries")


def toon(qtbot, dlg):
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def escape(qtbot, dlg):
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key.Key_Escape)


def contacten(store, dossier_id):
    return dossiers.detail(store, dossier_id).contacten


def aanmeldingen(store):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Aanmelding.__table__)).scalar_one()


# ------------------------------------------------------------------------------------- a FormDialog

def test_form_without_changes_closes_without_asking(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    escape(qtbot, dlg)
    assert not dlg.isVisible() and vraag.gesteld == []


def test_annuleren_keeps_the_form_open_with_the_text(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.notitie.setPlainText("Moeder belde: het gaat beter.")
    escape(qtbot, dlg)
    assert vraag.gesteld == ["„Contactmoment”"]
    assert dlg.isVisible() and dlg.notitie.toPlainText() == "Moeder belde: het gaat beter."
    dlg.buttons.button(dlg.buttons.StandardButton.Cancel).click()  # Annuleren asks too
    dlg.close()  # and the window's X
    assert len(vraag.gesteld) == 3 and dlg.isVisible()
    assert contacten(team_store, dossier_id) == []


def test_niet_opslaan_closes_without_saving(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.notitie.setPlainText("Moeder belde.")
    vraag.antwoord = onopgeslagen.NIET_OPSLAAN
    dlg.close()
    assert vraag.gesteld and not dlg.isVisible() and dlg.result() == 0
    assert contacten(team_store, dossier_id) == []


def test_opslaan_saves_and_closes(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.notitie.setPlainText("Moeder belde.")
    vraag.antwoord = onopgeslagen.OPSLAAN
    escape(qtbot, dlg)
    assert not dlg.isVisible() and dlg.result() == 1
    assert [c.notitie for c in contacten(team_store, dossier_id)] == ["Moeder belde."]


def test_opslaan_refused_keeps_the_form_open_with_its_input(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.notitie.setPlainText("Moeder belde.")
    dlg.datum.setText("31-02-2026")
    vraag.antwoord = onopgeslagen.OPSLAAN
    escape(qtbot, dlg)
    assert dlg.isVisible() and dlg.notitie.toPlainText() == "Moeder belde."
    assert "Datum" in dlg.errors["datum"].text()
    assert contacten(team_store, dossier_id) == []


def test_changing_back_is_no_change(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.duur.setValue(90)
    assert dlg.heeft_wijzigingen()
    dlg.duur.setValue(60)
    escape(qtbot, dlg)
    assert not dlg.isVisible() and vraag.gesteld == []


def test_every_kind_of_field_counts(qtbot, team_store, dossier_id, vraag):
    rij = caseload.dossier_rij(team_store, dossier_id)
    dlg = toon(qtbot, KlikDialog(team_store, rij, VANDAAG))
    assert not dlg.heeft_wijzigingen()
    dlg.geen_klik.setChecked(True)  # a radio button in a row
    assert dlg.heeft_wijzigingen()
    dlg.klik.setChecked(True)
    assert not dlg.heeft_wijzigingen()
    dlg.nieuw.setCurrentIndex(1)  # a combo box
    assert dlg.heeft_wijzigingen()


def test_a_caseload_dialog_asks(qtbot, team_store, dossier_id, vraag):
    rij = caseload.dossier_rij(team_store, dossier_id)
    dlg = toon(qtbot, WisselDialog(team_store, rij, VANDAAG))
    dlg.toelichting.setPlainText("Op verzoek van moeder.")
    escape(qtbot, dlg)
    assert vraag.gesteld and dlg.isVisible()
    vraag.antwoord = onopgeslagen.OPSLAAN
    escape(qtbot, dlg)
    assert not dlg.isVisible()
    assert caseload.dossier_rij(team_store, dossier_id).consulent != "Anouk de Vries"


def test_settings_ask_through_the_base(qtbot, team_store, vraag):
    dlg = toon(qtbot, InstellingenDialog(team_store))
    dlg.team.setText("Team Noord")
    escape(qtbot, dlg)
    assert vraag.gesteld and dlg.isVisible()
    vraag.antwoord = onopgeslagen.OPSLAAN
    dlg.close()
    assert not dlg.isVisible() and settings.alle(team_store)["team_naam"] == "Team Noord"


def test_toewijzing_dialog(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ZorgtoewijzingDialog(team_store, dossier_id, VANDAAG))
    dlg.product.setText("Dagbehandeling jonge kind")
    vraag.antwoord = onopgeslagen.NIET_OPSLAAN
    escape(qtbot, dlg)
    assert vraag.gesteld and not dlg.isVisible() and zorg.toewijzingen(team_store, dossier_id) == []

    dlg = toon(qtbot, ZorgtoewijzingDialog(team_store, dossier_id, VANDAAG))
    select_data(dlg.categorie, "41")
    dlg.product.setText("Dagbehandeling jonge kind")
    select_data(dlg.intensiteit, "zwaar")
    select_data(dlg.aanbieder, "opstap")
    vraag.antwoord = onopgeslagen.OPSLAAN
    escape(qtbot, dlg)
    assert not dlg.isVisible()
    assert [t.product for t in zorg.toewijzingen(team_store, dossier_id)] == ["Dagbehandeling jonge kind"]


def test_consulent_toewijzen_counts_the_chosen_row(qtbot, team_store, vraag):
    aid = team_store.regs["wacht_normaal"].aanmelding_id
    dlg = toon(qtbot, ConsulentToewijzenDialog(team_store, aid, "Daan Visser", VANDAAG))
    assert not dlg.heeft_wijzigingen()
    dlg.tabel.selectRow(2)
    escape(qtbot, dlg)
    assert vraag.gesteld and dlg.isVisible()


# ------------------------------------------------------------------------------------- password forms never ask

def test_sign_in_and_password_dialogs_never_ask(qtbot, team_store, vraag):
    inlog = toon(qtbot, InlogDialog("Hier", "gedeeld"))
    inlog.gebruikersnaam.setText("anouk")
    inlog.wachtwoord.setText("geheim geheim")
    escape(qtbot, inlog)
    g = medewerkers.gebruikers(team_store)[0]
    ww = toon(qtbot, WachtwoordDialog(team_store, g))
    ww.nieuw.setText("een nieuw wachtwoord")
    escape(qtbot, ww)
    assert not inlog.isVisible() and not ww.isVisible() and vraag.gesteld == []


def test_new_user_asks_but_never_keeps_the_password(qtbot, team_store, vraag):
    dlg = toon(qtbot, GebruikerDialog(team_store, None))
    dlg.wachtwoord.setText("startwachtwoord 123")
    assert not dlg.heeft_wijzigingen()  # a password alone is nothing to lose
    dlg.naam.setText("Daan de Wit")
    escape(qtbot, dlg)
    assert vraag.gesteld and dlg.isVisible()
    assert "startwachtwoord" not in repr(dlg._opname)


# ------------------------------------------------------------------------------------- triage, aanmelding

def triage_dialog(qtbot, store):
    aid = store.regs["triage"].aanmelding_id
    return aid, toon(qtbot, TriageDialog(store, aid, triage.versie(store, aid), "Gijs de Boer", VANDAAG))


def test_triage_asks_and_saves(qtbot, team_store, vraag):
    aid, dlg = triage_dialog(qtbot, team_store)
    escape(qtbot, dlg)
    assert not dlg.isVisible() and vraag.gesteld == []

    aid, dlg = triage_dialog(qtbot, team_store)
    dlg.set_uitkomst("zelf_oppakken")
    dlg.motivering.setPlainText("JET pakt dit op.")
    escape(qtbot, dlg)
    assert vraag.gesteld and dlg.isVisible() and dlg.motivering.toPlainText() == "JET pakt dit op."
    vraag.antwoord = onopgeslagen.NIET_OPSLAAN
    dlg.close()
    assert not dlg.isVisible() and triage.besluit_historie(team_store, aid) == []

    aid, dlg = triage_dialog(qtbot, team_store)
    dlg.set_uitkomst("zelf_oppakken")
    dlg.motivering.setPlainText("JET pakt dit op.")
    vraag.antwoord = onopgeslagen.OPSLAAN
    escape(qtbot, dlg)
    assert not dlg.isVisible()
    assert [b.motivering for b in triage.besluit_historie(team_store, aid)] == ["JET pakt dit op."]


def vul_aanmelding(dlg):
    dlg.voornaam.setText("Noor")
    dlg.achternaam.setText("El Amrani")
    dlg.geboortedatum.setText("14-02-2015")
    dlg.postcode.setText("8911 CD")
    dlg.woonplaats.setText("Leeuwarden")
    dlg.ouders[0].naam.setText("Samira El Amrani")
    dlg.ouders[0].gezag.setChecked(True)
    dlg.verwijzer.setCurrentIndex(dlg.verwijzer.findData("poh_jeugd"))
    dlg.hulpvraag.setPlainText("Angstklachten, wil niet naar school.")
    dlg.categorieen["school"].setChecked(True)


def test_aanmelding_asks_and_saves(qtbot, team_store, vraag):
    voor = aanmeldingen(team_store)
    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    escape(qtbot, dlg)
    assert not dlg.isVisible() and vraag.gesteld == []

    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    vul_aanmelding(dlg)
    escape(qtbot, dlg)
    assert vraag.gesteld == ["„Nieuwe aanmelding”"] and dlg.isVisible() and dlg.voornaam.text() == "Noor"
    vraag.antwoord = onopgeslagen.NIET_OPSLAAN
    escape(qtbot, dlg)
    assert not dlg.isVisible() and aanmeldingen(team_store) == voor

    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    vul_aanmelding(dlg)
    vraag.antwoord = onopgeslagen.OPSLAAN
    dlg.close()
    assert not dlg.isVisible() and dlg.registratie is not None and aanmeldingen(team_store) == voor + 1


def test_aanmelding_an_added_row_counts_once_filled(qtbot, team_store, vraag):
    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    dlg._add_ouder()
    assert not dlg.heeft_wijzigingen()  # an empty extra row is nothing to lose
    dlg.ouders[-1].telefoon.setText("06-12345678")
    assert dlg.heeft_wijzigingen()


# ------------------------------------------------------------------------------------- the dossier window

@pytest.fixture
def venster(qtbot, team_store, dossier_id):
    return toon(qtbot, DossierWindow(team_store, dossier_id, VANDAAG))


def test_dossier_window_closes_without_asking_when_the_plan_is_unchanged(venster, vraag):
    venster.close()
    assert not venster.isVisible() and vraag.gesteld == []


def test_dossier_window_with_a_changed_plan_asks_and_names_the_tab(qtbot, venster, team_store, vraag):
    venster.plan_tab.velden["va_kind"].setPlainText("Finn is somber.")
    venster.close()
    assert vraag.gesteld == ["het tabblad „Ondersteuningsplan”"]
    assert venster.isVisible() and venster.tabs.currentWidget() is venster.plan_tab
    assert venster.plan_tab.velden["va_kind"].toPlainText() == "Finn is somber."
    escape(qtbot, venster)  # Escape asks too
    assert len(vraag.gesteld) == 2 and venster.isVisible()
    vraag.antwoord = onopgeslagen.OPSLAAN
    venster.close()
    assert not venster.isVisible()
    assert zorg.ondersteuningsplan(team_store, venster.dossier_id).va_kind == "Finn is somber."


def test_dossier_window_niet_opslaan_and_the_sluiten_button(qtbot, venster, team_store, vraag):
    venster.plan_tab.velden["va_kind"].setPlainText("Finn is somber.")
    vraag.antwoord = onopgeslagen.NIET_OPSLAAN
    sluiten = next(b for b in venster.body.findChildren(type(venster.contact_knop)) if b.text() == "Sluiten")
    sluiten.click()
    assert vraag.gesteld and not venster.isVisible()
    assert zorg.ondersteuningsplan(team_store, venster.dossier_id) is None


def test_dossier_window_plan_refused_stays_open(venster, team_store, vraag):
    venster.plan_tab.vastgesteld_op.setText("25-11-2026")  # vastgesteld without doelen: refused
    vraag.antwoord = onopgeslagen.OPSLAAN
    venster.close()
    assert venster.isVisible() and venster.plan_tab.errors["doelen"].isVisible()
    assert zorg.ondersteuningsplan(team_store, venster.dossier_id) is None


def test_after_a_save_the_plan_is_unchanged_again(venster, vraag):
    venster.plan_tab.velden["va_kind"].setPlainText("Finn is somber.")
    assert venster.plan_tab.save() is True
    venster.close()
    assert not venster.isVisible() and vraag.gesteld == []


def test_unsaved_plan_survives_a_reload_of_the_window_and_still_counts(qtbot, venster, team_store, vraag):
    venster.plan_tab.velden["va_kind"].setPlainText("Finn is somber.")
    venster.reload()  # e.g. after adding a contactmoment
    assert venster.plan_tab.velden["va_kind"].toPlainText() == "Finn is somber."
    venster.close()
    assert vraag.gesteld and venster.isVisible()


# ------------------------------------------------------------------------------------- the question itself

def test_the_question_has_dutch_buttons_escape_is_annuleren(qtbot):
    from PySide6.QtWidgets import QWidget

    ouder = QWidget()
    qtbot.addWidget(ouder)
    box = onopgeslagen.vraag(ouder, "„Contactmoment”")
    qtbot.addWidget(box)
    assert box.windowTitle() == "Wijzigingen opslaan?"
    assert [b.text() for b in (box.opslaan, box.niet_opslaan, box.annuleren)] == ["Opslaan", "Niet opslaan",
                                                                                 "Annuleren"]
    assert box.defaultButton() is box.opslaan and box.escapeButton() is box.annuleren
    assert "Contactmoment" in box.informativeText()


def test_the_real_question_answers(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    ouder = QWidget()
    qtbot.addWidget(ouder)
    for knop, verwacht in (("niet_opslaan", onopgeslagen.NIET_OPSLAAN), ("opslaan", onopgeslagen.OPSLAAN),
                           ("annuleren", onopgeslagen.ANNULEREN)):
        def klik(knop=knop):
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            getattr(box, knop).click()
        QTimer.singleShot(50, klik)
        assert ECHTE_VRAAG(ouder, "hier") == verwacht


def test_screenshot_of_the_question_over_an_aanmelding(qtbot, team_store, tmp_path):
    """JET_SCREENSHOTS=docs/screenshots also writes docs/screenshots/wijzigingen-opslaan.png."""
    import os
    from pathlib import Path

    from PySide6.QtGui import QColor, QPainter

    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    vul_aanmelding(dlg)
    dlg.bsn.setText("111222333")
    dlg.adres.setText("Voorstreek 12")
    box = onopgeslagen.vraag(dlg, dlg.wijzigingen_in())
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    beeld = dlg.grab()
    vraag_beeld = box.grab()
    schilder = QPainter(beeld)
    schilder.fillRect(beeld.rect(), QColor(0, 0, 0, 60))  # the form behind the modal question
    x = (beeld.width() - vraag_beeld.width()) // 2
    y = (beeld.height() - vraag_beeld.height()) // 3
    schilder.drawPixmap(x, y, vraag_beeld)
    schilder.end()
    assert beeld.save(str(tmp_path / "wijzigingen-opslaan.png"))
    if map_ := os.environ.get("JET_SCREENSHOTS"):
        assert beeld.save(str(Path(map_) / "wijzigingen-opslaan.png"))


# ------------------------------------------------------------------------------------- a date is typed as text

def test_dates_in_forms_are_compared_as_shown(qtbot, team_store, dossier_id, vraag):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.datum.set_date(date(2026, 11, 25))  # the date it already had
    assert not dlg.heeft_wijzigingen()
    dlg.datum.set_date(date(2026, 11, 24))
    assert dlg.heeft_wijzigingen()
