"""Write the audit log from a service, in the same transaction as the change it records."""

import uuid
from typing import Any

from sqlmodel import Session

from triage_app.domain.audit import AuditAction
from triage_app.services import signatures
from triage_app.services.context import ServiceContext
from triage_app.store import audit_log


def record(
    session: Session,
    ctx: ServiceContext,
    action: AuditAction,
    *,
    household_id: uuid.UUID | None = None,
    object_type: str | None = None,
    object_id: uuid.UUID | str | None = None,
    **details: Any,
) -> None:
    """Log that the acting worker did ``action`` (to a household / an object). ``details``
    holds e.g. ``search=...`` for a search or ``fields=[...]`` for a change."""
    row = audit_log.append(
        session,
        actor=ctx.actor.username,
        on_behalf_of=ctx.on_behalf_of,
        action=action,
        household_id=str(household_id) if household_id else None,
        object_type=object_type,
        object_id=str(object_id) if object_id else None,
        details=details,
        signer=ctx.signer,
    )
    signatures.watch_for_anchor(session, ctx, row.seq, row.hash)


def record_many(
    session: Session,
    ctx: ServiceContext,
    action: AuditAction,
    items: list[dict[str, Any]],
) -> None:
    """Log ``action`` once per item in one chain extension (one statement), e.g. one row per
    dossier taken along. Each item holds ``household_id``, ``object_type``, ``object_id``
    and the details; every row is signed and chained as ``record`` does."""
    entries = []
    for item in items:
        details = dict(item)
        household_id = details.pop("household_id", None)
        object_id = details.pop("object_id", None)
        entries.append(
            {
                "actor": ctx.actor.username,
                "on_behalf_of": ctx.on_behalf_of,
                "action": action,
                "household_id": str(household_id) if household_id else None,
                "object_type": details.pop("object_type", None),
                "object_id": str(object_id) if object_id else None,
                "details": details,
            }
        )
    last = audit_log.append_many(session, entries, signer=ctx.signer)
    if last is not None:
        signatures.watch_for_anchor(session, ctx, last.seq, last.hash)
