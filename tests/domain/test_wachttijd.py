"""Wachttijd, wachtlijst order, norm signals (docs/wachttijd.md) and the date arithmetic under them."""

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jet_desktop.domain.dates import add_months, add_years, full_years, working_days_between
from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.wachttijd import (
    Signaal,
    WachttijdNormen,
    in_weken,
    start_signaal,
    triage_signaal,
    wachtlijst_sleutel,
    wachttijd_dagen,
)

NORMEN = WachttijdNormen()  # triage 5 werkdagen; start: spoed 3, hoog 14, normaal 28 days; let op from 75 %
MONDAY = date(2026, 11, 23)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


# -- wachttijd -----------------------------------------------------------------------------


def test_wachttijd_in_days_and_weeks():
    assert wachttijd_dagen(date(2026, 1, 1), date(2026, 3, 2)) == 60
    assert in_weken(60) == 8.6  # docs/wachttijd.md: 60 dagen -> 8,6 wk
    assert in_weken(14) == 2.0
    assert wachttijd_dagen(date(2026, 1, 1), date(2026, 1, 1)) == 0


def test_wachttijd_is_never_negative():
    assert wachttijd_dagen(date(2026, 3, 1), date(2026, 2, 1)) == 0


# -- order ---------------------------------------------------------------------------------


def test_order_is_spoed_then_hoog_then_normaal_then_oldest_first():
    rows = [
        ("normaal-oud", Urgentie.NORMAAL, date(2026, 1, 1)),
        ("hoog-nieuw", Urgentie.HOOG, date(2026, 6, 1)),
        ("spoed-nieuw", Urgentie.SPOED, date(2026, 6, 2)),
        ("hoog-oud", Urgentie.HOOG, date(2026, 2, 1)),
        ("spoed-oud", Urgentie.SPOED, date(2026, 5, 1)),
        ("normaal-nieuw", Urgentie.NORMAAL, date(2026, 6, 3)),
    ]
    random.Random(7).shuffle(rows)
    ordered = [naam for naam, u, d in sorted(rows, key=lambda r: wachtlijst_sleutel(r[1], r[2], r[0]))]
    assert ordered == ["spoed-oud", "spoed-nieuw", "hoog-oud", "hoog-nieuw", "normaal-oud", "normaal-nieuw"]


def test_order_ties_on_date_are_broken_by_dossiernummer():
    a = wachtlijst_sleutel(Urgentie.HOOG, date(2026, 1, 1), "2026-00002")
    b = wachtlijst_sleutel(Urgentie.HOOG, date(2026, 1, 1), "2026-00001")
    assert sorted([a, b]) == [b, a]


# -- start signal ----------------------------------------------------------------------------


@pytest.mark.parametrize("urgentie, dagen, signaal", [
    (Urgentie.NORMAAL, 0, Signaal.GEEN),
    (Urgentie.NORMAAL, 20, Signaal.GEEN),
    (Urgentie.NORMAAL, 21, Signaal.LET_OP),        # 75 % of 28
    (Urgentie.NORMAAL, 28, Signaal.LET_OP),        # at the norm is not yet over it
    (Urgentie.NORMAAL, 29, Signaal.OVERSCHREDEN),
    (Urgentie.HOOG, 10, Signaal.GEEN),
    (Urgentie.HOOG, 11, Signaal.LET_OP),           # 10.5 -> from day 11
    (Urgentie.HOOG, 15, Signaal.OVERSCHREDEN),
    (Urgentie.SPOED, 4, Signaal.OVERSCHREDEN),
])
def test_start_signaal(urgentie, dagen, signaal):
    aanmeld = date(2026, 1, 1)
    assert start_signaal(urgentie, aanmeld, aanmeld + timedelta(days=dagen), NORMEN) is signaal


@pytest.mark.parametrize("dagen", [0, 1, 2, 3])
def test_spoed_never_waits_silently(dagen):
    aanmeld = date(2026, 1, 1)
    assert start_signaal(Urgentie.SPOED, aanmeld, aanmeld + timedelta(days=dagen), NORMEN) is Signaal.LET_OP


@given(dates, st.integers(0, 400))
def test_spoed_is_never_geen(aanmeld, dagen):
    assert start_signaal(Urgentie.SPOED, aanmeld, aanmeld + timedelta(days=dagen), NORMEN) is not Signaal.GEEN


def test_start_signaal_uses_the_norm_settings():
    strenger = WachttijdNormen(start_dagen={Urgentie.SPOED: 1, Urgentie.HOOG: 7, Urgentie.NORMAAL: 10})
    aanmeld = date(2026, 1, 1)
    assert start_signaal(Urgentie.NORMAAL, aanmeld, date(2026, 1, 12), strenger) is Signaal.OVERSCHREDEN
    assert start_signaal(Urgentie.NORMAAL, aanmeld, date(2026, 1, 12), NORMEN) is Signaal.GEEN


# -- triage signal (working days) -------------------------------------------------------------


def test_triage_signaal_counts_working_days_across_a_weekend():
    friday = date(2026, 11, 20)
    # Fri -> next Fri is 5 working days: at the norm, let op (>= 3.75)
    assert triage_signaal(friday, date(2026, 11, 27), NORMEN) is Signaal.LET_OP
    # Fri -> Mon after: 6 working days -> overschreden
    assert triage_signaal(friday, date(2026, 11, 30), NORMEN) is Signaal.OVERSCHREDEN
    # Fri -> Wed: 3 working days -> nothing yet, although 5 calendar days passed
    assert triage_signaal(friday, date(2026, 11, 25), NORMEN) is Signaal.GEEN
    # Fri -> Thu: 4 working days -> let op
    assert triage_signaal(friday, date(2026, 11, 26), NORMEN) is Signaal.LET_OP
    # a weekend on its own costs nothing
    assert triage_signaal(friday, date(2026, 11, 22), NORMEN) is Signaal.GEEN


# -- dates ------------------------------------------------------------------------------------


def test_working_days_between_examples():
    friday = date(2026, 11, 20)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, date(2026, 11, 22)) == 0      # Sat, Sun
    assert working_days_between(friday, date(2026, 11, 23)) == 1      # Mon
    assert working_days_between(MONDAY, date(2026, 11, 30)) == 5      # one week
    assert working_days_between(date(2026, 11, 21), date(2026, 11, 28)) == 5  # Sat -> Sat
    assert working_days_between(MONDAY, date(2026, 11, 20)) == 0      # end before start


@given(dates, st.integers(-30, 800))
def test_working_days_between_matches_counting_day_by_day(start, n):
    end = start + timedelta(days=n)
    expected = sum(1 for i in range(1, n + 1) if (start + timedelta(days=i)).weekday() < 5)
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("d, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),   # leap year
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 5, 31), 9, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 1, 15), -13, date(2024, 12, 15)),
    (date(2026, 8, 31), 0, date(2026, 8, 31)),
])
def test_add_months_clamps_to_the_last_day_of_the_month(d, months, expected):
    assert add_months(d, months) == expected


def test_add_years_from_a_leap_day():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@given(dates, st.integers(-120, 120))
def test_add_months_lands_in_the_right_month_and_never_past_the_day(d, months):
    result = add_months(d, months)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months
    assert result.day <= d.day
    assert result.day == d.day or (result + timedelta(days=1)).day == 1  # clamped only to a month end


def test_full_years():
    assert full_years(date(2000, 6, 15), date(2026, 6, 14)) == 25
    assert full_years(date(2000, 6, 15), date(2026, 6, 15)) == 26
