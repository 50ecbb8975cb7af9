"""What is due or late for a worker and the team: kinds of work, urgency, and Dutch wording.

Urgency is told in words as well as colour: "3 dagen te laat", "vandaag", "nog 5 dagen".
"""

import datetime as dt
import enum
import uuid
from dataclasses import dataclass


class WorkKind(enum.StrEnum):
    ONDERZOEK_DUE = "onderzoek_due"  # 6 weeks after the melding
    DECISION_DUE = "decision_due"  # 2 weeks after the aanvraag
    EVALUATION_DUE = "evaluation_due"
    DECISION_ENDING = "decision_ending"  # a granted arrangement ends soon: re-assess in time
    REFERRAL_FOLLOW_UP = "referral_follow_up"
    OBJECTION_TERM = "objection_term"  # the 6-week objection term is running
    DECISION_OFFERED = "decision_offered"  # a draft waits for a decider (ter besluitvorming)
    PLAN_SENT_BACK = "plan_sent_back"  # the decider sent the draft back to the casemanager


KIND_LABELS = {
    WorkKind.ONDERZOEK_DUE: "Onderzoek en verslag",
    WorkKind.DECISION_DUE: "Beschikking nemen",
    WorkKind.EVALUATION_DUE: "Plan evalueren",
    WorkKind.DECISION_ENDING: "Voorziening loopt af",
    WorkKind.REFERRAL_FOLLOW_UP: "Verwijzing nagaan",
    WorkKind.OBJECTION_TERM: "Bezwaartermijn loopt",
    WorkKind.DECISION_OFFERED: "Besluit nemen (ter besluitvorming)",
    WorkKind.PLAN_SENT_BACK: "Plan aanpassen (teruggestuurd)",
}


class Urgency(enum.IntEnum):
    LATE = 0
    TODAY = 1
    SOON = 2  # within the warning window
    LATER = 3


URGENCY_LABELS = {
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

    def urgency(self, today: dt.date) -> Urgency:
        return urgency(self.due, today)


def sort_by_urgency(items: list[WorkItem], today: dt.date) -> list[WorkItem]:
    """Late first (longest late on top), then today, soon and later by date."""
    return sorted(items, key=lambda i: (i.urgency(today), i.due, i.dossier_number, i.kind))
