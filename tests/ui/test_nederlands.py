"""Dutch to the last button, and dates that move: Qt's own texts, Dutch notation, the clock read when
it is used, the keyboard, signing out and in again."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QMessageBox
from ui_support import VANDAAG, assign, when_modal
from wachtlijst_support import klaar

from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze, klok
from jet_desktop.ui.main_window import MainWindow


def zonder_amp(tekst: str) -> str:
    return tekst.replace("&", "")


@pytest.fixture
def op_vandaag(monkeypatch):
    """The clock at VANDAAG; `zet(d)` moves it."""
    dag = {"d": VANDAAG}
    monkeypatch.setattr(klok, "vandaag", lambda: dag["d"])
    return lambda d: dag.update(d=d)


@pytest.fixture
def window(qtbot, team_store, op_vandaag):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.show()
    w.attach_store(team_store, klok.KLOK)  # as the application does: the clock, not a date
    return w


# --- Qt's own texts and notation ---------------------------------------------------------

def test_message_box_and_button_box_say_ja_nee_annuleren(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert zonder_amp(box.button(QMessageBox.StandardButton.Yes).text()) == "Ja"
    assert zonder_amp(box.button(QMessageBox.StandardButton.No).text()) == "Nee"
    assert zonder_amp(box.button(QMessageBox.StandardButton.Cancel).text()) == "Annuleren"
    knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(knoppen)
    assert zonder_amp(knoppen.button(QDialogButtonBox.StandardButton.Cancel).text()) == "Annuleren"


def test_message_box_question_shows_ja_and_nee(qtbot):
    gezien = []

    def kijk(dlg):
        gezien.extend(zonder_amp(b.text()) for b in dlg.buttons())
        dlg.button(QMessageBox.StandardButton.No).click()

    when_modal(kijk)
    assert QMessageBox.question(None, "Vraag", "Doorgaan?") == QMessageBox.StandardButton.No
    assert sorted(gezien) == ["Ja", "Nee"]


def test_number_widgets_use_a_decimal_comma(qtbot):
    veld = QDoubleSpinBox()
    qtbot.addWidget(veld)
    veld.setDecimals(1)
    veld.setValue(1.5)
    assert veld.text() == "1,5"


def test_instellingen_shows_the_caseload_norm_as_16_komma_0(qtbot, team_store):
    from jet_desktop.ui.dialogs.instellingen_dialog import InstellingenDialog

    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    assert dlg.caseload_norm.text() == "16,0 dossiers per FTE"


def test_counts_on_the_caseload_page_are_written_by_notatie(window):
    page = window.show_page("caseload")
    assert "3 consulenten · 0 actieve dossiers · capaciteit " in page.titel.text()


# --- file dialogs ----------------------------------------------------------------------------

def test_file_dialogs_start_in_documenten_then_in_the_last_folder(qtbot, window, tmp_path, monkeypatch):
    gevraagd = []

    def kies(_parent, _titel, voorstel, _filter=""):
        gevraagd.append(voorstel)
        return str(tmp_path / "gekozen" / "rapport.pdf"), ""

    (tmp_path / "gekozen").mkdir()
    monkeypatch.setattr(bestandskeuze, "_laatste_map", None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", kies)
    monkeypatch.setattr("jet_desktop.ui.workers.run_in_background", lambda *a, **k: None)
    page = window.show_page("wachtlijst")
    page.opslaan_als_pdf()
    documenten = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert gevraagd[0] == f"{documenten}/wachtlijstrapport-{VANDAAG:%Y-%m-%d}.pdf"
    page.opslaan_als_pdf()
    assert gevraagd[1] == str(tmp_path / "gekozen" / f"wachtlijstrapport-{VANDAAG:%Y-%m-%d}.pdf")


# --- the clock -------------------------------------------------------------------------------

def wachttijd(page, naam):
    m = klaar(page).model
    rij = next(r for r in range(m.rowCount()) if m.data(m.index(r, 1)) == naam)
    return m.data(m.index(rij, 5))


def test_wachttijd_counts_to_the_day_it_is_shown_not_the_day_the_window_was_made(window, op_vandaag):
    page = window.show_page("wachtlijst")
    assert wachttijd(page, "Daan Visser") == "8,6"  # 60 days
    op_vandaag(VANDAAG + timedelta(days=7))  # the session ran on for a week (or past midnight)
    window.refresh_all()
    assert wachttijd(page, "Daan Visser") == "9,6"  # 67 days
    assert f"Peildatum {VANDAAG + timedelta(days=7):%d-%m-%Y}" in page.norm_tekst.text()


def test_a_new_contactmoment_proposes_the_new_day(window, team_store, op_vandaag):
    assign(team_store, "wacht_spoed", "Anouk de Vries")
    page = window.show_page("caseload")
    page.select_consulent("Anouk de Vries")
    page.dossiers.selectRow(0)
    morgen = VANDAAG + timedelta(days=1)
    op_vandaag(morgen)  # past midnight, the window made yesterday
    voorgesteld = []

    def in_dossier(dossier):
        def in_contact(dlg):
            voorgesteld.append(dlg.datum.date_or_none())
            dlg.reject()

        when_modal(in_contact)
        dossier.contact_toevoegen()
        dossier.reject()

    when_modal(in_dossier)
    page.open_dossier()
    assert voorgesteld == [morgen]


def test_nieuwe_aanmelding_proposes_the_new_day(window, op_vandaag):
    morgen = VANDAAG + timedelta(days=1)
    op_vandaag(morgen)
    voorgesteld = []

    def kijk(dlg):
        voorgesteld.append(dlg.aanmelddatum.date_or_none())
        dlg.reject()

    when_modal(kijk)
    window.nieuwe_aanmelding()
    assert voorgesteld == [morgen]


# --- keyboard --------------------------------------------------------------------------------

@pytest.mark.parametrize("sleutel, lijst, actie", [("wachtlijst", "view", "toewijzen"), ("triage", "view", "besluit"),
                                                   ("caseload", "dossiers", "open_dossier")])
def test_enter_opens_the_selected_row(qtbot, window, team_store, monkeypatch, sleutel, lijst, actie):
    assign(team_store, "wacht_spoed", "Anouk de Vries")
    window.refresh_all()
    page = window.show_page(sleutel)
    if sleutel == "caseload":
        page.select_consulent("Anouk de Vries")
    if sleutel == "wachtlijst":
        klaar(page)  # read on a worker
    view = getattr(page, lijst)
    view.selectRow(0)
    geopend = []
    monkeypatch.setattr(page, actie, lambda: geopend.append(True))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert geopend == [True, True]


def test_menus_have_accelerators_without_duplicates(window):
    bar = window.menuBar()
    titels = [a.text() for a in bar.actions()]
    assert [zonder_amp(t) for t in titels] == ["Bestand", "Beeld", "Beheer", "Help"]

    def letter(tekst):
        assert "&" in tekst, f"geen sneltoetsletter: {tekst}"
        return tekst[tekst.index("&") + 1].lower()

    assert len({letter(t) for t in titels}) == len(titels)
    for menu_actie in bar.actions():
        teksten = [a.text() for a in menu_actie.menu().actions() if not a.isSeparator()]
        letters = [letter(t) for t in teksten]
        assert len(set(letters)) == len(letters), teksten


def test_shortcuts_print_find_quit(qtbot, window, monkeypatch):
    assert window.afdruk_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.zoek_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.afsluit_action.shortcut() == QKeySequence("Ctrl+Q")
    page = window.show_page("wachtlijst")
    afgedrukt = []
    monkeypatch.setattr(page, "afdrukken", lambda: afgedrukt.append(True))
    window.afdruk_action.trigger()
    assert afgedrukt == [True]
    window.show_page("caseload")
    window.afdruk_action.trigger()  # nothing to print here: a note, no error
    assert "niets af te drukken" in window.statusBar().currentMessage()
    page = window.show_page("triage")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.zoek_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.zoekbalk)  # the toolbar's search box
    window.afsluit_action.trigger()
    assert not window.isVisible()


# --- signing out and in ----------------------------------------------------------------------

def test_after_signing_out_and_in_again_the_page_shows_its_rows(qtbot, window, team_store, tmp_path):
    pad = tmp_path / "jet.db"
    opnieuw = []

    def herstart():
        store = Store.open_file(pad, user="Teamleider Test")
        store.user_id = team_store.user_id
        opnieuw.append(store)
        window.attach_store(store, herstart=herstart)

    window.herstart = herstart
    assert window.stack.currentWidget() is window.pages["wachtlijst"]
    window.beheer.afmelden()
    assert opnieuw, "signed in again"
    page = window.stack.currentWidget()
    assert page is window.pages["wachtlijst"], "not stuck on 'Gegevens openen…'"
    assert klaar(page).model.rowCount() == 3
    assert window.beheer.afmeld_actie.isVisible()


def test_a_wrong_wachtwoordzin_keeps_the_typed_gebruikersnaam(qtbot, tmp_path):
    from test_app_start import ZIN, maak_nieuw, starter_voor

    from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog

    db = tmp_path / "jet.db"
    maak_nieuw(qtbot, db)[0].detach_store()  # the last sign-in: anouk.devries
    window, starter, _ = starter_voor(qtbot, db)
    gezien = []

    def eerste(dlg):
        dlg.gebruikersnaam.setText("bram.jansen")
        dlg.wachtwoord.setText("verkeerde zin!!")
        dlg.buttons.accepted.emit()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
        when_modal(tweede)

    def tweede(dlg):
        assert isinstance(dlg, InlogDialog)
        gezien.append((dlg.gebruikersnaam.text(), dlg.algemeen.text()))
        dlg.gebruikersnaam.setText("anouk.devries")
        dlg.wachtwoord.setText(ZIN)
        dlg.buttons.accepted.emit()

    when_modal(eerste)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    assert gezien and gezien[0][0] == "bram.jansen", gezien  # not the last successful name, not empty
    assert gezien[0][1]  # with the reason
