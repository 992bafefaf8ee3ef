"""A whole demo session at log level debug leaves no personal data in the log: `jet-desktop --log-level debug
demo` into a temp folder, then in the window the wachtlijst (searched by a child's name), a dossier, a saved
contactmoment, a save that fails (a full disk), one that fails unexpectedly (its exception quotes a name and a
BSN), background work that fails; then the log is searched for every demo jeugdige, gezinslid and medewerker
name, every BSN, phone number, address and note text: none may be there."""

from __future__ import annotations

import logging
import re
import sqlite3
import sys
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select
from ui_support import when_modal

from jet_desktop import cli, logboek
from jet_desktop.services import dossiers, wachtlijst
from jet_desktop.storage import models as m
from jet_desktop.storage.store import Store
from jet_desktop.ui import foutdialoog, foutmelding
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.workers import run_in_background

NIEUWE_NOTITIE = "Huisbezoek bij Sanne Oudhof-Brink; oma Gerda past woensdag op, afspraak met mentor volgt."
NIEUWE_NAMEN = ("Oudhof-Brink", "Gerda")


def _waarden(conn, kolommen) -> set[str]:
    gevonden = set()
    for kolom in kolommen:
        for w in conn.execute(select(kolom).where(kolom.is_not(None))).scalars():
            w = str(w).strip()
            if len(w) >= 3:
                gevonden.add(w)
    return gevonden


def persoonsgegevens(store) -> set[str]:
    M, G, GL, J, A = (t.__table__ for t in (m.Medewerker, m.Gezin, m.Gezinslid, m.Jeugdige, m.Aanmelding))
    C, T, K = m.Contactmoment.__table__, m.Triagebesluit.__table__, m.Klikgesprek.__table__
    with store.engine.connect() as conn:
        waarden = _waarden(conn, [M.c.naam, M.c.gebruikersnaam, G.c.naam, GL.c.naam, GL.c.telefoon, J.c.voornaam,
                                  J.c.achternaam, J.c.bsn, J.c.adres, J.c.postcode, A.c.hulpvraag,
                                  A.c.veiligheidssignalen, A.c.steunfiguur_naam, A.c.verwijzer_contactpersoon,
                                  C.c.notitie, T.c.motivering, K.c.toelichting])
        for voornaam, achternaam in conn.execute(select(J.c.voornaam, J.c.achternaam)):
            waarden.add(f"{voornaam} {achternaam}")
    return waarden


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--log-level", "debug", "demo", "--db", "demo.db", "--jeugdigen", "50", "--seed", "4",
                     "--onversleuteld"]) == 0
    store = Store.open_file(tmp_path / "demo.db")
    M = m.Medewerker.__table__
    with store.engine.connect() as conn:
        tl = conn.execute(select(M.c.id, M.c.naam).where(M.c.rol == "teamleider")).first()
    store.user, store.user_id = tl.naam, tl.id
    yield store
    store.engine.dispose()
    logboek.stop()
    logging.getLogger(logboek.LOGGER).setLevel(logging.NOTSET)


def ok(dlg):
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.mark.qt_no_exception_capture
def test_a_debug_session_leaves_no_personal_data_in_the_log(qtbot, demo, monkeypatch):
    store = demo
    vandaag = date.today()
    monkeypatch.setattr(sys, "excepthook", foutdialoog._haak)  # as ui/app.run_gui installs it
    monkeypatch.setattr(foutdialoog, "_open", None)
    window = MainWindow(str(store.engine.url))
    qtbot.addWidget(window)
    window.show()
    window.attach_store(store, vandaag)

    # the wachtlijst, searched by a child's name
    from wachtlijst_support import klaar

    page = klaar(window.show_page("wachtlijst"))  # read on a worker
    assert page.model.rowCount() > 0
    naam = page.model.data(page.model.index(0, 1))
    qtbot.keyClicks(page.zoek, naam.split()[-1])
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1)
    page.zoek.clear()

    # a dossier, and a contactmoment saved in it
    A, M = m.Aanmelding.__table__, m.Medewerker.__table__
    with store.engine.connect() as conn:
        aanmelding_id = conn.execute(select(A.c.id).where(A.c.op_wachtlijst)).scalars().first()
        consulent_id = conn.execute(select(M.c.id).where(M.c.rol == "jeugdconsulent", M.c.actief)).scalars().first()
    dossier_id = wachtlijst.toewijzen(store, aanmelding_id, consulent_id, vandaag, vandaag)
    win = DossierWindow(store, dossier_id, vandaag, window)
    qtbot.addWidget(win)
    win.show()

    def vul_in(dlg):
        dlg.notitie.setPlainText(NIEUWE_NOTITIE)
        ok(dlg)

    when_modal(vul_in)
    win.contact_toevoegen()
    C = m.Contactmoment.__table__
    with store.engine.connect() as conn:
        assert NIEUWE_NOTITIE in conn.execute(select(C.c.notitie)).scalars().all()

    # a save that fails on a full disk: the message in the form, the input kept
    from jet_desktop.ui.dialogs.dossier_dialogs import ContactDialog

    echte = dossiers.voeg_contactmoment_toe

    def vol(*_a, **_k):
        raise sqlite3.OperationalError(f"database or disk is full: {naam} {NIEUWE_NOTITIE}")

    monkeypatch.setattr(dossiers, "voeg_contactmoment_toe", vol)
    dlg = ContactDialog(store, dossier_id, vandaag)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.notitie.setPlainText(NIEUWE_NOTITIE)
    ok(dlg)
    assert dlg.algemeen.text() == foutmelding.SCHIJF_VOL

    # a save that fails unexpectedly: its exception quotes the row (a name, a BSN)
    J = m.Jeugdige.__table__
    with store.engine.connect() as conn:
        bsn = conn.execute(select(J.c.bsn).where(J.c.bsn.is_not(None))).scalars().first()

    def kapot(*_a, **_k):
        raise RuntimeError(f"rij {naam} bsn {bsn}: {NIEUWE_NOTITIE}")

    monkeypatch.setattr(dossiers, "voeg_contactmoment_toe", kapot)
    ok(dlg)  # the exception leaves the slot: the hook logs it and shows the error dialog
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    fout = foutdialoog._open
    assert fout.kop.text() == foutdialoog.ONVERWACHT_KOP and dlg.notitie.toPlainText() == NIEUWE_NOTITIE
    gekopieerd = fout.details
    fout.close()
    monkeypatch.setattr(dossiers, "voeg_contactmoment_toe", echte)

    # background work that fails, with and without its own on_error
    fouten = []

    def werk(_p):
        raise ValueError(f"{naam} {bsn}")

    run_in_background(werk, on_error=lambda exc, _tb: fouten.append(exc))
    qtbot.waitUntil(lambda: len(fouten) == 1)
    monkeypatch.setattr(foutdialoog, "_open", None)
    run_in_background(werk)
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    foutdialoog._open.close()
    QApplication.processEvents()
    win.close()

    for h in logging.getLogger(logboek.LOGGER).handlers:
        h.flush()
    log = logboek.pad().read_text(encoding="utf-8")
    # the log is not empty: the session is in it, at debug
    for regel in ("gestart: opdracht demo", "Opslaan niet gelukt", "Onverwachte fout: RuntimeError", "Taak ",
                  "DEBUG"):
        assert regel in log, regel
    gevoelig = persoonsgegevens(store) | set(NIEUWE_NAMEN) | {NIEUWE_NOTITIE, naam, bsn}
    assert len(gevoelig) > 200  # names, BSNs, notes of 50 jeugdigen, their families and the team
    for tekst, waar in ((log, "het logboek"), (gekopieerd, "de gekopieerde details")):
        lek = sorted(w for w in gevoelig if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", tekst))
        assert not lek, f"persoonsgegevens in {waar}: {lek[:10]}"
