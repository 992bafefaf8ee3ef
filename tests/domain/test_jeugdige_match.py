"""A known jeugdige is recognised: same BSN, or same name + birth date."""

from datetime import date

import pytest

from jet_desktop.domain.jeugdige_match import Persoonskenmerken as P
from jet_desktop.domain.jeugdige_match import is_zelfde_jeugdige, naam_sleutel

GEBOREN = date(2015, 4, 12)
BEKEND = P("Zoë", "Jong", GEBOREN, bsn="111222333", tussenvoegsel="de")


def test_same_bsn_is_the_same_jeugdige_even_with_another_name_and_date():
    assert is_zelfde_jeugdige(P("Zoey", "Jansen", date(2016, 1, 1), bsn="111222333"), BEKEND)


def test_same_bsn_written_differently():
    assert is_zelfde_jeugdige(P("X", "Y", None, bsn="1112.22.333"), BEKEND)
    eight = P("A", "B", None, bsn="12345672")
    assert is_zelfde_jeugdige(eight, P("C", "D", None, bsn="012345672"))


@pytest.mark.parametrize("voornaam, tussenvoegsel, achternaam", [
    ("Zoë", "de", "Jong"),
    ("zoe", "De", "JONG"),            # case and accent
    ("Zoë ", " de", "  Jong"),        # spacing
    ("Zoe", "", "de Jong"),           # tussenvoegsel typed in the surname
    ("Zoë", "", "DeJong"),
])
def test_same_name_and_birth_date_ignoring_case_accents_and_spacing(voornaam, tussenvoegsel, achternaam):
    assert is_zelfde_jeugdige(P(voornaam, achternaam, GEBOREN, tussenvoegsel=tussenvoegsel), BEKEND)


def test_apostrophes_and_hyphens_are_ignored():
    assert naam_sleutel("Anne-Fleur", "", "'t Hart") == naam_sleutel("Anne Fleur", "", "t Hart")
    assert naam_sleutel("Chloé", "", "Müller") == "chloemuller"


def test_different_birth_date_is_not_a_match():
    assert not is_zelfde_jeugdige(P("Zoë", "Jong", date(2015, 4, 13), tussenvoegsel="de"), BEKEND)


def test_different_name_same_birth_date_is_not_a_match():
    assert not is_zelfde_jeugdige(P("Zara", "Jong", GEBOREN, tussenvoegsel="de"), BEKEND)


def test_unborn_without_bsn_is_never_matched_on_name_alone():
    assert not is_zelfde_jeugdige(P("Baby", "Jong", None), P("Baby", "Jong", None))


def test_different_bsn_but_no_bsn_on_one_side_falls_back_to_name_and_date():
    assert is_zelfde_jeugdige(P("Zoe", "de Jong", GEBOREN), BEKEND)
    assert not is_zelfde_jeugdige(P("Zoe", "de Jong", date(2014, 4, 12)), BEKEND)
