"""Tables for taking dossiers along on a laptop and bringing the work back (triage_app/sync/).

The same tables exist in both stores. The team store keeps one ``sync_checkout`` row per laptop
that took dossiers along (colleagues see "meegenomen door … sinds …"); the laptop keeps a copy
of its own row with ``team_url`` set, the records as they were taken along (``sync_base``),
the conflicts waiting for a worker (``sync_conflict``, also copied to the team store) and the
numbers it may give out offline (``number_block``). No ``from __future__ import annotations``.
"""

import datetime as dt
import uuid

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from triage_app.store.tables import utcnow


class SyncCheckout(SQLModel, table=True):
    __tablename__ = "sync_checkout"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    laptop: str = Field(max_length=80)
    worker: str = Field(max_length=60)
    worker_name: str = Field(max_length=120)
    scope: str = Field(max_length=200)  # what was asked for, e.g. "wijk Overvecht"
    household_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    blocks: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    taken_at: dt.datetime = Field(default_factory=utcnow)
    last_sync_at: dt.datetime | None = None
    audit_pushed_seq: int = 0  # laptop audit rows up to here are in the team's log
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = Field(default=None, max_length=60)
    team_url: str | None = Field(default=None, max_length=300)  # set on the laptop only


class SyncBase(SQLModel, table=True):
    """A record as the laptop last agreed it with the team: the base of the next merge."""

    __tablename__ = "sync_base"

    table_name: str = Field(primary_key=True, max_length=40)
    row_id: str = Field(primary_key=True, max_length=36)
    household_id: uuid.UUID = Field(index=True)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SyncConflict(SQLModel, table=True):
    """A field changed on both sides, or a person created offline who is already known.

    ``values`` holds ``base``, ``laptop``, ``team`` and, once resolved, ``resolved``."""

    __tablename__ = "sync_conflict"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    checkout_id: uuid.UUID = Field(index=True)
    kind: str = Field(max_length=12)  # "field" or "duplicate"
    table_name: str = Field(max_length=40)
    row_id: str = Field(max_length=36)
    household_id: uuid.UUID | None = Field(default=None, index=True)
    field: str | None = Field(default=None, max_length=60)
    values: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    laptop_by: str = Field(max_length=60)
    laptop_at: dt.datetime | None = None
    team_by: str | None = Field(default=None, max_length=60)
    team_at: dt.datetime | None = None
    status: str = Field(default="open", max_length=10, index=True)
    resolution: str | None = Field(default=None, max_length=12)
    resolved_by: str | None = Field(default=None, max_length=60)
    resolved_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)


class NumberBlock(SQLModel, table=True):
    """Numbers of a counter this laptop may give out offline: ``next_value``..``last_value``."""

    __tablename__ = "number_block"

    name: str = Field(primary_key=True, max_length=40)
    next_value: int
    last_value: int


class DossierChange(SQLModel, table=True):
    """How often any record of a dossier was written: triggers on every dossier table count
    (migration 0015), so a sync can tell a dossier nobody touched without reading it."""

    __tablename__ = "dossier_change"

    household_id: uuid.UUID = Field(primary_key=True)
    counter: int = 0


class SyncMark(SQLModel, table=True):
    """On the laptop: both sides' change counters of a dossier when it was last merged."""

    __tablename__ = "sync_mark"

    household_id: uuid.UUID = Field(primary_key=True)
    laptop_counter: int
    team_counter: int


class ChainHead(SQLModel, table=True):
    """In the team store: the head of a laptop's audit chain (newest seq and hash) as it was
    at a sync, signed by the syncing worker's team key. Append-only (triggers, migration
    0018): a laptop whose log is later cut or rewritten no longer matches (sync/chain_heads.py).
    """

    __tablename__ = "chain_head"

    id: int | None = Field(default=None, primary_key=True)
    checkout_id: uuid.UUID = Field(index=True)
    laptop: str = Field(max_length=80)
    seq: int
    hash: str = Field(max_length=64)
    by: str = Field(max_length=60)
    key_id: str | None = Field(default=None, max_length=32)
    signature: str | None = Field(default=None, max_length=120)
    deposited_at: dt.datetime = Field(default_factory=utcnow)
