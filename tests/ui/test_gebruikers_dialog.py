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
