"""A worker's own preferences on this store, such as the size and place of each window.

Plain values only (numbers, text) in a JSON column; no ``from __future__ import annotations``.
"""

import datetime as dt

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from triage_app.store.tables import utcnow


class WorkerPreference(SQLModel, table=True):
    __tablename__ = "worker_preference"

    worker: str = Field(max_length=60, primary_key=True)
    key: str = Field(max_length=120, primary_key=True)  # e.g. "window:main"
    value: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: dt.datetime = Field(default_factory=utcnow)
