"""Property-based tests (hypothesis) of the toegang import as the GUI and the CLI run it
(`services.toegang_import.importeer`): random and mutated CSV and XLSX files.

The properties, for every file:
- the import either stores the file or raises `ImportFout` — never anything else;
- a refused file comes with a Dutch message, and every bad row is named by its Excel row number and its column;
- a refused file leaves the store exactly as it was (toegangtraject and toegangimport, every column);
- an accepted file is stored completely: one toegangimport row, every traject of the file in the store with
  the values the file holds, and the counts of the result add up.

One SQLite store per test, shared by its examples: the client_ids and startdatums come from a small pool, so
later files repeat trajecten of earlier ones and the updating path is exercised too.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from jet_desktop.domain.toegang_rijen import KOLOMMEN, RijFout
from jet_desktop.services import toegang_import
from jet_desktop.services.toegang_bestand import BestandFout, lees_bestand
from jet_desktop.services.toegang_import import ImportFout, importeer
from jet_desktop.storage.models import ToegangImport, ToegangTraject

T, I = ToegangTraject.__table__, ToegangImport.__table__
# openpyxl warns about what it repairs in a damaged workbook (a date cell out of range becomes an error value,
# which the checks then refuse); the properties check the outcome, not the warnings
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:openpyxl.*")
INSTELLINGEN = settings(max_examples=80, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VORMEN = ["POH Jeugd", "poh jeugd", "poh_jeugd", "Jeugdondersteuner", "JEUGDONDERSTEUNER", "Amaryllis",
          "amaryllis", "Jeugdexpertteam", "jeugdexpertteam"]
UITKOMSTEN = ["zelf geholpen", "Zelf geholpen", "voorliggend veld", "specialistische jeugdhulp",
              "via jeugdexpertteam", "gestopt", "zelf_geholpen"]
CLIENTS = [f"C{i}" for i in range(12)] + ["J00412345", "Anaïs-Zoë", "Émile", "C;1", 'met "quote"', "a,b"]
STARTS = [date(2019, 1, 7), date(2019, 2, 1), date(2020, 12, 31), date(2024, 2, 29)]
GOEDE_WAARDEN = {"toegangsvorm": VORMEN, "uitkomst": UITKOMSTEN}

# garbage a register may hand over in any cell
RARE_TEKST = ["", " ", "31-02-2019", "2019-13-01", "00-00-0000", "1-1-1899", "01-01-2101", "9" * 5000, "9" * 300,
              "-1", "2.5", "3,0", "1e3", "٣", "１２", "NULL", "#N/B", "=1/0", "\x00", "C1\x00", "\ufeff", "x" * 70,
              "zelf  geholpen", "POH  Jeugd", "\u200b", "\r", "\n", "\"", "'", ";;", "\t"]
rare_tekst = st.sampled_from(RARE_TEKST) | st.text(max_size=12)


# -- the store -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One SQLite store for a whole test (hypothesis runs its examples in it), with trajecten already in it."""
    from jet_desktop.storage.store import Store

    store = Store.open_file(tmp_path_factory.mktemp("importprop") / "jet.db", user="Test Gebruiker")
    start = ("toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
             + "".join(f"POH Jeugd;{c};01-02-2019;;1;\n" for c in CLIENTS if ";" not in c and '"' not in c)
             + "Amaryllis;C1;07-01-2019;20-01-2019;2;gestopt\n")
    pad = tmp_path_factory.mktemp("start") / "start.csv"
    pad.write_text(start, encoding="utf-8")
    importeer(store, pad)
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory):
    return tmp_path_factory.mktemp("bestanden")


def inhoud(store, table):
    """Every column of every row, to prove that a table did not change at all."""
    with store.engine.connect() as conn:
        return sorted(tuple(str(v) for v in r) for r in conn.execute(select(table)).all())


def aantal(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def trajecten_in_store(store):
    with store.engine.connect() as conn:
        rows = conn.execute(select(T.c.toegangsvorm, T.c.client_id, T.c.startdatum, T.c.einddatum,
                                   T.c.gesprekken, T.c.uitkomst)).all()
    return {(r.toegangsvorm, r.client_id, r.startdatum): (r.einddatum, r.gesprekken, r.uitkomst) for r in rows}


# -- the property ---------------------------------------------------------------------------------------------

DUTCH_ROW_WORDS = ("geen", "vul", "kolom", "ligt", "bestaat niet", "gesprekken", "traject", "meer dan", "langer",
                   "rij", "teken")
PYTHON_TEXT = re.compile(r"Error|Exception|Traceback|object|attribute|NoneType|codec|decode|digits|"
                         r"int\(|float\(|invalid|unexpected|expected|line \d|field|limit|not |File ")


def zonder_aanhaling(tekst: str) -> str:
    """The text without the values it quotes from the file ('...'), which may be anything."""
    return re.sub(r"'[^']*'", "''", tekst)


def controleer_melding(exc: ImportFout, naam: str):
    assert exc.melding.strip()
    assert str(exc) == exc.melding
    assert exc.regels()[0] == exc.melding
    # Dutch for the user, no Python's or a library's English text; only an error's name may follow in parentheses
    eigen = re.sub(r"\([A-Za-z_.]+\)", "", exc.melding.replace(f"'{naam}'", ""))
    assert not PYTHON_TEXT.search(eigen), exc.melding
    if exc.fouten:
        assert exc.melding.startswith("Het bestand is niet ingelezen:") and "niets opgeslagen" in exc.melding
    else:
        assert exc.melding.startswith((f"'{naam}'", "Het bestand", "Een ander bestand")), exc.melding
    kolommen = set(KOLOMMEN)
    for f in exc.fouten:
        assert isinstance(f, RijFout)
        assert f.rij >= 1 and f.melding.strip()
        assert str(f).startswith(f"rij {f.rij}")
        tekst = zonder_aanhaling(f.melding)
        assert any(w in tekst for w in DUTCH_ROW_WORDS), f
        assert not PYTHON_TEXT.search(tekst), f
        assert len(f.melding) <= 300, f  # quoted values are shortened, a row's message stays readable
        if f.kolom:
            # a column of the layout, Excel's letter of a column beyond the header, or an unknown column's name
            assert f.kolom in kolommen or re.fullmatch(r"[A-Z]{1,3}", f.kolom) or "onbekende kolom" in f.melding, f
        else:
            assert "kopregel" in f.melding or "geen trajecten" in f.melding, f
    assert [(f.rij) for f in exc.fouten] == sorted(f.rij for f in exc.fouten)


def importeer_en_controleer(store, map_, naam: str, data: bytes) -> str:
    """Imports `data` as file `naam` through the service the GUI and CLI use; checks the properties.
    Returns 'geweigerd', 'al ingelezen' or 'ingelezen'."""
    path = map_ / naam
    path.write_bytes(data)
    voor_t, voor_i = inhoud(store, T), inhoud(store, I)
    try:
        verwacht = lees_bestand(data, naam)  # the pure reading, to check what an accepted file stored
    except BestandFout:
        verwacht = None
    try:
        r = importeer(store, path)
    except ImportFout as exc:
        controleer_melding(exc, naam)
        assert inhoud(store, T) == voor_t, "a refused file changed toegangtraject"
        assert inhoud(store, I) == voor_i, "a refused file changed toegangimport"
        return "geweigerd"
    if r.al_ingelezen:
        assert inhoud(store, T) == voor_t and inhoud(store, I) == voor_i
        return "al ingelezen"
    assert verwacht is not None and verwacht.ok
    assert r.rijen == len(verwacht.trajecten) > 0
    assert r.nieuw + r.bijgewerkt + r.ongewijzigd == r.rijen and min(r.nieuw, r.bijgewerkt, r.ongewijzigd) >= 0
    assert len(inhoud(store, I)) == len(voor_i) + 1
    assert len(inhoud(store, T)) == len(voor_t) + r.nieuw
    opgeslagen = trajecten_in_store(store)
    for t in verwacht.trajecten:
        assert opgeslagen[t.sleutel] == (t.einddatum, t.gesprekken, t.uitkomst.value if t.uitkomst else "")
    return "ingelezen"


# -- files: valid rows, then mutated ---------------------------------------------------------------------------

@st.composite
def goede_rijen(draw, min_size=1, max_size=8):
    """Valid trajecten as cell values: [toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst]."""
    sleutels = draw(st.lists(st.tuples(st.sampled_from(VORMEN[::2]), st.sampled_from(CLIENTS),
                                       st.sampled_from(STARTS) | st.dates(date(1990, 1, 1), date(2100, 12, 31))),
                             min_size=min_size, max_size=max_size,
                             unique_by=lambda s: (s[0].lower().replace("_", " "), s[1], s[2])))
    rijen = []
    for vorm, client, start in sleutels:
        afgesloten = draw(st.booleans())
        eind = start + timedelta(days=draw(st.integers(0, 400))) if afgesloten else None
        if eind is not None and eind.year > 2100:
            eind = date(2100, 12, 31)
        rijen.append([draw(st.sampled_from([vorm, vorm.lower(), vorm.upper()])), client, start, eind,
                      draw(st.integers(0, 40)), draw(st.sampled_from(UITKOMSTEN)) if afgesloten else None])
    return rijen


def als_tekst(v, datumvorm: str) -> str:
    if v is None:
        return ""
    if isinstance(v, (date, datetime)):
        return v.strftime(datumvorm)
    return str(v)


def mutatie(kolommen: int):
    """One structural change of a table (header + rows), as a function of (kop, rijen)."""
    kolom = st.integers(0, kolommen - 1)
    return st.one_of(
        st.tuples(st.just("kolom_weg"), kolom),
        st.tuples(st.just("kolom_hernoemd"), kolom, st.sampled_from(["", "client id", "Client-ID", "klant",
                                                                      "startdatum ", "datum"]) | st.text(max_size=8)),
        st.tuples(st.just("kolom_dubbel"), kolom),
        st.tuples(st.just("kolommen_wisselen"), kolom, kolom),
        st.tuples(st.just("cel"), st.integers(0, 50), kolom, rare_tekst),
        st.tuples(st.just("extra_cel"), st.integers(0, 50), rare_tekst),
        st.tuples(st.just("rij_dubbel"), st.integers(0, 50)),
        st.tuples(st.just("lege_rij"), st.integers(0, 50)),
        st.tuples(st.just("rij_weg"), st.integers(0, 50)),
        st.tuples(st.just("alleen_kop")),
        st.tuples(st.just("leeg")),
    )


def pas_toe(kop: list, rijen: list[list], m) -> tuple[list, list[list]]:
    soort = m[0]
    if soort == "kolom_weg" and len(kop) > 1:
        i = m[1] % len(kop)
        return kop[:i] + kop[i + 1:], [r[:i] + r[i + 1:] for r in rijen]
    if soort == "kolom_hernoemd" and kop:
        kop = list(kop)
        kop[m[1] % len(kop)] = m[2]
        return kop, rijen
    if soort == "kolom_dubbel" and kop:
        i = m[1] % len(kop)
        return kop + [kop[i]], [r + [r[i] if i < len(r) else None] for r in rijen]
    if soort == "kolommen_wisselen" and kop:
        i, j = m[1] % len(kop), m[2] % len(kop)
        kop = list(kop)
        kop[i], kop[j] = kop[j], kop[i]
        rijen = [list(r) for r in rijen]
        for r in rijen:
            if max(i, j) < len(r):
                r[i], r[j] = r[j], r[i]
        return kop, rijen
    if soort == "cel" and rijen:
        rijen = [list(r) for r in rijen]
        r = rijen[m[1] % len(rijen)]
        if r:
            r[m[2] % len(r)] = m[3]
        return kop, rijen
    if soort == "extra_cel" and rijen:
        rijen = [list(r) for r in rijen]
        rijen[m[1] % len(rijen)].append(m[2])
        return kop, rijen
    if soort == "rij_dubbel" and rijen:
        r = rijen[m[1] % len(rijen)]
        return kop, rijen + [list(r)]
    if soort == "lege_rij":
        i = m[1] % (len(rijen) + 1)
        return kop, rijen[:i] + [[None] * len(kop)] + rijen[i:]
    if soort == "rij_weg" and rijen:
        i = m[1] % len(rijen)
        return kop, rijen[:i] + rijen[i + 1:]
    if soort == "alleen_kop":
        return kop, []
    if soort == "leeg":
        return [], []
    return kop, rijen


@st.composite
def tabellen(draw, max_mutaties=4):
    """A header and rows: valid, then 0..max_mutaties structural mutations."""
    kop = list(KOLOMMEN)
    if draw(st.booleans()):
        kop = draw(st.permutations(kop))  # the column order does not matter
    rijen = draw(goede_rijen())
    rijen = [[r[KOLOMMEN.index(k)] for k in kop] for r in rijen]
    for m in draw(st.lists(mutatie(len(kop)), max_size=max_mutaties)):
        kop, rijen = pas_toe(kop, rijen, m)
    return kop, rijen


GELDIGE_DATUMVORMEN = ["%d-%m-%Y", "%Y-%m-%d", "%Y-%m-%d 00:00:00"]
# what docs/import.md accepts (UTF-16 and UTF-32 with a BOM), then what it refuses or reads as mojibake
GELDIGE_CODERINGEN = ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"]
ALLE_CODERINGEN = GELDIGE_CODERINGEN + ["utf-16-le", "utf-16-be", "utf-32-be", "latin-1", "mac_roman", "cp437",
                                        "shift_jis"]


@st.composite
def csv_bestanden(draw, max_mutaties=4, coderingen=ALLE_CODERINGEN, met_tabel=False):
    """CSV bytes as Excel and other programs write them (separator, quoting, line ends, an Excel `sep=` line,
    an encoding); with `met_tabel` also the header and rows they were written from."""
    kop, rijen = draw(tabellen(max_mutaties))
    teken = draw(st.sampled_from([";", ",", "\t"]))
    # without mutations only the documented date formats; with them also one that is not (dd/mm/jjjj)
    datumvorm = draw(st.sampled_from(GELDIGE_DATUMVORMEN + (["%d/%m/%Y"] if max_mutaties else [])))
    buf = io.StringIO(newline="")
    if draw(st.booleans()):
        buf.write(f"sep={teken}\r\n")
    writer = csv.writer(buf, delimiter=teken, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    if kop:
        writer.writerow(kop)
    for r in rijen:
        writer.writerow([als_tekst(v, datumvorm) for v in r])
    data = buf.getvalue().encode(draw(st.sampled_from(coderingen)), errors="replace")
    return (data, kop, rijen) if met_tabel else data


ELKE_CEL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(datetime(1900, 1, 1), datetime(9999, 12, 31)), st.dates(date(1900, 1, 1), date(9999, 12, 31)),
    st.times(), st.timedeltas(timedelta(days=-1000), timedelta(days=1000)), rare_tekst,
)


def xlsx_bytes(kop, rijen, typen: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook()
    ws = wb.active
    try:
        if kop:
            ws.append(kop)
        for i, r in enumerate(rijen):
            ws.append([typen.get((i, j), v) for j, v in enumerate(r)])
        for (i, j), fmt in typen.get("formaten", {}).items():
            ws.cell(row=i + 2, column=j + 1).number_format = fmt
        buf = io.BytesIO()
        wb.save(buf)
    except (IllegalCharacterError, ValueError, TypeError, OverflowError):
        assume(False)  # openpyxl itself refuses to write such a cell: no file to import
    return buf.getvalue()


@st.composite
def xlsx_bestanden(draw, max_mutaties=4) -> bytes:
    """A workbook from a (mutated) table, with cells of random types (date cells, numbers, booleans, times...)."""
    kop, rijen = draw(tabellen(max_mutaties))
    typen: dict = {}
    breedte = max([len(kop)] + [len(r) for r in rijen])
    for _ in range(draw(st.integers(0, 4))):
        if rijen:
            typen[(draw(st.integers(0, len(rijen) - 1)), draw(st.integers(0, breedte)))] = draw(ELKE_CEL)
    typen["formaten"] = {(draw(st.integers(0, 9)), draw(st.integers(0, 6))): draw(
        st.sampled_from(["dd-mm-yyyy", "yyyy-mm-dd hh:mm", "0.00", "@", "General"])) for _ in range(draw(
            st.integers(0, 2)))}
    return xlsx_bytes(kop, rijen, typen)


# byte-level damage -------------------------------------------------------------------------------------------

def beschadig(data: bytes, bewerkingen) -> bytes:
    for soort, plek, stuk in bewerkingen:
        plek = plek % (len(data) + 1)
        if soort == "afkappen":
            data = data[:plek]
        elif soort == "invoegen":
            data = data[:plek] + stuk + data[plek:]
        else:  # overschrijven
            data = data[:plek] + stuk + data[plek + len(stuk):]
    return data


bewerkingen = st.lists(st.tuples(st.sampled_from(["afkappen", "invoegen", "overschrijven"]),
                                 st.integers(0, 10**6), st.binary(min_size=1, max_size=6)), min_size=1, max_size=3)

XML_WAARDEN = ["1e308", "-1", "99999999999", "abc", "", "1" * 50, "2958466", "-5", "NaN", "INF", "0x10",
               "2019-02-01", "2019-02-30T00:00:00", "#DIV/0!", "12:30", "9" * 5000, "true", "3.5"]
XML_TYPEN = ["n", "s", "b", "e", "str", "d", "inlineStr", "x", ""]


def xml_bewerking(xml: str, soort: str, keuze: int, waarde: str) -> str:
    """A targeted change of a worksheet's XML: a value, a cell type or a style replaced."""
    patroon = {"waarde": r"<v>[^<]*</v>", "type": r' t="[^"]*"', "stijl": r' s="\d+"'}[soort]
    treffers = list(re.finditer(patroon, xml))
    if not treffers:
        return xml
    m = treffers[keuze % len(treffers)]
    nieuw = {"waarde": f"<v>{waarde}</v>", "type": f' t="{waarde}"', "stijl": f' s="{keuze % 4}"'}[soort]
    return xml[:m.start()] + nieuw + xml[m.end():]


def herpak(data: bytes, lid: str, bewerk) -> bytes:
    """The workbook with one member changed by `bewerk` (bytes -> bytes), zipped again (a valid zip)."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            inhoud_lid = zin.read(info.filename)
            zout.writestr(info.filename, bewerk(inhoud_lid) if info.filename == lid else inhoud_lid)
    return uit.getvalue()


# -- the tests ---------------------------------------------------------------------------------------------

@INSTELLINGEN
@given(csv_bestanden(max_mutaties=0, coderingen=GELDIGE_CODERINGEN, met_tabel=True))
def test_valid_csv_files_are_imported_completely(store, werkmap, bestand):
    """The generator itself: without mutations every file in a documented encoding imports, with its values."""
    data, kop, rijen = bestand
    assert importeer_en_controleer(store, werkmap, "geldig.csv", data) in ("ingelezen", "al ingelezen")
    gelezen = lees_bestand(data, "geldig.csv").trajecten
    assert [(t.client_id, t.startdatum, t.einddatum, t.gesprekken) for t in gelezen] == [
        tuple(r[kop.index(k)] for k in ("client_id", "startdatum", "einddatum", "gesprekken")) for r in rijen]


@INSTELLINGEN
@given(csv_bestanden())
@example("toegangsvorm,client_id,startdatum,einddatum,gesprekken,uitkomst\r\n"
         f"POH Jeugd,C1,01-02-2019,,{'9' * 5000},\r\n".encode())
@example("toegangsvorm,client_id,startdatum,einddatum,gesprekken,uitkomst\r\n"
         f"POH Jeugd,C1,01-02-2019,,{'9' * 300},\r\n".encode())
@example(b"\r\n\r\nsep=;\r\ntoegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\r\n"
         b"POH Jeugd;C7;01-02-2019;;1;\r\n")
def test_mutated_csv_files_are_stored_whole_or_refused_with_nothing_changed(store, werkmap, data):
    importeer_en_controleer(store, werkmap, "mutatie.csv", data)


@INSTELLINGEN
@given(csv_bestanden(max_mutaties=1) | xlsx_bestanden(max_mutaties=1), bewerkingen)
@example(b"", [("afkappen", 0, b"x")])
def test_damaged_bytes_are_refused_or_read_never_a_crash(store, werkmap, data, schade):
    importeer_en_controleer(store, werkmap, "beschadigd.csv", beschadig(data, schade))


@INSTELLINGEN
@given(xlsx_bestanden())
def test_mutated_xlsx_files_with_random_cell_types_are_stored_whole_or_refused(store, werkmap, data):
    importeer_en_controleer(store, werkmap, "mutatie.xlsx", data)


@INSTELLINGEN
@given(xlsx_bestanden(max_mutaties=1),
       st.lists(st.tuples(st.sampled_from(["waarde", "type", "stijl"]), st.integers(0, 200),
                          st.sampled_from(XML_WAARDEN + XML_TYPEN)), min_size=1, max_size=3),
       st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]),
       st.lists(st.tuples(st.sampled_from(["invoegen", "overschrijven", "afkappen"]), st.integers(0, 10**5),
                          st.binary(min_size=1, max_size=4)), max_size=1))
def test_workbooks_with_damaged_xml_inside_a_valid_zip_never_crash_the_import(store, werkmap, data, xml_wijzigingen,
                                                                              lid, schade):
    def bewerk(xml: bytes) -> bytes:
        tekst = xml.decode("utf-8")
        for soort, keuze, waarde in xml_wijzigingen:
            tekst = xml_bewerking(tekst, soort, keuze, waarde)
        return beschadig(tekst.encode("utf-8"), schade)

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assume(lid in z.namelist())
    importeer_en_controleer(store, werkmap, "xml.xlsx", herpak(data, lid, bewerk))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(goede_rijen(min_size=2, max_size=6), min_size=1, max_size=1), st.integers(1, 3), st.integers(0, 6))
def test_a_failure_while_writing_leaves_nothing_behind(store, werkmap, rijen_lijst, batch, faal_na):
    """All-or-nothing also when writing breaks off halfway (a lost connection, a full disk): the transaction
    rolls back every batch written before."""
    rijen = rijen_lijst[0]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";")
    w.writerow(KOLOMMEN)
    for r in rijen:
        w.writerow([als_tekst(v, "%d-%m-%Y") for v in r])
    w.writerow(["Amaryllis", f"uniek-{faal_na}-{batch}-{len(rijen)}", "01-01-2020", "", "1", ""])
    path = werkmap / "breekt.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    voor_t, voor_i = inhoud(store, T), inhoud(store, I)

    def progress(klaar, totaal):
        if klaar >= min(faal_na, totaal) and klaar > 0:
            raise OSError("schijf vol")

    oud = toegang_import.BATCH
    toegang_import.BATCH = batch
    try:
        r = importeer(store, path, progress=progress)
    except OSError:
        assert inhoud(store, T) == voor_t and inhoud(store, I) == voor_i
    else:
        assert r.al_ingelezen  # the same file was stored by an earlier example
    finally:
        toegang_import.BATCH = oud


# -- regressions found by the properties above ------------------------------------------------------------------

KOP = ",".join(KOLOMMEN)


def test_a_number_with_thousands_of_digits_gets_a_dutch_message(sqlite_store, tmp_path):
    path = tmp_path / "groot.csv"
    path.write_text(f"{KOP}\nPOH Jeugd,C1,01-02-2019,,{'9' * 5000},\n", encoding="utf-8")
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    [fout] = exc.value.fouten
    assert (fout.rij, fout.kolom) == (2, "gesprekken")
    assert "meer dan 10000" in fout.melding and len(fout.melding) < 120
    assert aantal(sqlite_store, T) == aantal(sqlite_store, I) == 0


def test_an_overlong_number_is_shortened_in_the_message(sqlite_store, tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(f"{KOP}\nPOH Jeugd,C1,01-02-2019,,{'9' * 300},\n", encoding="utf-8")
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert [(f.rij, f.kolom) for f in exc.value.fouten] == [(2, "gesprekken")]
    assert len(exc.value.fouten[0].melding) < 120


def bestand_met_client(tmp_path, client_id: str) -> tuple:
    """A CSV file whose last row has `client_id`; 200 good rows before it put it past the first 4 KB, where a
    NUL byte does not yet mark the file as binary. Returns (path, row number of the last row)."""
    goed = "".join(f"POH Jeugd,P{i},01-02-2019,,1,\n" for i in range(200))
    path = tmp_path / "stuurteken.csv"
    path.write_bytes(f"{KOP}\n{goed}Amaryllis,{client_id},01-02-2019,,1,\n".encode("utf-8"))
    assert b"\x00" not in path.read_bytes()[:4096]
    return path, 202


@pytest.mark.parametrize("teken", ["\x00", "\x01", "\t", "\x1f", "\x7f", "\x85"])
def test_a_control_character_in_the_client_id_is_refused_naming_row_and_column(sqlite_store, tmp_path, teken):
    path, rij = bestand_met_client(tmp_path, f"C{teken}2")
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert [(f.rij, f.kolom) for f in exc.value.fouten] == [(rij, "client_id")]
    assert "stuurteken" in exc.value.fouten[0].melding
    assert aantal(sqlite_store, T) == aantal(sqlite_store, I) == 0


def test_a_nul_in_the_client_id_does_not_crash_a_postgresql_import(pg_store, tmp_path):
    """PostgreSQL stores no NUL in text: before the check the import died with a psycopg DataError."""
    path, rij = bestand_met_client(tmp_path, "C\x001")
    with pytest.raises(ImportFout) as exc:
        importeer(pg_store, path)
    assert [(f.rij, f.kolom) for f in exc.value.fouten] == [(rij, "client_id")]
    assert aantal(pg_store, T) == aantal(pg_store, I) == 0


def test_blank_lines_before_the_excel_sep_line(sqlite_store, tmp_path):
    """After blank lines the hint line is still honoured and, as Excel shows it then, keeps a row number."""
    path = tmp_path / "sep.csv"
    path.write_bytes(f"\r\nsep=;\r\n{KOP.replace(',', ';')}\r\nPOH Jeugd;C1;01-02-2019;;1;\r\n"
                     f"POH Jeugd;C2;01-02-2019;;x;\r\n".encode())
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert [(f.rij, f.kolom) for f in exc.value.fouten] == [(5, "gesprekken")]
    path.write_bytes(f"\r\nsep=;\r\n{KOP.replace(',', ';')}\r\nPOH Jeugd;C1;01-02-2019;;1;\r\n".encode())
    assert importeer(sqlite_store, path).nieuw == 1


def test_a_utf32_file_with_a_bom_is_read(sqlite_store, tmp_path):
    """Before: decoded as UTF-16, every header cell was an unknown column full of NUL characters."""
    path = tmp_path / "utf32.csv"
    path.write_bytes(f"{KOP}\nPOH Jeugd,Anaïs,01-02-2019,,1,\n".encode("utf-32"))
    assert path.read_bytes().startswith(b"\xff\xfe\x00\x00")
    assert importeer(sqlite_store, path).nieuw == 1
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(T.c.client_id)).scalar_one() == "Anaïs"


@pytest.mark.parametrize("regeleinde", ["\r\n", "\n", "\r"])
def test_a_tab_hint_line_is_honoured(sqlite_store, tmp_path, regeleinde):
    """`sep=<tab>`: the tab was stripped as white space, so the hint line became a header with unknown columns."""
    kop = KOP.replace(",", "\t")
    path = tmp_path / "tab.csv"
    path.write_bytes(regeleinde.join(["sep=\t", kop, "POH Jeugd\tC1\t01-02-2019\t\t1\t", ""]).encode())
    r = importeer(sqlite_store, path)
    assert (r.rijen, r.nieuw) == (1, 1)


def werkmap_bytes(rijen) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in [list(KOLOMMEN), *rijen]:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_damaged_sheet_gets_a_dutch_message_naming_the_row(sqlite_store, tmp_path):
    """Before: "... kan niet worden gelezen als Excel-werkmap: invalid literal for int() with base 10: 'abc'"."""
    data = werkmap_bytes([["POH Jeugd", "C1", date(2019, 2, 1), None, 1, None],
                          ["POH Jeugd", "C2", date(2019, 2, 1), None, 2, None]])
    kapot = herpak(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v>2</v>", b"<v>abc</v>"))
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(kapot)
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert exc.value.melding == ("'kapot.xlsx' is beschadigd: het eerste werkblad kan vanaf rij 3 niet worden gelezen "
                                 "(ValueError). Open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx) of "
                                 "als CSV.")
    assert aantal(sqlite_store, T) == aantal(sqlite_store, I) == 0


def test_a_workbook_with_a_damaged_zip_member_gets_a_dutch_message(sqlite_store, tmp_path):
    """Before: "... geen geldig Excel-bestand (.xlsx): Error -3 while decompressing data: invalid ..." (zlib's text)."""
    data = werkmap_bytes([["POH Jeugd", "C1", date(2019, 2, 1), None, 1, None]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("xl/workbook.xml")
    begin = info.header_offset + 30 + len(info.filename) + len(info.extra)  # the compressed bytes of the member
    kapot = data[:begin] + bytes(b ^ 0xFF for b in data[begin:begin + 8]) + data[begin + 8:]
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(kapot)
    with pytest.raises(ImportFout) as exc:
        importeer(sqlite_store, path)
    assert exc.value.melding.startswith("'kapot.xlsx' is geen geldig Excel-bestand (.xlsx) (")
    assert exc.value.melding.endswith("Open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV.")
    assert not PYTHON_TEXT.search(re.sub(r"\([A-Za-z_.]+\)", "", exc.value.melding))
