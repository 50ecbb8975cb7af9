"""The records of a dossier as plain dicts: which tables, reading them, writing them back.

Every table with a ``household_id`` (and ``household`` itself) belongs to a dossier and travels
with it, in foreign-key order. Values are made plain (strings, numbers, dicts) so a laptop's
SQLite row and the team's PostgreSQL row compare equal when they hold the same thing.
"""

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, TypeDecorator, delete, insert, select, update
from sqlmodel import Session

from triage_app.store.schema import metadata

# Tables with a household_id that do not travel: the log is pushed on its own (append-only),
# the rest is sync bookkeeping or exists only inside one transaction.
NOT_CARRIED = frozenset(
    {"audit_log", "destruction_permit", "dossier_change", "sync_base", "sync_conflict", "sync_mark"}
)
# Written once, never merged (issue 20: issued decisions are append-only).
APPEND_ONLY = frozenset({"decision", "evaluation", "route_decision"})
CHUNK = 500

Row = dict[str, Any]


def dossier_tables() -> list[Table]:
    """The tables of a dossier, parents before children."""
    return [
        t
        for t in metadata.sorted_tables
        if t.name == "household" or ("household_id" in t.c and t.name not in NOT_CARRIED)
    ]


def table(name: str) -> Table:
    return metadata.tables[name]


def household_column(t: Table):  # type: ignore[no-untyped-def]
    return t.c.id if t.name == "household" else t.c.household_id


def row_id(t: Table, row: Row) -> str:
    (pk,) = t.primary_key.columns
    return str(row[pk.name])


def plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def native(t: Table, name: str, value: Any) -> Any:
    """A plain value back in the column's Python type, for writing."""
    if value is None:
        return None
    column_type = t.c[name].type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        kind = column_type.python_type
    except NotImplementedError:
        return value
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    return value


def _native_row(t: Table, row: Row) -> Row:
    return {k: native(t, k, v) for k, v in row.items()}


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def read_dossiers(session: Session, household_ids: Iterable[str]) -> dict[str, dict[str, Row]]:
    """All records of these dossiers: ``{table name: {row id: plain row}}``."""
    ids = [uuid.UUID(h) for h in household_ids]
    found: dict[str, dict[str, Row]] = {}
    for t in dossier_tables():
        rows = found.setdefault(t.name, {})
        for part in _chunks(ids):
            for raw in session.execute(select(t).where(household_column(t).in_(part))).mappings():
                row = {k: plain(v) for k, v in raw.items()}
                rows[row_id(t, row)] = row
    return found


def in_dependency_order(t: Table, rows: list[Row]) -> list[Row]:
    """Rows that refer to another row of the same table (a version replacing an older one)
    after the row they refer to."""
    self_refs = [fk.parent.name for fk in t.foreign_keys if fk.column.table is t]
    if not self_refs:
        return rows
    pending = {row_id(t, r): r for r in rows}
    ordered: list[Row] = []
    while pending:
        ready = [
            rid
            for rid, r in pending.items()
            if all(r.get(c) is None or r.get(c) not in pending for c in self_refs)
        ]
        if not ready:  # a cycle cannot be stored anyway; keep the order given
            ready = list(pending)
        for rid in ready:
            ordered.append(pending.pop(rid))
    return ordered


def insert_rows(session: Session, t: Table, rows: list[Row]) -> None:
    """Insert plain rows. An issued plan version goes in as a draft and is issued after its
    goals and arrangements (the store refuses children of an issued version)."""
    if not rows:
        return
    rows = in_dependency_order(t, rows)
    natives = [_native_row(t, r) for r in rows]
    if t.name == "plan_version":
        for r in natives:
            if r["status"] == "issued":
                r["status"] = "draft"
                session.info.setdefault("issue_after", []).append(r["id"])
    if any(fk.column.table is t for fk in t.foreign_keys):
        for r in natives:  # one at a time keeps the self-reference order
            session.execute(insert(t), [r])
    else:
        session.execute(insert(t), natives)


def update_row(session: Session, t: Table, rid: str, fields: Row) -> None:
    if not fields:
        return
    (pk,) = t.primary_key.columns
    values = {k: native(t, k, v) for k, v in fields.items()}
    if t.name == "plan_version" and values.get("status") == "issued":
        values["status"] = "draft"
        session.info.setdefault("issue_after", []).append(native(t, "id", rid))
    session.execute(update(t).where(pk == native(t, pk.name, rid)).values(**values))


def delete_rows(session: Session, t: Table, rids: list[str]) -> None:
    (pk,) = t.primary_key.columns
    for part in _chunks(rids):
        session.execute(delete(t).where(pk.in_([native(t, pk.name, r) for r in part])))


def finish_issuing(session: Session) -> None:
    """Issue the plan versions that went in as drafts (see ``insert_rows``)."""
    ids = session.info.pop("issue_after", [])
    if ids:
        t = table("plan_version")
        session.execute(update(t).where(t.c.id.in_(ids)).values(status="issued"))


def reindex(session: Session, household_ids: Iterable[str]) -> None:
    """Renew the search documents of these households after they were written here."""
    from sqlmodel import select as orm_select

    from triage_app.store.search import index_households, search_document
    from triage_app.store.tables import Household, Person

    ids = [uuid.UUID(h) for h in household_ids]
    for part in _chunks(ids):
        households = session.exec(orm_select(Household).where(Household.id.in_(part))).all()
        members: dict[uuid.UUID, list[Person]] = {}
        for person in session.exec(orm_select(Person).where(Person.household_id.in_(part))):
            members.setdefault(person.household_id, []).append(person)
        index_households(
            session,
            [(h.dossier_seq, search_document(h, members.get(h.id, []))) for h in households],
        )
