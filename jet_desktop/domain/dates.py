"""Calendar arithmetic the domain rules need (months, working days)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(d: date, months: int) -> date:
    """Same day `months` later (or earlier), clamped to the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def working_days_between(start: date, end: date) -> int:
    """Working days (Mon-Fri) after `start` up to and including `end`; 0 if end <= start."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def full_years(born: date, on: date) -> int:
    """Age in completed years on a date."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def kwartaal(jaar: int, nummer: int) -> tuple[date, date]:
    """First and last day of quarter 1-4 of a year (both inclusive, as the monitor's periods)."""
    if not 1 <= nummer <= 4:
        raise ValueError(f"kwartaal {nummer} bestaat niet")
    van = date(jaar, 3 * nummer - 2, 1)
    return van, add_months(van, 3) - timedelta(days=1)


def kwartaal_van(d: date) -> int:
    return (d.month - 1) // 3 + 1
