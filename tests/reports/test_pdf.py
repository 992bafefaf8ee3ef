from datetime import date, datetime
from io import BytesIO

from pypdf import PdfReader

from jet_desktop.reports.columns import Column
from jet_desktop.reports.pdf import ReportMeta, build_pdf, heading, key_values, paragraph, table

META = ReportMeta(titel="Testrapport", organisatie="Gemeente Leeuwarden", team="Jeugdexpertteam",
                  afgedrukt_door="Anne de Vries", afgedrukt_op=datetime(2026, 11, 25, 9, 5),
                  subtitel="Peildatum 25-11-2026")
COLS = [Column("Dossiernr."), Column("Naam"), Column("Datum", "date"), Column("Aantal", "int"),
        Column("Aandeel", "pct")]


def _pdf(rows, totals=None, meta=META):
    buf = BytesIO()
    build_pdf(buf, meta, [heading("Samenvatting"), key_values([("Totaal wachtend", "1.234")]),
                          paragraph("Toelichting met é en ë."), table(COLS, rows, totals=totals)])
    buf.seek(0)
    return PdfReader(buf)


def _rows(n):
    return [(f"J-{i:04d}", "Eliëtte van Dijk", date(2026, 11, 2), 1000 + i, 41.06) for i in range(n)]


def test_two_page_document_has_page_x_of_y_header_and_footer():
    reader = _pdf(_rows(70), totals=("Totaal", None, None, 71234, None))
    assert len(reader.pages) == 2
    first, last = (p.extract_text() for p in reader.pages)
    assert "pagina 1 van 2" in first and "pagina 2 van 2" in last
    for text in (first, last):
        assert "Vertrouwelijk" in text
        assert "Gemeente Leeuwarden · Jeugdexpertteam · Testrapport" in text
        assert "Afgedrukt door Anne de Vries op 25-11-2026 09:05" in text
        assert "Dossiernr." in text  # header row repeated on every page
    assert "J-0000" in first and "Eliëtte van Dijk" in first and "Toelichting met é en ë." in first
    assert "1.000" in first and "41,1 %" in first and "02-11-2026" in first
    assert "J-0069" in last and "71.234" in last  # last row and the totals row


def test_single_page_and_suppressed_text_in_numeric_column():
    reader = _pdf([("J-0001", "Kim", None, "<5", None)])
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "pagina 1 van 1" in text and "<5" in text


def test_landscape_page():
    meta = ReportMeta(**{**META.__dict__, "liggend": True})
    reader = _pdf(_rows(3), meta=meta)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_long_text_is_wrapped_not_cut():
    cols = [Column("Nr"), Column("Toelichting", width=20)]
    tail = "einde-van-de-zin"
    buf = BytesIO()
    build_pdf(buf, META, [table(cols, [("1", "woord " * 40 + tail)])])
    buf.seek(0)
    assert tail in PdfReader(buf).pages[0].extract_text()


def test_path_object_accepted(tmp_path):
    out = tmp_path / "r.pdf"
    build_pdf(out, META, [paragraph("Hallo")])
    assert "Hallo" in PdfReader(out).pages[0].extract_text()
