"""What is due or late for a worker and the team: kinds of work, urgency, and Dutch wording.

Urgency is told in words as well as colour: "Acuut", "3 dagen te laat", "vandaag",
"nog 5 dagen". Acute work comes first, then late, then due (today, soon), then later; the
screen and ``triage-app queue`` show the same cells (``cells``) in the same order.
"""

import datetime as dt
import enum
import uuid
from dataclasses import dataclass

from babel.dates import format_date as babel_date

from triage_app.domain.csv_text import write_rows
from triage_app.domain.values import format_date


class WorkKind(enum.StrEnum):
    ONDERZOEK_DUE = "onderzoek_due"  # 6 weeks after the melding
    DECISION_DUE = "decision_due"  # 2 weeks after the aanvraag
    EVALUATION_DUE = "evaluation_due"
    DECISION_ENDING = "decision_ending"  # a granted arrangement ends soon: re-assess in time
    REFERRAL_FOLLOW_UP = "referral_follow_up"
    OBJECTION_TERM = "objection_term"  # the 6-week objection term is running
    ACUTE_MELDING = "acute_melding"  # an open melding that is acute: act within the acute term
    TURNING_18 = "turning_18"  # a minor turns 18 within a year: plan the move from youth care
    DECISION_OFFERED = "decision_offered"  # a draft waits for a decider (ter besluitvorming)
    PLAN_SENT_BACK = "plan_sent_back"  # the decider sent the draft back to the casemanager


KIND_LABELS = {
    WorkKind.ONDERZOEK_DUE: "Onderzoek en verslag",
    WorkKind.DECISION_DUE: "Beschikking nemen",
    WorkKind.EVALUATION_DUE: "Plan evalueren",
    WorkKind.DECISION_ENDING: "Voorziening loopt af",
    WorkKind.REFERRAL_FOLLOW_UP: "Verwijzing nagaan",
    WorkKind.OBJECTION_TERM: "Bezwaartermijn loopt",
    WorkKind.ACUTE_MELDING: "Acute melding",
    WorkKind.TURNING_18: "Wordt 18",
    WorkKind.DECISION_OFFERED: "Besluit nemen (ter besluitvorming)",
    WorkKind.PLAN_SENT_BACK: "Plan aanpassen (teruggestuurd)",
}


class Urgency(enum.IntEnum):
    ACUTE = -1  # above everything, however far its date
    LATE = 0
    TODAY = 1
    SOON = 2  # within the warning window
    LATER = 3


URGENCY_LABELS = {
    Urgency.ACUTE: "Acuut",
    Urgency.LATE: "Te laat",
    Urgency.TODAY: "Vandaag",
    Urgency.SOON: "Binnenkort",
    Urgency.LATER: "Later",
}

SOON_DAYS = 7


def urgency(due: dt.date, today: dt.date, soon_days: int = SOON_DAYS) -> Urgency:
    if due < today:
        return Urgency.LATE
    if due == today:
        return Urgency.TODAY
    if (due - today).days <= soon_days:
        return Urgency.SOON
    return Urgency.LATER


def when_text(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days < 0:
        return "1 dag te laat" if days == -1 else f"{-days} dagen te laat"
    if days == 0:
        return "vandaag"
    return "morgen" if days == 1 else f"nog {days} dagen"


def wait_text(since: dt.date, today: dt.date) -> str:
    """How long something has waited: "wacht sinds vandaag", "wacht 1 dag", "wacht 3 dagen"."""
    days = max(0, (today - since).days)
    if days == 0:
        return "wacht sinds vandaag"
    return "wacht 1 dag" if days == 1 else f"wacht {days} dagen"


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    due: dt.date
    household_id: uuid.UUID
    dossier_number: str
    household_name: str
    worker: str  # who holds it: case lead, intake worker, or "" for the team
    detail: str  # e.g. "melding van 12-10-2026", "B-2026-000123"
    acute: bool = False  # acute work: first in the queue, whatever its date

    def urgency(self, today: dt.date) -> Urgency:
        return Urgency.ACUTE if self.acute else urgency(self.due, today)


def sort_by_urgency(items: list[WorkItem], today: dt.date) -> list[WorkItem]:
    """Acute first, then late (longest late on top), then today, soon and later by date."""
    return sorted(items, key=lambda i: (i.urgency(today), i.due, i.dossier_number, i.kind))


# The columns of the queue, on the screen and in ``triage-app queue --csv``.
CSV_COLUMNS = ("urgentie", "wanneer", "datum", "wat", "dossier", "huishouden", "wie", "toelichting")
HEADERS = tuple(column.capitalize() for column in CSV_COLUMNS)


def cells(item: WorkItem, today: dt.date) -> tuple[str, ...]:
    """One queue row as the worker reads it, in the order of ``CSV_COLUMNS``."""
    return (
        URGENCY_LABELS[item.urgency(today)],
        when_text(item.due, today),
        format_date(item.due),
        KIND_LABELS[item.kind],
        item.dossier_number,
        item.household_name,
        item.worker,
        item.detail,
    )


def long_date(day: dt.date) -> str:
    """3 maart 2027"""
    return babel_date(day, format="d MMMM y", locale="nl_NL")


def turning_18_detail(name: str, birthday: dt.date) -> str:
    """Wordt 18 op 3 maart 2027 (Sanne Jansen)"""
    return f"Wordt 18 op {long_date(birthday)} ({name})"


def acute_detail(reasons: str, received_on: dt.date) -> str:
    """Acuut: spoed, Huisvesting; melding van 01-12-2026"""
    return f"Acuut: {reasons}; melding van {format_date(received_on)}"


def as_csv(items: list[WorkItem], today: dt.date) -> str:
    """The queue as CSV: the header ``CSV_COLUMNS``, then one line per item in the order
    given; cells a spreadsheet would run as a formula are neutralised."""
    return write_rows([CSV_COLUMNS, *(cells(i, today) for i in items)], delimiter=",")


def as_table(items: list[WorkItem], today: dt.date) -> str:
    """The queue as a plain-text table for a terminal, columns padded to their widest cell."""
    if not items:
        return "Er staat geen werk klaar."
    rows = [HEADERS, *(cells(i, today) for i in items)]
    widths = [max(len(row[n]) for row in rows) for n in range(len(HEADERS) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )
