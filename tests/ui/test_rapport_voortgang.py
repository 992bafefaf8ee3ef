"""Long reports in the GUI (issue 11): made off the GUI thread with a progress dialog that has
Annuleren; the window keeps responding; a cancel leaves no file and says so in Dutch."""

import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from ui_support import VANDAAG

from jet_desktop.reports import wachtlijstrapport
from jet_desktop.reports.voortgang import Geannuleerd
from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage
from jet_desktop.ui.rapport_voortgang import GEANNULEERD_TEKST, maak_met_voortgang


def _annuleren(dialog):
    (knop,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Annuleren"]
    knop.click()


def _berichten(monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: seen.append(a[2])))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: seen.append(a[2])))
    return seen


def test_progress_shown_gui_never_blocks_and_annuleren_stops_the_work(qtbot, monkeypatch):
    seen = _berichten(monkeypatch)
    parent = QWidget()
    qtbot.addWidget(parent)
    ticks, done = [], []

    def werk(voortgang, geannuleerd):
        for i in range(1000):
            voortgang(i, 1000, "Rijen opmaken")
            if geannuleerd():
                raise Geannuleerd()
            time.sleep(0.005)
        return "klaar"

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    dialog = maak_met_voortgang(parent, werk, "Rapport maken…", done.append)
    assert dialog.labelText() == "Rapport maken…" and dialog.maximum() == 0
    qtbot.waitUntil(lambda: dialog.value() >= 50, timeout=10000)  # progress reaches the dialog
    assert dialog.maximum() == 1000 and "van 1.000 rijen" in dialog.labelText()
    _annuleren(dialog)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    timer.stop()
    assert seen == [GEANNULEERD_TEKST] and not done
    assert len(ticks) > 10  # the GUI thread kept running the timer while the work ran
    assert max(b - a for a, b in zip(ticks, ticks[1:])) < 1.0


def test_progress_reaches_the_total_when_finished(qtbot, monkeypatch):
    _berichten(monkeypatch)
    parent = QWidget()
    qtbot.addWidget(parent)
    done = []

    def werk(voortgang, _geannuleerd):
        for i in range(0, 101, 10):
            voortgang(i, 100, "Rijen opmaken")
        return 42

    dialog = maak_met_voortgang(parent, werk, "Rapport maken…", done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done == [42] and "100 van 100 rijen" in dialog.labelText() and not dialog.isVisible()


def test_wachtlijst_opslaan_als_pdf_cancelled_leaves_no_file(qtbot, team_store, tmp_path, monkeypatch):
    seen = _berichten(monkeypatch)
    page = WachtlijstPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    gaan = threading.Event()
    verzamel = wachtlijstrapport._verzamel

    def langzaam(*a, **k):  # holds the worker until the test has pressed Annuleren
        gaan.wait(10)
        return verzamel(*a, **k)

    monkeypatch.setattr(wachtlijstrapport, "_verzamel", langzaam)
    uit = tmp_path / "uit"
    uit.mkdir()
    page.opslaan_als_pdf(str(uit / "wachtlijst.pdf"))
    assert not page.pdf_knop.isEnabled()
    _annuleren(page.voortgang)
    gaan.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert seen == [GEANNULEERD_TEKST]
    assert list(uit.iterdir()) == []  # no file, no temporary file
    assert page.pdf_knop.isEnabled()


def test_wachtlijst_afdrukken_cancelled_shows_no_preview(qtbot, team_store, monkeypatch):
    seen = _berichten(monkeypatch)
    page = WachtlijstPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    gaan = threading.Event()
    verzamel = wachtlijstrapport._verzamel
    monkeypatch.setattr(wachtlijstrapport, "_verzamel", lambda *a, **k: (gaan.wait(10), verzamel(*a, **k))[1])
    ready = []
    page.afdrukken(on_ready=lambda path, r: ready.append(path))
    _annuleren(page.voortgang)
    gaan.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert seen == [GEANNULEERD_TEKST] and not ready


def test_caseload_exporteren_cancelled_leaves_no_file(qtbot, team_store, tmp_path, monkeypatch):
    from jet_desktop.reports import caseloadoverzicht
    from jet_desktop.ui.pages.caseload_page import CaseloadPage

    seen = _berichten(monkeypatch)
    page = CaseloadPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    gaan = threading.Event()
    verzamel = caseloadoverzicht._verzamel
    monkeypatch.setattr(caseloadoverzicht, "_verzamel", lambda *a, **k: (gaan.wait(10), verzamel(*a, **k))[1])
    uit = tmp_path / "uit"
    uit.mkdir()
    page.exporteren(str(uit / "caseload.xlsx"))
    _annuleren(page.voortgang)
    gaan.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert seen == [GEANNULEERD_TEKST] and list(uit.iterdir()) == []
    assert page.export_knop.isEnabled() and "geannuleerd" in page.export_status.text()
