"""A save that meets a store another program is writing to ("database is locked") says so in Dutch and
keeps the input; the same for a full disk. And an exception no dialog handles shows a message box."""

import errno
import sqlite3

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import event
from ui_support import VANDAAG, assign

from jet_desktop.services import dossiers
from jet_desktop.storage.models import Contactmoment
from jet_desktop.ui import foutmelding
from jet_desktop.ui.dialogs.dossier_dialogs import ContactDialog

NAAM_EN_BSN = "Jan Jansen 123456782"
NOTITIE = "Gesprek met moeder over de nachten; afspraak met school volgt."


def ok(dlg):
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def korte_wachttijd(team_store):
    """The store waits 0.2 s for a lock instead of the engine's 10 s (the test need not wait)."""
    team_store.engine.dispose()
    event.listen(team_store.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=200"))
    return team_store


def test_a_save_on_a_locked_store_shows_a_dutch_message_and_keeps_the_input(qtbot, korte_wachttijd, tmp_path):
    store = korte_wachttijd
    dossier_id = assign(store, "wacht_hoog", "Anouk de Vries")
    dlg = ContactDialog(store, dossier_id, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.notitie.setPlainText(NOTITIE)
    ander = sqlite3.connect(tmp_path / "jet.db", isolation_level=None)  # another program holds the write lock
    ander.execute("BEGIN IMMEDIATE")
    try:
        ok(dlg)
        assert dlg.algemeen.text() == foutmelding.BEZET
        assert "bezet door een ander programma" in dlg.algemeen.text() and dlg.algemeen.isVisible()
        assert dlg.isVisible() and dlg.result() == 0  # still open, not accepted
        assert dlg.notitie.toPlainText() == NOTITIE
    finally:
        ander.rollback()
        ander.close()
    ok(dlg)  # the other program is done: the same input saves
    assert dlg.result() == 1
    with store.engine.connect() as conn:
        notities = [r.notitie for r in conn.execute(Contactmoment.__table__.select())]
    assert notities == [NOTITIE]


def test_a_full_disk_at_save_keeps_the_input(qtbot, team_store, monkeypatch):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    dlg = ContactDialog(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.notitie.setPlainText(NOTITIE)

    def vol(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dossiers, "voeg_contactmoment_toe", vol)
    ok(dlg)
    assert dlg.algemeen.text() == foutmelding.SCHIJF_VOL and dlg.result() == 0
    assert dlg.notitie.toPlainText() == NOTITIE
    assert foutmelding.voor_formulier(OSError(errno.ENOSPC, "No space left on device")) == foutmelding.SCHIJF_VOL


def test_an_unhandled_exception_shows_a_dutch_message_box_without_its_text(qtbot, monkeypatch):
    from jet_desktop.ui import foutdialoog

    try:
        raise RuntimeError(NAAM_EN_BSN)  # the text may hold personal data
    except RuntimeError as exc:
        foutdialoog._haak(RuntimeError, exc, exc.__traceback__)
    dlg = foutdialoog._open  # deletes itself on close
    tekst = dlg.wat.text() + dlg.doen.text() + dlg.details
    assert dlg.kop.text() == "Er ging iets onverwachts mis" and "RuntimeError" in tekst and "Jansen" not in tekst
    assert "staat nog in het venster" in tekst
    dlg.close()


def test_background_work_fails_in_dutch_and_never_silently(qtbot, monkeypatch):
    from jet_desktop.ui.workers import NietGelukt, OSFout, run_in_background

    fouten = []

    def vol(_p):
        raise OSError(errno.ENOSPC, "No space left on device", "/media/usb/rapport.pdf")

    run_in_background(vol, on_error=lambda exc, _tb: fouten.append(exc))
    qtbot.waitUntil(lambda: len(fouten) == 1)
    assert isinstance(fouten[0], OSFout) and isinstance(fouten[0], OSError) and fouten[0].errno == errno.ENOSPC
    assert str(fouten[0]) == "De schijf is vol (/media/usb/rapport.pdf)" and fouten[0].strerror == "de schijf is vol"

    def bezet(_p):
        raise sqlite3.OperationalError("database is locked")

    run_in_background(bezet, on_error=lambda exc, _tb: fouten.append(exc))
    qtbot.waitUntil(lambda: len(fouten) == 2)
    assert isinstance(fouten[1], NietGelukt) and "bezet door een ander programma" in str(fouten[1])

    from jet_desktop.ui import foutdialoog

    monkeypatch.setattr(foutdialoog, "_open", None)
    run_in_background(bezet)  # no on_error: the error dialog, not nothing
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    assert "bezet door een ander programma" in foutdialoog._open.wat.text()
    foutdialoog._open.close()
