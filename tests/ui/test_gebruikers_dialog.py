"""Gebruikersbeheer as the functioneel beheerder clicks through it."""

from dataclasses import replace

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers
from jet_desktop.ui.dialogs.gebruikers_dialog import GebruikerDialog, GebruikersDialog


def test_beheerder_adds_a_user_and_a_bad_form_names_the_field(qtbot, sqlite_store):
    beheer = replace(sqlite_store, rol=Rol.BEHEERDER)
    medewerkers.voeg_toe(beheer, "Bram Jansen", Rol.CONSULENT)
    medewerkers.voeg_toe(beheer, "Anouk de Vries", Rol.TEAMLEIDER)
    lijst = GebruikersDialog(beheer)
    qtbot.addWidget(lijst)
    assert [lijst.proxy.index(r, 0).data() for r in range(lijst.proxy.rowCount())] == ["Anouk de Vries", "Bram Jansen"]

    form = GebruikerDialog(beheer, None, lijst)
    qtbot.addWidget(form)
    form.naam.setText("Şeyma Yıldız")
    form.gebruikersnaam.setText("bram.jansen")  # taken
    form.wachtwoord.setText("kort")
    form.buttons.accepted.emit()
    assert "al in gebruik" in form.errors["gebruikersnaam"].text()
    assert "minstens 10 tekens" in form.errors["wachtwoord"].text()
    assert len(medewerkers.gebruikers(beheer)) == 2  # nothing saved

    form.gebruikersnaam.setText("")  # made from the name
    form.wachtwoord.setText("een sterk wachtwoord")
    form.rol.setCurrentIndex(form.rol.findText("Teamleider"))
    form.buttons.accepted.emit()
    assert form.result() == form.DialogCode.Accepted
    lijst.laad()
    nieuw = next(g for g in medewerkers.gebruikers(beheer) if g.naam == "Şeyma Yıldız")
    assert (nieuw.gebruikersnaam, nieuw.rol, nieuw.heeft_wachtwoord) == ("seyma.yildiz", Rol.TEAMLEIDER, True)
    assert lijst.proxy.rowCount() == 3


def test_switching_off_a_consulent_with_active_dossiers_shows_the_count(qtbot, sqlite_store, jet):
    beheer = replace(sqlite_store, rol=Rol.BEHEERDER)
    bram, anouk = jet.consulent(sqlite_store, "Bram Jansen"), jet.consulent(sqlite_store, "Anouk de Vries")
    jet.dossier(sqlite_store, bram)
    jet.dossier(sqlite_store, anouk, tweede_consulent_id=bram)
    lijst = GebruikersDialog(beheer)
    qtbot.addWidget(lijst)
    g = next(g for g in medewerkers.gebruikers(beheer) if g.id == bram)
    form = GebruikerDialog(beheer, g, lijst)
    qtbot.addWidget(form)
    form.actief.setChecked(False)
    form.buttons.accepted.emit()
    assert form.errors["actief"].text() == ("Uitschakelen kan niet: Bram Jansen heeft nog 1 actief dossier (en is "
                                            "tweede persoon bij 1); draag ze eerst over via Caseload herverdelen.")
    assert form.result() != form.DialogCode.Accepted
    assert next(g for g in medewerkers.gebruikers(beheer) if g.id == bram).actief


def test_refused_self_escalation_and_start_passwords_in_the_dialog(qtbot, sqlite_store):
    frits = medewerkers.voeg_toe(sqlite_store, "Frits Beheer", Rol.BEHEERDER)
    beheer = replace(sqlite_store, user="Frits Beheer", user_id=frits, rol=Rol.BEHEERDER)
    lijst = GebruikersDialog(beheer)
    qtbot.addWidget(lijst)

    form = GebruikerDialog(beheer, None, lijst)  # a teamleider account on his own name
    qtbot.addWidget(form)
    form.naam.setText("Frits Beheer")
    form.gebruikersnaam.setText("frits.tl")
    form.rol.setCurrentIndex(form.rol.findText("Teamleider"))
    form.wachtwoord.setText("een sterk wachtwoord")
    form.buttons.accepted.emit()
    assert "geen account met de rol teamleider op uw eigen naam" in form.errors["naam"].text()

    tweede = medewerkers.voeg_toe(beheer, "F. Beheer", Rol.BEHEERDER, wachtwoord="een sterk wachtwoord")
    lijst.laad()
    rij = next(r for r in range(lijst.proxy.rowCount()) if lijst.proxy.index(r, 0).data() == "F. Beheer")
    assert lijst.proxy.index(rij, 5).data() == "startwachtwoord"
    g = next(g for g in medewerkers.gebruikers(beheer) if g.id == tweede)
    form = GebruikerDialog(beheer, g, lijst)
    qtbot.addWidget(form)
    form.rol.setCurrentIndex(form.rol.findText("Teamleider"))
    form.buttons.accepted.emit()
    assert form.errors["rol"].text().startswith("Rol: een account van een functioneel beheerder krijgt geen rol met dossiertoegang")


def test_the_own_password_dialog_checks_both_fields(qtbot):
    from jet_desktop.ui.dialogs.gebruikers_dialog import EigenWachtwoordDialog

    dlg = EigenWachtwoordDialog("U meldt zich aan met een startwachtwoord")
    qtbot.addWidget(dlg)
    dlg.nieuw.setText("mijn eigen wachtwoord")
    dlg.herhaal.setText("mijn eigen wachtwoord!")
    dlg.buttons.accepted.emit()
    assert dlg.errors["herhaal"].text() == "Herhaal: de twee wachtwoorden verschillen."
    dlg.herhaal.setText("mijn eigen wachtwoord")
    dlg.buttons.accepted.emit()
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.waarde() == "mijn eigen wachtwoord"


def test_signing_in_with_a_start_password_asks_for_ones_own(qtbot, pg_store, pg_url):
    from PySide6.QtWidgets import QApplication
    from ui_support import when_modal

    from jet_desktop.services import inloggen
    from jet_desktop.ui import app as app_module
    from jet_desktop.ui.dialogs.gebruikers_dialog import EigenWachtwoordDialog
    from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog
    from jet_desktop.ui.main_window import MainWindow

    beheer = replace(pg_store, rol=Rol.BEHEERDER, user="Frits Beheer")
    medewerkers.voeg_toe(beheer, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord="start wachtwoord 1")
    window = MainWindow("")
    qtbot.addWidget(window)
    window.show()
    starter = app_module.Starter(window, app_module.date(2026, 11, 25), url=pg_url)
    starter.ask_demo, starter.automatisch = (lambda: False), None
    gezien = []

    def aanmelden(dlg):
        assert isinstance(dlg, InlogDialog)
        dlg.gebruikersnaam.setText("bram")
        dlg.wachtwoord.setText("start wachtwoord 1")
        dlg.buttons.accepted.emit()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
        when_modal(eigen)

    def eigen(dlg):
        assert isinstance(dlg, EigenWachtwoordDialog)
        gezien.append(dlg.windowTitle())
        dlg.nieuw.setText("bram zijn eigen wachtwoord")
        dlg.herhaal.setText("bram zijn eigen wachtwoord")
        dlg.buttons.accepted.emit()

    when_modal(aanmelden)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    assert gezien == ["Eigen wachtwoord kiezen"]
    assert "Bram Jansen (jeugdconsulent)" in window.aangemeld.text()
    assert inloggen.inloggen(pg_store, "bram", "bram zijn eigen wachtwoord", sleutel_bewezen=False).user == "Bram Jansen"


def test_a_teamleider_is_shown_what_a_beheerder_did_to_casework_accounts(qtbot, pg_store, pg_url):
    from PySide6.QtWidgets import QApplication, QMessageBox
    from ui_support import when_modal

    from jet_desktop.services import inloggen
    from jet_desktop.ui import app as app_module
    from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog
    from jet_desktop.ui.main_window import MainWindow

    medewerkers.voeg_toe(pg_store, "Ilse Leider", Rol.TEAMLEIDER, gebruikersnaam="ilse", wachtwoord="ilse haar wachtwoord")
    inloggen.inloggen(pg_store, "ilse", "ilse haar wachtwoord", sleutel_bewezen=False)  # her previous sign-in
    beheer = replace(pg_store, rol=Rol.BEHEERDER, user="Frits Beheer")
    medewerkers.voeg_toe(beheer, "Nieuwe Leider", Rol.TEAMLEIDER, gebruikersnaam="nieuw", wachtwoord="start wachtwoord 1")

    window = MainWindow("")
    qtbot.addWidget(window)
    window.show()
    starter = app_module.Starter(window, app_module.date(2026, 11, 25), url=pg_url)
    starter.ask_demo, starter.automatisch = (lambda: False), None
    getoond = []

    def aanmelden(dlg):
        assert isinstance(dlg, InlogDialog)
        dlg.gebruikersnaam.setText("ilse")
        dlg.wachtwoord.setText("ilse haar wachtwoord")
        dlg.buttons.accepted.emit()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
        when_modal(melding)

    def melding(dlg):
        assert isinstance(dlg, QMessageBox)
        getoond.append((dlg.windowTitle(), dlg.text()))
        dlg.accept()

    when_modal(aanmelden)
    starter.start()
    qtbot.waitUntil(lambda: bool(getoond), timeout=60_000)
    qtbot.waitUntil(lambda: "Ilse Leider" in window.aangemeld.text(), timeout=10_000)
    titel, tekst = getoond[0]
    assert titel == "Accounts gewijzigd door de functioneel beheerder"
    assert "Frits Beheer (functioneel beheerder): gebruiker nieuw toegevoegd als teamleider, met startwachtwoord" in tekst
