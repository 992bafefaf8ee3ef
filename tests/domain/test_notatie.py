"""The one formatter of numbers for people (jet_desktop/notatie.py): Dutch separators, negatives, rounding."""

import math

import numpy as np
import pytest

from jet_desktop.notatie import decimaal, euro, getal, procent


@pytest.mark.parametrize("n, tekst", [(0, "0"), (999, "999"), (1000, "1.000"), (954284, "954.284"),
                                      (1234567, "1.234.567"), (-1234, "-1.234"), (np.int64(4735860), "4.735.860")])
def test_getal_has_a_dot_per_thousand(n, tekst):
    assert getal(n) == tekst


@pytest.mark.parametrize("n, tekst", [(2.5, "3"), (3.5, "4"), (-2.5, "-3"), (954284.5, "954.285"), (1234.4, "1.234"),
                                      (-0.4, "0"), (np.float64(0.5), "1")])
def test_getal_rounds_half_away_from_zero_and_never_writes_minus_zero(n, tekst):
    assert getal(n) == tekst  # Python's round() would give 2, 4, -2, 954.284 and "-0"


@pytest.mark.parametrize("x, cijfers, tekst", [(16, 1, "16,0"), (1234.56, 1, "1.234,6"), (0.25, 1, "0,3"),
                                               (1.05, 1, "1,1"), (-1234.56, 1, "-1.234,6"), (-0.04, 1, "0,0"),
                                               (0.675, 2, "0,68"), (1 / 3, 2, "0,33"), (2, 0, "2")])
def test_decimaal_has_a_comma_and_rounds_as_written(x, cijfers, tekst):
    assert decimaal(x, cijfers) == tekst  # f"{0.25:.1f}" is "0.2", f"{0.675:.2f}" is "0.67"


def test_procent_and_euro():
    assert procent(41.1) == "41,1 %"
    assert procent(12.25) == "12,3 %"
    assert euro(954284) == "€ 954.284"
    assert euro(954283.5) == "€ 954.284"
    assert euro(-1234) == "€ -1.234"


def test_no_number_is_a_dash_not_nan():
    assert getal(math.nan) == "–"
    assert decimaal(float("inf")) == "–"
