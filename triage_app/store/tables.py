"""SQLModel tables. Alembic migrations in db/ are the authority on the schema; these must match.

No ``from __future__ import annotations`` here: it breaks SQLModel relationships.
"""

import datetime as dt
import uuid

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Household(SQLModel, table=True):
    __tablename__ = "household"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    dossier_seq: int = Field(unique=True)
    dossier_number: str = Field(max_length=20, unique=True)
    street: str = Field(max_length=120)
    house_number: int
    house_number_addition: str = Field(default="", max_length=8)
    postcode: str = Field(max_length=7, index=True)
    city: str = Field(max_length=80)
    district: str = Field(max_length=60, index=True)
    phone: str | None = Field(default=None, max_length=20)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


REPRESENTATIVE_FIELDS = ("kind", "form", "name", "street", "postcode", "city")


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True)
    first_name: str = Field(max_length=80)
    prefix: str = Field(default="", max_length=20)
    last_name: str = Field(max_length=120)
    birth_date: dt.date = Field(index=True)
    bsn: str | None = Field(default=None, max_length=9, index=True)
    role: str = Field(max_length=20)
    phone: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=200)
    is_carer: bool = Field(default=False)
    large_print: bool = Field(default=False)  # letters to this resident in large print
    # A representative (domain/representative.py): kind "" means none.
    representative_kind: str = Field(default="", max_length=20)
    representative_form: str = Field(default="", max_length=10)
    representative_name: str = Field(default="", max_length=120)
    representative_street: str = Field(default="", max_length=160)
    representative_postcode: str = Field(default="", max_length=7)
    representative_city: str = Field(default="", max_length=80)

    def representative_values(self) -> dict[str, str]:
        """The representative columns without their prefix (kind "" means none)."""
        return {f: getattr(self, f"representative_{f}") for f in REPRESENTATIVE_FIELDS}

    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class Counter(SQLModel, table=True):
    """Named gap-free counters (dossier numbers, later decision numbers)."""

    __tablename__ = "counter"

    name: str = Field(primary_key=True, max_length=40)
    value: int = Field(default=0)


class Worker(SQLModel, table=True):
    """A worker's account. The password hash is argon2id; roles are comma-separated codes."""

    __tablename__ = "worker"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    username: str = Field(max_length=60, unique=True)  # always stored in lower case
    display_name: str = Field(max_length=120)
    roles: str = Field(max_length=120)
    password_hash: str = Field(max_length=200)
    active: bool = Field(default=True)
    failed_attempts: int = Field(default=0)
    locked_until: dt.datetime | None = Field(default=None)
    must_change_password: bool = Field(default=False)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class AuditLog(SQLModel, table=True):
    """Append-only log of every access and change; each row hashes the previous one."""

    __tablename__ = "audit_log"

    seq: int = Field(primary_key=True)
    at: str = Field(max_length=32)
    actor: str = Field(max_length=60, index=True)
    on_behalf_of: str | None = Field(default=None, max_length=60)
    action: str = Field(max_length=30)
    household_id: str | None = Field(default=None, max_length=36, index=True)
    object_type: str | None = Field(default=None, max_length=30)
    object_id: str | None = Field(default=None, max_length=36)
    details: str = Field(default="{}")
    # The chain covers this digest of ``details``, so after destruction the details can be
    # replaced by a keyed hash while the chain still verifies.
    details_digest: str = Field(default="", max_length=64)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    signer_key_id: str | None = Field(default=None, max_length=32)
    signature: str | None = Field(default=None, max_length=100)


class WorkerKey(SQLModel, table=True):
    """A worker's Ed25519 public key, with the private half sealed under their password."""

    __tablename__ = "worker_key"

    key_id: str = Field(primary_key=True, max_length=32)  # sha256(public)[:32]
    username: str = Field(max_length=60, index=True)
    public_key: str = Field(max_length=60)  # base64 raw
    wrapped: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: str = Field(max_length=32)


class RoleGrant(SQLModel, table=True):
    """Roles (and the signing key) of a worker, signed by an administrator or a trust root.
    Append-only: the newest grant of a worker counts."""

    __tablename__ = "role_grant"

    seq: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, index=True)
    roles: str = Field(max_length=120)
    active: bool = True
    key_id: str | None = Field(default=None, max_length=32)
    granted_by: str = Field(max_length=60)
    signer_key_id: str = Field(max_length=32)
    granted_at: str = Field(max_length=32)
    signature: str = Field(max_length=100)


class DossierClosure(SQLModel, table=True):
    """A closed dossier: its result decides how long it is kept."""

    __tablename__ = "dossier_closure"

    household_id: uuid.UUID = Field(foreign_key="household.id", primary_key=True)
    result: str = Field(max_length=20)
    closed_on: dt.date
    destroy_after: dt.date = Field(index=True)
    closed_by: str = Field(max_length=60)


class Setting(SQLModel, table=True):
    """A named block of settings changed in the app, e.g. the municipality profile."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=60)
    value: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow)
    updated_by: str = Field(max_length=60)
    version: int = 1
