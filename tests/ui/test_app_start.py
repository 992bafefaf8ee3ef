"""Starting the application: a new store is created encrypted, sign-in refuses a wrong
wachtwoordzin without touching the file, demo data is offered on an empty store."""

import hashlib

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui_support import when_modal

from jet_desktop.storage.bestand import is_versleuteld
from jet_desktop.ui import app as app_module
from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog, NieuweGegevenssetDialog
from jet_desktop.ui.main_window import MainWindow

ZIN = "een lange wachtwoordzin"


def starter_voor(qtbot, pad, answer=False, url=None):
    window = MainWindow(str(pad or ""))
    qtbot.addWidget(window)
    window.show()
    starter = app_module.Starter(window, app_module.date(2026, 11, 25), pad=pad, url=url)
    asked = []
    starter.ask_demo = lambda: asked.append(True) or answer
    starter.automatisch = None
    return window, starter, asked


def maak_nieuw(qtbot, pad, answer=False):
    """First start: fill in the new-store dialog as a user would."""
    window, starter, asked = starter_voor(qtbot, pad, answer)

    def vul_in(dlg):
        assert isinstance(dlg, NieuweGegevenssetDialog)
        dlg.naam.setText("Anouk de Vries")
        assert dlg.gebruikersnaam.text() == "anouk.devries"  # proposed from the name
        dlg.wachtwoord.setText(ZIN)
        dlg.herhaal.setText(ZIN)
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    return window, asked


def meld_aan(qtbot, pad, pogingen, answer=False, url=None):
    """Sign in through the dialog with each (gebruikersnaam, wachtwoord) in turn; returns the window
    and the error messages the dialog showed."""
    window, starter, asked = starter_voor(qtbot, pad, answer, url)
    fouten, rest = [], list(pogingen)

    def vul_in(dlg):
        assert isinstance(dlg, InlogDialog)
        if dlg.algemeen.text():
            fouten.append(dlg.algemeen.text())
        naam, ww = rest.pop(0)
        dlg.gebruikersnaam.setText(naam)
        dlg.wachtwoord.setText(ww)
        dlg.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not dlg.bezig, timeout=30_000)  # the team server: connecting in the dialog
        if rest and dlg.isVisible():  # refused by the team server: the same dialog, with its message
            vul_in(dlg)
            return
        if rest:  # the next sign-in dialog: a new one (it may be up before this one's exec() has returned)
            def volgende():
                nieuw = QApplication.activeModalWidget()
                if nieuw is None or nieuw is dlg:
                    QTimer.singleShot(10, volgende)
                    return
                vul_in(nieuw)

            QTimer.singleShot(0, volgende)

    when_modal(vul_in)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    return window, fouten, asked


def test_first_start_creates_an_encrypted_store_and_signs_in(qtbot, tmp_path):
    db = tmp_path / "nieuw" / "jet.db"
    db.parent.mkdir()
    window, asked = maak_nieuw(qtbot, db)
    assert is_versleuteld(db) is True
    assert asked == [True]  # an empty store: demo data offered
    assert "Anouk de Vries (teamleider)" in window.aangemeld.text()
    assert window.nav.isEnabled() and window.stack.currentWidget() is window.pages["wachtlijst"]
    assert window.pages["wachtlijst"].model.rowCount() == 0


def test_wrong_wachtwoordzin_is_refused_and_the_file_is_untouched(qtbot, tmp_path):
    db = tmp_path / "jet.db"
    window, _ = maak_nieuw(qtbot, db)
    window.detach_store()
    voor = hashlib.sha256(db.read_bytes()).hexdigest()
    window2, fouten, _ = meld_aan(qtbot, db, [("anouk.devries", "verkeerde zin!!"), ("anouk.devries", ZIN)])
    assert fouten and "wachtwoordzin is onjuist" in fouten[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == voor or is_versleuteld(db)
    assert "Anouk de Vries" in window2.aangemeld.text()


def test_unknown_user_is_refused(qtbot, tmp_path):
    db = tmp_path / "jet.db"
    maak_nieuw(qtbot, db)[0].detach_store()
    _w, fouten, _ = meld_aan(qtbot, db, [("piet", ZIN), ("anouk.devries", ZIN)])
    assert fouten == ["Onbekende gebruikersnaam of onjuist wachtwoord."]


@pytest.fixture
def demo_db(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_JEUGDIGEN", 300)
    db = tmp_path / "jet.db"
    window, asked = maak_nieuw(qtbot, db, answer=True)
    from wachtlijst_support import klaar

    assert klaar(window.pages["wachtlijst"]).model.rowCount() > 0  # read on a worker
    window.detach_store()
    return db


def demo_naam(db, rol):
    from jet_desktop.paths import sqlite_url
    from jet_desktop.services.medewerkers import demo_aanmeldnamen
    from jet_desktop.storage.store import Store

    store = Store.open(sqlite_url(db, ZIN))
    naam = next(n.split()[0] for n in demo_aanmeldnamen(store) if rol in n)
    store.engine.dispose()
    return naam


def test_roles_decide_what_the_window_shows(qtbot, demo_db):
    consulent, _, asked = meld_aan(qtbot, demo_db, [(demo_naam(demo_db, "jeugdconsulent"), ZIN)], answer=True)
    assert asked == []  # not empty: no demo offered again
    assert set(consulent.pages) == {"triage", "wachtlijst", "caseload", "monitor", "matched_care"}
    assert not consulent.beheer.gebruikers_actie.isVisible() and not consulent.beheer.audit_actie.isVisible()
    assert not consulent.instellingen_action.isEnabled()
    consulent.detach_store()

    beheerder, _, _ = meld_aan(qtbot, demo_db, [(demo_naam(demo_db, "functioneel beheerder"), ZIN)])
    assert set(beheerder.pages) == {"monitor", "matched_care"}  # no casework
    assert beheerder.nav.item(1).isHidden()  # Wachtlijst
    assert beheerder.beheer.gebruikers_actie.isVisible() and beheerder.beheer.audit_actie.isVisible()
    assert beheerder.instellingen_action.isEnabled()


def test_first_start_of_the_day_makes_a_reservekopie(qtbot, tmp_path):
    db = tmp_path / "jet.db"
    window, _ = maak_nieuw(qtbot, db)
    kopie = tmp_path / "reservekopieen" / "jet-20261125.db"
    qtbot.waitUntil(kopie.exists, timeout=20_000)
    qtbot.waitUntil(lambda: "Reservekopie van vandaag" in window.statusBar().currentMessage(), timeout=5_000)
    assert is_versleuteld(kopie) is True  # the copy is as encrypted as the store
    window.detach_store()
    meld_aan(qtbot, db, [("anouk.devries", ZIN)])  # the same day again: no second copy
    assert [p.name for p in (tmp_path / "reservekopieen").iterdir()] == ["jet-20261125.db"]


def test_shared_store_signs_in_with_the_personal_password(qtbot, pg_store, pg_url):
    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import medewerkers

    medewerkers.voeg_toe(pg_store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord="bram zijn wachtwoord")
    window, fouten, _ = meld_aan(qtbot, None, [("bram", "niet zijn wachtwoord"), ("bram", "bram zijn wachtwoord")],
                                 url=pg_url)
    assert fouten == ["Onbekende gebruikersnaam of onjuist wachtwoord."]
    assert "Bram Jansen (jeugdconsulent)" in window.aangemeld.text()
    assert window.store.engine.dialect.name == "postgresql"
    window.detach_store()  # its workers done before the database is dropped


def test_the_start_finishes_an_interrupted_encryption_and_warns_about_other_keys(qtbot, tmp_path, monkeypatch):
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.backup import maak_backup
    from jet_desktop.storage.store import Store

    db = tmp_path / "jet.db"
    maak_nieuw(qtbot, db)[0].detach_store()
    map_ = tmp_path / "reservekopieen"
    map_.mkdir(exist_ok=True)
    for naam, zin in (("plat", None), ("ander", "een heel andere zin")):
        Store.open(sqlite_url(tmp_path / f"{naam}.db", zin)).engine.dispose()
    plat = maak_backup(tmp_path / "plat.db", map_ / "jet-20261101.db")  # left plain by an interrupted run
    ander = maak_backup(tmp_path / "ander.db", map_ / "jet-20261102.db", "een heel andere zin")
    gezien = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda _w, _t, tekst: gezien.append(tekst))
    meld_aan(qtbot, db, [("anouk.devries", ZIN)])
    qtbot.waitUntil(lambda: bool(gezien), timeout=30_000)
    assert is_versleuteld(plat) is True  # finished at the start
    assert ander.name in gezien[0] and "opent niet met de huidige wachtwoordzin" in gezien[0]
    assert plat.name not in gezien[0]
