"""XLSX writer: typed cells, intro lines, bold header, frozen panes, autofilter.

Every string goes in as text, never as a formula (domain/celtekst.py): a name starting with "="
is written as a string cell with the quotePrefix style, and characters XLSX cannot hold are
replaced, so no text in a store can make an export fail or carry a live formula.
Sheets are written in openpyxl's write-only mode (rows streamed to the file, memory bounded by a
row, not by the list).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jet_desktop.domain.celtekst import xlsx_tekst
from jet_desktop.domain.tekst import schoon
from jet_desktop.reports.columns import Column, format_value
from jet_desktop.reports.voortgang import KLAAR, Voortgang, schrijf_heel

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


def _cell(ws, value, font: Font | None = None, number_format: str | None = None) -> WriteOnlyCell:
    """One cell of a write-only sheet; a string always as text (data type "s"), never as a formula."""
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=xlsx_tekst(value))
        cell.data_type = "s"
        if cell.value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    else:
        cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


_ELKE = 2_000  # rows between two progress calls


def _write_sheet(ws, sheet: Sheet, teller: list[int], total: int, voortgang: Voortgang | None) -> None:
    """Rows streamed to the file (openpyxl write-only): column widths first (one pass over the
    values), then the intro, the header and the rows in order."""
    widths = [max(len(c.header), 6) for c in sheet.columns]
    for row in sheet.rows:
        for i, (col, value) in enumerate(zip(sheet.columns, row)):
            shown = len(format_value(col.kind, value))
            if shown > widths[i]:
                widths[i] = shown
    for i, col in enumerate(sheet.columns, start=1):
        width = col.width if col.width else widths[i - 1]
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 6) + 2, 60)
    header_row = len(sheet.intro) + 2 if sheet.intro else 1  # one blank line after the intro
    ws.freeze_panes = f"A{header_row + 1}"
    if sheet.columns:
        last = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(sheet.rows), 1)}"
    titel = Font(bold=True, size=12)
    for r, line in enumerate(sheet.intro):
        ws.append([_cell(ws, line, titel if r == 0 else None)])
    if sheet.intro:
        ws.append([])
    bold = Font(bold=True)
    ws.append([_cell(ws, col.header, bold) for col in sheet.columns])
    formats = [NUMBER_FORMATS.get(col.kind) for col in sheet.columns]
    for row in sheet.rows:
        ws.append([_cell(ws, _cell_value(col, value),
                         number_format=formats[i] if value is not None and not isinstance(value, str) else None)
                   for i, (col, value) in enumerate(zip(sheet.columns, row))])
        teller[0] += 1
        if voortgang is not None and teller[0] % _ELKE == 0:
            voortgang(teller[0], total, "Rijen schrijven")


def write_xlsx(path_or_stream, sheets: list[Sheet], voortgang: Voortgang | None = None) -> None:
    """Write `sheets` to an .xlsx file (path, written whole or not at all, or binary stream).

    `voortgang(done, total, "Rijen schrijven")` every few thousand rows; it may raise `Geannuleerd`
    (then no file is written)."""
    total = sum(len(s.rows) for s in sheets)
    if voortgang is not None:
        voortgang(0, total, "Rijen schrijven")
    wb = Workbook(write_only=True)
    teller = [0]
    try:
        for sheet, title in zip(sheets, _titles(sheets)):
            _write_sheet(wb.create_sheet(title), sheet, teller, total, voortgang)
        if not sheets:
            wb.create_sheet("Leeg")
        with schrijf_heel(path_or_stream) as doel:
            wb.save(doel)
    except BaseException:
        _ruim_op(wb)
        raise
    if voortgang is not None:
        voortgang(total, total, KLAAR)


def _ruim_op(wb: Workbook) -> None:
    """A cancelled or failed workbook: the write-only sheets' temporary files (rows with names) removed."""
    import contextlib
    import os

    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            ws.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)
