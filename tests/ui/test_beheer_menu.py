"""Beheer menu on a local encrypted store: backup, restore, a new wachtwoordzin — as a user clicks them."""

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_support import VANDAAG, when_modal

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers
from jet_desktop.services.inloggen import nieuwe_gegevensset, open_sessie
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
from jet_desktop.ui.main_window import MainWindow

ZIN = "een lange wachtwoordzin"


@pytest.fixture
def venster(qtbot, tmp_path, monkeypatch):
    db = tmp_path / "jet.db"
    sessie = nieuwe_gegevensset("Anouk de Vries", "anouk", Rol.TEAMLEIDER, ZIN, pad=db)
    window = MainWindow(str(db))
    qtbot.addWidget(window)
    window.show()
    herstarts = []
    window.attach_store(sessie, VANDAAG, herstart=lambda: herstarts.append(True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    return window, db, herstarts


def namen(db, zin=ZIN):
    s = open_sessie("anouk", zin, pad=db)
    uit = {m.naam for m in medewerkers.alle(s)}
    s.engine.dispose()
    return uit


def test_backup_then_restore_brings_the_old_data_back(qtbot, venster, monkeypatch, tmp_path):
    window, db, herstarts = venster
    kopie = tmp_path / "kopie.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(kopie), ""))
    window.beheer.backup_actie.trigger()
    qtbot.waitUntil(lambda: "Reservekopie gemaakt" in window.statusBar().currentMessage(), timeout=20_000)
    assert is_versleuteld(kopie)

    medewerkers.voeg_toe(replace(window.store, rol=None), "Na De Kopie", Rol.CONSULENT)  # a change after the backup
    assert "Na De Kopie" in namen(db)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(kopie), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.beheer.herstel_actie.trigger()
    qtbot.waitUntil(lambda: herstarts == [True], timeout=20_000)  # signed out, asked to sign in again
    assert window.store is None
    assert namen(db) == {"Anouk de Vries"}
    assert list((tmp_path / "reservekopieen").glob("jet-vervangen-*.db"))  # the replaced store is kept


def test_new_wachtwoordzin_from_the_menu(qtbot, venster):
    window, db, herstarts = venster

    def vul_in(dlg):
        dlg.huidige.setText(ZIN)
        dlg.nieuw.setText("een andere lange zin")
        dlg.herhaal.setText("een andere lange zin")
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    window.beheer.rekey_actie.trigger()
    qtbot.waitUntil(lambda: herstarts == [True], timeout=30_000)
    assert namen(db, "een andere lange zin") == {"Anouk de Vries"}
    with pytest.raises(WachtwoordzinFout):
        namen(db)


def test_a_wrong_current_wachtwoordzin_changes_nothing(qtbot, venster, monkeypatch):
    window, db, herstarts = venster
    fouten = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, tekst: fouten.append(tekst))

    def vul_in(dlg):
        dlg.huidige.setText("niet de goede zin")
        dlg.nieuw.setText("een andere lange zin")
        dlg.herhaal.setText("een andere lange zin")
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    window.beheer.rekey_actie.trigger()
    qtbot.waitUntil(lambda: herstarts == [True], timeout=30_000)
    assert fouten and "Huidige wachtwoordzin: onjuist" in fouten[0] and "niets veranderd" in fouten[0]
    assert namen(db) == {"Anouk de Vries"}
    assert Path(db).exists()


def test_on_a_shared_store_everyone_changes_their_own_password(qtbot, pg_store):
    from jet_desktop.services.inloggen import InlogFout, inloggen

    systeem = pg_store
    medewerkers.voeg_toe(systeem, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord="het eerste wachtwoord")
    bram = inloggen(systeem, "bram", "het eerste wachtwoord", sleutel_bewezen=False)
    window = MainWindow("")
    qtbot.addWidget(window)
    window.attach_store(bram, VANDAAG)
    assert window.beheer.eigen_wachtwoord_actie.isVisible() and not window.beheer.rekey_actie.isVisible()
    assert not window.beheer.gebruikers_actie.isVisible()  # a consulent manages nobody else

    def vul_in(dlg):
        dlg.huidig.setText("het eerste wachtwoord")  # the current one first: not whoever walks past
        dlg.nieuw.setText("een nieuw wachtwoord")
        dlg.herhaal.setText("een nieuw wachtwoord")
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    window.beheer.eigen_wachtwoord_actie.trigger()
    assert inloggen(systeem, "bram", "een nieuw wachtwoord", sleutel_bewezen=False).user == "Bram Jansen"
    with pytest.raises(InlogFout):
        inloggen(systeem, "bram", "het eerste wachtwoord", sleutel_bewezen=False)


def test_restore_backup_and_rekey_are_in_the_audit_log(qtbot, venster, monkeypatch, tmp_path):
    from jet_desktop.services import audit

    window, db, herstarts = venster
    kopie = tmp_path / "kopie.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(kopie), ""))
    window.beheer.backup_actie.trigger()
    qtbot.waitUntil(lambda: "Reservekopie gemaakt" in window.statusBar().currentMessage(), timeout=20_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(kopie), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.beheer.herstel_actie.trigger()
    qtbot.waitUntil(lambda: herstarts == [True], timeout=20_000)
    s = open_sessie("anouk", ZIN, pad=db)
    regels = [r.omschrijving for r in audit.regels(replace(s, rol=None), None, None)]
    s.engine.dispose()
    # the restored log is the backup's; the line about the restore names the kept copy and how far its log went
    assert any(t.startswith("reservekopie kopie.db teruggezet; de vervangen gegevensset staat in jet-vervangen-")
               and "zijn auditlog liep tot regel" in t for t in regels)


def _aantal_regels(db, zin) -> int:
    from sqlalchemy import text

    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store

    s = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with s.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM auditregel")).scalar_one()
    finally:
        s.engine.dispose()


def test_each_menu_action_writes_one_audit_line_not_two(qtbot, venster, monkeypatch, tmp_path):
    """The lines come from services/reservekopie.py, not from the menu as well."""
    window, db, herstarts = venster
    voor = _aantal_regels(db, ZIN)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "kopie.db"), ""))
    window.beheer.backup_actie.trigger()
    qtbot.waitUntil(lambda: "Reservekopie gemaakt" in window.statusBar().currentMessage(), timeout=20_000)
    assert "ankerhash auditlog" in window.statusBar().currentMessage()
    assert _aantal_regels(db, ZIN) == voor + 1

    def vul_in(dlg):
        dlg.huidige.setText(ZIN)
        dlg.nieuw.setText("een andere lange zin")
        dlg.herhaal.setText("een andere lange zin")
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    window.beheer.rekey_actie.trigger()
    qtbot.waitUntil(lambda: herstarts == [True], timeout=30_000)
    assert _aantal_regels(db, "een andere lange zin") == voor + 2


def test_restore_from_the_menu_is_refused_while_another_process_has_the_store_open(qtbot, venster, monkeypatch,
                                                                                    tmp_path):
    import os
    import subprocess
    import sys

    window, db, herstarts = venster
    kopie = tmp_path / "kopie.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(kopie), ""))
    window.beheer.backup_actie.trigger()
    qtbot.waitUntil(lambda: "Reservekopie gemaakt" in window.statusBar().currentMessage(), timeout=20_000)
    root = Path(__file__).resolve().parents[2]
    houder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from jet_desktop.paths import sqlite_url; "
         "from jet_desktop.storage.store import Store; s = Store.open(sqlite_url(sys.argv[1], sys.argv[2])); "
         "c = s.engine.connect(); print('open', flush=True); sys.stdin.readline()", str(db), ZIN],
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    try:
        assert houder.stdout.readline().strip() == "open"
        fouten = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, tekst: fouten.append(tekst))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(kopie), ""))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.beheer.herstel_actie.trigger()
        qtbot.waitUntil(lambda: herstarts == [True], timeout=20_000)
        assert fouten and f"proces {houder.pid}" in fouten[0] and "sluit JET Desktop daar eerst" in fouten[0]
    finally:
        houder.kill()
        houder.wait()
    assert not list((tmp_path / "reservekopieen").glob("jet-vervangen-*.db"))  # nothing was done


def test_a_rekey_whose_audit_line_fails_does_not_say_nothing_changed(qtbot, venster, monkeypatch):
    """Adversarial (issue 9): before, the menu said "Wachtwoordzin wijzigen is niet gelukt; er is niets veranderd"
    when only the audit line failed — the store had the new wachtwoordzin already."""
    from jet_desktop.services import audit, reservekopie

    window, db, herstarts = venster
    fouten = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, tekst: fouten.append(tekst))

    def vol(*_a, **_k):
        raise reservekopie.SchijfVol("De schijf is vol: er is geen ruimte in X.")

    monkeypatch.setattr(audit, "log_in_bestand", vol)
    def vul_in(dlg):
        dlg.huidige.setText(ZIN)
        dlg.nieuw.setText("een andere lange zin")
        dlg.herhaal.setText("een andere lange zin")
        dlg.buttons.accepted.emit()

    when_modal(vul_in)
    window.beheer.rekey_actie.trigger()
    qtbot.waitUntil(lambda: bool(fouten), timeout=30_000)
    assert "niets veranderd" not in fouten[0] and "De wachtwoordzin is gewijzigd" in fouten[0]
    assert namen(db, "een andere lange zin") == {"Anouk de Vries"}
