from datetime import date, datetime
from io import BytesIO

import openpyxl

from jet_desktop.reports.columns import Column, format_value
from jet_desktop.reports.xlsx import Sheet, write_xlsx

COLS = [Column("Dossiernr."), Column("Aanmelddatum", "date"), Column("Aantal", "int"),
        Column("Percentage", "pct"), Column("Kosten", "euro"), Column("Wachttijd (wk)", "weeks")]
ROWS = [("J-0001", date(2026, 11, 2), 12, 41.1, 1234.6, 3.3),
        ("J-0002", None, "<5", None, 99.4, 0.0)]


def _load(sheets):
    buf = BytesIO()
    write_xlsx(buf, sheets)
    buf.seek(0)
    return openpyxl.load_workbook(buf)


def test_typed_cells_header_and_freeze_panes_without_intro():
    ws = _load([Sheet("Wachtlijst", COLS, ROWS)])["Wachtlijst"]
    assert [c.value for c in ws[1]] == [c.header for c in COLS]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F3"
    assert isinstance(ws["B2"].value, datetime) and ws["B2"].value.date() == date(2026, 11, 2)
    assert ws["B2"].number_format == "dd-mm-yyyy"
    assert ws["C2"].value == 12 and isinstance(ws["C2"].value, int)
    assert ws["D2"].value == 41.1 and ws["D2"].number_format == "0.0"
    assert ws["E2"].value == 1235 and ws["E2"].number_format == "€ #,##0"
    # a suppressed count stays text; None stays empty
    assert ws["C3"].value == "<5" and ws["D3"].value is None and ws["B3"].value is None


def test_intro_lines_above_header_and_panes_below_it():
    ws = _load([Sheet("Caseload", COLS, ROWS, intro=["Caseloadoverzicht", "Peildatum 25-11-2026"])])["Caseload"]
    assert ws["A1"].value == "Caseloadoverzicht" and ws["A2"].value == "Peildatum 25-11-2026"
    assert ws["A4"].value == "Dossiernr." and ws["A4"].font.b
    assert ws.freeze_panes == "A5"
    assert ws["A5"].value == "J-0001"
    assert ws.column_dimensions["A"].width >= len("Dossiernr.")


def test_sheet_titles_cut_to_31_chars_and_unique():
    long = "Dossiers per consulent met een hele lange naam"
    wb = _load([Sheet(long, COLS, []), Sheet(long, COLS, []), Sheet("a/b", COLS, [])])
    assert wb.sheetnames[0] == long[:31]
    assert len(wb.sheetnames[1]) <= 31 and wb.sheetnames[1] != wb.sheetnames[0]
    assert wb.sheetnames[2] == "a-b"


def test_dutch_text_formatting():
    assert format_value("int", 1234) == "1.234"
    assert format_value("pct", 41.06) == "41,1 %"
    assert format_value("float1", 1234.56) == "1.234,6"
    assert format_value("float2", 0.667) == "0,67"
    assert format_value("euro", 1234567.4) == "€ 1.234.567"
    assert format_value("date", date(2026, 1, 5)) == "05-01-2026"
    assert format_value("int", "<5") == "<5"
    assert format_value("weeks", None) == ""
