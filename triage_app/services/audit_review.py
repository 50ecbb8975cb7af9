"""Read the audit log: verify its chain, list it per dossier or per worker, export it."""

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction, action_label, detail_text, object_type_label
from triage_app.domain.csv_text import write_rows
from triage_app.domain.errors import NotFound
from triage_app.services import audit, signatures
from triage_app.services.context import ServiceContext
from triage_app.store import audit_log
from triage_app.store.tables import AuditLog, Household


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: dt.datetime
    actor: str
    on_behalf_of: str | None
    action: str  # Dutch
    dossier_number: str | None
    object_type: str | None
    details: str  # readable: search text, changed fields


def verify_audit_log(ctx: ServiceContext) -> list[str]:
    """Problems found (Dutch), empty when all is intact: the hash chain (the first bad row
    first), the signed anchor of its head kept outside the store, every audit row's and every
    issued decision's signature, and the role grants."""
    ctx.require(Role.ADMIN, action="het auditlog controleren")
    anchor = ctx.keyfile.reload().data.get("anchor") if ctx.keyfile is not None else None
    with ctx.store.read() as session:
        state = signatures.trust(session, ctx.keyfile)
        return [
            *audit_log.verify(session),
            *signatures.anchor_problems(session, state, anchor),
            *signatures.chain_head_problems(session, state),
            *signatures.audit_row_problems(session, state),
            *signatures.decision_problems(session, state),
            *state.problems,
        ]


def _readable(details: str) -> str:
    return detail_text(json.loads(details or "{}"))


def audit_lines(
    ctx: ServiceContext,
    *,
    dossier_number: str | None = None,
    worker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 2000,
) -> list[AuditLine]:
    """The log, newest first, for one dossier and/or one worker within a period."""
    ctx.require(Role.ADMIN, action="het auditlog bekijken")
    with ctx.store.read() as session:
        query = select(AuditLog)
        numbers: dict[str, str] = {}
        if dossier_number:
            household = session.exec(
                select(Household).where(Household.dossier_number == dossier_number.strip().upper())
            ).first()
            if household is None:
                raise NotFound(f"Er is geen dossier {dossier_number}.")
            query = query.where(AuditLog.household_id == str(household.id))
        if worker:
            query = query.where(AuditLog.actor == worker.strip().lower())
        if since:
            query = query.where(AuditLog.at >= since.isoformat())
        if until:
            query = query.where(AuditLog.at < (until + dt.timedelta(days=1)).isoformat())
        rows = session.exec(query.order_by(AuditLog.seq.desc()).limit(limit)).all()
        ids = {row.household_id for row in rows if row.household_id}
        if ids:
            numbers = {
                str(h.id): h.dossier_number
                for h in session.exec(
                    select(Household).where(Household.id.in_([uuid.UUID(i) for i in ids]))
                )
            }
        return [
            AuditLine(
                row.seq,
                dt.datetime.fromisoformat(row.at),
                row.actor,
                row.on_behalf_of,
                action_label(row.action),
                numbers.get(row.household_id or "", None),
                object_type_label(row.object_type),
                _readable(row.details),
            )
            for row in rows
        ]


def export_csv(ctx: ServiceContext, lines: list[AuditLine], description: str) -> str:
    """The lines as CSV (semicolons, as Dutch spreadsheets expect); the export is logged."""
    ctx.require(Role.ADMIN, action="het auditlog exporteren")
    header = ["volgnummer", "tijdstip", "medewerker", "namens", "handeling", "dossier"]
    rows = [
        [
            line.seq,
            line.at.astimezone().strftime("%d-%m-%Y %H:%M:%S"),
            line.actor,
            line.on_behalf_of or "",
            line.action,
            line.dossier_number or "",
            line.object_type or "",
            line.details,
        ]
        for line in lines
    ]
    text = write_rows([[*header, "soort", "details"], *rows])
    with ctx.store.write() as session:
        audit.record(
            session,
            ctx,
            AuditAction.EXPORTED,
            object_type="audit_log",
            what=description,
            lines=len(lines),
        )
    return text
