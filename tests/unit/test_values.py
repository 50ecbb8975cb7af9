"""Validated values: BSN (elfproef), postcode, phone, house number and dates."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.errors import InvalidValue
from triage_app.domain.values import (
    mask_bsn,
    parse_birth_date,
    parse_bsn,
    parse_date,
    parse_house_number,
    parse_phone,
    parse_postcode,
)


def elfproef(digits: str) -> bool:
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def _with_check_digit(body: int) -> str:
    digits = f"{body:08d}"
    check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    return digits + str(check)


# Eight digits and the check digit that makes the elfproef hold (none exists when it is 10).
valid_bsns = st.builds(_with_check_digit, st.integers(10_000_000, 99_999_999)).filter(
    lambda bsn: len(bsn) == 9
)


@given(valid_bsns, st.sampled_from(["", " ", ".", "-"]))
def test_valid_bsns_are_accepted_and_normalised(bsn, separator):
    typed = separator.join([bsn[:4], bsn[4:6], bsn[6:]])
    assert parse_bsn(typed) == bsn


@given(valid_bsns, st.integers(0, 8), st.integers(1, 9))
def test_a_single_wrong_digit_is_caught(bsn, position, shift):
    wrong = bsn[:position] + str((int(bsn[position]) + shift) % 10) + bsn[position + 1 :]
    with pytest.raises(InvalidValue, match="elfproef"):
        parse_bsn(wrong)


@given(st.integers(100_000_000, 999_999_999).map(str))
def test_nine_digits_pass_exactly_when_the_elfproef_holds(digits):
    if elfproef(digits):
        assert parse_bsn(digits) == digits
    else:
        with pytest.raises(InvalidValue):
            parse_bsn(digits)


def test_bsn_shape_messages():
    with pytest.raises(InvalidValue, match="alleen uit cijfers"):
        parse_bsn("12345678a")
    with pytest.raises(InvalidValue, match="9 cijfers"):
        parse_bsn("1234")
    assert mask_bsn("123456782") == "*****6782"
    assert mask_bsn(None) == ""


letters = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@given(st.integers(1000, 9999), letters, letters, st.sampled_from(["", " ", "  "]), st.booleans())
def test_postcodes_normalise_and_are_idempotent(number, a, b, space, lower):
    pair = a + b
    typed = f"{number}{space}{pair.lower() if lower else pair}"
    if pair in ("SA", "SD", "SS"):
        with pytest.raises(InvalidValue):
            parse_postcode(typed)
        return
    parsed = parse_postcode(typed)
    assert parsed == f"{number} {pair}"
    assert parse_postcode(parsed) == parsed


@pytest.mark.parametrize("typed", ["12345", "0123 AB", "1234 A", "ABCD 12", "", "1234-AB1"])
def test_other_postcode_shapes_are_refused_in_dutch(typed):
    with pytest.raises(InvalidValue, match="postcode|Postcode"):
        parse_postcode(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("06 12345678", "0612345678"),
        ("030-1234567", "0301234567"),
        ("+31 6 12345678", "0612345678"),
        ("0031612345678", "0612345678"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_phone_numbers(typed, expected):
    assert parse_phone(typed) == expected


def test_bad_phone_number():
    with pytest.raises(InvalidValue, match="10 cijfers"):
        parse_phone("12345")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", (12, "")),
        ("12a", (12, "A")),
        ("12-2", (12, "2")),
        ("12 bis", (12, "BIS")),
    ],
)
def test_house_numbers(typed, expected):
    assert parse_house_number(typed) == expected


def test_dates_as_typed():
    for typed in ("12-03-1980", "12031980", "1980-03-12", "12/03/1980"):
        assert parse_date(typed) == dt.date(1980, 3, 12)
    today = dt.date(2026, 11, 23)
    with pytest.raises(InvalidValue, match="toekomst"):
        parse_birth_date("24-11-2026", today)
    with pytest.raises(InvalidValue, match="1900"):
        parse_birth_date("31-12-1899", today)
    with pytest.raises(InvalidValue, match="dd-mm-jjjj"):
        parse_date("31-02-2026")


def test_a_long_date_reads_as_babel_writes_it_in_dutch():
    """Letters write dates in words ("7 maart 2025") without asking babel for each one."""
    from babel.dates import format_date

    from triage_app.domain.letters import long_date

    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(0, 366, 5)]
    for day in [*days, dt.date(2026, 12, 31), dt.date(1931, 2, 9)]:
        assert long_date(day) == format_date(day, format="d MMMM y", locale="nl_NL")
    assert long_date(None) == ""
