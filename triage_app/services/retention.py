"""Close a dossier with its result, list dossiers past their retention period, destroy one.

Destruction removes the personal data of the household from every table that refers to it
(found through the schema, so tables added later are covered) in one transaction. The audit
log keeps a record that it happened, with the dossier number and dates but no names; the audit
rows that named the household's people (a search typed with a name, a BSN, a birth date, an
address) get those details replaced by keyed hashes (domain/redaction.py, the key in the key
file), and the destruction's row lists their new digests so ``audit verify`` still checks them.
On SQLite the file is then rewritten (VACUUM) so no deleted page keeps a name.
"""

import datetime as dt
import json
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, or_, text
from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction, details_digest
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.domain.redaction import (
    PersonFacts,
    pattern_for,
    personal_terms,
    redact,
    redact_search,
)
from triage_app.domain.retention import ClosureResult, destroy_after
from triage_app.services import audit, reference
from triage_app.services.context import ServiceContext
from triage_app.store.immutability import destruction_permitted
from triage_app.store.schema import metadata
from triage_app.store.tables import AuditLog, DossierClosure, Household, Person


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


def _tables_referring_to_households():  # type: ignore[no-untyped-def]
    """Every table with the personal data of a household, children before parents."""
    for table in reversed(metadata.sorted_tables):
        if table.name in ("audit_log", "household"):
            continue
        if "household_id" in table.c:
            yield table, "household_id"
        elif "person_id" in table.c:
            yield table, "person_id"


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
        people = session.exec(select(Person).where(Person.household_id == household_id)).all()
        persons = [p.id for p in people]
        terms = personal_terms(
            [
                PersonFacts(
                    p.first_name, p.prefix, p.last_name, p.birth_date, p.bsn, p.phone, p.email
                )
                for p in people
            ],
            household.street,
            household.postcode,
            household.phone,
        )
        facts = {
            "dossier": household.dossier_number,
            "result": closure.result,
            "closed_on": closure.closed_on.isoformat(),
            "destroy_after": closure.destroy_after.isoformat(),
            "persons": len(persons),
        }
        with destruction_permitted(session, household_id):
            for table, column in _tables_referring_to_households():
                if table.name == "destruction_permit":
                    continue
                if column == "household_id":
                    session.execute(delete(table).where(table.c.household_id == household_id))
                elif persons:
                    session.execute(delete(table).where(table.c.person_id.in_(persons)))
            redacted = _redact_audit_rows(
                ctx, session, household_id, household.dossier_number, terms
            )
        session.execute(
            text("DELETE FROM household_search WHERE rowid = :seq"), {"seq": household.dossier_seq}
        )
        session.execute(delete(Household).where(Household.id == household_id))
        if ctx.store.is_sqlite:  # the search index keeps deleted words until it is merged
            session.execute(
                text("INSERT INTO household_search(household_search) VALUES('optimize')")
            )
        facts["redacted"] = redacted
        audit.record(
            session,
            ctx,
            AuditAction.DESTROYED,
            object_type="dossier",
            object_id=household_id,
            **facts,
        )
    _rewrite_file(ctx)


def _redact_audit_rows(  # type: ignore[no-untyped-def]
    ctx: ServiceContext, session, household_id: uuid.UUID, number: str, terms: list[str]
):
    """Replace the household's personal details in every audit row that holds them, and the
    typed text of every search that showed this dossier; returns seq -> the new details'
    digest. Only inside ``destruction_permitted``."""
    pattern = pattern_for(terms)
    if pattern is None:
        return {}
    key = ctx.keyfile.pseudonym_key() if ctx.keyfile is not None else secrets.token_bytes(32)
    candidates = or_(
        AuditLog.household_id == str(household_id),
        AuditLog.details.like(f"%{number}%"),
        *(AuditLog.details.ilike(f"%{term}%") for term in terms),
    )
    redacted: dict[str, str] = {}
    for seq, details in session.execute(
        select(AuditLog.seq, AuditLog.details).where(candidates).order_by(AuditLog.seq)
    ):
        try:
            found = redact(json.loads(details), pattern, key)
            if isinstance(found, dict) and number in json.dumps(found.get("shown", [])):
                found = redact_search(found, key)
            new = json.dumps(
                found,
                ensure_ascii=False,
                sort_keys=True,
                default=str,
            )
        except ValueError:
            new = json.dumps({"details": redact(details, pattern, key)}, ensure_ascii=False)
        if new != details:
            session.execute(
                text("UPDATE audit_log SET details = :d WHERE seq = :s"), {"d": new, "s": seq}
            )
            redacted[str(seq)] = details_digest(new)
    return redacted


def _rewrite_file(ctx: ServiceContext) -> None:
    """SQLite keeps deleted rows in free pages and the WAL until they are reused: rewrite the
    file and empty the WAL, so the destroyed names are gone from the disk too."""
    if not ctx.store.is_sqlite:
        return
    raw = ctx.store.engine.raw_connection()
    try:
        connection = raw.driver_connection
        if connection.in_transaction:
            connection.commit()
        before, connection.isolation_level = connection.isolation_level, None
        try:
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - busy elsewhere: the next destruction rewrites it
            pass
        finally:
            connection.isolation_level = before
    finally:
        raw.close()
