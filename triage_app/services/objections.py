"""Objections (bezwaar) against a decision: when it came in, and what came of it; the
beslissing op bezwaar is a decision of its own, linked to the objection both ways."""

import datetime as dt
import uuid

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_rules import objection_deadline
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.domain.objection_decision import ObjectionRuling, ruling_content
from triage_app.domain.plan import DecisionKind, ObjectionOutcome
from triage_app.services import audit, reference, signatures
from triage_app.services.context import ServiceContext
from triage_app.services.plans import CASE_ROLES
from triage_app.store.counters import next_value
from triage_app.store.plan_tables import Decision, Objection
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import utcnow


@retry_on_deadlock
def record_objection(
    ctx: ServiceContext, decision_id: uuid.UUID, received_on: dt.date, notes: str = ""
) -> uuid.UUID:
    """Register a bezwaar; one received after the 6-week term is kept and shown as late."""
    ctx.require(*CASE_ROLES, action="een bezwaar registreren")
    if received_on > ctx.today():
        raise InvalidValue("De datum van ontvangst ligt in de toekomst.", field="received_on")
    with ctx.store.write() as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFound("Dit besluit bestaat niet (meer).")
        if received_on < decision.send_date:
            raise InvalidValue(
                "Een bezwaar kan niet binnenkomen voor het besluit verstuurd is.",
                field="received_on",
            )
        objection = Objection(
            decision_id=decision.id,
            household_id=decision.household_id,
            received_on=received_on,
            outcome=ObjectionOutcome.PENDING,
            notes=notes,
        )
        session.add(objection)
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=decision.household_id,
            object_type="objection",
            object_id=objection.id,
            decision=decision.number,
        )
        return objection.id


@retry_on_deadlock
def settle_objection(
    ctx: ServiceContext,
    objection_id: uuid.UUID,
    outcome: ObjectionOutcome,
    decided_on: dt.date,
    new_decision_id: uuid.UUID | None = None,
    notes: str = "",
) -> None:
    """Record the outcome; an upheld objection usually leads to a new decision (linked here)."""
    ctx.require(*CASE_ROLES, action="een bezwaar afhandelen")
    if outcome == ObjectionOutcome.PENDING:
        raise InvalidValue("Kies de uitkomst van het bezwaar.", field="outcome")
    with ctx.store.write() as session:
        objection = session.get(Objection, objection_id, with_for_update=True)
        if objection is None:
            raise NotFound("Dit bezwaar bestaat niet (meer).")
        if objection.outcome != ObjectionOutcome.PENDING:
            raise DomainError("Dit bezwaar is al afgehandeld.")
        if decided_on < objection.received_on:
            raise InvalidValue("De beslisdatum ligt voor de ontvangst.", field="decided_on")
        if new_decision_id is not None:
            new = session.get(Decision, new_decision_id)
            if new is None or new.household_id != objection.household_id:
                raise InvalidValue(
                    "Het nieuwe besluit hoort niet bij dit huishouden.", field="new_decision"
                )
        objection.outcome = outcome
        objection.decided_on = decided_on
        objection.new_decision_id = new_decision_id
        objection.notes = notes or objection.notes
        objection.updated_at = utcnow()
        objection.version += 1
        session.add(objection)
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=objection.household_id,
            object_type="objection",
            object_id=objection.id,
            outcome=str(outcome),
        )


@retry_on_deadlock
def decide_on_objection(
    ctx: ServiceContext, objection_id: uuid.UUID, ruling: ObjectionRuling
) -> uuid.UUID:
    """The beslissing op bezwaar: a decision of its own (kind ``objection``) that names the
    objection; the objection is settled and points to it, in one transaction."""
    ctx.require(Role.DECIDER, action="op een bezwaar beslissen")
    with ctx.store.write() as session:
        objection = session.get(Objection, objection_id, with_for_update=True)
        if objection is None:
            raise NotFound("Dit bezwaar bestaat niet (meer).")
        if objection.outcome != ObjectionOutcome.PENDING:
            raise DomainError("Op dit bezwaar is al beslist.")
        ruling.validate(objection.received_on)
        objected = session.get(Decision, objection.decision_id)
        seq = next_value(session, f"decision-{ruling.decision_date.year}")
        number = f"B-{ruling.decision_date.year}-{seq:06d}"
        content = ruling_content(
            reference.refresh(ctx, session),
            objected.content,
            objected.number,
            objected.decision_date,
            objection.received_on,
            ruling,
            number,
        )
        content["on_objection"]["objection_id"] = str(objection.id)
        decision = Decision(
            number=number,
            plan_version_id=objected.plan_version_id,
            household_id=objected.household_id,
            person_id=objected.person_id,
            kind=DecisionKind.OBJECTION,
            outcome=str(ruling.outcome),
            application_date=objected.application_date,
            decision_date=ruling.decision_date,
            send_date=ruling.send_date,
            objection_deadline=objection_deadline(
                ruling.send_date, extra_days_off(ctx.reference.profile)
            ),
            motivation=ruling.motivation.strip(),
            lighter_routes="",
            contribution=None,
            decided_by=ctx.actor.username,
            decided_by_name=ctx.actor.display_name,
            content=content,
        )
        signatures.sign_decision(ctx, decision)
        session.add(decision)
        session.flush()
        objection.outcome = ruling.outcome
        objection.decided_on = ruling.decision_date
        objection.new_decision_id = decision.id
        objection.updated_at = utcnow()
        objection.version += 1
        session.add(objection)
        audit.record(
            session,
            ctx,
            AuditAction.ISSUED,
            household_id=decision.household_id,
            object_type="decision",
            object_id=decision.id,
            number=number,
            on_objection=str(objection.id),
        )
        return decision.id
