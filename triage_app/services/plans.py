"""One plan per household: drafts, issuing (with beschikkingen), new versions, closing.

A draft is freely editable by a casemanager; issuing makes the version read-only forever and,
for each member who applied for specialist support, writes a beschikking. Only a mandated
decider may issue a version that carries decisions.
"""

import datetime as dt
import uuid
from collections.abc import Callable

from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import compute_arrangement
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import check_date
from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_changes import cover_warnings as changes_cover_warnings
from triage_app.domain.decision_content import addressed, objection_text
from triage_app.domain.decision_rules import (
    DecisionFacts,
    decision_outcome,
    missing_elements,
    objection_deadline,
    personal_contribution,
)
from triage_app.domain.errors import Conflict, DomainError, InvalidValue, NotFound, ValidationFailed
from triage_app.domain.household import full_name
from triage_app.domain.plan import (
    NEEDS_APPLICATION,
    ClosureReason,
    EvaluationOutcome,
    PlanDraft,
    PlanStatus,
    VersionStatus,
    without_application,
)
from triage_app.domain.plan_views import DecisionView, PlanView
from triage_app.domain.values import age_on
from triage_app.services import audit, handover, reference, signatures
from triage_app.services.context import ServiceContext
from triage_app.services.decision_scope import Pending, decisions_to_make, in_force
from triage_app.services.plan_mapping import (
    decision_content,
    draft_of,
    plan_view,
    provision_row,
)
from triage_app.store.counters import next_value
from triage_app.store.plan_tables import (
    Application,
    Decision,
    Evaluation,
    Goal,
    Plan,
    PlanVersion,
    Provision,
)
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import Household, Person, utcnow

CASE_ROLES = (Role.CASEMANAGER, Role.DECIDER)
READ_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, Role.ADMIN)


def get_plan(ctx: ServiceContext, household_id: uuid.UUID) -> PlanView | None:
    """The household's active plan, or else its most recent closed one; None if it has none."""
    ctx.require(*READ_ROLES, action="een plan bekijken")
    with ctx.store.write() as session:
        plan = _shown_plan(session, household_id)
        if plan is None:
            return None
        audit.record(
            session,
            ctx,
            AuditAction.VIEWED,
            household_id=household_id,
            object_type="plan",
            object_id=plan.id,
        )
        return plan_view(session, plan)


def _shown_plan(session: Session, household_id: uuid.UUID) -> Plan | None:
    """The household's active plan, or else its most recent closed one."""
    plans = session.exec(
        select(Plan).where(Plan.household_id == household_id).order_by(Plan.created_at)
    ).all()
    if not plans:
        return None
    return next((p for p in plans if p.status == PlanStatus.ACTIVE), plans[-1])


def read_plan(
    session: Session,
    household_id: uuid.UUID,
    printed_only: bool = False,
    check: Callable[[Decision], None] | None = None,
) -> PlanView | None:
    """``get_plan`` in the caller's transaction, not logged: for a caller that logs its own
    use of it (a print logs the print; it needs only the version it prints, and ``check``s
    each of its decisions)."""
    plan = _shown_plan(session, household_id)
    return None if plan is None else plan_view(session, plan, printed_only, check)


@retry_on_deadlock
def start_plan(ctx: ServiceContext, household_id: uuid.UUID, question: str = "") -> PlanView:
    ctx.require(*CASE_ROLES, action="een plan maken")
    with ctx.store.write() as session:
        if session.get(Household, household_id) is None:
            raise NotFound("Dit huishouden bestaat niet (meer).")
        active = session.exec(
            select(Plan).where(Plan.household_id == household_id, Plan.status == PlanStatus.ACTIVE)
        ).first()
        if active is not None:
            raise DomainError(
                "Dit huishouden heeft al een plan. Per gezin is er één plan: "
                "maak een nieuwe versie van dat plan."
            )
        plan = Plan(household_id=household_id, status=PlanStatus.ACTIVE)
        session.add(plan)
        session.flush()
        session.add(
            PlanVersion(
                plan_id=plan.id,
                household_id=household_id,
                number=1,
                status=VersionStatus.DRAFT,
                case_lead=ctx.actor.username,
                question=question,
            )
        )
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=household_id,
            object_type="plan",
            object_id=plan.id,
        )
        return plan_view(session, plan)


def _log_version(
    session: Session, ctx: ServiceContext, action: AuditAction, version: PlanVersion, **details
) -> None:  # type: ignore[no-untyped-def]
    audit.record(
        session,
        ctx,
        action,
        household_id=version.household_id,
        object_type="plan_version",
        object_id=version.id,
        **details,
    )


def _draft_version(session: Session, version_id: uuid.UUID, expected: int | None) -> PlanVersion:
    version = session.get(PlanVersion, version_id, with_for_update=True)
    if version is None:
        raise NotFound("Deze planversie bestaat niet (meer).")
    if version.status != VersionStatus.DRAFT:
        raise DomainError(
            "Deze versie is vastgesteld en verandert nooit meer. "
            "Maak een nieuwe versie om iets te wijzigen."
        )
    if expected is not None and version.version != expected:
        raise Conflict(
            "Iemand anders heeft dit concept intussen opgeslagen. Open het plan "
            "opnieuw en voer uw wijziging nog eens in."
        )
    return version


@retry_on_deadlock
def save_draft(
    ctx: ServiceContext, version_id: uuid.UUID, expected_version: int | None, draft: PlanDraft
) -> PlanView:
    """Replace the content of a draft version with ``draft`` (validated), in one transaction."""
    ctx.require(*CASE_ROLES, action="een plan wijzigen")
    draft.validate()
    costs = []
    errors = {}
    for i, p in enumerate(draft.provisions):
        try:
            costs.append(compute_arrangement(p.segment, p.intensities, ctx.reference.tariffs))
        except InvalidValue as exc:
            errors[f"provisions.{i}.{exc.field or 'segment'}"] = exc.message
    if errors:
        raise ValidationFailed(errors)
    with ctx.store.write() as session:
        version = _draft_version(session, version_id, expected_version)
        handover.refuse_if_offered(session, version.id)
        members = {
            p.id
            for p in session.exec(select(Person).where(Person.household_id == version.household_id))
        }
        if any(p.person_id not in members for p in draft.provisions) or any(
            a.person_id not in members for a in draft.applications
        ):
            raise DomainError("Een aanvraag of voorziening hoort bij iemand buiten dit huishouden.")
        for table in (Goal, Provision, Application):
            for row in session.exec(select(table).where(table.plan_version_id == version.id)):
                session.delete(row)
        session.flush()
        common = {"plan_version_id": version.id, "household_id": version.household_id}
        for i, g in enumerate(draft.goals):
            session.add(
                Goal(
                    **common,
                    position=i,
                    life_domain=g.life_domain,
                    result=g.result,
                    actions=g.actions,
                    performer=g.performer,
                    responsible=g.responsible,
                    target_date=g.target_date,
                )
            )
        for i, (p, size) in enumerate(zip(draft.provisions, costs, strict=True)):
            session.add(provision_row(p, size, position=i, **common))
        for a in draft.applications:
            session.add(
                Application(
                    **common,
                    person_id=a.person_id,
                    application_date=a.application_date,
                    motivation=a.motivation,
                    lighter_routes=a.lighter_routes,
                    resident_motivation=a.resident_motivation,
                )
            )
        version.case_lead = draft.case_lead
        version.question = draft.question
        version.main_provider = draft.main_provider
        version.evaluation_date = draft.evaluation_date
        version.end_date = draft.end_date
        version.updated_at = utcnow()
        version.version += 1
        session.add(version)
        session.flush()
        _log_version(session, ctx, AuditAction.CHANGED, version, number=version.number)
        return plan_view(session, session.get(Plan, version.plan_id))


def _name(person: Person) -> str:
    return full_name(person.first_name, person.prefix, person.last_name)


def _may_parent(member: Person, child: Person | None, on: dt.date) -> bool:
    """An adult main member, partner or parent of the household (parental authority)."""
    return (
        child is not None
        and member.id != child.id
        and member.role in ("main", "partner", "parent")
        and age_on(member.birth_date, on) >= 18
    )


def _facts(
    session: Session, ctx: ServiceContext, version: PlanVersion, decision_date, send_date
) -> dict[uuid.UUID, DecisionFacts]:  # type: ignore[no-untyped-def]
    draft = draft_of(session, version)
    profile = reference.refresh(ctx, session).profile  # another desk may have changed it
    decider = ctx.actor.display_name if ctx.actor.has(Role.DECIDER) else None
    facts = {}
    members = session.exec(select(Person).where(Person.household_id == version.household_id)).all()
    texts = ctx.reference.letters["decision_extra"]
    for application in draft.applications:
        person = session.get(Person, application.person_id)
        provisions = [p for p in draft.provisions if p.person_id == application.person_id]
        to = addressed(
            _name(person) if person else "",
            person.birth_date if person else None,
            [_name(m) for m in members if _may_parent(m, person, decision_date or ctx.today())],
            decision_date or ctx.today(),
            texts,
        )
        exempt = to["minor"] and "minor" in profile.get("contribution_rules", {}).get(
            "none_for", ()
        )
        contribution = None
        if decision_date is not None and any(p.granted for p in provisions) and not exempt:
            try:
                contribution = personal_contribution(decision_date, profile)
            except DomainError:
                contribution = None
        facts[application.person_id] = DecisionFacts(
            addressee=to["addressee"],
            minor=to["minor"],
            for_whom=to["for_whom"],
            application_date=application.application_date,
            provisions=provisions,
            motivation=application.motivation,
            lighter_routes=application.lighter_routes,
            resident_motivation=application.resident_motivation,
            contribution=contribution,
            decision_date=decision_date,
            send_date=send_date,
            decider=decider,
            objection_address=objection_text(profile, None),
        )
    return facts


def decision_checklist(
    ctx: ServiceContext,
    version_id: uuid.UUID,
    decision_date: dt.date | None,
    send_date: dt.date | None,
) -> dict[uuid.UUID, list[str]]:
    """Per applicant, the legal elements still missing if the version were issued now."""
    ctx.require(*READ_ROLES, action="een plan bekijken")
    with ctx.store.read() as session:
        version = _draft_version(session, version_id, None)
        facts = _facts(session, ctx, version, decision_date, send_date)
        return _missing(ctx, decisions_to_make(session, version, facts), draft_of(session, version))


def _missing(
    ctx: ServiceContext, pending: list[Pending], draft: PlanDraft
) -> dict[uuid.UUID, list[str]]:
    """Per applicant who gets a decision, what its decisions still miss; a member with a
    provision but no application misses the application."""
    elements = ctx.reference.profile.get("decision_elements", {})
    missing: dict[uuid.UUID, list[str]] = {
        person_id: [NEEDS_APPLICATION] for person_id in without_application(draft)
    }
    for item in pending:
        found = missing.setdefault(item.person_id, [])
        found += [m for m in missing_elements(item.facts, elements) if m not in found]
    return missing


def _addressee(session: Session, facts: dict, person_id: uuid.UUID) -> str:
    if person_id in facts:
        return facts[person_id].addressee
    person = session.get(Person, person_id)
    return _name(person) if person else "?"


def cover_warnings(ctx: ServiceContext, version_id: uuid.UUID) -> list[str]:
    """Gaps in cover or overlaps that issuing this draft would leave (a warning, no block)."""
    ctx.require(*READ_ROLES, action="een plan bekijken")
    with ctx.store.read() as session:
        version = _draft_version(session, version_id, None)
        names = {
            str(p.id): full_name(p.first_name, p.prefix, p.last_name)
            for p in session.exec(select(Person).where(Person.household_id == version.household_id))
        }
        return changes_cover_warnings(
            in_force(session, version), draft_of(session, version).provisions, names
        )


def _decision_fields(
    session: Session,
    ctx: ServiceContext,
    household: Household,
    version: PlanVersion,
    facts: dict,
    item,  # type: ignore[no-untyped-def]  # a decision to make (decisions_to_make)
    number: str,
    decision_date: dt.date,
    send_date: dt.date,
) -> dict:
    """What a beschikking holds, the same for issuing it and for its preview."""
    f, replaced = item.facts, item.replaces
    outcome = decision_outcome(f.provisions)
    return {
        "number": number,
        "person_id": item.person_id,
        "kind": item.kind,
        "outcome": outcome,
        "application_date": f.application_date,
        "decision_date": decision_date,
        "send_date": send_date,
        "objection_deadline": objection_deadline(send_date, extra_days_off(ctx.reference.profile)),
        "motivation": f.motivation,
        "lighter_routes": f.lighter_routes,
        "contribution": f.contribution,
        "decided_by_name": ctx.actor.display_name,
        "content": decision_content(
            session,
            ctx.reference,
            household,
            item.person_id,
            f,
            version,
            replaced.number if replaced else None,
            number,
            item.kind,
            outcome,
            item.was,
            keeps_others=len(facts[item.person_id].provisions) > 1,
        ),
    }


@retry_on_deadlock
def issue_version(
    ctx: ServiceContext,
    version_id: uuid.UUID,
    expected_version: int | None,
    decision_date: dt.date,
    send_date: dt.date,
) -> PlanView:
    """Vaststellen: the draft becomes read-only; each application becomes a beschikking."""
    check_date(decision_date, "De besluitdatum")
    check_date(send_date, "De verzenddatum")
    with ctx.store.write() as session:
        version = _draft_version(session, version_id, expected_version)
        facts = _facts(session, ctx, version, decision_date, send_date)
        if facts:
            ctx.require(Role.DECIDER, action="een beschikking vaststellen")
        else:
            ctx.require(*CASE_ROLES, action="een plan vaststellen")
        pending = decisions_to_make(session, version, facts)
        draft = draft_of(session, version)
        missing = _missing(ctx, pending, draft)
        if any(missing.values()):
            raise DomainError(
                "Het besluit kan nog niet worden vastgesteld. "
                + " ".join(
                    f"{_addressee(session, facts, pid)}: {' '.join(m)}"
                    for pid, m in missing.items()
                    if m
                )
            )
        if not draft.goals:
            raise DomainError("Een plan heeft minstens één doel.")
        handover.close_on_issue(session, ctx, version.id)
        household = session.get(Household, version.household_id)
        for item in pending:
            seq = next_value(session, f"decision-{decision_date.year}")
            number = f"B-{decision_date.year}-{seq:06d}"
            decision = Decision(
                **_decision_fields(
                    session, ctx, household, version, facts, item, number, decision_date, send_date
                ),
                plan_version_id=version.id,
                household_id=version.household_id,
                decided_by=ctx.actor.username,
                replaces_decision_id=item.replaces.id if item.replaces else None,
            )
            signatures.sign_decision(ctx, decision)
            session.add(decision)
            session.flush()
            audit.record(
                session,
                ctx,
                AuditAction.ISSUED,
                household_id=version.household_id,
                object_type="decision",
                object_id=decision.id,
                number=decision.number,
            )
        version.status = VersionStatus.ISSUED
        version.issued_at = utcnow()
        version.issued_by = ctx.actor.username
        version.version += 1
        session.add(version)
        session.flush()
        _log_version(session, ctx, AuditAction.ISSUED, version, number=version.number)
        return plan_view(session, session.get(Plan, version.plan_id))


def decisions_as_issued(
    session: Session,
    ctx: ServiceContext,
    version: PlanVersion,
    decision_date: dt.date,
    send_date: dt.date,
) -> list[DecisionView]:
    """The beschikkingen issuing ``version`` would write, built the same way as
    ``issue_version`` but stored nowhere; numbered "CONCEPT" (for the preview)."""
    facts = _facts(session, ctx, version, decision_date, send_date)
    household = session.get(Household, version.household_id)
    views = []
    for item in decisions_to_make(session, version, facts):
        fields = _decision_fields(
            session, ctx, household, version, facts, item, "CONCEPT", decision_date, send_date
        )
        views.append(
            DecisionView(
                **fields,
                id=uuid.uuid4(),
                addressee=fields["content"].get("addressee", item.facts.addressee),
                replaces_number=item.replaces.number if item.replaces else None,
            )
        )
    return views


@retry_on_deadlock
def new_version(
    ctx: ServiceContext, plan_id: uuid.UUID, reason: str, application_date: dt.date | None = None
) -> PlanView:
    """A draft copy of the version in force, to change it (wijziging) or end it early.

    The applications keep their original date unless ``application_date`` (a new aanvraag)
    is given; the motivation for the resident is left empty, to be written for the change."""
    ctx.require(*CASE_ROLES, action="een plan wijzigen")
    if not reason.strip():
        raise InvalidValue("Schrijf op waarom het plan verandert.", field="reason")
    with ctx.store.write() as session:
        plan = _active_plan(session, plan_id)
        versions = session.exec(
            select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)
        ).all()
        if any(v.status == VersionStatus.DRAFT for v in versions):
            raise DomainError("Er is al een conceptversie. Werk die af of gooi hem weg.")
        issued = [v for v in versions if v.status == VersionStatus.ISSUED]
        if not issued:
            raise DomainError("Er is nog geen vastgestelde versie om te wijzigen.")
        base = issued[-1]
        draft = draft_of(session, base)
        new = PlanVersion(
            plan_id=plan.id,
            household_id=plan.household_id,
            number=versions[-1].number + 1,
            status=VersionStatus.DRAFT,
            case_lead=draft.case_lead,
            question=draft.question,
            main_provider=draft.main_provider,
            evaluation_date=draft.evaluation_date,
            end_date=draft.end_date,
            replaces_version_id=base.id,
            change_reason=reason.strip(),
        )
        session.add(new)
        session.flush()
        common = {"plan_version_id": new.id, "household_id": plan.household_id}
        for row in session.exec(select(Goal).where(Goal.plan_version_id == base.id)):
            session.add(Goal(**{**row.model_dump(exclude={"id"}), **common}))
        for row in session.exec(select(Provision).where(Provision.plan_version_id == base.id)):
            session.add(Provision(**{**row.model_dump(exclude={"id"}), **common}))
        for row in session.exec(select(Application).where(Application.plan_version_id == base.id)):
            data = {**row.model_dump(exclude={"id"}), **common}
            if application_date is not None:  # a new aanvraag; else the original date stays
                data["application_date"] = application_date
            data["resident_motivation"] = ""  # a new decision needs its own motivation
            session.add(Application(**data))
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=plan.household_id,
            object_type="plan_version",
            object_id=new.id,
            number=new.number,
            reason=reason.strip(),
        )
        return plan_view(session, plan)


def _active_plan(session: Session, plan_id: uuid.UUID) -> Plan:
    plan = session.get(Plan, plan_id, with_for_update=True)
    if plan is None:
        raise NotFound("Dit plan bestaat niet (meer).")
    if plan.status != PlanStatus.ACTIVE:
        raise DomainError("Dit plan is afgesloten.")
    return plan


def _close(session, ctx, plan_id, reason, notes, aftercare_date) -> Plan:  # type: ignore[no-untyped-def]
    plan = _active_plan(session, plan_id)
    if aftercare_date is not None and aftercare_date < ctx.today():
        raise InvalidValue("De nazorgdatum ligt in het verleden.", field="aftercare_date")
    for version in session.exec(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id, PlanVersion.status == VersionStatus.DRAFT
        )
    ):
        version.status = VersionStatus.DISCARDED
        session.add(version)
    plan.status = PlanStatus.CLOSED
    plan.closed_on = ctx.today()
    plan.closure_reason = ClosureReason(reason)
    plan.closure_notes = notes
    plan.aftercare_date = aftercare_date
    plan.updated_at = utcnow()
    plan.version += 1
    session.add(plan)
    session.flush()
    audit.record(
        session,
        ctx,
        AuditAction.CHANGED,
        household_id=plan.household_id,
        object_type="plan",
        object_id=plan.id,
        change="afgesloten",
        reason=str(reason),
    )
    return plan


@retry_on_deadlock
def record_evaluation(
    ctx: ServiceContext,
    plan_id: uuid.UUID,
    evaluation_date: dt.date,
    outcome: EvaluationOutcome,
    notes: str,
    assessment_id: uuid.UUID | None = None,
    closure_reason: ClosureReason | None = None,
    aftercare_date: dt.date | None = None,
) -> PlanView:
    """Evaluate on (or after) the evaluation date: continue, scale down, change or close."""
    ctx.require(*CASE_ROLES, action="een plan evalueren")
    if evaluation_date > ctx.today():
        raise InvalidValue("Een evaluatie kan niet in de toekomst liggen.", field="date")
    if outcome == EvaluationOutcome.CLOSE and closure_reason is None:
        raise InvalidValue("Kies de reden van afsluiten.", field="closure_reason")
    with ctx.store.write() as session:
        plan = _active_plan(session, plan_id)
        current = session.exec(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan.id, PlanVersion.status == VersionStatus.ISSUED)
            .order_by(PlanVersion.number.desc())
        ).first()
        if current is None:
            raise DomainError("Er is nog geen vastgestelde versie om te evalueren.")
        session.add(
            Evaluation(
                plan_id=plan.id,
                household_id=plan.household_id,
                plan_version_id=current.id,
                evaluation_date=evaluation_date,
                assessment_id=assessment_id,
                outcome=outcome,
                notes=notes,
                created_by=ctx.actor.username,
            )
        )
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=plan.household_id,
            object_type="evaluation",
            object_id=plan.id,
            outcome=str(outcome),
        )
        if outcome == EvaluationOutcome.CLOSE:
            _close(session, ctx, plan.id, closure_reason, notes, aftercare_date)
    if outcome in (EvaluationOutcome.SCALE_DOWN, EvaluationOutcome.CHANGE):
        label = "afschalen" if outcome == EvaluationOutcome.SCALE_DOWN else "wijzigen"
        return new_version(ctx, plan_id, f"Evaluatie {evaluation_date:%d-%m-%Y}: {label}. {notes}")
    with ctx.store.read() as session:
        return plan_view(session, session.get(Plan, plan_id))


def compare_versions(ctx: ServiceContext, plan: PlanView, older: int, newer: int) -> list:
    """The differences between two versions of a plan already loaded (no store access)."""
    from triage_app.domain.plan_diff import diff_drafts

    ctx.require(*READ_ROLES, action="een plan bekijken")
    by_number = {v.number: v for v in plan.versions}
    if older not in by_number or newer not in by_number:
        raise NotFound("Deze versie bestaat niet.")
    return diff_drafts(by_number[older].draft, by_number[newer].draft)
