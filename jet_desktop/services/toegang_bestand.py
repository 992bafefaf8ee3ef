"""Reading a registration file of a toegangsvorm into rows: CSV (as Excel writes it) or XLSX.

- XLSX (recognised by its content, a zip, whatever the file is called): the first sheet, via
  openpyxl in read-only mode; date cells arrive as dates, numbers as numbers.
- CSV: UTF-8 with or without BOM (tried first), else Windows-1252 as Excel's "Save as CSV" on
  Windows writes it, or UTF-16 with a BOM ("Unicode text"); the separator (`;`, `,` or tab)
  is taken from the header line; quoted fields; an Excel `sep=;` first line is honoured.

A file that is neither raises `BestandFout` with a Dutch message. The rows then go to the pure
checks in `jet_desktop.domain.toegang_rijen`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, Iterator, Sequence

from jet_desktop.domain.toegang_rijen import Rijen, lees_rijen

SCHEIDINGSTEKENS = (";", ",", "\t")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format (.xls)

csv.field_size_limit(1_000_000)


class BestandFout(ValueError):
    """The file cannot be read as CSV or XLSX at all (Dutch message for the user)."""


def lees_bestand(data: bytes, naam: str = "") -> Rijen:
    """The checked rows of a file's bytes; BestandFout when it is no CSV or XLSX."""
    wie = f"'{naam}'" if naam else "Het bestand"
    if not data.strip():
        raise BestandFout(f"{wie} is leeg.")
    if data.startswith(_ZIP):
        return lees_rijen(_xlsx_rijen(data, wie))
    if data.startswith(_OLE):
        raise BestandFout(f"{wie} is een oud Excel-bestand (.xls). Sla het in Excel op als "
                          "'Excel-werkmap (.xlsx)' of als 'CSV (gescheiden door lijstscheidingsteken)'.")
    tekst = decodeer(data, wie)
    try:
        return lees_rijen(csv_rijen(tekst))
    except csv.Error as exc:
        raise BestandFout(f"{wie} kan niet als CSV worden gelezen: {exc}.") from None


def lees_tekst(tekst: str) -> Rijen:
    """The checked rows of CSV text (for tests and callers that already decoded)."""
    try:
        return lees_rijen(csv_rijen(tekst))
    except csv.Error as exc:
        raise BestandFout(f"Het bestand kan niet als CSV worden gelezen: {exc}.") from None


def decodeer(data: bytes, wie: str = "Het bestand") -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:4096]:
        raise BestandFout(f"{wie} is geen CSV- of XLSX-bestand (het bevat binaire gegevens). "
                          "Kies een CSV-bestand of een Excel-werkmap (.xlsx).")
    else:
        for codering in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(codering)
            except UnicodeDecodeError:
                continue
    raise BestandFout(f"{wie} is geen leesbare tekst (UTF-8 of Windows-1252). Sla het in Excel op als "
                      "'CSV UTF-8 (gescheiden door komma's)' of als Excel-werkmap (.xlsx).")


def scheidingsteken(kopregel: str) -> str:
    """The separator of the header line: the most frequent of `;`, `,` and tab (`,` if none)."""
    tellingen = [(kopregel.count(s), -i, s) for i, s in enumerate(SCHEIDINGSTEKENS)]
    aantal, _, teken = max(tellingen)
    return teken if aantal else ","


def csv_rijen(tekst: str) -> Iterator[list[str]]:
    """The records of CSV text as lists of strings (one per Excel row; blank lines included)."""
    tekst = tekst.lstrip("\ufeff")
    regels = tekst[:65536].splitlines()
    eerste = next((r for r in regels if r.strip()), "")
    if eerste.strip().lower().startswith("sep=") and len(eerste.strip()) == 5:
        teken = eerste.strip()[4]  # Excel's hint line; Excel does not show it as a row
        tekst = tekst.split("\n", 1)[1] if "\n" in tekst else ""
    else:
        teken = scheidingsteken(eerste)
    return csv.reader(io.StringIO(tekst, newline=""), delimiter=teken, quotechar='"', doublequote=True)


def _xlsx_rijen(data: bytes, wie: str) -> Iterator[Sequence[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise BestandFout(f"{wie} is geen geldig Excel-bestand (.xlsx) ({type(exc).__name__}). "
                          "Open het in Excel en sla het opnieuw op als Excel-werkmap of CSV.") from None
    except Exception as exc:  # openpyxl's own InvalidFileException and friends
        raise BestandFout(f"{wie} is geen geldig Excel-bestand (.xlsx): {exc}") from None
    try:
        if not wb.worksheets:
            raise BestandFout(f"{wie} bevat geen werkblad.")
        try:
            yield from wb.worksheets[0].iter_rows(values_only=True)
        except BestandFout:
            raise
        except Exception as exc:  # a damaged sheet
            raise BestandFout(f"{wie} kan niet worden gelezen als Excel-werkmap: {exc}") from None
    finally:
        wb.close()
