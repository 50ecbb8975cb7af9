"""The Algemene termijnenwet: an objection term that ends on a weekend or public holiday runs
on to the next working day; Easter is computed, and the profile can add days."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.deadlines import (
    easter_sunday,
    extra_days_off,
    is_working_day,
    next_working_day,
    public_holidays,
)
from triage_app.domain.decision_legal import weekday_date
from triage_app.domain.decision_rules import objection_deadline, objection_on_time

D = dt.date
ASCENSION_FRIDAY_2026 = extra_days_off({"atw_extra_days": ["2026-05-15"]})


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)),
     (2027, D(2027, 3, 28)), (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))],
)  # fmt: skip
def test_easter_is_computed(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("sent", "extra", "last_day", "why"),
    [
        (D(2026, 10, 31), (), D(2026, 12, 14), "ends on Saturday 12 December"),
        (D(2027, 2, 12), (), D(2027, 3, 30), "Goede Vrijdag, then tweede Paasdag"),
        (D(2027, 2, 15), (), D(2027, 3, 30), "ends on tweede Paasdag"),
        (D(2027, 3, 24), (), D(2027, 5, 7), "5 mei, then Hemelvaartsdag 6 May 2027"),
        (D(2026, 4, 2), (), D(2026, 5, 15), "Hemelvaartsdag 14 May 2026"),
        (D(2026, 4, 2), ASCENSION_FRIDAY_2026, D(2026, 5, 18), "and the Friday after"),
        (D(2026, 11, 13), (), D(2026, 12, 28), "both Kerstdagen and the weekend"),
        (D(2026, 11, 24), (), D(2027, 1, 5), "a plain Tuesday stays"),
    ],
)
def test_objection_deadline_moves_to_the_next_working_day(sent, extra, last_day, why):
    assert objection_deadline(sent, extra) == last_day, why


def test_deadline_is_written_with_its_weekday():
    assert weekday_date(objection_deadline(D(2027, 2, 12))) == "dinsdag 30 maart 2027"


def test_kings_day_is_the_26th_when_the_27th_is_a_sunday():
    assert D(2025, 4, 26) in public_holidays(2025) and D(2025, 4, 27) not in public_holidays(2025)
    assert D(2026, 4, 27) in public_holidays(2026)


def test_an_objection_on_the_monday_after_a_saturday_end_is_on_time():
    sent = D(2026, 10, 31)
    stored = sent + dt.timedelta(weeks=6)  # a letter issued before the Atw rule: Saturday
    assert objection_on_time(D(2026, 12, 14), sent, stored)
    assert not objection_on_time(D(2026, 12, 15), sent, stored)


@given(st.integers(1900, 2199))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6 and D(year, 3, 22) <= easter <= D(year, 4, 25)


@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_next_working_day_skips_only_days_off(day):
    found = next_working_day(day)
    assert is_working_day(found) and found.weekday() < 5
    assert found not in public_holidays(found.year)
    between = [day + dt.timedelta(days=n) for n in range((found - day).days)]
    assert not any(is_working_day(d) for d in between)


@given(
    st.dates(D(2000, 1, 1), D(2099, 12, 31)),
    st.sets(st.dates(D(2000, 1, 1), D(2100, 2, 28)), max_size=20),
)
def test_objection_deadline_is_a_working_day_at_most_days_off_later(sent, extra):
    last = objection_deadline(sent, extra)
    six_weeks = sent + dt.timedelta(weeks=6)
    assert last >= six_weeks and is_working_day(last, extra)
    assert (last - six_weeks).days <= 4 + len(extra)  # Goede Vrijdag to Tuesday is the most
