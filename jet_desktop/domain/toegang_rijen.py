"""The rows of an imported registration file of a toegangsvorm (domain.md "Monitor toegang").

Pure: the caller reads the file (CSV or XLSX) and hands over its rows; this module checks the
layout and every value and returns either the trajecten or the COMPLETE list of errors, each
naming the row as the user sees it in Excel (the header is row 1) and the column.

Values may be strings (CSV) or what openpyxl gives for a cell (date/datetime, int, float, None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Sequence

from jet_desktop.domain.enums import Toegangsvorm, TrajectUitkomst

KOLOMMEN = ("toegangsvorm", "client_id", "startdatum", "einddatum", "gesprekken", "uitkomst")
CLIENT_ID_MAX = 64
GESPREKKEN_MAX = 10_000  # more is a typing error (and would overflow nothing, but mean nothing)
JAAR_MIN, JAAR_MAX = 1990, 2100

_VORMEN = {**{v.label.lower(): v for v in Toegangsvorm}, **{v.value: v for v in Toegangsvorm}}
_UITKOMSTEN = {**{u.label.lower(): u for u in TrajectUitkomst}, **{u.value: u for u in TrajectUitkomst}}
_VORM_TEKST = ", ".join(f"'{v.label}'" for v in Toegangsvorm)
_UITKOMST_TEKST = ", ".join(f"'{u.label}'" for u in TrajectUitkomst)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", re.ASCII)
_NL = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})", re.ASCII)
_GETAL = re.compile(r"([+-]?\d+)(?:[.,]0+)?", re.ASCII)
_SPATIES = re.compile(r"\s+")
_STUURTEKEN = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_VOLGORDE = {k: i for i, k in enumerate(KOLOMMEN)}


@dataclass(frozen=True)
class RijFout:
    """One bad value: row number as in Excel (header = 1), column name, Dutch message."""

    rij: int
    kolom: str
    melding: str

    def __str__(self) -> str:
        waar = f"rij {self.rij}, kolom {self.kolom}" if self.kolom else f"rij {self.rij}"
        return f"{waar}: {self.melding}"


@dataclass(frozen=True, slots=True)
class Traject:
    toegangsvorm: Toegangsvorm
    client_id: str
    startdatum: date
    einddatum: date | None
    gesprekken: int
    uitkomst: TrajectUitkomst | None
    rij: int = 0

    @property
    def sleutel(self) -> tuple[str, str, date]:
        """What identifies a traject, in a file and in the store."""
        return (self.toegangsvorm.value, self.client_id, self.startdatum)


@dataclass
class Rijen:
    """The outcome of reading a file's rows: trajecten when `fouten` is empty."""

    trajecten: list[Traject] = field(default_factory=list)
    fouten: list[RijFout] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fouten


# ------------------------------------------------------------------------------------ the header

def normaliseer_kolomnaam(naam: Any) -> str:
    text = "" if naam is None else str(naam)
    text = text.replace("\ufeff", "").strip().lower()
    return _SPATIES.sub("_", text).replace("-", "_")


def lees_kop(kop: Sequence[Any], rij: int = 1) -> tuple[dict[str, int], list[RijFout], bool]:
    """Column positions by name, the errors (a missing, unknown or repeated column names itself),
    and whether the rows can still be checked (not when a column is missing or repeated)."""
    posities: dict[str, int] = {}
    fouten: list[RijFout] = []
    bruikbaar = True
    # no known column at all: the first row is data (a file without header), its cells are not shown
    geen_kop = not any(normaliseer_kolomnaam(ruw) in KOLOMMEN for ruw in kop)
    for i, ruw in enumerate(kop):
        naam = normaliseer_kolomnaam(ruw)
        if not naam:
            continue  # an empty header cell (Excel's trailing separators): its values are ignored
        if naam not in KOLOMMEN and geen_kop:
            fouten.append(RijFout(rij, kolomletter(i), "onbekende kolom (niet getoond: de eerste rij lijkt geen "
                                                       f"kopregel); de kolommen zijn: {', '.join(KOLOMMEN)}"))
        elif naam not in KOLOMMEN:
            tekst = _kort(str(ruw).strip())
            fouten.append(RijFout(rij, tekst, f"onbekende kolom '{tekst}'; de kolommen zijn: {', '.join(KOLOMMEN)}"))
        elif naam in posities:
            fouten.append(RijFout(rij, naam, f"de kolom '{naam}' staat twee keer in de kopregel"))
            bruikbaar = False
        else:
            posities[naam] = i
    for naam in KOLOMMEN:
        if naam not in posities:
            fouten.append(RijFout(rij, naam, f"de kolom '{naam}' ontbreekt in de kopregel"))
            bruikbaar = False
    return posities, fouten, bruikbaar


# ------------------------------------------------------------------------------------ the values

def _tekst(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def lees_datum(value: Any) -> date:
    """A date from dd-mm-jjjj, d-m-jjjj, jjjj-mm-dd, or a date cell; ValueError with a Dutch message."""
    if isinstance(value, datetime):
        d = value.date()
    elif isinstance(value, date):
        d = value
    else:
        text = _tekst(value)
        m = _NL.fullmatch(text)
        if m:
            dag, maand, jaar = int(m[1]), int(m[2]), int(m[3])
        else:
            m = _ISO.fullmatch(text)
            if not m:
                raise ValueError(f"{_waarde(text, 'geen datum')}; gebruik dd-mm-jjjj of jjjj-mm-dd")
            jaar, maand, dag = int(m[1]), int(m[2]), int(m[3])
        try:
            d = date(jaar, maand, dag)
        except ValueError:
            raise ValueError(_waarde(text, "geen bestaande datum")) from None
    if not JAAR_MIN <= d.year <= JAAR_MAX:
        raise ValueError(f"{d.strftime('%d-%m-%Y')} ligt niet tussen {JAAR_MIN} en {JAAR_MAX}")
    return d


def lees_gesprekken(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("vul een heel getal in (0 of meer)")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value:g} is geen heel getal")
        n = int(value)
    else:
        text = _tekst(value)
        if not text:
            raise ValueError("vul het aantal gesprekken in (0 of meer)")
        m = _GETAL.fullmatch(text)
        if not m:
            raise ValueError(_waarde(text, "geen heel getal"))
        if len(m[1].lstrip("+-").lstrip("0")) > len(str(GESPREKKEN_MAX)):
            # far out of range; and never int() thousands of digits (Python refuses more than 4300)
            n = -GESPREKKEN_MAX - 1 if m[1].startswith("-") else GESPREKKEN_MAX + 1
            return _gesprekken_binnen_grenzen(n, m[1])
        n = int(m[1])
    return _gesprekken_binnen_grenzen(n, str(n))


def _gesprekken_binnen_grenzen(n: int, getoond: str) -> int:
    if n < 0:
        raise ValueError(f"{_kort(getoond, 20)} gesprekken kan niet: het aantal is 0 of meer")
    if n > GESPREKKEN_MAX:
        raise ValueError(f"{_kort(getoond, 20)} gesprekken is meer dan {GESPREKKEN_MAX}; controleer het aantal")
    return n


def kolomletter(index: int) -> str:
    """Excel's name of a 0-based column position: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _kort(text: str, n: int = 40) -> str:
    """A value from the file as shown in a message: cut, and no control characters (a terminal escape
    in a CSV cell is shown as "�", not run by the console; domain/tekst.py)."""
    from jet_desktop.domain.tekst import schoon

    return schoon(text, n, meerregelig=False)


def _waarde(text: str, soort: str) -> str:
    """How a message names a bad value: quoted when it holds no letter (a date or number gone wrong),
    else only "de waarde" — a cell with letters may hold a name (a shifted column, a file of another
    register), and messages never carry personal data (they end up on screens and in job logs)."""
    if any(ch.isalpha() for ch in text):
        return f"de waarde ({len(text)} tekens, niet getoond: het kan een naam zijn) is {soort}"
    return f"'{_kort(text)}' is {soort}"


def _opzoeken(tabel: Mapping[str, Any], value: Any):
    return tabel.get(_SPATIES.sub(" ", _tekst(value)).lower())


# ------------------------------------------------------------------------------------ the rows

class _Lezer:
    """Checks rows one by one (so a file can be streamed) and keeps every error."""

    def __init__(self, posities: dict[str, int], breedte: int):
        self.idx = [posities[k] for k in KOLOMMEN]
        self.breedte = breedte
        self.uitslag = Rijen()
        self.gezien: dict[tuple[str, str, date], int] = {}
        # values repeat a lot: cache what a raw value means (or the error it gives)
        self._datums: dict[Any, date | str] = {}
        self._vormen: dict[Any, Toegangsvorm | None] = {}
        self._uitkomsten: dict[Any, TrajectUitkomst | None] = {}

    def _datum(self, value: Any) -> date:
        try:
            hit = self._datums[value]
        except KeyError:
            try:
                hit = lees_datum(value)
            except ValueError as exc:
                hit = str(exc)
            if len(self._datums) < 100_000:
                self._datums[value] = hit
        if isinstance(hit, str):
            raise ValueError(hit)
        return hit

    @staticmethod
    def _code(cache: dict, tabel: Mapping[str, Any], value: Any):
        try:
            return cache[value]
        except KeyError:
            hit = cache[value] = _opzoeken(tabel, value)
            if len(cache) > 1000:
                cache.clear()
            return hit

    def rij(self, nummer: int, values: Sequence[Any]) -> None:
        for v in values:
            if v is not None and (not isinstance(v, str) or v.strip()):
                break
        else:
            return  # blank line
        fouten = self.uitslag.fouten
        n = len(values)
        if n > self.breedte:
            for extra in range(self.breedte, n):
                if _tekst(values[extra]):
                    fouten.append(RijFout(nummer, kolomletter(extra),
                                          "deze rij heeft meer waarden dan er kolommen in de kopregel staan"))
                    break
        r_vorm, r_client, r_start, r_eind, r_gespr, r_uitkomst = (
            values[i] if i < n else None for i in self.idx)

        vorm = self._code(self._vormen, _VORMEN, r_vorm)
        if vorm is None:
            ruw = _tekst(r_vorm)
            fouten.append(RijFout(nummer, "toegangsvorm", f"{_waarde(ruw, 'geen toegangsvorm')}; kies uit {_VORM_TEKST}"
                                  if ruw else f"vul de toegangsvorm in ({_VORM_TEKST})"))

        client_id = r_client.strip() if type(r_client) is str else _tekst(r_client)
        if not client_id:
            fouten.append(RijFout(nummer, "client_id", "vul de client_id in (het pseudoniem van de jeugdige)"))
        elif len(client_id) > CLIENT_ID_MAX:
            fouten.append(RijFout(nummer, "client_id", f"de client_id is langer dan {CLIENT_ID_MAX} tekens"))
        elif _STUURTEKEN.search(client_id):  # PostgreSQL stores no NUL; a tab or line break is a slip
            fouten.append(RijFout(nummer, "client_id", "de client_id bevat een onzichtbaar stuurteken (zoals een "
                                                       "tab, regeleinde of nul-teken); verwijder het"))

        start = eind = None
        if not _tekst(r_start):
            fouten.append(RijFout(nummer, "startdatum", "vul de startdatum in (eerste contact)"))
        else:
            try:
                start = self._datum(r_start)
            except ValueError as exc:
                fouten.append(RijFout(nummer, "startdatum", str(exc)))
        eind_leeg = not _tekst(r_eind)
        if not eind_leeg:
            try:
                eind = self._datum(r_eind)
            except ValueError as exc:
                fouten.append(RijFout(nummer, "einddatum", str(exc)))
            else:
                if start is not None and eind < start:
                    fouten.append(RijFout(nummer, "einddatum",
                                          f"de einddatum {eind.strftime('%d-%m-%Y')} ligt vóór de startdatum "
                                          f"{start.strftime('%d-%m-%Y')}"))

        if type(r_gespr) is str and len(r_gespr) < 5 and r_gespr.isascii() and r_gespr.isdigit():
            gesprekken = int(r_gespr)  # the common case, fast
        else:
            gesprekken = 0
            try:
                gesprekken = lees_gesprekken(r_gespr)
            except ValueError as exc:
                fouten.append(RijFout(nummer, "gesprekken", str(exc)))

        uitkomst = None
        if _tekst(r_uitkomst):
            uitkomst = self._code(self._uitkomsten, _UITKOMSTEN, r_uitkomst)
            if uitkomst is None:
                fouten.append(RijFout(nummer, "uitkomst", f"{_waarde(_tekst(r_uitkomst), 'geen uitkomst')}; kies uit "
                                                         f"{_UITKOMST_TEKST}, of laat leeg zolang het traject loopt"))
            elif eind_leeg:
                fouten.append(RijFout(nummer, "einddatum", "vul de einddatum in: een traject met een uitkomst is "
                                                           "afgesloten (of laat de uitkomst leeg als het nog loopt)"))
        elif not eind_leeg:
            fouten.append(RijFout(nummer, "uitkomst", "vul de uitkomst in: een traject met een einddatum is "
                                                      "afgesloten (of laat de einddatum leeg als het nog loopt)"))

        if vorm is not None and client_id and len(client_id) <= CLIENT_ID_MAX and start is not None:
            sleutel = (vorm.value, client_id, start)
            eerder = self.gezien.setdefault(sleutel, nummer)
            if eerder != nummer:
                fouten.append(RijFout(nummer, "client_id",
                                      f"hetzelfde traject ({vorm.label}, dezelfde client_id, startdatum "
                                      f"{start.strftime('%d-%m-%Y')}) staat op rij {eerder} en op rij {nummer}"))

        if not fouten:
            self.uitslag.trajecten.append(Traject(vorm, client_id, start, eind, gesprekken, uitkomst, nummer))
        elif self.uitslag.trajecten:
            self.uitslag.trajecten.clear()  # the file is rejected: stop holding trajecten


def lees_rijen(rijen: Iterable[Sequence[Any]], eerste_rij: int = 1) -> Rijen:
    """Header + data rows (lists of cell values); row numbers start at `eerste_rij` for the header.

    Leading blank rows are skipped (they keep their row number). A file without a header or
    without any traject is an error too.
    """
    it = iter(rijen)
    nummer = eerste_rij - 1
    kop = None
    for values in it:
        nummer += 1
        if any(_tekst(v) for v in values):
            kop = values
            break
    if kop is None:
        return Rijen(fouten=[RijFout(max(nummer, eerste_rij), "", "het bestand is leeg: er staat geen kopregel in")])
    kop_rij = nummer
    posities, kop_fouten, bruikbaar = lees_kop(kop, kop_rij)
    if not bruikbaar:
        return Rijen(fouten=kop_fouten)  # without a column every row would fail on it: report the header only
    lezer = _Lezer(posities, len(kop))
    lezer.uitslag.fouten.extend(kop_fouten)
    for values in it:
        nummer += 1
        lezer.rij(nummer, values)
    uitslag = lezer.uitslag
    if uitslag.ok and not uitslag.trajecten:
        uitslag.fouten.append(RijFout(kop_rij + 1, "", "het bestand bevat geen trajecten, alleen een kopregel"))
    if uitslag.fouten:
        uitslag.trajecten = []
        uitslag.fouten.sort(key=lambda f: (f.rij, _VOLGORDE.get(f.kolom, len(KOLOMMEN))))
    return uitslag


def lees_dicts(rijen: Iterable[Mapping[str, Any]]) -> Rijen:
    """Rows as dicts (e.g. csv.DictReader); the first dict's keys are the header (row 1)."""
    it = iter(rijen)
    eerste = next(it, None)
    if eerste is None:
        return lees_rijen([])
    namen = list(eerste.keys())

    def als_lijsten():
        yield namen
        yield [eerste.get(n) for n in namen]
        for d in it:
            yield [d.get(n) for n in namen]

    return lees_rijen(als_lijsten())
