"""The retention rule (jet_desktop/domain/bewaring.py): 20 years from the last change, never a day early."""

from datetime import date

import pytest

from jet_desktop.domain.bewaring import is_vernietigbaar, laatste_wijziging, vernietigbaar_vanaf


def test_same_day_twenty_years_later():
    assert vernietigbaar_vanaf(date(2026, 3, 10), 20) == date(2046, 3, 10)
    assert vernietigbaar_vanaf(date(2019, 12, 31), 15) == date(2034, 12, 31)


def test_29_february_into_a_common_year_is_1_march():
    assert vernietigbaar_vanaf(date(2024, 2, 29), 20) == date(2044, 2, 29)  # 2044 is a leap year
    assert vernietigbaar_vanaf(date(2024, 2, 29), 15) == date(2039, 3, 1)
    assert vernietigbaar_vanaf(date(2024, 2, 29), 21) == date(2045, 3, 1)
    assert vernietigbaar_vanaf(date(2028, 2, 28), 1) == date(2029, 2, 28)


def test_negative_term_refused():
    with pytest.raises(ValueError):
        vernietigbaar_vanaf(date(2026, 1, 1), -1)


def test_last_change_is_the_latest_of_closing_and_row_changes():
    assert laatste_wijziging(date(2026, 5, 1), [date(2026, 4, 1), None, date(2026, 6, 2)]) == date(2026, 6, 2)
    assert laatste_wijziging(date(2026, 5, 1), [date(2026, 4, 1)]) == date(2026, 5, 1)
    assert laatste_wijziging(date(2026, 5, 1), []) == date(2026, 5, 1)


def test_destroyable_from_the_day_itself_and_only_when_closed():
    laatst = date(2026, 5, 1)
    assert not is_vernietigbaar(laatst, laatst, 20, date(2046, 4, 30))
    assert is_vernietigbaar(laatst, laatst, 20, date(2046, 5, 1))
    assert not is_vernietigbaar(None, laatst, 20, date(2100, 1, 1))
    # 29 February: not yet on 28 February, yes on 1 March
    assert not is_vernietigbaar(date(2024, 2, 29), date(2024, 2, 29), 15, date(2039, 2, 28))
    assert is_vernietigbaar(date(2024, 2, 29), date(2024, 2, 29), 15, date(2039, 3, 1))
