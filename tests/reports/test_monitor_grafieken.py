"""The Monitor PDF's charts (reports/grafieken.py): vector graphics, small, and the publication
version hides what the table hides."""

import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from jet_desktop.reports import grafieken, monitor
from jet_desktop.storage.store import Store

VANDAAG = date(2026, 11, 25)
VAN, TOT = date(2025, 1, 1), date(2025, 12, 31)
TITELS = ("Wachtlijst: aantal wachtend op maandag", "Caseload per consulent vandaag (25-11-2026): actieve dossiers",
          "Doorverwijzingen per vorm van jeugdhulp")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_stores):
    """The demo store the screen tests use, its monitor for 2025 and the series the screen plots."""
    path = demo_stores.copy(tmp_path_factory.mktemp("grafieken") / "demo.db", 400, 3, VANDAAG)
    store = Store.open_file(path, user="Tessa Teamleider")
    uitkomst = monitor.bereken(store, VAN, TOT)
    reeksen = grafieken.bereken_reeksen(store, VAN, TOT, VANDAAG)
    yield store, uitkomst, reeksen
    store.engine.dispose()


def _pdf(uitkomst, **kw) -> bytes:
    buf = io.BytesIO()
    monitor.write_monitor(uitkomst, "pdf", buf, **kw)
    return buf.getvalue()


def _teksten(pagina) -> list[tuple[float, float, str]]:
    """(y, x, text) of every text run on the page, in page coordinates."""
    uit = []

    def bezoek(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            uit.append((round(y, 1), round(x, 1), text.strip()))

    pagina.extract_text(visitor_text=bezoek)
    return uit


def _grafiekpagina(reader):
    return next(p for p in reader.pages if TITELS[0] in p.extract_text())


def _afbeeldingen(reader) -> int:
    """Image XObjects on any page, also inside forms."""
    def tel(resources) -> int:
        n = 0
        for obj in (resources or {}).get("/XObject", {}).values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image":
                n += 1
            elif obj.get("/Subtype") == "/Form":
                n += tel(obj.get("/Resources"))
        return n

    return sum(tel(p.get("/Resources")) for p in reader.pages)


def _waarde_naast(pagina, label: str) -> list[str]:
    """The texts on the line of a bar's label, right of it (the bar's value)."""
    teksten = _teksten(pagina)
    y, x = next((y, x) for y, x, t in teksten if t == label)
    return [t for ty, tx, t in teksten if abs(ty - y) < 1 and tx > x]


def test_the_screens_series_are_what_bereken_reeksen_gives(demo):
    from jet_desktop.ui.pages.monitor_page import bereken_beeld

    store, _, reeksen = demo
    beeld = bereken_beeld(store, VAN, TOT, VANDAAG)
    assert list(reeksen.wachtlijst) == beeld.wachtlijst and len(beeld.wachtlijst) >= 52
    assert list(reeksen.caseload) == beeld.caseload and beeld.caseload
    assert list(reeksen.doorverwijzingen) == beeld.doorverwijzingen
    assert reeksen.caseload_peildatum == beeld.caseload_peildatum


def test_the_charts_are_vector_graphics_with_their_text(demo):
    _, uitkomst, reeksen = demo
    zonder = PdfReader(io.BytesIO(_pdf(uitkomst)))
    met = PdfReader(io.BytesIO(_pdf(uitkomst, reeksen=reeksen)))
    assert "Grafieken" not in "".join(p.extract_text() for p in zonder.pages)
    tekst = "\n".join(p.extract_text() for p in met.pages)
    for t in (*TITELS, "Grafieken", "aantal wachtend", "week (peildatum: maandag)", "jan 2025",
              "= capaciteit (FTE × norm); rood = erboven", "41 Dagbehandeling", "Voorliggend veld",
              reeksen.caseload[0].naam):
        assert t in tekst, t
    assert "Afgesloten trajecten" in met.pages[0].extract_text()  # the table still comes first
    # no pictures: paths (a line to per week of the wachtlijst, a rectangle per bar) and text
    assert _afbeeldingen(met) == 0 and _afbeeldingen(zonder) == 0
    ops = Counter(op for _, op in ContentStream(_grafiekpagina(met).get_contents(), met).operations)
    assert ops[b"l"] >= len(reeksen.wachtlijst) - 1
    assert ops[b"re"] >= len(reeksen.caseload) + len(reeksen.doorverwijzingen)
    assert ops[b"f"] + ops[b"B"] + ops[b"f*"] > 0 and ops[b"S"] > 0  # filled and stroked paths
    ops_zonder = Counter(op for p in zonder.pages for _, op in ContentStream(p.get_contents(), zonder).operations)
    assert ops_zonder[b"l"] < len(reeksen.wachtlijst) - 1


def test_the_charts_keep_the_pdf_small(demo):
    _, uitkomst, reeksen = demo
    zonder, met = len(_pdf(uitkomst)), len(_pdf(uitkomst, reeksen=reeksen))
    assert 0 < met - zonder < 60_000, (zonder, met)


def test_publication_leaves_small_values_out_of_the_charts(demo):
    _, uitkomst, reeksen = demo
    klein = next((v, n) for v, n in reeksen.doorverwijzingen if 0 < n < 5)  # e.g. 42 Vervoerdiensten: 1
    groot = next((v, n) for v, n in reeksen.doorverwijzingen if n >= 5)
    gewoon = _grafiekpagina(PdfReader(io.BytesIO(_pdf(uitkomst, reeksen=reeksen))))
    publicatie = _grafiekpagina(PdfReader(io.BytesIO(_pdf(uitkomst, reeksen=reeksen, drempel=5))))
    assert _waarde_naast(gewoon, klein[0]) == [str(klein[1])]
    assert _waarde_naast(publicatie, klein[0]) == ["<5"]  # the value is not there, the marker is
    assert _waarde_naast(publicatie, groot[0]) == [str(groot[1])]  # a large value stays
    verborgen_vormen = sum(1 for _, n in reeksen.doorverwijzingen if 0 < n < 5)
    verborgen_weken = sum(1 for _, n in reeksen.wachtlijst if 0 < n < 5)
    assert verborgen_weken > 0
    tekst = " ".join(publicatie.extract_text().split())
    assert f"Publicatieversie: {verborgen_vormen} vormen met 1 t/m 4 doorverwijzingen zijn niet getoond" in tekst
    assert f"{verborgen_weken} van de {len(reeksen.wachtlijst)} weken met 1 t/m 4 wachtenden" in tekst
    assert "= <5: niet getoond" in tekst
    assert "Publicatieversie" not in gewoon.extract_text() and "<5" not in gewoon.extract_text()


def _punten(drawing) -> list[tuple[float, float]]:
    """The plotted points of a line chart: the vertices of its lines and its lone dots."""
    from reportlab.graphics.shapes import Circle, PolyLine

    uit = []
    for s in drawing.contents:
        if isinstance(s, PolyLine):
            uit += list(zip(s.points[::2], s.points[1::2]))
        elif isinstance(s, Circle):
            uit.append((s.cx, s.cy))
    return uit


def _vorm(drawing) -> list:
    """Everything a drawing draws, as comparable values."""
    return [(type(s).__name__, sorted((k, repr(v)) for k, v in s.getProperties().items())) for s in drawing.contents]


def test_the_line_chart_plots_no_suppressed_week(demo):
    _, _, reeksen = demo
    punten = list(reeksen.wachtlijst)
    zonder = grafieken.wachtlijst_grafiek(punten)[0]
    met = grafieken.wachtlijst_grafiek(punten, drempel=5)[0]
    assert len(_punten(zonder)) == len(punten)
    assert len(_punten(met)) == sum(1 for _, n in punten if not 0 < n < 5)
    assert {round(x, 3) for x, _ in _punten(met)} < {round(x, 3) for x, _ in _punten(zonder)}


@pytest.mark.parametrize("maak", [
    lambda waarden, drempel: grafieken.wachtlijst_grafiek(
        [(date(2025, 1, 6 + 7 * i), n) for i, n in enumerate(waarden)], drempel)[0],
    lambda waarden, drempel: grafieken.doorverwijzingen_grafiek(
        [(f"vorm {i}", n) for i, n in enumerate(waarden)], drempel)[0],
])
def test_a_suppressed_value_changes_nothing_in_the_drawing(maak):
    """Neither a bar, a point, a label nor the scale tells which small value was hidden."""
    assert _vorm(maak([4, 20, 1, 3], 5)) == _vorm(maak([1, 20, 4, 2], 5))
    assert _vorm(maak([4, 3], 5)) == _vorm(maak([1, 1], 5))  # everything hidden: not even the axis
    assert _vorm(maak([4, 20, 1, 3], None)) != _vorm(maak([1, 20, 4, 2], None))


def test_caseload_bars_hide_a_small_caseload_but_not_the_capacity():
    from jet_desktop.services.caseload import ConsulentRij

    rijen = [ConsulentRij(None, "Anna de Vries", 1.0, 16, 3, None),
             ConsulentRij(None, "Bram Bakker", 0.8, 12, 14, None)]
    from jet_desktop.reports import pdf

    pdf_zonder, pdf_met = io.BytesIO(), io.BytesIO()
    meta = pdf.ReportMeta("Monitor toegang", "", "", "Test", datetime.now())
    pdf.build_pdf(pdf_zonder, meta, grafieken.caseload_grafiek(rijen, VANDAAG))
    pdf.build_pdf(pdf_met, meta, grafieken.caseload_grafiek(rijen, VANDAAG, drempel=5))
    gewoon, publicatie = PdfReader(pdf_zonder).pages[0], PdfReader(pdf_met).pages[0]
    assert _waarde_naast(gewoon, "Anna de Vries") == ["3"]
    assert _waarde_naast(publicatie, "Anna de Vries") == ["<5"]
    assert _waarde_naast(publicatie, "Bram Bakker") == ["14"]
    assert "1 consulenten met 1 t/m 4 actieve dossiers zijn niet getoond" in " ".join(publicatie.extract_text().split())


def test_many_bars_continue_in_a_next_drawing_and_long_labels_are_cut():
    per_vorm = [(f"vorm {i} " + "met een heel lange naam " * 6, i + 10) for i in range(95)]
    delen = grafieken.doorverwijzingen_grafiek(per_vorm)
    tekeningen = [d for d in delen if hasattr(d, "contents")]
    assert len(tekeningen) == 3 and all(d.height < 700 for d in tekeningen)
    from jet_desktop.reports import pdf

    buf = io.BytesIO()
    pdf.build_pdf(buf, pdf.ReportMeta("Test", "", "", "Test", datetime.now()), grafieken.grafieken(
        grafieken.MonitorReeksen(doorverwijzingen=per_vorm)))
    tekst = "\n".join(p.extract_text() for p in PdfReader(buf).pages)
    assert "Doorverwijzingen per vorm van jeugdhulp (vervolg)" in tekst and "…" in tekst
    assert "Geen gegevens in deze periode." in tekst  # the empty wachtlijst and caseload say so


def test_the_command_line_pdf_has_the_charts(demo, tmp_path):
    from jet_desktop.cli import main

    store, _, _ = demo
    out = tmp_path / "m.pdf"
    db = store.engine.url.database
    assert main(["monitor", "--db", db, "--van", "2025-01-01", "--tot", "2025-12-31", "--format", "pdf",
                 "--out", str(out), "--publicatie"]) == 0
    tekst = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert all(t.split(" (")[0] in tekst for t in TITELS) and "Publicatieversie" in tekst
    csv_uit = tmp_path / "m.csv"
    assert main(["monitor", "--db", db, "--van", "2025-01-01", "--tot", "2025-12-31", "--format", "csv",
                 "--out", str(csv_uit)]) == 0  # the other formats are as before


def test_the_screen_prints_and_exports_its_charts(qtbot, demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    import jet_desktop.ui.dialogs.pdf_preview as preview
    from jet_desktop.paths import sqlite_url
    from jet_desktop.ui.main_window import MainWindow

    store, _, _ = demo
    db = Path(store.engine.url.database)
    scherm = Store.open_file(db, user="Tessa Teamleider")
    w = MainWindow(sqlite_url(db))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.attach_store(scherm, VANDAAG)
    try:
        page = w.show_page("monitor")
        picker = page.periode
        picker.soort.setCurrentIndex(picker.soort.findData("jaar"))
        picker.jaar.setValue(2025)
        qtbot.waitUntil(lambda: page.beeld is not None and page.export_knop.isEnabled()
                        and "2025" in page.status.text(), timeout=20000)
        gedrukt = []
        monkeypatch.setattr(preview, "toon_afdrukvoorbeeld",
                            lambda pad, parent=None, voorstel="": gedrukt.append(Path(pad).read_bytes()))
        page.publicatie.setChecked(True)
        page.afdrukken()
        qtbot.waitUntil(lambda: bool(gedrukt), timeout=20000)
        tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(gedrukt[0])).pages)
        assert all(t in tekst for t in TITELS) and "Publicatieversie" in tekst
        page.publicatie.setChecked(False)
        doel = tmp_path / "monitor.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(doel), ""))
        page.exporteren("pdf")
        qtbot.waitUntil(lambda: "Opgeslagen" in page.status.text(), timeout=20000)
        tekst = "\n".join(p.extract_text() for p in PdfReader(doel).pages)
        assert all(t in tekst for t in TITELS) and "Publicatieversie" not in tekst
    finally:
        scherm.engine.dispose()
