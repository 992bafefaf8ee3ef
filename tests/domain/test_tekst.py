"""Safe text (domain/tekst.py) and text as text in a spreadsheet (domain/celtekst.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from jet_desktop.domain import tekst
from jet_desktop.domain.celtekst import csv_waarde, is_formule_achtig, xlsx_tekst
from jet_desktop.domain.tekst import VERVANGING, Veld, schoon, tekst_fout
from jet_desktop.storage import models

# form field lists -> the table whose columns they fill (attribute name = column name)
FORMULIEREN = [
    (tekst.AANMELDING_VELDEN, (models.Jeugdige, models.Aanmelding)),
    (tekst.OUDER_VELDEN, (models.Gezinslid,)),
    (tekst.BESLUIT_VELDEN, (models.Triagebesluit,)),
    (tekst.PLAN_VELDEN, (models.Ondersteuningsplan,)),
    (tekst.TOEWIJZING_VELDEN, (models.Toewijzing,)),
    (tekst.CONTACTMOMENT_VELDEN, (models.Contactmoment,)),
    (tekst.TOELICHTING_VELDEN, (models.Klikgesprek, models.ConsulentWijziging)),
    (tekst.AFWEZIGHEID_VELDEN, (models.Afwezigheid,)),
    (tekst.MEDEWERKER_VELDEN, (models.Medewerker,)),
]


@pytest.mark.parametrize("velden, tabellen", FORMULIEREN)
def test_field_lengths_are_the_column_lengths(velden, tabellen):
    for veld in velden:
        kolommen = [t.__table__.c[veld.naam] for t in tabellen if veld.naam in t.__table__.c]
        assert kolommen, veld.naam
        for k in kolommen:
            lengte = getattr(k.type, "length", None)
            assert veld.max_lengte == (lengte or tekst.MAX_VRIJE_TEKST), (veld.naam, k.table.name)
            assert veld.meerregelig == (lengte is None), veld.naam  # free text columns are the multi-line ones


def test_every_settings_name_fits_the_header():
    assert {v.naam for v in tekst.INSTELLING_VELDEN} == {"organisatie_naam", "team_naam"}


EEN = Veld("naam", "Naam", 10)
MEER = Veld("notitie", "Notitie", 10, meerregelig=True)


@pytest.mark.parametrize("waarde", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
                                    "\u202a", "\u202e", "\u2066", "\u2069", "\ufffe", "\uffff"])
def test_control_characters_are_refused_everywhere(waarde):
    assert tekst_fout(EEN, f"a{waarde}b") is not None
    assert tekst_fout(MEER, f"a{waarde}b") is not None


@pytest.mark.parametrize("waarde", ["\t", "\n", "\r", "\u2028", "\u2029"])
def test_line_breaks_and_tabs_only_in_multi_line_fields(waarde):
    assert "Naam:" in tekst_fout(EEN, f"a{waarde}b").message
    assert tekst_fout(MEER, f"a{waarde}b") is None or waarde in "\u2028\u2029"


@pytest.mark.parametrize("waarde", ["Şahin", "Nguyễn", "Żak", "O'Brien", "van 't Hof", "محمد", "李", "Zoë-Lynn",
                                    "=1+1", "-Anna", "@home", "a\u200db", "\u200fעברית"])
def test_real_names_and_formula_like_text_are_accepted(waarde):
    assert tekst_fout(EEN, waarde) is None  # formulas are harmless at input; the exports neutralise them


def test_length_counts_what_is_stored():
    assert tekst_fout(EEN, "  " + "a" * 10 + "  ") is None  # the services strip
    assert tekst_fout(EEN, "a" * 11).message == "Naam: te lang (11 tekens; maximaal 10)."


def test_schoon_replaces_and_cuts():
    assert schoon("a\x00b\u202ec") == f"a{VERVANGING}b{VERVANGING}c"
    assert schoon("a\tb\nc", meerregelig=False) == "a b c"
    assert schoon("a\tb\nc") == "a\tb\nc"
    assert schoon("abcdefghij", 5) == "abcd…" and len(schoon("x" * 100, 5)) == 5
    assert schoon("abc", 5) == "abc"


@pytest.mark.parametrize("waarde", ["=1+1", "+1", "-1", "@A1", "\t1", "\r1", " =1", "\u00a0=1", "\uff1d1"])
def test_formula_like(waarde):
    assert is_formule_achtig(waarde)
    assert csv_waarde(waarde) == "'" + waarde


@pytest.mark.parametrize("waarde", ["Anna", "1+1", "", "a=b", "'", "(1)"])
def test_not_formula_like(waarde):
    assert not is_formule_achtig(waarde)


def test_numbers_stay_numbers():
    assert csv_waarde(-5) == -5 and csv_waarde(3.5) == 3.5 and csv_waarde(None) is None


@given(st.text())
def test_the_csv_rule_can_be_undone_exactly(waarde):
    uit = csv_waarde(waarde)
    terug = uit[1:] if uit.startswith("'") else uit
    assert terug == waarde
    assert not is_formule_achtig(uit)


@given(st.text())
def test_xlsx_text_holds_nothing_xml_refuses(waarde):
    uit = xlsx_tekst(waarde)
    assert not ILLEGAL_CHARACTERS_RE.search(uit) and len(uit) <= 32_767


def test_import_messages_show_file_values_without_control_characters():
    """A value from an import file is quoted in the row's message (printed on the console by
    `import toegang`): a terminal escape in it is shown as "�", not sent to the terminal."""
    from jet_desktop.domain.toegang_rijen import KOLOMMEN, lees_rijen

    rij = {k: "" for k in KOLOMMEN} | {"toegangsvorm": "\x1b]0;gehackt\x07POH", "client_id": "C1",
                                      "startdatum": "\x1b[2J01-01-2026"}
    uitslag = lees_rijen([list(KOLOMMEN), [rij[k] for k in KOLOMMEN]])
    teksten = " ".join(str(f) for f in uitslag.fouten)
    assert uitslag.fouten and "\x1b" not in teksten and "\x07" not in teksten
    assert "gehackt" not in teksten  # a cell with letters is not shown at all (it may hold a name)
    uitslag = lees_rijen([list(KOLOMMEN), [{**rij, "startdatum": "\x1b[201-01-2026"}[k] for k in KOLOMMEN]])
    assert "\ufffd[201-01-2026" in " ".join(str(f) for f in uitslag.fouten)  # no letter: shown, cleaned
