"""The one error dialog: what happened, what to do, where the log is, "Details kopiëren" (traceback and version,
no personal data); the hook and background work both use it; every task failure is logged with its traceback;
Help → Logboek shows the tail of the log."""

from __future__ import annotations

import logging
import sqlite3
import sys

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from jet_desktop import __version__, logboek
from jet_desktop.ui import foutdialoog
from jet_desktop.ui.workers import run_in_background

NAAM_EN_BSN = "Jan Jansen 123456782"


@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    logboek.start("debug")
    monkeypatch.setattr(foutdialoog, "_open", None)

    def tekst() -> str:
        for h in logging.getLogger(logboek.LOGGER).handlers:
            h.flush()
        return logboek.pad().read_text(encoding="utf-8") if logboek.pad().exists() else ""

    yield tekst
    if foutdialoog._open is not None and shiboken6.isValid(foutdialoog._open):
        foutdialoog._open.close()
    logboek.stop()
    logging.getLogger(logboek.LOGGER).setLevel(logging.NOTSET)


def _fout_in_een_slot():
    raise RuntimeError(NAAM_EN_BSN)


def test_an_unexpected_error_is_logged_and_shown_in_dutch_with_details_to_copy(qtbot, log):
    try:
        _fout_in_een_slot()
    except RuntimeError as exc:
        foutdialoog._haak(RuntimeError, exc, exc.__traceback__)
    dlg = foutdialoog._open
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == foutdialoog.TITEL
    assert dlg.kop.text() == "Er ging iets onverwachts mis"
    assert "(RuntimeError)" in dlg.wat.text() and "functioneel beheerder" in dlg.doen.text()
    assert str(logboek.pad()) in dlg.waar.text()  # where the log file is
    dlg.kopieer_knop.click()
    gekopieerd = QGuiApplication.clipboard().text()
    assert f"JET Desktop {__version__}" in gekopieerd and "Python" in gekopieerd
    assert "Traceback" in gekopieerd and "_fout_in_een_slot" in gekopieerd and "RuntimeError" in gekopieerd
    assert "Jansen" not in gekopieerd and "123456782" not in gekopieerd
    assert "Jansen" not in dlg.wat.text() + dlg.doen.text()
    tekst = log()
    assert "Onverwachte fout: RuntimeError" in tekst and "_fout_in_een_slot" in tekst and "Jansen" not in tekst


def test_while_the_dialog_is_open_further_errors_are_only_logged(qtbot, log):
    eerste = foutdialoog.toon_fout(RuntimeError("x"))
    assert foutdialoog.toon_fout(KeyError("y")) is None and foutdialoog._open is eerste
    assert "KeyError" in log() and "alleen gelogd" in log()
    eerste.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(eerste))  # deletes itself
    tweede = foutdialoog.toon_fout(ValueError("z"))
    assert tweede is not None and tweede.isVisible()


def test_an_own_error_shows_its_dutch_text_not_unexpected(qtbot, log):
    from jet_desktop.services.autorisatie import GeenToegang

    dlg = foutdialoog.toon_fout(GeenToegang("Geen toegang: als jeugdconsulent mag u niet het auditlog bekijken."))
    assert dlg.kop.text() == "Niet gelukt" and dlg.wat.text().startswith("Geen toegang: als jeugdconsulent")
    assert "onverwacht" not in (dlg.wat.text() + dlg.doen.text()).lower()


def test_every_task_failure_is_logged_with_its_traceback_also_with_its_own_on_error(qtbot, log):
    fouten = []

    def werk_dat_faalt(_p):
        raise KeyError(NAAM_EN_BSN)

    run_in_background(werk_dat_faalt, on_error=lambda exc, _tb: fouten.append(exc))
    qtbot.waitUntil(lambda: len(fouten) == 1)
    assert foutdialoog._open is None  # its own on_error: no dialog
    tekst = log()
    assert "Taak test_every_task_failure" in tekst and "werk_dat_faalt" in tekst and "Traceback" in tekst
    assert "KeyError" in tekst and "Jansen" not in tekst and "123456782" not in tekst

    def bezet(_p):
        raise sqlite3.OperationalError("database is locked")

    run_in_background(bezet)  # no on_error: the error dialog
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    assert "bezet door een ander programma" in foutdialoog._open.wat.text()
    assert log().count("Taak ") >= 4  # started and failed, twice (debug)


def test_work_without_on_error_that_fails_unexpectedly_shows_the_dialog(qtbot, log):
    def kapot(_p):
        return {}["sleutel"]

    run_in_background(kapot)
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    assert foutdialoog._open.kop.text() == "Er ging iets onverwachts mis"
    assert "KeyError" in foutdialoog._open.wat.text()
    assert log().count("Traceback") == 1  # logged once, in the task, not again by the dialog


@pytest.mark.qt_no_exception_capture
def test_the_application_keeps_running_after_an_error_in_a_slot(qtbot, log, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    monkeypatch.setattr(sys, "excepthook", foutdialoog._haak)
    knop = QPushButton("Doe iets")
    qtbot.addWidget(knop)
    knop.clicked.connect(_fout_in_een_slot)
    knop.show()
    qtbot.mouseClick(knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: foutdialoog._open is not None)
    assert knop.isVisible() and knop.isEnabled()
    foutdialoog._open.close()
    monkeypatch.setattr(foutdialoog, "_open", None)
    qtbot.mouseClick(knop, Qt.MouseButton.LeftButton)  # and again: a new dialog, still running
    qtbot.waitUntil(lambda: foutdialoog._open is not None)


def test_the_log_viewer_shows_the_tail_read_only(qtbot, log):
    from jet_desktop.ui.logboek_dialog import LogboekDialog
    from jet_desktop.ui.main_window import MainWindow

    logging.getLogger("jet_desktop.test").info("regel voor de kijker")
    log()
    window = MainWindow("")
    qtbot.addWidget(window)
    help_menu = window.help_menu  # He&lp
    logboek_actie, = [a for a in help_menu.actions() if a.text() == "&Logboek…"]
    logboek_actie.trigger()
    dlg = window.logboek_dialog
    assert isinstance(dlg, LogboekDialog) and dlg.tekst.isReadOnly()
    assert "regel voor de kijker" in dlg.tekst.toPlainText() and str(logboek.pad()) in dlg.waar.text()
    dlg.kopieer_knop.click()
    assert "regel voor de kijker" in QGuiApplication.clipboard().text()
    dlg.close()


def test_with_the_details_shown_every_button_fits(qtbot, log):
    """"Details verbergen" is wider than "Details tonen": the dialog grows, no button is cut off."""
    dlg = foutdialoog.FoutDialoog("Er ging iets onverwachts mis", "Wat er gebeurde.", "Wat u kunt doen.",
                                  details="Traceback (most recent call last):\n  ...")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.toon_knop.click()
    qtbot.waitUntil(lambda: dlg.toon_knop.text() == "Details verbergen")
    qtbot.waitUntil(lambda: dlg.width() >= dlg.layout().minimumSize().width(), timeout=2000)
    knoppen = (dlg.toon_knop, dlg.kopieer_knop, dlg.map_knop)
    qtbot.waitUntil(lambda: all(k.width() >= k.minimumSizeHint().width() for k in knoppen), timeout=2000)
