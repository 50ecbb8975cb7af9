"""Tables of the first conversation: melding, assessment with its scores, route decisions and
referrals. Every row carries ``household_id``. No ``from __future__ import annotations``."""

import datetime as dt
import uuid

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from triage_app.store.tables import utcnow


class Request(SQLModel, table=True):
    """A melding: a question for help; its date starts the 6-week term of the onderzoek."""

    __tablename__ = "request"
    __table_args__ = (
        # A household's open melding (the dossier asks on every open): one index seek.
        Index("ix_request_household_outcome", "household_id", "outcome", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id")
    received_on: dt.date = Field(index=True)
    source: str = Field(max_length=20)
    channel: str = Field(max_length=20)
    question: str
    urgent: bool = False
    referrer: str = ""
    consent: str = ""
    told_client_support: bool
    told_personal_plan: bool
    outcome: str = Field(max_length=20, index=True)
    created_by: str = Field(max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1


class Assessment(SQLModel, table=True):
    """The keukentafelgesprek for one member; a draft until completed."""

    __tablename__ = "assessment"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    request_id: uuid.UUID = Field(foreign_key="request.id", index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    held_on: dt.date
    status: str = Field(max_length=12)
    strengths: str = ""
    network: str = ""
    carers: str = ""
    carer_load: str = Field(default="not", max_length=20)
    respite_wishes: str = ""
    wishes: str = ""
    root_causes: str = ""
    expert_by_experience: bool = False
    # The life domains the question touches, comma-separated; None: held before domains were
    # marked, so every domain was asked.
    scope: str | None = None
    created_by: str = Field(max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1


class AssessmentScore(SQLModel, table=True):
    __tablename__ = "assessment_score"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", index=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    life_domain: str = Field(max_length=40)
    score: int | None = None
    notes: str = ""
    own_share: int = 0
    network_share: int = 0
    professional_share: int = 0
    reason: str = ""  # why a domain outside the question was needed (data minimisation)


class RouteDecision(SQLModel, table=True):
    """The advice and the worker's choice, with the motivation when the choice is heavier."""

    __tablename__ = "route_decision"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    request_id: uuid.UUID = Field(foreign_key="request.id", index=True)
    life_domain: str | None = Field(default=None, max_length=40)
    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id")  # None: all
    advised_route: str = Field(max_length=20)
    chosen_route: str = Field(max_length=20)
    motivation: str = ""
    decided_by: str = Field(max_length=60)
    decided_on: dt.date
    created_at: dt.datetime = Field(default_factory=utcnow)


class Referral(SQLModel, table=True):
    """A warm hand-over to a social-base offer or a specialist team, followed up on a date."""

    __tablename__ = "referral"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    request_id: uuid.UUID = Field(foreign_key="request.id", index=True)
    target: str = Field(max_length=200)
    offer_code: str | None = Field(default=None, max_length=20)
    status: str = Field(max_length=12)
    follow_up_on: dt.date = Field(index=True)
    notes: str = ""
    made_on: dt.date | None = None  # the worker's day it was made (None: before 0011)
    created_by: str = Field(max_length=60)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = 1
