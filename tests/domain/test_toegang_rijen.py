"""The checks of an imported registration file, row by row (domain.md "Monitor toegang")."""

from datetime import date, datetime

import pytest

from jet_desktop.domain.enums import Toegangsvorm, TrajectUitkomst
from jet_desktop.domain.toegang_rijen import KOLOMMEN, RijFout, kolomletter, lees_dicts, lees_rijen

KOP = list(KOLOMMEN)
GOED = ["POH Jeugd", "C1", "01-02-2019", "15-03-2019", "3", "zelf geholpen"]


def fouten(*rijen, kop=KOP):
    uitslag = lees_rijen([kop, *rijen])
    assert not uitslag.trajecten or not uitslag.fouten
    return [(f.rij, f.kolom) for f in uitslag.fouten], uitslag


def rij(**kw):
    values = dict(zip(KOLOMMEN, GOED))
    values.update(kw)
    return [values[k] for k in KOLOMMEN]


def test_a_good_file_gives_the_trajecten_with_their_row_numbers():
    uitslag = lees_rijen([
        ["  Toegangsvorm ", "CLIENT_ID", "startdatum", "einddatum", "Gesprekken", "uitkomst"],
        ["poh jeugd", " C1 ", "01-02-2019", "15-03-2019", "3", "Zelf Geholpen"],
        ["", "", "", "", "", ""],  # blank line: skipped, but counts as an Excel row
        ["AMARYLLIS", "C2", "2019-02-01", "", "0", ""],
        ["Jeugdondersteuner", "C1", "1-2-2019", "2-3-2019", "12", "via jeugdexpertteam"],
    ])
    assert uitslag.ok
    a, b, c = uitslag.trajecten
    assert (a.toegangsvorm, a.client_id, a.startdatum, a.einddatum, a.gesprekken, a.uitkomst, a.rij) == (
        Toegangsvorm.POH_JEUGD, "C1", date(2019, 2, 1), date(2019, 3, 15), 3, TrajectUitkomst.ZELF_GEHOLPEN, 2)
    assert (b.toegangsvorm, b.einddatum, b.uitkomst, b.gesprekken, b.rij) == (Toegangsvorm.AMARYLLIS, None, None, 0, 4)
    assert (c.startdatum, c.einddatum, c.uitkomst, c.rij) == (date(2019, 2, 1), date(2019, 3, 2),
                                                              TrajectUitkomst.VIA_JET, 5)


def test_xlsx_cell_values_dates_and_whole_floats_are_accepted():
    uitslag = lees_rijen([KOP, ["Jeugdexpertteam", 12345, datetime(2019, 2, 1), date(2019, 2, 20), 3.0,
                                "specialistische jeugdhulp"],
                          ["POH Jeugd", 12345.0, date(2019, 5, 1), None, 2, None]])
    assert uitslag.ok
    a, b = uitslag.trajecten
    assert (a.client_id, a.startdatum, a.einddatum, a.gesprekken) == ("12345", date(2019, 2, 1), date(2019, 2, 20), 3)
    assert (b.client_id, b.einddatum, b.uitkomst) == ("12345", None, None)


def test_unknown_toegangsvorm():
    errs, uitslag = fouten(rij(toegangsvorm="Huisarts"))
    assert errs == [(2, "toegangsvorm")]
    assert "is geen toegangsvorm" in uitslag.fouten[0].melding
    assert "POH Jeugd" in uitslag.fouten[0].melding


@pytest.mark.parametrize("tekst", ["31-02-2019", "2019/02/01", "1 februari 2019", "01-02-19", "2019-13-01", "morgen"])
def test_a_date_that_does_not_parse(tekst):
    errs, uitslag = fouten(rij(startdatum=tekst))
    assert errs == [(2, "startdatum")]
    if any(ch.isalpha() for ch in tekst):  # a cell with letters may hold a name: not shown
        assert tekst not in uitslag.fouten[0].melding and "niet getoond" in uitslag.fouten[0].melding
    else:
        assert tekst in uitslag.fouten[0].melding


def test_einddatum_before_startdatum():
    errs, uitslag = fouten(rij(startdatum="10-03-2019", einddatum="09-03-2019"))
    assert errs == [(2, "einddatum")]
    assert "09-03-2019 ligt vóór de startdatum 10-03-2019" in uitslag.fouten[0].melding
    assert fouten(rij(startdatum="10-03-2019", einddatum="10-03-2019"))[0] == []  # one talk on one day is fine


@pytest.mark.parametrize("waarde, deel", [("-1", "0 of meer"), ("2.5", "geen heel getal"), ("drie", "geen heel getal"),
                                          ("", "vul het aantal"), (-2.0, "0 of meer"), (1.5, "geen heel getal")])
def test_bad_gesprekken(waarde, deel):
    errs, uitslag = fouten(rij(gesprekken=waarde))
    assert errs == [(2, "gesprekken")]
    assert deel in uitslag.fouten[0].melding


def test_uitkomst_without_einddatum_and_the_reverse():
    errs, uitslag = fouten(rij(einddatum="", uitkomst="gestopt"), rij(client_id="C2", uitkomst=""))
    assert errs == [(2, "einddatum"), (3, "uitkomst")]
    assert "vul de einddatum in" in uitslag.fouten[0].melding
    assert "vul de uitkomst in" in uitslag.fouten[1].melding


def test_unknown_uitkomst():
    errs, uitslag = fouten(rij(uitkomst="doorverwezen"))
    assert errs == [(2, "uitkomst")]
    assert "is geen uitkomst" in uitslag.fouten[0].melding


def test_missing_column_names_it_and_stops_there():
    kop = ["toegangsvorm", "client_id", "startdatum", "gesprekken", "uitkomst"]
    uitslag = lees_rijen([kop, ["POH Jeugd", "C1", "01-02-2019", "3", "zelf geholpen"]])
    assert [(f.rij, f.kolom) for f in uitslag.fouten] == [(1, "einddatum")]
    assert "'einddatum' ontbreekt" in uitslag.fouten[0].melding
    assert uitslag.trajecten == []


def test_unknown_and_repeated_columns_are_named():
    errs, uitslag = fouten(rij() + ["x"], kop=KOP + ["opmerking"])
    assert errs == [(1, "opmerking")]
    assert "onbekende kolom 'opmerking'" in uitslag.fouten[0].melding
    errs, _ = fouten(rij(), kop=KOP[:5] + ["Startdatum"])
    assert errs == [(1, "startdatum"), (1, "uitkomst")]  # repeated, and therefore uitkomst is missing


def test_empty_header_cells_are_ignored_but_values_beyond_the_header_are_not():
    assert fouten(rij() + ["", ""], kop=KOP + ["", ""])[0] == []
    errs, uitslag = fouten(rij() + ["", "x"])
    assert errs == [(2, "H")]
    assert "meer waarden dan er kolommen" in uitslag.fouten[0].melding


def test_the_same_traject_twice_names_both_rows():
    errs, uitslag = fouten(rij(), rij(client_id="C2"), rij(toegangsvorm="poh jeugd", gesprekken="5"))
    assert errs == [(4, "client_id")]
    assert "staat op rij 2 en op rij 4" in uitslag.fouten[0].melding
    # another toegangsvorm, client or startdatum is another traject
    assert fouten(rij(), rij(toegangsvorm="Amaryllis"), rij(startdatum="02-02-2019"))[0] == []


def test_all_errors_are_reported_at_once_with_row_numbers():
    errs, uitslag = fouten(
        rij(),
        rij(client_id="C2", toegangsvorm="GGD", gesprekken="-4"),
        ["", "", "", "", "", ""],
        rij(client_id="C3", startdatum="32-01-2019", einddatum="01-01-2019"),
        rij(client_id="", einddatum="", uitkomst="zelf geholpen"),
        rij(),
    )
    assert errs == [(3, "toegangsvorm"), (3, "gesprekken"), (5, "startdatum"), (6, "client_id"),
                    (6, "einddatum"), (7, "client_id")]
    assert uitslag.trajecten == []
    assert str(uitslag.fouten[0]).startswith("rij 3, kolom toegangsvorm: ")


def test_client_id_length():
    assert fouten(rij(client_id="x" * 64))[0] == []
    errs, uitslag = fouten(rij(client_id="x" * 65))
    assert errs == [(2, "client_id")] and "64" in uitslag.fouten[0].melding


def test_empty_file_and_header_only_are_errors():
    assert [str(f) for f in lees_rijen([]).fouten] == ["rij 1: het bestand is leeg: er staat geen kopregel in"]
    uitslag = lees_rijen([KOP, ["", "", "", "", "", ""]])
    assert [str(f) for f in uitslag.fouten] == ["rij 2: het bestand bevat geen trajecten, alleen een kopregel"]


def test_leading_blank_rows_keep_their_row_numbers():
    uitslag = lees_rijen([[], ["", ""], KOP, rij(gesprekken="-1")])
    assert uitslag.fouten == [RijFout(4, "gesprekken", "-1 gesprekken kan niet: het aantal is 0 of meer")]


def test_rows_as_dicts():
    uitslag = lees_dicts([dict(zip(KOLOMMEN, GOED)), dict(zip(KOLOMMEN, rij(client_id="C2", gesprekken="x")))])
    assert [(f.rij, f.kolom) for f in uitslag.fouten] == [(3, "gesprekken")]
    assert lees_dicts([dict(zip(KOLOMMEN, GOED))]).trajecten[0].client_id == "C1"


def test_column_letters():
    assert [kolomletter(i) for i in (0, 6, 25, 26, 27, 701, 702)] == ["A", "G", "Z", "AA", "AB", "ZZ", "AAA"]


# -- property: whatever the cells hold, the checks give trajecten or errors, never an exception --------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_cel = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.dates(), st.datetimes(), st.sampled_from(GOED + ["", " ", "gestopt", "Amaryllis", "2019-02-31", "3.0"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cel, max_size=8), max_size=6), st.booleans())
def test_random_cells_never_crash(rows, met_kop):
    uitslag = lees_rijen(([KOP] if met_kop else []) + rows)
    assert uitslag.ok == (not uitslag.fouten)
    assert bool(uitslag.trajecten) != bool(uitslag.fouten)
    for f in uitslag.fouten:
        assert isinstance(f.rij, int) and f.rij >= 1 and f.melding
    for t in uitslag.trajecten:
        assert t.einddatum is None or t.einddatum >= t.startdatum
        assert (t.einddatum is None) == (t.uitkomst is None) and t.gesprekken >= 0


@pytest.mark.parametrize("waarde", ["²", "٣", "1²"])
def test_digits_that_are_not_ascii_are_no_number(waarde):
    errs, uitslag = fouten(rij(gesprekken=waarde), rij(client_id="C2", startdatum="٠١-٠٢-٢٠١٩"))
    assert errs == [(2, "gesprekken"), (3, "startdatum")]
