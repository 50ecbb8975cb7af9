"""Tables of the plan: plan, versions, goals, arrangements, applications, decisions, objections,
evaluations. Every row carries ``household_id`` so a dossier can be exported or destroyed whole.

An issued version and every decision are read-only, also for a direct SQL statement: triggers
(db/versions/0003_plans.py) refuse UPDATE and DELETE, except DELETE while a destruction permit
for the household exists (retention; see triage_app/store/immutability.py).
No ``from __future__ import annotations`` here (SQLModel).
"""

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import JSON, Column, Index, Numeric, text
from sqlmodel import Field, SQLModel

from triage_app.store.tables import utcnow


def _money() -> Column:
    return Column(Numeric(10, 2), nullable=True)


class Plan(SQLModel, table=True):
    __tablename__ = "plan"
    __table_args__ = (
        # At most one active plan per household (per gezin één plan).
        Index(
            "ux_plan_active_household",
            "household_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    status: str = Field(max_length=12)
    closed_on: dt.date | None = None
    closure_reason: str | None = Field(default=None, max_length=20)
    closure_notes: str = ""
    aftercare_date: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1


class PlanVersion(SQLModel, table=True):
    __tablename__ = "plan_version"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_id: uuid.UUID = Field(foreign_key="plan.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    number: int
    status: str = Field(max_length=12)
    case_lead: str = Field(max_length=60)
    question: str = ""
    main_provider: str | None = Field(default=None, max_length=20)
    evaluation_date: dt.date | None = Field(default=None, index=True)
    end_date: dt.date | None = Field(default=None, index=True)
    replaces_version_id: uuid.UUID | None = Field(default=None, foreign_key="plan_version.id")
    change_reason: str = ""
    issued_at: dt.datetime | None = None
    issued_by: str | None = Field(default=None, max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1


class Goal(SQLModel, table=True):
    __tablename__ = "goal"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    position: int
    life_domain: str = Field(max_length=40)
    result: str
    actions: str = ""
    performer: str = Field(max_length=20)
    responsible: str = Field(max_length=120)
    target_date: dt.date | None = None


class Provision(SQLModel, table=True):
    """A specialist arrangement (maatwerkvoorziening), stored in iWmo shape."""

    __tablename__ = "provision"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    position: int
    kind: str = Field(max_length=40)
    segment: str = Field(max_length=40)
    intensities: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    size_class: str = Field(max_length=8)
    monthly_cost: Decimal | None = Field(default=None, sa_column=_money())
    delivery_form: str = Field(max_length=10)
    provider: str | None = Field(default=None, max_length=20)
    start_date: dt.date | None = None
    end_date: dt.date | None = Field(default=None, index=True)
    product_category: str = Field(max_length=2)
    product_code: str | None = Field(default=None, max_length=10)
    volume: float | None = None
    unit: str | None = Field(default=None, max_length=10)
    frequency: str | None = Field(default=None, max_length=10)
    pgb_amount: Decimal | None = Field(default=None, sa_column=_money())
    granted: bool = True
    preferred_provider: str = ""
    choice_notes: str = ""
    terminate: bool = False


class Application(SQLModel, table=True):
    """An aanvraag of one member, part of a draft version; issuing turns it into a decision."""

    __tablename__ = "application"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    application_date: dt.date = Field(index=True)
    motivation: str = ""  # internal, for the verslag and the dossier
    lighter_routes: str = ""
    resident_motivation: str = ""  # the decision's motivation, written to the resident ("u")


class Decision(SQLModel, table=True):
    """A beschikking: written once when a version is issued, never changed afterwards."""

    __tablename__ = "decision"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=12)  # first / change / termination (DecisionKind)
    outcome: str = Field(max_length=16)
    application_date: dt.date
    decision_date: dt.date = Field(index=True)
    send_date: dt.date = Field(index=True)
    objection_deadline: dt.date
    motivation: str
    lighter_routes: str
    contribution: Decimal | None = Field(default=None, sa_column=_money())
    decided_by: str = Field(max_length=60)
    decided_by_name: str = Field(max_length=120)
    replaces_decision_id: uuid.UUID | None = Field(default=None, foreign_key="decision.id")
    # What was decided, as issued: addressee, address, provisions with their names. Printing
    # reads this, so a later change of a name or a tariff never alters an issued letter.
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow)
    # The issuing decider's Ed25519 signature over the decision (services/signatures.py).
    signer_key_id: str | None = Field(default=None, max_length=32)
    signature: str | None = Field(default=None, max_length=100)


class Objection(SQLModel, table=True):
    """A bezwaar against a decision, and what came of it."""

    __tablename__ = "objection"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    decision_id: uuid.UUID = Field(foreign_key="decision.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    received_on: dt.date
    outcome: str = Field(max_length=16)
    decided_on: dt.date | None = None
    new_decision_id: uuid.UUID | None = Field(default=None, foreign_key="decision.id")
    notes: str = ""
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1


class Evaluation(SQLModel, table=True):
    __tablename__ = "evaluation"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_id: uuid.UUID = Field(foreign_key="plan.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id")
    evaluation_date: dt.date
    assessment_id: uuid.UUID | None = None
    outcome: str = Field(max_length=12)
    notes: str = ""
    created_by: str = Field(max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)


class DestructionPermit(SQLModel, table=True):
    """Present only inside the transaction that destroys a dossier past its retention period."""

    __tablename__ = "destruction_permit"

    household_id: uuid.UUID = Field(primary_key=True)


class PlanHandover(SQLModel, table=True):
    """A draft offered "ter besluitvorming" to a named decider or the team's pool (``offered_to``
    None), and what came of it: still open, sent back with a note, or issued. A draft has at
    most one open offer; while it is open the draft is locked for the casemanager."""

    __tablename__ = "plan_handover"
    __table_args__ = (Index("ix_plan_handover_open", "status", "offered_to"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_version_id: uuid.UUID = Field(foreign_key="plan_version.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    status: str = Field(max_length=12)  # open / sent_back / issued
    offered_by: str = Field(max_length=60)
    offered_to: str | None = Field(default=None, max_length=60)  # None: the team's pool
    offered_at: dt.datetime = Field(default_factory=utcnow)
    offered_on: dt.date  # the working day it was offered: the wait counts from here
    note: str = ""
    returned_by: str | None = Field(default=None, max_length=60)
    returned_at: dt.datetime | None = None
    return_note: str = ""
