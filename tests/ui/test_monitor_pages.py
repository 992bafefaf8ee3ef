"""The Monitor toegang and Matched care screens on a demo store: period, table, charts, export, print."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from jet_desktop.paths import sqlite_url
from jet_desktop.reports import matched_care, monitor
from jet_desktop.storage.store import Store
from jet_desktop.ui.main_window import MainWindow

VANDAAG = date(2026, 11, 25)
JAAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_stores):
    return demo_stores.copy(tmp_path_factory.mktemp("demo") / "demo.db", 400, 3, VANDAAG)


@pytest.fixture
def window(qtbot, demo_db):
    store = Store.open_file(demo_db, user="Tessa Teamleider")
    w = MainWindow(sqlite_url(demo_db))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.attach_store(store, VANDAAG)
    yield w
    store.engine.dispose()


def choose_year(qtbot, page, year: int):
    picker = page.periode
    picker.soort.setCurrentIndex(picker.soort.findData("jaar"))
    picker.jaar.setValue(year)
    qtbot.waitUntil(lambda: page.beeld is not None and page.export_knop.isEnabled()
                    and page.status.text().startswith(("Periode", "Toewijzingen")) and f"{year}" in page.status.text(),
                    timeout=20000)


def cell(model, row, col):
    return model.data(model.index(row, col))


def test_monitor_shows_the_computed_figures_and_the_charts(qtbot, window):
    page = window.show_page("monitor")
    choose_year(qtbot, page, 2025)
    expected = monitor.bereken(window.store, *JAAR).as_dict()["toegangsvormen"]
    m = page.model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers[1:] == ["POH Jeugd", "Jeugdondersteuner", "Jeugdexpertteam", "Amaryllis"]
    jet = next(r for r in expected if r["toegangsvorm"] == "Jeugdexpertteam")
    labels = [cell(m, r, 0) for r in range(m.rowCount())]
    row = labels.index(next(lab for lab in labels if lab.lower().startswith("afgesloten")))
    assert cell(m, row, 3).replace(".", "") == str(jet["afgesloten_trajecten"])
    assert jet["afgesloten_trajecten"] > 0
    assert len(page.beeld.wachtlijst) >= 52 and page.wachtlijst_grafiek.punten
    assert page.caseload_grafiek.staven and page.door_grafiek.staven
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        page.grab().save(f"/tmp/monitor-page-{i}.png")


def test_monitor_export_to_xlsx_and_print_preview(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    import jet_desktop.ui.dialogs.pdf_preview as preview

    page = window.show_page("monitor")
    choose_year(qtbot, page, 2025)
    target = tmp_path / "monitor.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.exporteren("xlsx")
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: "Opgeslagen" in page.status.text(), timeout=10000)
    ws = load_workbook(target).worksheets[0]
    assert any(c.value == "Jeugdexpertteam" for row in ws.iter_rows() for c in row)
    shown = []
    monkeypatch.setattr(preview, "toon_afdrukvoorbeeld",
                        lambda pad, parent=None, voorstel="": shown.append(Path(pad).read_bytes()))
    page.afdrukken()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].startswith(b"%PDF") and len(shown[0]) > 1000


def test_publication_checkbox_suppresses_small_counts(qtbot, window):
    from jet_desktop.services import settings

    settings.put(window.store, "publicatie_drempel", 100)  # the highest threshold the setting allows
    page = window.show_page("monitor")
    choose_year(qtbot, page, 2025)
    m = page.model
    row = next(r for r in range(m.rowCount()) if cell(m, r, 3).isdigit() and 0 < int(cell(m, r, 3)) < 100)
    assert cell(m, row, 1) == "0"  # Jeugdexpertteam has a small count in this row, POH Jeugd none
    page.publicatie.setChecked(True)
    assert cell(m, row, 3) == "<100"
    assert cell(m, row, 1) == "0"  # POH Jeugd has no data: a zero reveals nobody and stays
    page.publicatie.setChecked(False)
    assert cell(m, row, 3).isdigit()
    settings.put(window.store, "publicatie_drempel", 5)  # the demo store is shared by this module's tests


def test_matched_care_shows_dimensions_summary_and_lists(qtbot, window):
    page = window.show_page("matched_care")
    choose_year(qtbot, page, 2025)
    mc = matched_care.bereken(window.store, *JAAR)
    assert mc.totaal_toewijzingen > 0
    assert f">{mc.totaal_toewijzingen}</span><br><span style='color:#555'>voor {mc.totaal_jeugdigen} jeugdigen" in \
        page.samenvatting.text()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs[0] == "Productcategorie" and any(t.startswith("Opgeschaald (") for t in tabs)
    first = page.dimensie_models[0]
    col = [first.headerData(c, Qt.Orientation.Horizontal) for c in range(first.columnCount())].index("Toewijzingen")
    total = sum(int(cell(first, r, col).replace(".", "")) for r in range(first.rowCount()))
    assert total == mc.totaal_toewijzingen
    page.publicatie.setChecked(True)  # a publication has no lists per jeugdige
    assert not any(page.tabs.tabText(i).startswith(("Opgeschaald", "Gestapeld")) for i in range(page.tabs.count()))
    page.publicatie.setChecked(False)
    page.tabs.setCurrentIndex(0)
    page.grab().save("/tmp/matched-care-page.png")


def test_matched_care_prints_the_management_version_unless_the_team_version_is_asked(qtbot, window, monkeypatch):
    import io

    from pypdf import PdfReader

    import jet_desktop.ui.dialogs.pdf_preview as preview

    page = window.show_page("matched_care")
    choose_year(qtbot, page, 2025)
    printed = []

    def fake_preview(pad, parent=None, voorstel=""):
        printed.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(pad).read_bytes())).pages))

    monkeypatch.setattr(preview, "toon_afdrukvoorbeeld", fake_preview)
    page.print_knop.click()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20000)
    assert "Managementversie" in printed[0] and "bevat gegevens per jeugdige" not in printed[0]
    page.afdrukken(voor_team=True)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=20000)
    assert "Vertrouwelijk: bevat gegevens per jeugdige" in printed[1]


def _kosten_op_scherm(page) -> list[list[str]]:
    m = page.kosten_model
    return [[m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]] + [
        [cell(m, r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_cost_table_exported_is_the_one_on_screen_with_its_years_and_euros(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = window.show_page("matched_care")
    choose_year(qtbot, page, 2025)
    scherm = _kosten_op_scherm(page)
    assert scherm[0][:5] == ["Kostencategorie", "2022", "2023", "2024", "2025"]
    assert scherm[0][5] == "Verschil 2025 t.o.v. 2024"
    totaal = scherm[-1]
    assert totaal[0] == "Totaal" and all(v.startswith("€ ") and "," not in v for v in totaal[1:5])
    view = page.tabs.widget(page.tabs.count() - 1)
    assert not view.isSortingEnabled()  # a click on a header never sorts "Totaal" in among the rows
    target = tmp_path / "mc.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.exporteren("xlsx")
    qtbot.waitUntil(lambda: "Opgeslagen" in page.status.text(), timeout=20000)
    ws = next(ws for ws in load_workbook(target).worksheets if ws.title == "Kosten per jaar")
    rijen = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    kop = next(r for r in rijen if r and r[0] == "Kostencategorie")
    assert [str(v) for v in kop if v is not None] == scherm[0]  # every year of the screen, no more, no less
    xlsx_totaal = next(r for r in rijen if r and r[0] == "Totaal")
    assert [f"€ {round(v):,}".replace(",", ".") for v in xlsx_totaal[1:5]] == totaal[1:5]


def test_an_invalid_period_stops_export_and_print_instead_of_using_the_last_valid_one(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    import jet_desktop.ui.dialogs.pdf_preview as preview

    page = window.show_page("matched_care")
    choose_year(qtbot, page, 2025)
    picker = page.periode
    picker.soort.setCurrentIndex(picker.soort.findData("aangepast"))
    qtbot.waitUntil(lambda: page.export_knop.isEnabled(), timeout=20000)
    picker.van.setText("01-06-2025")
    picker.tot.setText("01-03-2025")  # before the start
    picker.tot.editingFinished.emit()
    assert not page.export_knop.isEnabled() and not page.print_knop.isEnabled()
    assert "Periode ongeldig: De einddatum ligt vóór de begindatum" in page.status.text()
    gevraagd = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: gevraagd.append(1) or ("", ""))
    monkeypatch.setattr(preview, "toon_afdrukvoorbeeld", lambda *a, **k: gevraagd.append(2))
    page.exporteren("xlsx")
    page.afdrukken()
    assert gevraagd == [] and not window.pages["matched_care"].kan_afdrukken()  # Ctrl+P neither
    picker.tot.setText("31-12-2025")
    picker.tot.editingFinished.emit()
    qtbot.waitUntil(lambda: page.export_knop.isEnabled(), timeout=20000)
    assert page.toont_gekozen_periode()
