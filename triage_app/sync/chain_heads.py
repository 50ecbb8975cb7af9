"""The head of a laptop's audit chain, kept on the team server where the laptop's key holder
cannot rewrite it.

On a laptop the chain's head is signed into the key file after every commit (the anchor,
services/signatures.py), but whoever holds the laptop's password holds that file too: they can
cut the log's tail or rewrite the chain and sign a new anchor. So every sync also deposits the
laptop's head (checkout, seq, hash), signed with the syncing worker's key of the *team* store,
into the team store's ``chain_head`` table, which only grows (triggers, checked at every
login like the others). At the start of the next sync every head the team holds for this
laptop is compared with the laptop's log: a missing row is a cut tail, another hash is a
rewritten chain. The first bad row is named by comparing the laptop's rows with the copies
the team received at earlier syncs (``push_audit``); the sync reports it and the team's audit
log records it. A team lead sees the same with ``audit verify`` on the team store, which
checks each deposit's signature.

On the PostgreSQL team store itself the audit log lives on the server: its triggers keep it
append-only and its chain is verified there; the server (its roles and backups) is its own
anchor, which is why the laptops' heads are kept there.
"""

import json
import uuid

from sqlalchemy import select
from sqlmodel import Session

from triage_app.store.sync_tables import ChainHead
from triage_app.store.tables import AuditLog

COPY_KEYS = ("laptop", "laptop_seq")


def deposit(team: Session, checkout_id: uuid.UUID, laptop: str, head: dict | None) -> None:
    """Keep the laptop's signed head in the team store (inside the sync's transaction)."""
    if head is None:
        return
    team.add(
        ChainHead(
            checkout_id=checkout_id,
            laptop=laptop,
            seq=int(head["seq"]),
            hash=str(head["hash"]),
            by=str(head["by"]),
            key_id=head.get("key_id"),
            signature=head.get("signature"),
        )
    )


def problems(team: Session, laptop: Session, checkout_id: uuid.UUID, name: str) -> list[str]:
    """Compare the laptop's log with every head the team holds for it (Dutch, empty when
    they all match)."""
    heads = list(
        team.execute(
            select(ChainHead).where(ChainHead.checkout_id == checkout_id).order_by(ChainHead.id)
        ).scalars()
    )
    good = 0
    for head in heads:
        row = laptop.get(AuditLog, head.seq)
        when = f"{head.deposited_at:%d-%m-%Y %H:%M}"
        if row is None:
            newest = max(heads, key=lambda h: h.seq)
            last = laptop.execute(select(AuditLog.seq).order_by(AuditLog.seq.desc())).first()
            first_missing = (last[0] if last else 0) + 1
            return [
                f"regel {first_missing} t/m {newest.seq} van het auditlog van deze laptop "
                "ontbreekt: het einde is weggehaald (het teamsysteem kreeg op "
                f"{newest.deposited_at:%d-%m-%Y %H:%M} de kop tot regel {newest.seq})"
            ]
        if row.hash != head.hash:
            first = _first_changed(team, laptop, name, good, head.seq)
            where = f"regel {first}" if first else f"tussen regel {good + 1} en {head.seq}"
            return [
                f"{where}: het auditlog van deze laptop is herschreven (klopt niet met de kop "
                f"die het teamsysteem op {when} kreeg)"
            ]
        good = max(good, head.seq)
    return []


def _content(row: AuditLog, details: dict) -> tuple:
    return (row.at, row.actor, row.action, row.household_id, row.object_type, row.object_id,
            json.dumps(details, sort_keys=True, ensure_ascii=False))  # fmt: skip


def _first_changed(team: Session, laptop: Session, name: str, after: int, upto: int) -> int | None:
    """The first laptop row in (after, upto] that differs from the team's copy of it."""
    copies: dict[int, list[tuple]] = {}
    marker = json.dumps({"laptop": name}, ensure_ascii=False)[1:-1]
    for row in team.execute(select(AuditLog).where(AuditLog.details.like(f"%{marker}%"))).scalars():
        details = json.loads(row.details or "{}")
        seq = details.get("laptop_seq")
        if isinstance(seq, int) and after < seq <= upto and details.get("laptop") == name:
            plain = {k: v for k, v in details.items() if k not in COPY_KEYS}
            copies.setdefault(seq, []).append(_content(row, plain))
    rows = laptop.execute(
        select(AuditLog).where(AuditLog.seq > after, AuditLog.seq <= upto).order_by(AuditLog.seq)
    ).scalars()
    expected = after + 1
    for row in rows:
        if row.seq != expected:
            return expected
        own = _content(row, json.loads(row.details or "{}"))
        if seq_copies := copies.get(row.seq):
            if own not in seq_copies:
                return row.seq
        expected += 1
    return None
