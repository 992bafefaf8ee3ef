"""Beheer → Codelijsten as the functioneel beheerder clicks through it (ui/dialogs/codelijsten_dialog.py)."""

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QMessageBox

from jet_desktop.domain.enums import Rol
from jet_desktop.services import codelijsten, medewerkers
from jet_desktop.services.codelijsten import Lijst
from jet_desktop.ui import onopgeslagen
from jet_desktop.ui.dialogs.codelijsten_dialog import (
    BeeindigDialog,
    CodelijstenDialog,
    CodeToevoegenDialog,
    HernoemDialog,
)

VANDAAG = date(2026, 11, 25)


def beheerder(store):
    fid = medewerkers.voeg_toe(store, "Frits Beheer", Rol.BEHEERDER)
    return replace(store, user="Frits Beheer", user_id=fid, rol=Rol.BEHEERDER)


def kies(tab, code):
    for r in range(tab.proxy.rowCount()):
        if tab.proxy.index(r, 0).data() == code:
            tab.table.selectRow(r)
            return tab.gekozen()
    raise AssertionError(code)


def tekst(tab, code, kolom):
    r = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 0).data() == code)
    return tab.proxy.index(r, kolom).data()


def test_one_tab_per_list_with_the_seeded_codes(qtbot, sqlite_store):
    dlg = CodelijstenDialog(beheerder(sqlite_store), VANDAAG)
    qtbot.addWidget(dlg)
    assert [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())] == [
        "Verwijzers", "Productcategorieën", "Intensiteiten", "Aanbieders", "Stapelingsregels"]
    verwijzers = dlg.tab[Lijst.VERWIJZERS]
    assert verwijzers.proxy.rowCount() == 14
    assert tekst(verwijzers, "huisarts", 1) == "Huisarts" and tekst(verwijzers, "huisarts", 4) == "iJw 02 Huisarts"
    assert dlg.tab[Lijst.STAPELING].proxy.index(0, 0).data() == "45 + 45 verticaal"
    assert not dlg.tab[Lijst.STAPELING].knoppen["verwijderen"].isVisibleTo(dlg)  # a rule is ended, not removed


def test_add_rename_and_end_a_code_through_the_forms(qtbot, sqlite_store, jet):
    fb = beheerder(sqlite_store)
    dlg = CodelijstenDialog(fb, VANDAAG)
    qtbot.addWidget(dlg)
    tab = dlg.tab[Lijst.AANBIEDERS]

    form = CodeToevoegenDialog(fb, Lijst.AANBIEDERS, tab)
    qtbot.addWidget(form)
    form.code_veld.setText("terp")  # taken
    form.buttons.accepted.emit()
    assert "bestaat al" in form.errors["code"].text() and "Naam: verplicht." in form.errors["omschrijving"].text()
    form.code_veld.setText("horizon")
    form.omschrijving.setText("Horizon Jeugdzorg")
    form.buttons.accepted.emit()
    assert form.result() == form.DialogCode.Accepted and form.code == "horizon"
    tab.laad("horizon")
    assert tab.gekozen().code == "horizon" and tekst(tab, "horizon", 2) == "beschikbaar"

    r = kies(tab, "horizon")
    naam = HernoemDialog(fb, Lijst.AANBIEDERS, r, tab)
    qtbot.addWidget(naam)
    naam.omschrijving.setText("Horizon Jeugd & Gezin")
    naam.buttons.accepted.emit()
    assert naam.result() == naam.DialogCode.Accepted
    tab.laad()
    assert tekst(tab, "horizon", 1) == "Horizon Jeugd & Gezin"

    einde = BeeindigDialog(fb, Lijst.AANBIEDERS, kies(tab, "horizon"), VANDAAG, tab)
    qtbot.addWidget(einde)
    einde.per.setText("31-13-2026")
    einde.buttons.accepted.emit()
    assert einde.errors["geldig_tot"].text() == "Einddatum: geen geldige datum (dd-mm-jjjj)."
    einde.per.setText("01-11-2026")
    einde.buttons.accepted.emit()
    assert einde.result() == einde.DialogCode.Accepted
    tab.laad()
    assert tekst(tab, "horizon", 2) == "beëindigd per 01-11-2026"
    assert codelijsten.lijsten(fb).aanbieder("horizon").geldig_tot == date(2026, 11, 1)


def test_a_stale_rename_is_refused_in_the_form(qtbot, sqlite_store, monkeypatch):
    fb = beheerder(sqlite_store)
    dlg = CodelijstenDialog(fb, VANDAAG)
    qtbot.addWidget(dlg)
    tab = dlg.tab[Lijst.VERWIJZERS]
    r = kies(tab, "school")
    codelijsten.hernoem(replace(fb, user="Greet Beheer"), Lijst.VERWIJZERS, r.id, r.version, "School")
    getoond = []
    monkeypatch.setattr("jet_desktop.ui.dialogs.dialog_base.toon_conflict",
                        lambda _p, exc, *_a, **_k: getoond.append(str(exc)))
    form = HernoemDialog(fb, Lijst.VERWIJZERS, r, tab)
    qtbot.addWidget(form)
    form.omschrijving.setText("School of jeugdondersteuner")
    form.buttons.accepted.emit()
    assert form.result() != form.DialogCode.Accepted
    assert "Greet Beheer" in form.algemeen.text() and getoond
    assert codelijsten.lijsten(fb).verwijzer_label("school") == "School"


def test_closing_a_changed_form_asks_first(qtbot, sqlite_store, monkeypatch):
    fb = beheerder(sqlite_store)
    gevraagd = []
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", lambda _p, waar="": gevraagd.append(waar)
                        or onopgeslagen.ANNULEREN)
    form = CodeToevoegenDialog(fb, Lijst.INTENSITEITEN, None)
    qtbot.addWidget(form)
    form.show()
    assert form.niveau.value() == 5  # one above the heaviest
    form.code_veld.setText("crisis")
    form.reject()
    assert gevraagd and form.isVisible()  # Annuleren: still open with the text
    assert form.code_veld.text() == "crisis"


def test_a_code_in_use_cannot_be_removed_but_an_unused_one_can(qtbot, sqlite_store, jet, monkeypatch):
    jet.aanmelding(sqlite_store, verwijzer_route="politie")
    fb = beheerder(sqlite_store)
    dlg = CodelijstenDialog(fb, VANDAAG)
    qtbot.addWidget(dlg)
    tab = dlg.tab[Lijst.VERWIJZERS]
    kies(tab, "politie")
    assert tekst(tab, "politie", 3) == "1×" and not tab.knoppen["verwijderen"].isEnabled()
    kies(tab, "leerplicht")
    assert tab.knoppen["verwijderen"].isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    tab.knoppen["verwijderen"].click()
    assert "leerplicht" not in [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
    assert codelijsten.lijsten(fb).verwijzer("leerplicht") is None


def test_the_beheer_menu_offers_it_to_the_functioneel_beheerder_only(qtbot, sqlite_store):
    from jet_desktop.ui.main_window import MainWindow

    for rol, zichtbaar in ((Rol.BEHEERDER, True), (Rol.CONSULENT, False), (Rol.TEAMLEIDER, False)):
        window = MainWindow()
        qtbot.addWidget(window)
        window.attach_store(replace(sqlite_store, rol=rol), VANDAAG)
        assert window.beheer.codelijsten_actie.isVisible() is zichtbaar
