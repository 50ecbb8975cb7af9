"""Legal terms as pure functions: when a term ends and whether it is ok, due or late today.

One table holds every term the app tracks, so a new one (e.g. a municipality's own
follow-up term) is one line. Terms count in calendar days from the day the event happened.
The objection term also follows the Algemene termijnenwet: a term that ends on a Saturday,
Sunday or public holiday runs on to the next working day (Atw art. 1 and 3).
"""

import datetime as dt
import enum
from collections.abc import Collection, Mapping
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


# Terms that the Algemene termijnenwet moves off weekends and public holidays.
ATW_TERMS = frozenset({Term.OBJECTION})


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(year: int) -> frozenset[dt.date]:
    """The algemeen erkende feestdagen of Atw art. 3 lid 1 and 2 in ``year``."""
    easter = easter_sunday(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # celebrated on the 26th when the 27th is a Sunday
        kings_day = dt.date(year, 4, 26)
    return frozenset(
        {
            dt.date(year, 1, 1),  # Nieuwjaarsdag
            easter - dt.timedelta(days=2),  # Goede Vrijdag
            easter + dt.timedelta(days=1),  # tweede Paasdag
            kings_day,  # Koningsdag
            dt.date(year, 5, 5),  # Bevrijdingsdag, every year under the Atw
            easter + dt.timedelta(days=39),  # Hemelvaartsdag
            easter + dt.timedelta(days=50),  # tweede Pinksterdag
            dt.date(year, 12, 25),  # eerste Kerstdag
            dt.date(year, 12, 26),  # tweede Kerstdag
        }
    )


def extra_days_off(profile: Mapping) -> frozenset[dt.date]:
    """Days a Royal Decree adds to the Atw holidays (Atw art. 3 lid 3), kept in the profile
    as ISO dates under ``atw_extra_days`` (e.g. the Friday after Hemelvaartsdag)."""
    return frozenset(
        dt.date.fromisoformat(d) for d in profile.get("atw_extra_days", []) if isinstance(d, str)
    )


def is_working_day(day: dt.date, extra: Collection[dt.date] = ()) -> bool:
    """Not a Saturday, Sunday, Atw public holiday or extra day from the profile."""
    return day.weekday() < 5 and day not in public_holidays(day.year) and day not in extra


def next_working_day(day: dt.date, extra: Collection[dt.date] = ()) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, extra):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, days: int, extra: Collection[dt.date] = ()) -> dt.date:
    """The ``days``-th working day after ``day`` (no weekend, Atw holiday or extra day off):
    1 working day after a Friday or a Saturday is the Monday."""
    for _ in range(days):
        day = next_working_day(day + dt.timedelta(days=1), extra)
    return day


def due_date(term: Term, started_on: dt.date, extra: Collection[dt.date] = ()) -> dt.date:
    """The last day of the term that started on ``started_on``; an Atw term that ends on a
    day off runs on to the next working day (``extra``: the profile's extra days off)."""
    end = started_on + TERM_LENGTH[term]
    return next_working_day(end, extra) if term in ATW_TERMS else end


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
