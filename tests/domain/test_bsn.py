"""BSN: nine digits (an eight-digit number gets a leading zero), weights 9..2 and -1, sum divisible by 11."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jet_desktop.domain.bsn import bsn_error, normalize_bsn

BSN_MESSAGE_START = "BSN:"


def elfproef(number: str) -> bool:
    """The documented rule (domain.md 'National codes and norms'), written out independently."""
    if len(number) != 9 or not number.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, number)) % 11 == 0


@pytest.mark.parametrize("value", ["111222333", "123456782", "012345672", "1112.22.333", " 111 222 333 ",
                                   "1112-22-333"])
def test_valid_numbers_pass(value):
    assert bsn_error(value) is None


def test_eight_digit_number_gets_a_leading_zero():
    assert normalize_bsn("12345672") == "012345672"
    assert bsn_error("12345672") is None
    # without the leading zero the digits would be weighted 9..2,-1 differently and fail
    assert not elfproef("12345672".ljust(9, "0"))


@pytest.mark.parametrize("value", [
    "111222334",   # wrong check digit
    "123456789",   # fails the eleven-test
    "1112223330",  # ten digits
    "1234560",     # seven digits: 001234560 would pass the sum, but a BSN has nine (or eight) digits
    "000000000",   # not a number anyone has
])
def test_invalid_numbers_are_refused_with_a_message_naming_the_field(value):
    error = bsn_error(value)
    assert error is not None
    assert error.field == "bsn"
    assert error.message.startswith(BSN_MESSAGE_START)
    assert "elfproef" in error.message


@pytest.mark.parametrize("value", ["11122233a", "abcdefghi", "BSN111222333", "11122233O"])
def test_letters_are_refused(value):
    error = bsn_error(value)
    assert error is not None and error.message.startswith(BSN_MESSAGE_START)


@pytest.mark.parametrize("value", ["", "   ", None])
def test_empty_is_fine_because_the_bsn_is_optional(value):
    assert bsn_error(value) is None
    assert normalize_bsn(value or "") == ""


def test_field_name_can_be_chosen_by_the_caller():
    assert bsn_error("111222334", field="bsn_ouder").field == "bsn_ouder"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_stdnum_agrees_with_the_documented_weighted_sum_for_nine_digits(number):
    expected_valid = elfproef(number) and number != "000000000"
    assert (bsn_error(number) is None) == expected_valid


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_eight_digits_are_checked_as_nine_with_a_leading_zero(number):
    assert normalize_bsn(number) == "0" + number
    assert (bsn_error(number) is None) == (elfproef("0" + number) and int(number) > 0)


@given(st.text(alphabet="0123456789", min_size=1, max_size=7) | st.text(alphabet="0123456789", min_size=10,
                                                                       max_size=12))
def test_other_lengths_never_pass(number):
    assert bsn_error(number) is not None
