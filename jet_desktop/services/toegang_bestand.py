"""Reading a registration file of a toegangsvorm into rows: CSV (as Excel writes it) or XLSX.

- XLSX (recognised by its content, a zip, whatever the file is called): the first sheet, via
  openpyxl in read-only mode; date cells arrive as dates, numbers as numbers.
- CSV: UTF-8 with or without BOM (tried first), else Windows-1252 as Excel's "Save as CSV" on
  Windows writes it, or UTF-16 with a BOM ("Unicode text"; UTF-32 with a BOM too); the separator
  (`;`, `,` or tab) is taken from the header line; quoted fields; an Excel `sep=;` first line is
  honoured.

A file that is neither raises `BestandFout` with a Dutch message. The rows then go to the pure
checks in `jet_desktop.domain.toegang_rijen`.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator, Sequence

from jet_desktop.domain.errors import JetFout
from jet_desktop.domain.toegang_rijen import Rijen, lees_rijen
from jet_desktop.notatie import getal as _getal

SCHEIDINGSTEKENS = (";", ",", "\t")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format (.xls)

csv.field_size_limit(1_000_000)

# Limits of one file (docs/import.md "Limits"): the whole file is read and checked before anything is
# stored (all-or-nothing), so memory grows with the file; past these it is refused with a message.
MAX_BESTAND = 32 * 1024 * 1024  # bytes (a CSV of ~500,000 short rows; an XLSX of far more)
MAX_RIJEN = 250_000  # rows after the header (blank ones included): 250-350 MB of memory at most (benchmarks/)
SPLITSEN = "Splits het bestand (bijvoorbeeld per jaar) en lees de delen na elkaar in. Er is niets opgeslagen."


def te_groot(wie: str, grootte: int) -> str:
    return (f"{wie} is te groot: {_getal(grootte / 1024 / 1024)} MB, de grens is {MAX_BESTAND // 1024 // 1024} MB "
            f"(en {_getal(MAX_RIJEN)} trajecten) per bestand. {SPLITSEN}")




def _begrensd(rijen: Iterator[Sequence[Any]], wie: str) -> Iterator[Sequence[Any]]:
    """The rows, refused (BestandFout) at the first past the header + MAX_RIJEN: the reading stops there."""
    for n, rij in enumerate(rijen):
        if n > MAX_RIJEN:
            raise BestandFout(f"{wie} heeft meer dan {_getal(MAX_RIJEN)} rijen; de grens is {_getal(MAX_RIJEN)} "
                              f"trajecten per bestand. {SPLITSEN}")
        yield rij


class BestandFout(JetFout, ValueError):
    """The file cannot be read as CSV or XLSX at all (Dutch message for the user)."""


def lees_bestand(data: bytes, naam: str = "") -> Rijen:
    """The checked rows of a file's bytes; BestandFout when it is no CSV or XLSX."""
    wie = f"'{naam}'" if naam else "Het bestand"
    if len(data) > MAX_BESTAND:
        raise BestandFout(te_groot(wie, len(data)))
    if not data.strip():
        raise BestandFout(f"{wie} is leeg.")
    if data.startswith(_ZIP):
        return lees_rijen(_begrensd(_xlsx_rijen(data, wie), wie))
    if data.startswith(_OLE):
        raise BestandFout(f"{wie} is een oud Excel-bestand (.xls). Sla het in Excel op als "
                          "'Excel-werkmap (.xlsx)' of als 'CSV (gescheiden door lijstscheidingsteken)'.")
    tekst = decodeer(data, wie)
    try:
        return lees_rijen(_begrensd(csv_rijen(tekst), wie))
    except csv.Error as exc:
        raise BestandFout(f"{wie} kan niet als CSV worden gelezen: {exc}.") from None


def lees_tekst(tekst: str) -> Rijen:
    """The checked rows of CSV text (for tests and callers that already decoded)."""
    try:
        return lees_rijen(csv_rijen(tekst))
    except csv.Error as exc:
        raise BestandFout(f"Het bestand kan niet als CSV worden gelezen: {exc}.") from None


def decodeer(data: bytes, wie: str = "Het bestand") -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # UTF-32 with a BOM (before UTF-16's)
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError:
            pass
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    hint = _sep_hint(eerste)
    if hint is not None:
        teken = hint  # Excel's hint line ("sep=;", also "sep=<tab>")
        tekst = _zonder_hintregel(tekst)
    else:
        teken = scheidingsteken(eerste)
    return csv.reader(io.StringIO(tekst, newline=""), delimiter=teken, quotechar='"', doublequote=True)


def _sep_hint(regel: str) -> str | None:
    """The separator of an Excel hint line `sep=X` (X may be a tab: only spaces are stripped), or None."""
    regel = regel.strip(" \r\n")
    if len(regel) == 5 and regel[:4].lower() == "sep=" and regel[4] not in '"\'' and not regel[4].isalnum():
        return regel[4]
    return None


def _zonder_hintregel(tekst: str) -> str:
    """The text without the hint line. As the very first line Excel does not show it as a row, so it is
    dropped; after blank lines it stays an (empty) row, so the row numbers stay the ones Excel shows."""
    einde = 0
    while einde < len(tekst):  # skip the blank lines before the hint line
        regel_einde = _regeleinde(tekst, einde)
        if tekst[einde:regel_einde].strip():
            break
        einde = _na_regeleinde(tekst, regel_einde)
    regel_einde = _regeleinde(tekst, einde)
    rest = tekst[_na_regeleinde(tekst, regel_einde):]
    return rest if einde == 0 else tekst[:einde] + "\n" + rest


def _regeleinde(tekst: str, begin: int) -> int:
    eind = [i for i in (tekst.find("\r", begin), tekst.find("\n", begin)) if i >= 0]
    return min(eind) if eind else len(tekst)


def _na_regeleinde(tekst: str, i: int) -> int:
    return i + 2 if tekst.startswith("\r\n", i) else i + 1


def _xlsx_rijen(data: bytes, wie: str) -> Iterator[Sequence[Any]]:
    """The rows of the first sheet. Whatever openpyxl, zipfile, zlib or the XML parser raise on a damaged
    workbook becomes a BestandFout in Dutch; their own (English) text is left out, only the name of the
    error is added in parentheses for whoever helps the user."""
    from openpyxl import load_workbook

    opnieuw = "Open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV."
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, zlib.error, KeyError, XML errors, openpyxl's InvalidFileException...
        raise BestandFout(f"{wie} is geen geldig Excel-bestand (.xlsx) ({type(exc).__name__}). {opnieuw}") from None
    gelezen = 0
    try:
        if not wb.worksheets:
            raise BestandFout(f"{wie} bevat geen werkblad.")
        try:
            for rij in wb.worksheets[0].iter_rows(values_only=True):
                gelezen += 1
                yield rij
        except BestandFout:
            raise
        except Exception as exc:  # a damaged sheet
            raise BestandFout(f"{wie} is beschadigd: het eerste werkblad kan vanaf rij {gelezen + 1} niet worden "
                              f"gelezen ({type(exc).__name__}). {opnieuw}") from None
    finally:
        wb.close()
