"""Plans as the services hand them to the screens and documents: read-only snapshots."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from triage_app.domain.plan import PlanDraft


@dataclass(frozen=True)
class ObjectionView:
    id: uuid.UUID
    received_on: dt.date
    outcome: str
    decided_on: dt.date | None
    new_decision_number: str | None
    notes: str
    on_time: bool


@dataclass(frozen=True)
class DecisionView:
    id: uuid.UUID
    number: str
    person_id: uuid.UUID
    addressee: str
    kind: str
    outcome: str
    application_date: dt.date
    decision_date: dt.date
    send_date: dt.date
    objection_deadline: dt.date
    motivation: str
    lighter_routes: str
    contribution: Decimal | None
    decided_by_name: str
    replaces_number: str | None
    content: dict
    objections: list[ObjectionView] = field(default_factory=list)
    on_objection: str | None = None  # a beslissing op bezwaar: the decision objected to


@dataclass(frozen=True)
class ProvisionCost:
    size_class: str
    monthly_cost: Decimal | None


@dataclass(frozen=True)
class HandoverView:
    """The latest offer of a draft "ter besluitvorming" (names as the workers read them)."""

    status: str  # open / sent_back / issued
    offered_by: str
    offered_to: str | None  # None: the team's pool of deciders
    offered_to_username: str | None
    offered_on: dt.date
    note: str
    returned_by: str | None = None
    return_note: str = ""

    @property
    def open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class PlanVersionView:
    id: uuid.UUID
    number: int
    status: str
    draft: PlanDraft
    costs: list[ProvisionCost]  # one per draft.provisions entry
    replaces_number: int | None
    superseded_by_number: int | None
    change_reason: str
    issued_at: dt.datetime | None
    issued_by: str | None
    decisions: list[DecisionView]
    version: int  # optimistic lock
    handover: HandoverView | None = None  # the latest offer ter besluitvorming, if any


@dataclass(frozen=True)
class EvaluationView:
    id: uuid.UUID
    evaluation_date: dt.date
    outcome: str
    notes: str
    created_by: str


@dataclass(frozen=True)
class PlanView:
    id: uuid.UUID
    household_id: uuid.UUID
    status: str
    closed_on: dt.date | None
    closure_reason: str | None
    aftercare_date: dt.date | None
    versions: list[PlanVersionView]  # oldest first
    evaluations: list[EvaluationView]

    @property
    def draft(self) -> PlanVersionView | None:
        return next((v for v in reversed(self.versions) if v.status == "draft"), None)

    @property
    def current(self) -> PlanVersionView | None:
        """The version in force: the newest issued one."""
        return next((v for v in reversed(self.versions) if v.status == "issued"), None)

    @property
    def decision_history(self) -> list[DecisionView]:
        """Every decision of the plan, newest first: one left in force by a later version
        (its provision did not change) stays visible with its objections."""
        every = [d for v in self.versions for d in v.decisions]
        return sorted(every, key=lambda d: (d.decision_date, d.number), reverse=True)


@dataclass(frozen=True)
class Difference:
    section: str  # "Plan", "Doel", "Maatwerk", "Aanvraag"
    item: str
    before: str
    after: str
