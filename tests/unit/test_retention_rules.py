"""Retention periods by result, at their boundaries."""

import datetime as dt

from triage_app.domain.retention import ClosureResult, destroy_after

PROFILE = {"retention": {"provided_plan_years": 15, "no_plan_years": 5, "broken_off_weeks": 6}}


def test_periods():
    closed = dt.date(2026, 11, 23)
    assert destroy_after(ClosureResult.PROVIDED_PLAN, closed, PROFILE) == dt.date(2041, 11, 23)
    assert destroy_after(ClosureResult.NO_PLAN, closed, PROFILE) == dt.date(2031, 11, 23)
    assert destroy_after(ClosureResult.BROKEN_OFF, closed, PROFILE) == dt.date(2027, 1, 4)


def test_leap_day():
    assert destroy_after(ClosureResult.NO_PLAN, dt.date(2028, 2, 29), PROFILE) == dt.date(
        2033, 2, 28
    )


def test_municipality_sets_the_periods():
    own = {"retention": {"provided_plan_years": 20, "no_plan_years": 7, "broken_off_weeks": 2}}
    assert destroy_after(ClosureResult.PROVIDED_PLAN, dt.date(2026, 1, 1), own) == dt.date(
        2046, 1, 1
    )
