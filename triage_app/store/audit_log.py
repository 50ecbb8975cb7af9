"""Append to and verify the audit log's hash chain, inside the caller's transaction."""

import datetime as dt
import json
from collections.abc import Iterator

from sqlalchemy import insert, text
from sqlmodel import Session, select

from triage_app.domain.audit import GENESIS_HASH, AuditEntry, chain_hash, details_digest
from triage_app.store.counters import next_value
from triage_app.store.signing import Signer
from triage_app.store.tables import AuditLog


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    household_id: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    details: dict | None = None,
    on_behalf_of: str | None = None,
    at: dt.datetime | None = None,
    signer: Signer | None = None,
) -> AuditLog:
    # The counter's row lock (and on SQLite the write lock of BEGIN IMMEDIATE) makes appends
    # take turns: the previous entry is read only after the one before has committed.
    seq = next_value(session, "audit_log")
    prev = _hash_of(session, seq - 1)
    entry = AuditEntry(
        seq=seq,
        at=(at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds"),
        actor=actor,
        on_behalf_of=on_behalf_of,
        action=str(action),
        household_id=household_id,
        object_type=object_type,
        object_id=object_id,
        details=json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str),
    )
    digest = details_digest(entry.details)
    head = chain_hash(prev, entry, digest)
    values = {
        **entry.__dict__,
        "details_digest": digest,
        "prev_hash": prev,
        "hash": head,
        "signer_key_id": signer.key_id if signer is not None else None,
        "signature": signer.sign(head.encode("ascii")) if signer is not None else None,
    }
    # A plain insert, as append_many: the row is written now, without the ORM's unit of work
    # (a print is one such row; the ORM's bookkeeping cost more than the insert).
    session.execute(insert(AuditLog.__table__), [values])
    return AuditLog(**values)


def _hash_of(session: Session, seq: int) -> str:
    """The hash of row ``seq`` (the genesis hash before the first row)."""
    if seq < 1:
        return GENESIS_HASH
    found = session.execute(select(AuditLog.hash).where(AuditLog.seq == seq)).scalar()
    return found if found is not None else GENESIS_HASH


def append_many(
    session: Session,
    entries: list[dict],
    *,
    signer: Signer | None = None,
) -> AuditLog | None:
    """Append many rows at once: one counter step reserves their numbers, the chain is
    extended in memory (each row hashes the one before, as ``append`` does) and the rows go
    in with one multi-row insert. ``entries`` hold ``append``'s keyword arguments (without
    ``signer``). Returns the last row (the chain's new head), None for no entries."""
    if not entries:
        return None
    count = len(entries)
    # One atomic step of the counter (its row lock makes other appends wait, as above).
    last_seq = int(
        session.execute(
            text(
                "INSERT INTO counter (name, value) VALUES ('audit_log', :n) "
                "ON CONFLICT (name) DO UPDATE SET value = counter.value + :n RETURNING value"
            ),
            {"n": count},
        ).scalar_one()
    )
    first = last_seq - count + 1
    prev = _hash_of(session, first - 1)
    now = dt.datetime.now(dt.UTC)
    rows: list[dict] = []
    for offset, item in enumerate(entries):
        entry = AuditEntry(
            seq=first + offset,
            at=(item.get("at") or now).isoformat(timespec="microseconds"),
            actor=item["actor"],
            on_behalf_of=item.get("on_behalf_of"),
            action=str(item["action"]),
            household_id=item.get("household_id"),
            object_type=item.get("object_type"),
            object_id=item.get("object_id"),
            details=json.dumps(
                item.get("details") or {}, ensure_ascii=False, sort_keys=True, default=str
            ),
        )
        digest = details_digest(entry.details)
        head = chain_hash(prev, entry, digest)
        row = {
            **entry.__dict__,
            "details_digest": digest,
            "prev_hash": prev,
            "hash": head,
            "signer_key_id": None,
            "signature": None,
        }
        if signer is not None:
            row["signer_key_id"] = signer.key_id
            row["signature"] = signer.sign(head.encode("ascii"))
        rows.append(row)
        prev = head
    session.execute(insert(AuditLog.__table__), rows)
    return AuditLog(**rows[-1])


def _entry(row: AuditLog) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        on_behalf_of=row.on_behalf_of,
        action=row.action,
        household_id=row.household_id,
        object_type=row.object_type,
        object_id=row.object_id,
        details=row.details,
    )


def redacted_digests(session: Session) -> dict[int, str]:
    """Rows whose details a destruction replaced by keyed hashes: seq -> the new details'
    digest, as listed in the (chained, signed) row of that destruction."""
    redacted: dict[int, str] = {}
    query = select(AuditLog.details).where(AuditLog.action == "destroyed")
    for details in session.exec(query):
        try:
            listed = json.loads(details).get("redacted") or {}
        except (ValueError, AttributeError):
            continue
        if isinstance(listed, dict):
            redacted |= {int(seq): str(digest) for seq, digest in listed.items()}
    return redacted


def verify(session: Session) -> Iterator[str]:
    """Yield a problem per broken link: an edited row, a deleted row, a reordered chain. A row
    whose details a destruction redacted verifies through the digest that destruction listed."""
    redacted = redacted_digests(session)
    prev_hash, expected_seq = GENESIS_HASH, 1
    for row in session.exec(select(AuditLog).order_by(AuditLog.seq)).yield_per(5000):
        if row.seq != expected_seq:
            yield f"regel {expected_seq} t/m {row.seq - 1} ontbreekt (verwijderd)"
        if row.prev_hash != prev_hash:
            yield f"regel {row.seq}: de keten sluit niet aan op de vorige regel"
        if chain_hash(row.prev_hash, _entry(row), row.details_digest) != row.hash:
            yield f"regel {row.seq}: de inhoud is gewijzigd"
        elif details_digest(row.details) not in (row.details_digest, redacted.get(row.seq)):
            yield f"regel {row.seq}: de details zijn gewijzigd"
        prev_hash, expected_seq = row.hash, row.seq + 1
