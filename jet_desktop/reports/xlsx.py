"""XLSX writer: typed cells, intro lines, bold header, frozen panes, autofilter.

Every string goes in as text, never as a formula (domain/celtekst.py): a name starting with "="
is written as a string cell with the quotePrefix style, and characters XLSX cannot hold are
replaced, so no text in a store can make an export fail or carry a live formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jet_desktop.domain.celtekst import xlsx_tekst
from jet_desktop.domain.tekst import schoon
from jet_desktop.reports.columns import Column, format_value

NUMBER_FORMATS = {
    "date": "dd-mm-yyyy",
    "int": "#,##0",
    "euro": "€ #,##0",
    "pct": "0.0",
    "float1": "0.0",
    "float2": "0.00",
    "weeks": "0.0",
}
_INVALID_TITLE_CHARS = set("[]:*?/\\")


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[Sequence]
    intro: list[str] = field(default_factory=list)


def _titles(sheets: list[Sheet]) -> list[str]:
    """Sheet titles cut to Excel's 31 characters, without forbidden characters, unique."""
    used: set[str] = set()
    out = []
    for s in sheets:
        base = "".join("-" if ch in _INVALID_TITLE_CHARS else ch
                       for ch in schoon(s.title, meerregelig=False)).strip("' ") or "Blad"
        title = base[:31]
        n = 2
        while title.lower() in used:
            suffix = f" ({n})"
            title = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(title.lower())
        out.append(title)
    return out


def _cell_value(col: Column, value):
    if value is None or isinstance(value, str):
        return value
    if col.kind == "date":
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        return value
    if col.kind == "int":
        return int(round(value))
    if col.kind == "euro":
        return int(round(value))
    if col.kind in ("pct", "float1", "float2", "weeks"):
        return float(value)
    return value


def _cell(ws, row: int, column: int, value):
    """Write one cell; a string always as text (data type "s"), never as a formula."""
    if isinstance(value, str):
        cell = ws.cell(row=row, column=column, value=xlsx_tekst(value))
        cell.data_type = "s"
        if cell.value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        return cell
    return ws.cell(row=row, column=column, value=value)


def _write_sheet(ws, sheet: Sheet) -> None:
    bold = Font(bold=True)
    for r, line in enumerate(sheet.intro, start=1):
        _cell(ws, r, 1, line)
    if sheet.intro:
        ws["A1"].font = Font(bold=True, size=12)
    header_row = len(sheet.intro) + 2 if sheet.intro else 1  # one blank line after the intro
    for i, col in enumerate(sheet.columns, start=1):
        cell = _cell(ws, header_row, i, col.header)
        cell.font = bold
    widths = [max(len(c.header), 6) for c in sheet.columns]
    for r, row in enumerate(sheet.rows, start=header_row + 1):
        for i, (col, value) in enumerate(zip(sheet.columns, row), start=1):
            cell = _cell(ws, r, i, _cell_value(col, value))
            if value is not None and not isinstance(value, str) and col.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[col.kind]
            shown = len(format_value(col.kind, value))
            if shown > widths[i - 1]:
                widths[i - 1] = shown
    for i, col in enumerate(sheet.columns, start=1):
        width = col.width if col.width else widths[i - 1]
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 6) + 2, 60)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if sheet.columns:
        last = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(sheet.rows), 1)}"


def write_xlsx(path_or_stream, sheets: list[Sheet]) -> None:
    """Write `sheets` to an .xlsx file (path or binary stream)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, title in zip(sheets, _titles(sheets)):
        _write_sheet(wb.create_sheet(title), sheet)
    if not sheets:
        wb.create_sheet("Leeg")
    wb.save(path_or_stream)
