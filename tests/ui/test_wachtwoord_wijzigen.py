"""Beheer → Mijn wachtwoord wijzigen… on the team server: the medewerker's own login gets the new password at once;
a wrong current password changes nothing and says so at the field."""

import psycopg
import pytest
from sqlalchemy.engine import make_url

from jet_desktop.domain.enums import Rol
from jet_desktop.services import inloggen, teamserver
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.gebruikers_dialog import WIJZIGEN, EigenWachtwoordDialog
from jet_desktop.ui.main_window import MainWindow

WW = "Een-Lang-Wachtwoord-2026"


@pytest.fixture
def sessie(pg_url):
    teamserver.init(pg_url, "frits.beheer", "Frits Beheer", WW)
    system = Store.open(pg_url, migrate=False)
    teamserver.gebruiker(system, "ww.anouk", "Anouk de Vries", Rol.CONSULENT, WW, start=False)
    system.engine.dispose()
    url = make_url(pg_url)._replace(username=None).render_as_string(hide_password=False)
    s = inloggen.open_sessie("ww.anouk", WW, url=url)
    yield s, make_url(pg_url)
    s.engine.dispose()


def _verbind(u, wachtwoord):
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ww.anouk", password=wachtwoord)


def test_the_own_password_changes_from_the_menu_and_counts_at_once(qtbot, sessie):
    s, u = sessie
    window = MainWindow("")
    qtbot.addWidget(window)
    window.attach_store(s)
    assert window.beheer.eigen_wachtwoord_actie.isVisible()
    dlg = EigenWachtwoordDialog(WIJZIGEN, window, store=s)
    qtbot.addWidget(dlg)
    dlg.huidig.setText("niet-het-goede-1")
    dlg.nieuw.setText("Nieuw-Eigen-Wachtwoord-9")
    dlg.herhaal.setText("Nieuw-Eigen-Wachtwoord-9")
    dlg._save()
    assert dlg.errors["huidig"].text() == "Huidig wachtwoord: onjuist." and dlg.result() == 0
    _verbind(u, WW).close()  # nothing changed
    dlg.huidig.setText(WW)
    dlg._save()
    assert dlg.result() == 1
    with pytest.raises(psycopg.OperationalError):
        _verbind(u, WW)
    _verbind(u, "Nieuw-Eigen-Wachtwoord-9").close()
    s.engine.dispose()  # the session's next connections sign in with the new password
    from jet_desktop.services import caseload

    assert caseload.dossiers_van(s, s.user_id) == []
    window.detach_store()


def test_no_own_password_menu_on_a_local_encrypted_store(qtbot, sqlite_store):
    import uuid
    from dataclasses import replace

    window = MainWindow("")
    qtbot.addWidget(window)
    window.attach_store(replace(sqlite_store, user="Anouk", user_id=uuid.uuid4(), rol=Rol.CONSULENT))
    assert not window.beheer.eigen_wachtwoord_actie.isVisible()
    window.detach_store()
