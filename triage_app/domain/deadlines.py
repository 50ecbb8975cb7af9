"""Legal terms as pure functions: when a term ends and whether it is ok, due or late today.

One table holds every term the app tracks, so a new one (e.g. a municipality's own
follow-up term) is one line. Terms count in calendar days from the day the event happened.
"""

import datetime as dt
import enum
from dataclasses import dataclass


class Term(enum.StrEnum):
    ONDERZOEK = "onderzoek"  # Wmo 2015 art. 2.3.2: onderzoek and written report
    PERSONAL_PLAN = "personal_plan"  # Wmo 2015 art. 2.3.2 lid 2: resident's own plan
    DECISION = "decision"  # Wmo 2015 art. 2.3.5: beschikking after the aanvraag
    OBJECTION = "objection"  # Awb art. 6:7: bezwaar after the beschikking is sent


TERM_LENGTH: dict[Term, dt.timedelta] = {
    Term.ONDERZOEK: dt.timedelta(weeks=6),
    Term.PERSONAL_PLAN: dt.timedelta(days=7),
    Term.DECISION: dt.timedelta(weeks=2),
    Term.OBJECTION: dt.timedelta(weeks=6),
}

TERM_LABELS = {
    Term.ONDERZOEK: "Onderzoek en verslag klaar",
    Term.PERSONAL_PLAN: "Eigen plan van de bewoner",
    Term.DECISION: "Beschikking nemen",
    Term.OBJECTION: "Bezwaar maken kan tot",
}


class TermStatus(enum.StrEnum):
    OK = "ok"  # more than the warning window left
    DUE = "due"  # within the warning window, or the last day is today
    LATE = "late"  # the last day has passed
    DONE = "done"  # the work was done; no longer counts


STATUS_LABELS = {
    TermStatus.OK: "Op tijd",
    TermStatus.DUE: "Bijna verlopen",
    TermStatus.LATE: "Te laat",
    TermStatus.DONE: "Klaar",
}

WARN_DAYS = 7


def due_date(term: Term, started_on: dt.date) -> dt.date:
    """The last day of the term that started on ``started_on``."""
    return started_on + TERM_LENGTH[term]


def term_status(
    due: dt.date, today: dt.date, done: bool = False, warn_days: int = WARN_DAYS
) -> TermStatus:
    """Ok, due (the last ``warn_days`` days up to and including the last day) or late."""
    if done:
        return TermStatus.DONE
    if today > due:
        return TermStatus.LATE
    if (due - today).days <= warn_days:
        return TermStatus.DUE
    return TermStatus.OK


@dataclass(frozen=True)
class Deadline:
    """A running term as the worker sees it: what, until when, and how it stands today."""

    term: Term
    started_on: dt.date
    due: dt.date
    status: TermStatus
    days_left: int  # negative when late

    @property
    def label(self) -> str:
        return TERM_LABELS[self.term]


def deadline(term: Term, started_on: dt.date, today: dt.date, done: bool = False) -> Deadline:
    due = due_date(term, started_on)
    return Deadline(term, started_on, due, term_status(due, today, done), (due - today).days)


def onderzoek_due(received_on: dt.date) -> dt.date:
    """Onderzoek finished and report to the resident within 6 weeks of the melding."""
    return due_date(Term.ONDERZOEK, received_on)


def personal_plan_by(received_on: dt.date) -> dt.date:
    """The resident may hand in a personal plan within 7 days of the melding."""
    return due_date(Term.PERSONAL_PLAN, received_on)
