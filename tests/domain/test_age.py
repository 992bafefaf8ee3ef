"""Who is a jeugdige: from -9 months (unborn, uitgerekende datum) up to 27 completed years."""

from datetime import date

import pytest

from jet_desktop.domain.age import leeftijd_fouten, leeftijd_tekst

AANMELD = date(2026, 3, 15)


def fields(errors):
    return [e.field for e in errors]


# -- born child --------------------------------------------------------------------------


@pytest.mark.parametrize("geboren", [
    date(2026, 3, 15),  # born on the aanmelddatum
    date(2020, 1, 1),
    date(1999, 3, 16),  # 26, turns 27 tomorrow
    date(1998, 3, 16),  # 27 completed years, the day before the 28th birthday
])
def test_born_child_up_to_27_completed_years_is_accepted(geboren):
    assert leeftijd_fouten(geboren, None, AANMELD) == []


@pytest.mark.parametrize("geboren", [date(1998, 3, 15), date(1990, 6, 1)])
def test_28_or_older_is_refused(geboren):
    errors = leeftijd_fouten(geboren, None, AANMELD)
    assert fields(errors) == ["geboortedatum"]
    assert errors[0].message.startswith("Geboortedatum:") and "27" in errors[0].message


def test_28th_birthday_is_the_first_day_outside_the_target_group():
    assert leeftijd_fouten(date(1998, 2, 28), None, date(2026, 2, 27)) == []
    assert fields(leeftijd_fouten(date(1998, 2, 28), None, date(2026, 2, 28))) == ["geboortedatum"]
    # born on a leap day: 28 completed years only on 29 Feb 2028
    assert leeftijd_fouten(date(2000, 2, 29), None, date(2028, 2, 28)) == []
    assert fields(leeftijd_fouten(date(2000, 2, 29), None, date(2028, 2, 29))) == ["geboortedatum"]


def test_birth_date_after_the_aanmelddatum_is_refused():
    errors = leeftijd_fouten(date(2026, 3, 16), None, AANMELD)
    assert fields(errors) == ["geboortedatum"]
    assert "na de aanmelddatum" in errors[0].message


# -- unborn child --------------------------------------------------------------------------


@pytest.mark.parametrize("verwacht", [date(2026, 3, 16), date(2026, 9, 1), date(2026, 12, 15)])
def test_unborn_due_date_after_aanmelddatum_and_at_most_nine_months_ahead(verwacht):
    assert leeftijd_fouten(None, verwacht, AANMELD) == []


@pytest.mark.parametrize("verwacht", [date(2026, 3, 15), date(2026, 3, 1)])
def test_unborn_due_date_not_after_aanmelddatum_is_refused(verwacht):
    errors = leeftijd_fouten(None, verwacht, AANMELD)
    assert fields(errors) == ["uitgerekende_datum"]
    assert errors[0].message.startswith("Uitgerekende datum:")


@pytest.mark.parametrize("verwacht", [date(2026, 12, 16), date(2027, 6, 1)])
def test_unborn_due_date_more_than_nine_months_ahead_is_refused(verwacht):
    errors = leeftijd_fouten(None, verwacht, AANMELD)
    assert fields(errors) == ["uitgerekende_datum"]
    assert "9 maanden" in errors[0].message


def test_nine_months_ahead_is_clamped_at_month_end():
    # 31 May + 9 months = 28 Feb (not 3 March)
    assert leeftijd_fouten(None, date(2027, 2, 28), date(2026, 5, 31)) == []
    assert fields(leeftijd_fouten(None, date(2027, 3, 1), date(2026, 5, 31))) == ["uitgerekende_datum"]


def test_both_dates_given_is_refused():
    errors = leeftijd_fouten(date(2020, 1, 1), date(2026, 6, 1), AANMELD)
    assert fields(errors) == ["uitgerekende_datum"]
    assert "niet beide" in errors[0].message


def test_neither_date_given_is_refused():
    errors = leeftijd_fouten(None, None, AANMELD)
    assert fields(errors) == ["geboortedatum"]
    assert "verplicht" in errors[0].message


# -- leeftijd_tekst ----------------------------------------------------------------------------


@pytest.mark.parametrize("geboren, peil, tekst", [
    (date(2019, 3, 15), date(2026, 3, 15), "7 jr"),
    (date(2019, 3, 16), date(2026, 3, 15), "6 jr"),
    (date(2024, 3, 15), date(2026, 3, 15), "2 jr"),
    (date(2024, 3, 16), date(2026, 3, 15), "23 mnd"),
    (date(2025, 10, 20), date(2026, 3, 15), "4 mnd"),
    (date(2025, 10, 15), date(2026, 3, 15), "5 mnd"),
    (date(2026, 3, 1), date(2026, 3, 15), "0 mnd"),
])
def test_leeftijd_tekst_born(geboren, peil, tekst):
    assert leeftijd_tekst(geboren, None, peil) == tekst


def test_leeftijd_tekst_unborn():
    assert leeftijd_tekst(None, date(2026, 6, 1), AANMELD) == "ongeboren"
    # due date passed and no birth date recorded yet: nothing to show rather than a wrong age
    assert leeftijd_tekst(None, date(2026, 3, 1), AANMELD) == ""
    assert leeftijd_tekst(None, None, AANMELD) == ""
