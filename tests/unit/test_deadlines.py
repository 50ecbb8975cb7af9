"""Legal terms: 6 weeks for the onderzoek from the melding, 7 days for a personal plan, and
how a term stands today (ok, due, late) at its boundaries."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.deadlines import (
    WARN_DAYS,
    Term,
    TermStatus,
    deadline,
    due_date,
    onderzoek_due,
    personal_plan_by,
    term_status,
)

TODAY = dt.date(2026, 11, 23)


def test_onderzoek_is_due_six_weeks_after_the_melding():
    assert onderzoek_due(dt.date(2026, 10, 12)) == dt.date(2026, 11, 23)
    assert onderzoek_due(dt.date(2026, 12, 28)) == dt.date(2027, 2, 8)  # over the year end
    assert due_date(Term.ONDERZOEK, dt.date(2026, 10, 12)) == dt.date(2026, 11, 23)


def test_personal_plan_within_seven_days():
    assert personal_plan_by(dt.date(2026, 11, 23)) == dt.date(2026, 11, 30)


def test_decision_and_objection_terms_share_the_table():
    assert due_date(Term.DECISION, dt.date(2026, 11, 2)) == dt.date(2026, 11, 16)
    assert due_date(Term.OBJECTION, dt.date(2026, 11, 2)) == dt.date(2026, 12, 14)


@pytest.mark.parametrize(
    ("melding", "status", "days_left"),
    [
        (dt.date(2026, 10, 12), TermStatus.DUE, 0),  # the last day is today: due, not late
        (dt.date(2026, 10, 11), TermStatus.LATE, -1),  # late by one day
        (dt.date(2026, 10, 19), TermStatus.DUE, WARN_DAYS),  # first day of the warning window
        (dt.date(2026, 10, 20), TermStatus.OK, WARN_DAYS + 1),
        (TODAY, TermStatus.OK, 42),
    ],
)
def test_onderzoek_status_at_the_boundaries(melding, status, days_left):
    term = deadline(Term.ONDERZOEK, melding, TODAY)
    assert (term.status, term.days_left) == (status, days_left)
    assert term.label == "Onderzoek en verslag klaar"


def test_a_finished_term_is_done_even_when_it_was_late():
    assert term_status(dt.date(2026, 1, 1), TODAY, done=True) == TermStatus.DONE


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(list(Term)))
def test_late_exactly_from_the_day_after_the_due_date(started, term):
    due = due_date(term, started)
    assert due > started
    assert term_status(due, due) == TermStatus.DUE
    assert term_status(due, due + dt.timedelta(days=1)) == TermStatus.LATE
    assert term_status(due, started) in (TermStatus.OK, TermStatus.DUE)
