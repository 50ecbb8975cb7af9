"""Turn plan rows into the domain's drafts and views, and back; shared by the plan services."""

import uuid
from collections.abc import Callable
from decimal import Decimal

from sqlmodel import Session, select

from triage_app.domain.arrangement import ArrangementSize
from triage_app.domain.decision_content import CaseFacts
from triage_app.domain.decision_content import decision_content as build_decision_content
from triage_app.domain.decision_rules import DecisionFacts, objection_on_time
from triage_app.domain.household import full_name
from triage_app.domain.plan import (
    ApplicationData,
    DeliveryForm,
    ExtentUnit,
    Frequency,
    GoalData,
    Intensity,
    Performer,
    PlanDraft,
    ProvisionData,
)
from triage_app.domain.plan_views import (
    DecisionView,
    EvaluationView,
    HandoverView,
    ObjectionView,
    PlanVersionView,
    PlanView,
    ProvisionCost,
)
from triage_app.domain.reference import Reference
from triage_app.domain.representative import letter_routing, representative_from
from triage_app.store.plan_tables import (
    Application,
    Decision,
    Evaluation,
    Goal,
    Objection,
    Plan,
    PlanHandover,
    PlanVersion,
    Provision,
)
from triage_app.store.tables import Household, Person, Worker


def provision_values(
    p: ProvisionData,
    size: ArrangementSize,
    position: int,
    plan_version_id: uuid.UUID,
    household_id: uuid.UUID,
) -> dict:
    """The stored columns of a provision (also used by the demo's bulk insert)."""
    return {
        "plan_version_id": plan_version_id,
        "household_id": household_id,
        "person_id": p.person_id,
        "position": position,
        "kind": p.kind,
        "segment": p.segment,
        "intensities": {area: Intensity(level).value for area, level in p.intensities.items()},
        "size_class": size.size_class,
        "monthly_cost": size.monthly_cost,
        "delivery_form": p.delivery_form,
        "provider": p.provider,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "product_category": p.product_category,
        "product_code": p.product_code,
        "volume": p.volume,
        "unit": p.unit,
        "frequency": p.frequency,
        "pgb_amount": p.pgb_amount,
        "granted": p.granted,
        "preferred_provider": p.preferred_provider,
        "choice_notes": p.choice_notes,
        "terminate": p.terminate,
    }


def provision_row(
    p: ProvisionData,
    size: ArrangementSize,
    position: int,
    plan_version_id: uuid.UUID,
    household_id: uuid.UUID,
) -> Provision:
    return Provision(**provision_values(p, size, position, plan_version_id, household_id))


def _provision_data(row: Provision) -> ProvisionData:
    return ProvisionData(
        person_id=row.person_id,
        kind=row.kind,
        segment=row.segment,
        intensities={area: Intensity(level) for area, level in row.intensities.items()},
        delivery_form=DeliveryForm(row.delivery_form),
        provider=row.provider,
        start_date=row.start_date,
        end_date=row.end_date,
        product_category=row.product_category,
        product_code=row.product_code,
        volume=row.volume,
        unit=ExtentUnit(row.unit) if row.unit else None,
        frequency=Frequency(row.frequency) if row.frequency else None,
        pgb_amount=Decimal(row.pgb_amount) if row.pgb_amount is not None else None,
        granted=row.granted,
        preferred_provider=row.preferred_provider,
        choice_notes=row.choice_notes,
        terminate=row.terminate,
    )


def _rows(session: Session, table, version_id: uuid.UUID):  # type: ignore[no-untyped-def]
    query = select(table).where(table.plan_version_id == version_id)
    if hasattr(table, "position"):
        query = query.order_by(table.position)
    return session.exec(query).all()


def draft_of(  # type: ignore[no-untyped-def]
    session: Session, version: PlanVersion, provision_rows=None, with_applications: bool = True
) -> PlanDraft:
    """The version's content; ``provision_rows`` when the caller has read them already;
    without ``with_applications`` (a print) the applications are not read."""
    if provision_rows is None:
        provision_rows = _rows(session, Provision, version.id)
    goals = [
        GoalData(
            g.life_domain, g.result, g.actions, Performer(g.performer), g.responsible, g.target_date
        )
        for g in _rows(session, Goal, version.id)
    ]
    provisions = [_provision_data(p) for p in provision_rows]
    applications = [
        ApplicationData(
            a.person_id,
            a.application_date,
            a.motivation,
            a.lighter_routes,
            a.resident_motivation,
        )
        for a in (_rows(session, Application, version.id) if with_applications else [])
    ]
    return PlanDraft(
        case_lead=version.case_lead,
        question=version.question,
        main_provider=version.main_provider,
        evaluation_date=version.evaluation_date,
        end_date=version.end_date,
        goals=goals,
        provisions=provisions,
        applications=applications,
    )


def _person_name(person: Person | None) -> str:
    return full_name(person.first_name, person.prefix, person.last_name) if person else ""


def decision_content(
    session: Session,
    reference: Reference,
    household: Household,
    person_id: uuid.UUID,
    facts: DecisionFacts,
    version: PlanVersion,
    replaces_number: str | None,
    number: str,
    kind: str,
    outcome: str,
    was: ProvisionData | None = None,
    keeps_others: bool = False,
) -> dict:
    """The decision as issued, with names resolved: what the letter will always print."""
    stored = [r for r in _rows(session, Provision, version.id) if r.person_id == person_id]
    rows = []
    for p in facts.provisions:  # the stored row of each provision decided on
        row = next(r for r in stored if r.kind == p.kind)
        stored.remove(row)
        rows.append(row)
    addressee = facts.addressee or _person_name(session.get(Person, person_id))
    case = _case_facts(session, version)
    content = build_decision_content(
        reference,
        household,
        addressee,
        facts,
        rows,
        version.number,
        replaces_number,
        number,
        kind,
        outcome,
        was,
        keeps_others,
        case,
    )
    person = session.get(Person, person_id)
    money = facts.contribution is not None or any(
        p.granted and p.delivery_form == "pgb" for p in facts.provisions
    )
    if person is not None:
        content.update(
            letter_routing(
                representative_from(person.representative_values()),
                _person_name(person),
                money_part=money,
            )
        )
    return content


def _case_facts(session: Session, version: PlanVersion) -> CaseFacts:
    """The results of the plan's goals, in their order (the demo builds the same)."""
    goals = sorted(_rows(session, Goal, version.id), key=lambda g: g.position)
    return CaseFacts(results=tuple(g.result.strip() for g in goals if g.result.strip()))


def _decision_view(session: Session, row: Decision, with_objections: bool = True) -> DecisionView:
    """The decision as shown; without ``with_objections`` (a print: the letter shows none)
    its objections are not read and the view lists none."""
    objections = (
        session.exec(
            select(Objection).where(Objection.decision_id == row.id).order_by(Objection.received_on)
        ).all()
        if with_objections
        else []
    )
    numbers = {}
    for o in objections:
        if o.new_decision_id:
            new = session.get(Decision, o.new_decision_id)
            numbers[o.id] = new.number if new else None
    replaced = session.get(Decision, row.replaces_decision_id) if row.replaces_decision_id else None
    return DecisionView(
        id=row.id,
        number=row.number,
        person_id=row.person_id,
        addressee=row.content.get("addressee", ""),
        kind=row.kind,
        outcome=row.outcome,
        application_date=row.application_date,
        decision_date=row.decision_date,
        send_date=row.send_date,
        objection_deadline=row.objection_deadline,
        motivation=row.motivation,
        lighter_routes=row.lighter_routes,
        contribution=row.contribution,
        decided_by_name=row.decided_by_name,
        replaces_number=replaced.number if replaced else None,
        content=row.content,
        objections=[
            ObjectionView(
                o.id,
                o.received_on,
                o.outcome,
                o.decided_on,
                numbers.get(o.id),
                o.notes,
                objection_on_time(o.received_on, row.send_date, row.objection_deadline),
            )
            for o in objections
        ],
        on_objection=(row.content.get("on_objection") or {}).get("decision"),
    )


def version_view(
    session: Session,
    version: PlanVersion,
    numbers: dict[uuid.UUID, int],
    superseded: dict[uuid.UUID, int],
    with_handover: bool = True,
    printed: Callable[[Decision], None] | None = None,
) -> PlanVersionView:
    """The version as shown. With ``printed`` (a print, which calls it with each decision row
    before it is shown, to check it): only what a printed plan shows, so neither the
    provisions, the applications nor the decisions' objections are read."""
    provisions = _rows(session, Provision, version.id) if printed is None else []
    decisions = session.exec(
        select(Decision).where(Decision.plan_version_id == version.id).order_by(Decision.number)
    ).all()
    for row in decisions if printed is not None else ():
        printed(row)
    return PlanVersionView(
        id=version.id,
        number=version.number,
        status=version.status,
        draft=draft_of(session, version, provisions, with_applications=printed is None),
        costs=[ProvisionCost(p.size_class, p.monthly_cost) for p in provisions],
        replaces_number=numbers.get(version.replaces_version_id)
        if version.replaces_version_id
        else None,
        superseded_by_number=superseded.get(version.id),
        change_reason=version.change_reason,
        issued_at=version.issued_at,
        issued_by=version.issued_by,
        decisions=[_decision_view(session, d, printed is None) for d in decisions],
        version=version.version,
        handover=handover_view(session, version.id) if with_handover else None,
    )


def _worker_name(session: Session, username: str | None) -> str | None:
    if username is None:
        return None
    worker = session.exec(select(Worker).where(Worker.username == username)).first()
    return worker.display_name if worker else username


def handover_view(session: Session, version_id: uuid.UUID) -> HandoverView | None:
    """The latest offer of a version ter besluitvorming, or None."""
    row = session.exec(
        select(PlanHandover)
        .where(PlanHandover.plan_version_id == version_id)
        .order_by(PlanHandover.offered_at.desc())
    ).first()
    if row is None:
        return None
    return HandoverView(
        status=row.status,
        offered_by=_worker_name(session, row.offered_by) or "",
        offered_to=_worker_name(session, row.offered_to),
        offered_to_username=row.offered_to,
        offered_on=row.offered_on,
        note=row.note,
        returned_by=_worker_name(session, row.returned_by),
        return_note=row.return_note,
    )


def plan_view(
    session: Session,
    plan: Plan,
    printed_only: bool = False,
    check: Callable[[Decision], None] | None = None,
) -> PlanView:
    """The plan with its versions (not the discarded ones) and evaluations. ``printed_only``:
    only what a print shows, the version in force (else the draft) without its hand-over, no
    evaluations, so a print does not read every older version's goals and decisions; nor the
    provisions, applications and objections a printed plan does not show. ``check`` is called
    with each printed decision row (a print refuses an altered one)."""
    versions = session.exec(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)
    ).all()
    numbers = {v.id: v.number for v in versions}
    superseded = {
        v.replaces_version_id: v.number
        for v in versions
        if v.replaces_version_id and v.status == "issued"
    }
    evaluations = (
        []  # a print shows neither evaluations nor the hand-over for a decision
        if printed_only
        else session.exec(
            select(Evaluation)
            .where(Evaluation.plan_id == plan.id)
            .order_by(Evaluation.evaluation_date)
        ).all()
    )
    return PlanView(
        id=plan.id,
        household_id=plan.household_id,
        status=plan.status,
        closed_on=plan.closed_on,
        closure_reason=plan.closure_reason,
        aftercare_date=plan.aftercare_date,
        versions=[
            version_view(
                session,
                v,
                numbers,
                superseded,
                with_handover=not printed_only,
                printed=(check or _unchecked) if printed_only else None,
            )
            for v in (_printed(versions) if printed_only else versions)
            if v.status != "discarded"
        ],
        evaluations=[
            EvaluationView(e.id, e.evaluation_date, e.outcome, e.notes, e.created_by)
            for e in evaluations
        ],
    )


def _unchecked(_row: Decision) -> None:
    pass


def _printed(versions: list[PlanVersion]) -> list[PlanVersion]:
    """The version a print shows, as PlanView.current or else PlanView.draft finds it."""
    for status in ("issued", "draft"):
        found = [v for v in versions if v.status == status]
        if found:
            return found[-1:]
    return []
