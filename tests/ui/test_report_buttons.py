"""The report buttons: wachtlijst "Afdrukken…" (preview of the real PDF), "Opslaan als PDF…",
caseload "Exporteren…" (PDF or XLSX by file name). Work runs off the GUI thread."""

import os
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_support import VANDAAG

from jet_desktop.ui.dialogs import pdf_preview
from jet_desktop.ui.pages.caseload_page import CaseloadPage
from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage


def _lines(path):
    reader = PdfReader(path)
    return reader, "\n".join(p.extract_text() for p in reader.pages).splitlines()


def test_afdrukken_builds_pdf_and_preview_paints_every_page(qtbot, team_store, tmp_path, monkeypatch):
    page = WachtlijstPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    page.refresh()
    seen = {}

    def fake_exec(dlg):
        # instead of the modal preview: print what it shows into a PDF file
        seen["save_action"] = dlg.opslaan_actie.text()
        printer = dlg.printer()  # the preview's own printer (A4, orientation of the report)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "geprint.pdf"))
        dlg.paintRequested.emit(printer)
        seen["painted"] = dlg.pagina_aantal
        return 0

    real_maak = pdf_preview.maak_afdrukvoorbeeld

    def spy_maak(path, parent=None, voorstel="rapport.pdf"):
        seen["path"] = path
        seen["reader"], seen["lines"] = _lines(path)
        return real_maak(path, parent, voorstel)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    monkeypatch.setattr(pdf_preview, "maak_afdrukvoorbeeld", spy_maak)
    qtbot.mouseClick(page.afdruk_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "painted" in seen, timeout=15000)

    lines = seen["lines"]
    # team_store: spoed 10 days, hoog 30 days, normaal 60 days waiting: all three over their norm
    assert lines[lines.index("Wachtend") + 1] == "3"
    assert lines[lines.index("Norm overschreden") + 1] == "3"
    assert lines[lines.index("Mediane wachttijd") + 1] == "4,3 weken"  # 30 days
    assert lines[lines.index("Langste wachttijd") + 1] == "8,6 weken"  # 60 days
    n = len(seen["reader"].pages)
    assert seen["painted"] == n
    printed = PdfReader(tmp_path / "geprint.pdf")
    assert len(printed.pages) == n
    box = printed.pages[0].mediabox  # landscape A4 like the report
    assert float(box.width) > float(box.height)
    assert seen["save_action"] == "Opslaan als PDF…"
    assert not os.path.exists(seen["path"])  # the temporary PDF with personal data is removed


def test_opslaan_als_pdf(qtbot, team_store, tmp_path, monkeypatch):
    page = WachtlijstPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    target = tmp_path / "wachtlijst"  # without suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    messages = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: messages.append(a[2])))
    qtbot.mouseClick(page.pdf_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=15000)
    reader, lines = _lines(str(target) + ".pdf")
    assert "Vertrouwelijk" in lines and lines[lines.index("Wachtend") + 1] == "3"
    assert "3 wachtend, 3 boven de norm" in messages[0]


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_caseload_exporteren_by_file_name(qtbot, team_store, tmp_path, monkeypatch, suffix):
    from ui_support import assign

    assign(team_store, "wacht_spoed", "Bram Jansen")
    page = CaseloadPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    page.refresh()
    target = tmp_path / f"caseload.{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(page.export_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "opgeslagen" in page.export_status.text(), timeout=15000)
    assert page.export_knop.isEnabled()
    if suffix == "pdf":
        _, lines = _lines(target)
        assert "Caseloadoverzicht" in lines and "Bram Jansen" in lines and "E. S." in lines
    else:
        wb = openpyxl.load_workbook(BytesIO(target.read_bytes()))
        sam = wb["Samenvatting"]
        rows = {r[0]: r for r in sam.iter_rows(values_only=True) if r[0] in ("Anouk de Vries", "Bram Jansen")}
        assert rows["Bram Jansen"][1:4] == (0.5, 8, 1)  # FTE, capacity 0.5 x 16, one active dossier
        assert rows["Anouk de Vries"][3] == 0


def test_print_previews_left_by_a_crash_are_removed_when_old(tmp_path, monkeypatch):
    import os
    import tempfile
    import time

    from jet_desktop.ui.dialogs.pdf_preview import ruim_achtergebleven_pdfs

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    oud, nieuw, ander = tmp_path / "jet-oud.pdf", tmp_path / "jet-nieuw.pdf", tmp_path / "iets-anders.pdf"
    for f in (oud, nieuw, ander):
        f.write_bytes(b"%PDF-1.4")
    dag_geleden = time.time() - 24 * 3600
    os.utime(oud, (dag_geleden, dag_geleden))
    os.utime(ander, (dag_geleden, dag_geleden))
    assert ruim_achtergebleven_pdfs() == 1
    assert not oud.exists() and nieuw.exists() and ander.exists()


def test_a_consulent_has_no_print_buttons_for_the_wachtlijstrapport(qtbot, team_store):
    """The wachtlijstrapport (names on paper) is for the teamleider; a consulent sees the list on screen."""
    from dataclasses import replace

    from wachtlijst_support import klaar

    from jet_desktop.domain.enums import Rol

    for naam, rol, zichtbaar in (("Anouk de Vries", Rol.CONSULENT, False), ("Tessa Teamleider", Rol.TEAMLEIDER, True)):
        store = replace(team_store, rol=rol, user_id=team_store.ids[naam], user=naam)
        page = WachtlijstPage(store, VANDAAG)
        qtbot.addWidget(page)
        page.show()
        klaar(page.refresh() or page)
        assert page.model.rowCount() == 3  # the list itself: yes
        assert page.afdruk_knop.isVisible() is zichtbaar and page.pdf_knop.isVisible() is zichtbaar
