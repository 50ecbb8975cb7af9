"""Close a dossier with its result, list dossiers past their retention period, destroy one.

Destruction removes the personal data of the household from every table that refers to it
(found through the schema, so tables added later are covered) in one transaction. The audit
log keeps a record that it happened, with the dossier number and dates but no names; the audit
rows that named the household's people (a search typed with a name, a BSN, a birth date, an
address) get those details replaced by keyed hashes (domain/redaction.py, the key in the key
file), and the destruction's row lists their new digests so ``audit verify`` still checks them.
On SQLite the file is then rewritten (VACUUM) so no deleted page keeps a name. The erasing
itself is services/erasure.py; the destruction is then signed into the ledger in the key file
and erased from every backup too (services/backup_cleaning.py), so no restore brings it back.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.domain.retention import ClosureResult, destroy_after
from triage_app.services import audit, backup_cleaning, erasure, reference
from triage_app.services.context import ServiceContext
from triage_app.store.tables import DossierClosure, Household, Person


@dataclass(frozen=True)
class ClosedDossier:
    household_id: uuid.UUID
    dossier_number: str
    result: ClosureResult
    closed_on: dt.date
    destroy_after: dt.date


def close_dossier(
    ctx: ServiceContext,
    household_id: uuid.UUID,
    result: ClosureResult,
    closed_on: dt.date | None = None,
) -> ClosedDossier:
    ctx.require(Role.CASEMANAGER, Role.ADMIN, action="een dossier afsluiten")
    closed_on = closed_on or ctx.today()
    if closed_on > ctx.today():
        raise InvalidValue("De datum van afsluiten ligt in de toekomst.", field="closed_on")
    with ctx.store.write() as session:
        household = session.get(Household, household_id)
        if household is None:
            raise NotFound("Dit huishouden bestaat niet (meer).")
        closure = session.get(DossierClosure, household_id) or DossierClosure(
            household_id=household_id,
            result=result,
            closed_on=closed_on,
            destroy_after=closed_on,
            closed_by=ctx.actor.username,
        )
        closure.result, closure.closed_on = ClosureResult(result), closed_on
        closure.destroy_after = destroy_after(
            ClosureResult(result), closed_on, reference.refresh(ctx, session).profile
        )
        closure.closed_by = ctx.actor.username
        session.add(closure)
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=household_id,
            object_type="dossier",
            object_id=household_id,
            change="afgesloten",
            result=str(result),
        )
        return ClosedDossier(
            household_id,
            household.dossier_number,
            ClosureResult(result),
            closed_on,
            closure.destroy_after,
        )


def review_list(ctx: ServiceContext) -> list[ClosedDossier]:
    """Closed dossiers whose retention period has passed, oldest first."""
    ctx.require(Role.ADMIN, action="de bewaartermijnen bekijken")
    with ctx.store.read() as session:
        rows = session.exec(
            select(DossierClosure, Household.dossier_number)
            .join(Household, Household.id == DossierClosure.household_id)
            .where(DossierClosure.destroy_after <= ctx.today())
            .order_by(DossierClosure.destroy_after)
        ).all()
        return [
            ClosedDossier(
                c.household_id, number, ClosureResult(c.result), c.closed_on, c.destroy_after
            )
            for c, number in rows
        ]


def destroy(ctx: ServiceContext, household_id: uuid.UUID, confirm: str) -> None:
    """Destroy a dossier past its period. ``confirm`` must be its dossier number, typed."""
    ctx.require(Role.ADMIN, action="dossiers vernietigen")
    with ctx.store.write() as session:
        household = session.get(Household, household_id)
        closure = session.get(DossierClosure, household_id)
        if household is None:
            raise NotFound("Dit huishouden bestaat niet (meer).")
        if closure is None or closure.destroy_after > ctx.today():
            raise DomainError(
                "Dit dossier mag nog niet worden vernietigd: de bewaartermijn loopt nog."
            )
        if confirm.strip().upper() != household.dossier_number:
            raise InvalidValue(
                f"Typ het dossiernummer {household.dossier_number} om te bevestigen.",
                field="confirm",
            )
        persons = session.exec(select(Person.id).where(Person.household_id == household_id))
        facts = {
            "dossier": household.dossier_number,
            "result": closure.result,
            "closed_on": closure.closed_on.isoformat(),
            "destroy_after": closure.destroy_after.isoformat(),
            "persons": len(persons.all()),
        }
        redacted = erasure.erase(session, ctx, household, erasure.pseudonym_key(ctx))
        facts["redacted"] = redacted
        audit.record(
            session,
            ctx,
            AuditAction.DESTROYED,
            object_type="dossier",
            object_id=household_id,
            **facts,
        )
    erasure.rewrite_file(ctx)
    entry = erasure.ledger_entry(ctx, household_id, household.dossier_number)
    if ctx.keyfile is not None:
        erasure.add_to_ledger(ctx.keyfile, [entry])
    if ctx.store.is_sqlite:
        backup_cleaning.clean_backups(ctx, [entry])
