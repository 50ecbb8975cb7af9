"""Unsaved form content, kept every few seconds so a crash or a forced close loses nothing.

Lives in the (encrypted) store like everything else. No ``from __future__ import annotations``.
"""

import datetime as dt
import uuid

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from triage_app.store.tables import utcnow


class FormDraft(SQLModel, table=True):
    __tablename__ = "form_draft"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    worker: str = Field(max_length=60, index=True)
    form_key: str = Field(max_length=120)  # which form, e.g. "assessment:<household>"
    household_id: uuid.UUID | None = Field(default=None, foreign_key="household.id", index=True)
    label: str = Field(max_length=200)  # what the offer to restore says, e.g. "Melding"
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: dt.datetime = Field(default_factory=utcnow)
