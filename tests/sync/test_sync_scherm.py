"""The window and offline work (issue 13), pytest-qt offscreen against a real team server: the offline status
line; Synchroniseren on a worker, automatic sync; a conflict resolved both ways and with a merged text in
*Conflicten*; a geweigerd change shown and handled; *Caseload meenemen* from the window."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from teamserver.team import WW

from jet_desktop.services import conflicten, correcties, dossiers, synchroniseren
from jet_desktop.storage.models import Contactmoment, SyncConflict
from jet_desktop.ui import synchronisatie
from jet_desktop.ui.dialogs.conflicten_dialog import ConflictenDialog
from jet_desktop.ui.dialogs.geweigerd_dialog import GeweigerdDialog
from jet_desktop.ui.dialogs.meenemen_dialog import MeenemenDialog
from jet_desktop.ui.main_window import MainWindow
from sync.laptops import WZ, meenemen, op_server, open_laptop, raw, sync

VANDAAG = date(2026, 11, 25)


def test_the_status_bar_shows_offline_pending_and_geweigerd(qtbot, server, tmp_path):
    laptop = open_laptop(meenemen(server, "anouk", tmp_path / "laptop.db"), "anouk")
    w = MainWindow()
    qtbot.addWidget(w)
    w.attach_store(laptop, VANDAAG)
    qtbot.waitUntil(lambda: "Offline (laptop)" in w.offline_label.text(), timeout=10000)
    assert w.offline_label.isVisibleTo(w)
    assert "laatste volledige synchronisatie" in w.offline_label.text() and "Alles verzonden" in w.offline_label.text()
    dossiers.voeg_contactmoment_toe(laptop, server.eigen, VANDAAG, "huisbezoek", 30, "Bij het gezin.", VANDAAG)
    w._counts()
    qtbot.waitUntil(lambda: "1 wachtend" in w.offline_label.text(), timeout=10000)
    with server.admin() as c:  # reassigned meanwhile: the server refuses the note, the window says so
        c.execute("UPDATE dossier SET consulent_id = %s WHERE id = %s", (server.ids["bram"], server.eigen))
    sync(server, laptop, "anouk")
    w._counts()
    qtbot.waitUntil(lambda: "1 geweigerd" in w.offline_label.text(), timeout=10000)
    assert "0 wachtend" in w.offline_label.text()
    w.close()
    laptop.engine.dispose()


def test_an_office_store_shows_no_offline_status(qtbot, sqlite_store, jet):
    w = MainWindow()
    qtbot.addWidget(w)
    w.attach_store(sqlite_store, VANDAAG)
    assert not w.offline_label.isVisibleTo(w)
    assert "S&ynchronisatie" not in [a.text() for a in w.menuBar().actions()]  # nothing to sync on an office file
    w.close()


# -- the Synchronisatie menu, the Conflicten and Geweigerd screens, Caseload meenemen ---------------------------

CM, C = Contactmoment.__table__, SyncConflict.__table__


@pytest.fixture
def anouk(server, tmp_path):
    laptop = open_laptop(meenemen(server, "anouk", tmp_path / "laptop.db"), "anouk")
    yield laptop
    laptop.engine.dispose()


def _venster(qtbot, store) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.attach_store(store, VANDAAG)
    return w


def _twee_conflicten(server, anouk):
    """The teamleider and the laptop both change the note and the duration of Eva's contactmoment."""
    with anouk.engine.connect() as conn:
        cm, versie = conn.execute(select(CM.c.id, CM.c.version).where(CM.c.dossier_id == server.eigen)).one()
    tessa = op_server(server, "tessa")
    try:
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 45, "Notitie van de teamleider."), VANDAAG, "aangevuld")
    finally:
        tessa.engine.dispose()
    correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
        VANDAAG, "huisbezoek", 90, "Notitie van de laptop."), VANDAAG, "na huisbezoek")
    assert sync(server, anouk, "anouk").conflicten == 1  # one edit, two fields in conflict
    assert synchroniseren.status(anouk).conflicten == 2
    return cm


def test_a_conflict_resolved_both_ways_in_the_conflicten_screen(qtbot, server, anouk):
    cm = _twee_conflicten(server, anouk)
    dlg = ConflictenDialog(anouk)  # on the laptop: the consulent takes the laptop's note
    qtbot.addWidget(dlg)
    assert [c.veld for c in dlg.conflicten] and {c.veld for c in dlg.conflicten} == {"notitie", "duur_minuten"}
    rij = [c.veld for c in dlg.conflicten].index("notitie")
    dlg.tabel.selectRow(rij)
    assert not dlg.oplossen.isEnabled()  # nothing chosen yet: nothing can be saved
    veldrij = dlg.widget.rijen["notitie"]
    assert veldrij.neem_ander.text() == "Waarde van de teamserver houden"
    assert "Notitie van de teamleider." in veldrij.kolommen[1].toPlainText()
    assert "Notitie van de laptop." in veldrij.kolommen[2].toPlainText()
    veldrij.neem_mijn.click()
    assert dlg.oplossen.isEnabled()
    dlg.oplossen.click()
    assert "Opgelost" in dlg.melding.text() and [c.veld for c in dlg.conflicten] == ["duur_minuten"]
    with anouk.engine.connect() as conn:
        assert conn.execute(select(CM.c.notitie).where(CM.c.id == cm)).scalar_one() == "Notitie van de laptop."
    assert synchroniseren.status(anouk).wachtend >= 1  # the resolution goes to the server with the next sync
    sync(server, anouk, "anouk")
    assert server.rij(CM, cm, "notitie") == "Notitie van de laptop."

    tessa = op_server(server, "tessa")  # on the team server: the teamleider keeps the server's duration
    try:
        w = _venster(qtbot, tessa)
        qtbot.waitUntil(lambda: "1 conflict van offline werk" in w.offline_label.text(), timeout=10000)
        assert w.synchronisatie.conflicten_actie.isVisible() and w.synchronisatie.meenemen_actie is not None
        dlg2 = ConflictenDialog(tessa)
        qtbot.addWidget(dlg2)
        assert [c.veld for c in dlg2.conflicten] == ["duur_minuten"] and dlg2.conflicten[0].dossiernummer
        dlg2.widget.rijen["duur_minuten"].neem_ander.click()
        dlg2.oplossen.click()
        assert dlg2.conflicten == [] and "Er zijn geen open conflicten" not in dlg2.melding.text()
        assert conflicten.aantal_open(tessa) == 0
        w.close()
    finally:
        tessa.engine.dispose()
    assert server.rij(CM, cm, "duur_minuten") == 45
    with server.system.engine.connect() as conn:
        uit = dict(conn.execute(select(C.c.veld, C.c.oplossing).where(C.c.record_id == cm)).all())
    assert uit == {"notitie": "laptop", "duur_minuten": "server"}


def test_a_merged_text_is_kept_and_a_resolved_conflict_cannot_be_resolved_twice(qtbot, server, anouk):
    cm = _twee_conflicten(server, anouk)
    dlg = ConflictenDialog(anouk)
    qtbot.addWidget(dlg)
    dlg.tabel.selectRow([c.veld for c in dlg.conflicten].index("notitie"))
    rij = dlg.widget.rijen["notitie"]
    rij.neem_ander.click()
    rij.samen.setPlainText("Notitie van de teamleider. Aangevuld na het huisbezoek.")
    dlg.oplossen.click()
    with anouk.engine.connect() as conn:
        assert conn.execute(select(CM.c.notitie).where(CM.c.id == cm)).scalar_one() == (
            "Notitie van de teamleider. Aangevuld na het huisbezoek.")
    oud = ConflictenDialog(anouk)  # a second screen opened before: its duur conflict is resolved meanwhile
    qtbot.addWidget(oud)
    dlg.tabel.selectRow(0)
    dlg.widget.rijen["duur_minuten"].neem_mijn.click()
    dlg.oplossen.click()
    oud.tabel.selectRow(0)
    oud.widget.rijen["duur_minuten"].neem_ander.click()
    oud.oplossen.click()
    assert "al opgelost" in oud.melding.text() and oud.conflicten == []
    with anouk.engine.connect() as conn:
        assert conn.execute(select(CM.c.duur_minuten).where(CM.c.id == cm)).scalar_one() == 90  # the first choice


def test_a_geweigerd_change_is_shown_copied_and_handled_never_dropped(qtbot, server, anouk):
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Na de overdracht.", VANDAAG)
    with server.admin() as c:
        c.execute("UPDATE dossier SET consulent_id = %s WHERE id = %s", (server.ids["bram"], server.eigen))
    sync(server, anouk, "anouk")
    dlg = GeweigerdDialog(anouk)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 1
    assert "caseload" in dlg.model.data(dlg.model.index(0, 3))
    with anouk.engine.connect() as conn:
        nummer = conn.exec_driver_sql("SELECT client FROM auditregel WHERE objecttype = 'contactmoment' "
                                      "ORDER BY volgnummer DESC").scalar()
    # the dossier left the laptop; its number is the one the laptop's own audit line of the write named
    assert nummer and dlg.model.data(dlg.model.index(0, 2)) == nummer
    tekst = dlg.details.toPlainText()
    assert "Na de overdracht." in tekst and "Reden van de teamserver" in tekst and "Contactmoment (nieuw)" in tekst
    assert "Dossier id" not in tekst and "Created at" not in tekst  # no bookkeeping columns
    dlg.kopieer.click()
    from PySide6.QtWidgets import QApplication

    assert "Na de overdracht." in QApplication.clipboard().text()
    dlg.handel_af(bevestigd=True)
    assert dlg.model.rowCount() == 0 and synchroniseren.status(anouk).geweigerd == 0
    with raw(anouk).engine.connect() as conn:  # kept as a row, marked handled
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_geweigerd WHERE afgehandeld_at IS NOT NULL").scalar() == 1


def test_the_synchroniseren_button_syncs_on_a_worker_and_automatic_sync_needs_no_second_password(
        qtbot, server, anouk, monkeypatch):
    gevraagd = []
    monkeypatch.setattr(synchronisatie, "vraag_wachtwoord", lambda _p, naam: gevraagd.append(naam) or WW)
    w = _venster(qtbot, anouk)
    s = w.synchronisatie
    assert s.sync_actie in w.toolbar.actions() and s.meenemen_actie is None
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus.index("S&ynchronisatie") == menus.index("Be&heer") - 1
    assert [a.text() for a in s.menu.actions() if a.isVisible() and not a.isSeparator()] == [
        "&Synchroniseren", "&Automatisch synchroniseren als de teamserver bereikbaar is", "&Conflicten…",
        "&Geweigerde wijzigingen…"]
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Uit het venster.", VANDAAG)
    s.automatisch_actie.setChecked(True)
    assert synchroniseren.automatisch(anouk)
    with qtbot.waitSignal(s.klaar, timeout=60000) as klaar:
        s.sync_actie.trigger()
        assert s.bezig and not s.sync_actie.isEnabled() and not s.voortgang.isHidden()  # on a worker: we are here
    assert klaar.args[0] is not None and klaar.args[0].toegepast == 1 and gevraagd == ["anouk"]
    qtbot.waitUntil(lambda: "Alles verzonden" in w.offline_label.text(), timeout=10000)
    assert "Gesynchroniseerd: 1 wijziging(en) verzonden" in w.statusBar().currentMessage()
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "telefonisch", 10, "Vanzelf.", VANDAAG)
    with qtbot.waitSignal(s.klaar, timeout=60000) as klaar:  # the timer's turn: no question asked
        s._automatisch_proberen()
    assert klaar.args[0].toegepast == 1 and gevraagd == ["anouk"]
    with server.admin() as c:
        assert c.execute("SELECT count(*) FROM contactmoment WHERE notitie IN ('Uit het venster.', 'Vanzelf.')"
                         ).fetchone()[0] == 2
    w.close()


def test_a_wrong_password_or_a_stopped_server_loses_nothing_and_says_so(qtbot, server, anouk, monkeypatch):
    from jet_desktop.ui import foutdialoog

    getoond = []
    monkeypatch.setattr(foutdialoog, "toon_fout", lambda exc, *a, **k: getoond.append(str(exc)))
    monkeypatch.setattr(synchronisatie, "vraag_wachtwoord", lambda _p, _n: "fout-wachtwoord")
    w = _venster(qtbot, anouk)
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Blijft bewaard.", VANDAAG)
    with qtbot.waitSignal(w.synchronisatie.klaar, timeout=60000) as klaar:
        w.synchronisatie.synchroniseer()
    assert klaar.args[0] is None and getoond and "wachtwoord" in getoond[0].lower()
    assert w.synchronisatie.sync_actie.isEnabled() and synchroniseren.status(anouk).wachtend == 1
    monkeypatch.setattr(synchronisatie, "vraag_wachtwoord", lambda _p, _n: None)  # Annuleren: nothing starts
    assert not w.synchronisatie.synchroniseer()
    w.close()


def test_caseload_meenemen_from_the_window(qtbot, server, tmp_path):
    sessie = op_server(server, "anouk")
    try:
        dlg = MeenemenDialog(sessie)
        qtbot.addWidget(dlg)
        dlg.bestand.setText(str(tmp_path / "nieuw.db"))
        dlg.wachtwoordzin.setText("kort")
        dlg.herhaal.setText("kort")
        dlg.start.click()
        assert dlg.fout_ww.isVisibleTo(dlg) and not (tmp_path / "nieuw.db").exists()
        dlg.wachtwoordzin.setText(WZ)
        dlg.herhaal.setText(WZ)
        dlg.start.click()
        assert dlg.bezig
        qtbot.waitUntil(lambda: dlg.meegenomen is not None, timeout=60000)
        assert dlg.meegenomen.dossiers == 2 and "2 dossier(s) meegenomen" in dlg.melding.text()
        assert not dlg.bezig and dlg.wachtwoordzin.text() == ""
    finally:
        sessie.engine.dispose()
    laptop = open_laptop(tmp_path / "nieuw.db", "anouk")
    try:
        assert synchroniseren.laptop(laptop) is not None and synchroniseren.status(laptop).alles_verzonden
    finally:
        laptop.engine.dispose()
