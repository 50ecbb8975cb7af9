"""The first conversation: register a melding, hold the assessment (saved per step, resumed
later), get the triage advice, choose a motivated route, refer, and see it all in time order."""

import datetime as dt
import uuid

from sqlalchemy import func
from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.deadlines import term_status
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.domain.intake import (
    Advice,
    AssessmentInput,
    CarerLoad,
    Channel,
    IntakeView,
    Offer,
    Outcome,
    ReferralStatus,
    RequestInput,
    Route,
    Score,
    Source,
    advise,
    motivation_problem,
    onderzoek_due,
)
from triage_app.domain.offers import AdviceFor, advice_offers
from triage_app.domain.values import age_on
from triage_app.services import audit, reference
from triage_app.services.context import ServiceContext
from triage_app.store.intake_tables import (
    Assessment,
    AssessmentScore,
    Referral,
    Request,
    RouteDecision,
)
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import Household, Person, utcnow

INTAKE_ROLES = (Role.INTAKE, Role.CASEMANAGER)
READ_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, Role.ADMIN)


def _household(session: Session, household_id: uuid.UUID) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound("Dit huishouden bestaat niet (meer).")
    return household


def _request(session: Session, request_id: uuid.UUID, lock: bool = False) -> Request:
    request = session.get(Request, request_id, with_for_update=lock)
    if request is None:
        raise NotFound("Deze melding bestaat niet (meer).")
    return request


@retry_on_deadlock
def register_request(
    ctx: ServiceContext, household_id: uuid.UUID, typed: RequestInput
) -> IntakeView:
    ctx.require(*INTAKE_ROLES, action="een melding registreren")
    typed.validate(ctx.today())
    with ctx.store.write() as session:
        _household(session, household_id)
        request = Request(
            household_id=household_id,
            person_id=typed.asked_by,
            received_on=typed.received_on,
            source=typed.source,
            channel=typed.channel,
            question=typed.question.strip(),
            urgent=typed.urgent,
            referrer=typed.referrer.strip(),
            consent=typed.consent.strip(),
            told_client_support=typed.told_client_support,
            told_personal_plan=typed.told_personal_plan,
            outcome=Outcome.OPEN,
            created_by=ctx.actor.username,
        )
        session.add(request)
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=household_id,
            object_type="request",
            object_id=request.id,
        )
        return _view(session, request, ctx.today())


@retry_on_deadlock
def close_request(ctx: ServiceContext, request_id: uuid.UUID, outcome: Outcome) -> None:
    """A short track to the Wmo desk, or helped on the spot ("direct geholpen")."""
    ctx.require(*INTAKE_ROLES, action="een melding afsluiten")
    if outcome not in (Outcome.SHORT_TRACK, Outcome.HELPED_DIRECTLY):
        raise InvalidValue("Kies kort traject of direct geholpen.", field="outcome")
    with ctx.store.write() as session:
        request = _request(session, request_id, lock=True)
        request.outcome, request.updated_at = outcome, utcnow()
        request.version += 1
        session.add(request)
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=request.household_id,
            object_type="request",
            object_id=request.id,
            outcome=str(outcome),
        )


def assessment_scores(session: Session, assessment_id: uuid.UUID) -> list[Score]:
    rows = session.exec(
        select(AssessmentScore).where(AssessmentScore.assessment_id == assessment_id)
    ).all()
    return [
        Score(
            r.life_domain,
            r.score,
            r.notes,
            r.own_share,
            r.network_share,
            r.professional_share,
            r.reason,
        )
        for r in rows
    ]


def _assessment_input(session: Session, a: Assessment) -> AssessmentInput:
    return AssessmentInput(
        a.person_id,
        assessment_scores(session, a.id),
        a.strengths,
        a.network,
        a.carers,
        CarerLoad(a.carer_load),
        a.respite_wishes,
        a.wishes,
        a.root_causes,
        a.expert_by_experience,
        scope_codes(a.scope),
    )


def scope_codes(stored: str | None) -> list[str] | None:
    """The stored scope ("finances,housing") as a list; None when never marked."""
    return None if stored is None else [c for c in stored.split(",") if c]


def _view(session: Session, request: Request, today: dt.date) -> IntakeView:
    assessment = session.exec(select(Assessment).where(Assessment.request_id == request.id)).first()
    route = session.exec(
        select(RouteDecision)
        .where(RouteDecision.request_id == request.id)
        .order_by(RouteDecision.created_at.desc())
    ).first()
    return IntakeView(
        request.id,
        request.received_on,
        Source(request.source),
        Channel(request.channel),
        request.question,
        request.urgent,
        request.referrer,
        request.consent,
        request.person_id,
        Outcome(request.outcome),
        onderzoek_due(request.received_on),
        _assessment_input(session, assessment) if assessment else None,
        bool(assessment and assessment.status == "completed"),
        Route(route.chosen_route) if route else None,
        term_status(
            onderzoek_due(request.received_on), today, done=request.outcome != Outcome.OPEN
        ),
    )


def open_intake(ctx: ServiceContext, household_id: uuid.UUID) -> IntakeView | None:
    """The newest melding still open, to continue the conversation where it stopped."""
    ctx.require(*READ_ROLES, action="een melding bekijken")
    with ctx.store.write() as session:
        request = open_request(session, ctx, household_id)
        return None if request is None else _view(session, request, ctx.today())


def open_request(session: Session, ctx: ServiceContext, household_id: uuid.UUID) -> Request | None:
    """The newest open melding of a household (its viewing logged), in the caller's transaction."""
    request = session.exec(
        select(Request)
        .where(Request.household_id == household_id, Request.outcome == Outcome.OPEN)
        .order_by(Request.created_at.desc())
    ).first()
    if request is not None:
        audit.record(
            session,
            ctx,
            AuditAction.VIEWED,
            household_id=household_id,
            object_type="request",
            object_id=request.id,
        )
    return request


@retry_on_deadlock
def save_assessment(
    ctx: ServiceContext, request_id: uuid.UUID, typed: AssessmentInput, complete: bool = False
) -> IntakeView:
    """Keep the assessment as it stands (a draft), or complete it."""
    ctx.require(*INTAKE_ROLES, action="een gesprek vastleggen")
    typed.validate(complete)
    with ctx.store.write() as session:
        request = _request(session, request_id, lock=True)
        person = session.get(Person, typed.person_id)
        if person is None or person.household_id != request.household_id:
            raise InvalidValue("Kies een bewoner van dit huishouden.", field="person_id")
        assessment = session.exec(
            select(Assessment).where(Assessment.request_id == request.id)
        ).first()
        if assessment is None:
            assessment = Assessment(
                household_id=request.household_id,
                request_id=request.id,
                person_id=typed.person_id,
                held_on=ctx.today(),
                status="draft",
                created_by=ctx.actor.username,
            )
            session.add(assessment)
            session.flush()
        for name in (
            "strengths",
            "network",
            "carers",
            "respite_wishes",
            "wishes",
            "root_causes",
            "expert_by_experience",
            "person_id",
        ):
            setattr(assessment, name, getattr(typed, name))
        assessment.carer_load = typed.carer_load
        assessment.scope = None if typed.scope is None else ",".join(typed.scope)
        assessment.status = "completed" if complete else "draft"
        assessment.updated_at = utcnow()
        assessment.version += 1
        session.add(assessment)
        for row in session.exec(
            select(AssessmentScore).where(AssessmentScore.assessment_id == assessment.id)
        ):
            session.delete(row)
        session.flush()
        for s in typed.scores:
            session.add(
                AssessmentScore(
                    assessment_id=assessment.id,
                    household_id=request.household_id,
                    life_domain=s.life_domain,
                    score=s.score,
                    notes=s.notes,
                    own_share=s.own_share,
                    network_share=s.network_share,
                    professional_share=s.professional_share,
                    reason=s.reason.strip(),
                )
            )
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=request.household_id,
            object_type="assessment",
            object_id=assessment.id,
            completed=complete,
        )
        return _view(session, request, ctx.today())


def _advice(
    session: Session, ctx: ServiceContext, request: Request
) -> tuple[Advice, dict[str, list[Offer]]]:
    household = _household(session, request.household_id)
    assessment = session.exec(select(Assessment).where(Assessment.request_id == request.id)).first()
    if assessment is None:
        raise DomainError("Vul eerst het gesprek in: het advies volgt uit de scores.")
    ref = reference.refresh(ctx, session)  # another desk may have changed the catalogue
    result = advise(assessment_scores(session, assessment.id), ref.triage_rules)
    scores = {d.life_domain: d.score for d in result.domains}
    people = _advice_for(session, assessment)
    return result, advice_offers(household.district, scores, people, ref.catalogue)


def _advice_for(session: Session, assessment: Assessment) -> AdviceFor:
    """Who the offers may be for, aged on the day of the gesprek: the assessed member, the
    household, and the mantelzorger (the member when a carer; when the carer load is heavy,
    the members marked as carer, or a carer outside the household)."""
    members = session.exec(
        select(Person).where(Person.household_id == assessment.household_id)
    ).all()
    on = assessment.held_on
    person = next((p for p in members if p.id == assessment.person_id), None)
    age = age_on(person.birth_date, on) if person else None
    carers: tuple[int | None, ...] = ()
    if person is not None and person.is_carer:
        carers = (age,)
    elif assessment.carer_load != CarerLoad.NOT:
        carers = tuple(
            age_on(p.birth_date, on) for p in members if p.is_carer and p is not person
        ) or (None,)
    return AdviceFor(age, tuple(age_on(p.birth_date, on) for p in members), carers)


def advice(ctx: ServiceContext, request_id: uuid.UUID) -> tuple[Advice, dict[str, list[Offer]]]:
    """The triage advice for the melding's assessment, with matching offers in the wijk."""
    ctx.require(*READ_ROLES, action="het advies bekijken")
    with ctx.store.write() as session:
        request = _request(session, request_id)
        result = _advice(session, ctx, request)
        audit.record(
            session,
            ctx,
            AuditAction.VIEWED,
            household_id=request.household_id,
            object_type="triage_advice",
            object_id=request.id,
        )
        return result


@retry_on_deadlock
def decide_route(
    ctx: ServiceContext,
    request_id: uuid.UUID,
    chosen: Route,
    motivation: str,
    life_domain: str | None = None,
    person_id: uuid.UUID | None = None,
) -> IntakeView:
    """The worker decides, for the whole melding or for the question in one life domain, for
    the whole household or for one member; a heavier route than advised (or specialist
    support) needs a motivation that addresses own network, social base, group and digital
    alternatives. Advice and choice are both kept."""
    ctx.require(*INTAKE_ROLES, action="een route kiezen")
    with ctx.store.write() as session:
        request = _request(session, request_id, lock=True)
        result, _ = _advice(session, ctx, request)
        if life_domain is not None and life_domain not in {d.life_domain for d in result.domains}:
            raise InvalidValue(
                "Kies een leefgebied dat in het gesprek een score kreeg.", field="life_domain"
            )
        if person_id is not None:
            person = session.get(Person, person_id)
            if person is None or person.household_id != request.household_id:
                raise InvalidValue("Kies een bewoner van dit huishouden.", field="person_id")
        advised = result.route_for(life_domain)
        problem = motivation_problem(advised, Route(chosen), motivation, ctx.reference.triage_rules)
        if problem:
            raise InvalidValue(problem, field="motivation")
        decision = RouteDecision(
            household_id=request.household_id,
            request_id=request.id,
            life_domain=life_domain,
            person_id=person_id,
            advised_route=advised,
            chosen_route=Route(chosen),
            motivation=motivation.strip(),
            decided_by=ctx.actor.username,
            decided_on=ctx.today(),
        )
        session.add(decision)
        request.outcome, request.updated_at = Outcome.ROUTED, utcnow()
        request.version += 1
        session.add(request)
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=request.household_id,
            object_type="route_decision",
            object_id=decision.id,
            advised=str(advised),
            chosen=str(chosen),
            life_domain=life_domain or "",
            person=str(person_id or ""),
        )
        return _view(session, request, ctx.today())


class SameDayReferral(DomainError):
    """There is already a referral to this target today: the worker confirms a second one."""


@retry_on_deadlock
def create_referral(
    ctx: ServiceContext,
    request_id: uuid.UUID,
    target: str,
    follow_up_on: dt.date,
    offer_code: str | None = None,
    notes: str = "",
    again_today: bool = False,
) -> uuid.UUID:
    """A referral is one consistent choice: an offer from the catalogue (its code kept, the
    target is its organisation) or a free-text organisation (no code). A second referral to the
    same target on the same day raises ``SameDayReferral`` unless ``again_today``."""
    ctx.require(*INTAKE_ROLES, action="een verwijzing maken")
    target = " ".join(target.split())
    if not target:
        raise InvalidValue("Naar wie of welk aanbod verwijst u?", field="target")
    if follow_up_on < ctx.today():
        raise InvalidValue("De datum om na te gaan ligt in het verleden.", field="follow_up_on")
    with ctx.store.write() as session:
        request = _request(session, request_id)
        if offer_code:
            offers = {o["code"]: o for o in reference.refresh(ctx, session).catalogue["offers"]}
            offer = offers.get(offer_code)
            if offer is None:
                raise InvalidValue(
                    "Dit aanbod staat niet (meer) op de sociale kaart. Kies opnieuw.",
                    field="target",
                )
            if offer.get("organisation", "").casefold() != target.casefold():
                raise InvalidValue(
                    f"Het gekozen aanbod hoort bij {offer.get('organisation', '')}, niet bij "
                    f"{target}. Kies het aanbod opnieuw of typ alleen de organisatie.",
                    field="target",
                )
        if not again_today:
            same = session.exec(
                select(Referral.id).where(
                    Referral.household_id == request.household_id,
                    Referral.made_on == ctx.today(),
                    func.lower(Referral.target) == target.lower(),
                )
            ).first()
            if same is not None:
                raise SameDayReferral(
                    f"Er is vandaag al een verwijzing naar {target}. Nog een maken?"
                )
        referral = Referral(
            household_id=request.household_id,
            request_id=request.id,
            target=target,
            offer_code=offer_code or None,
            status=ReferralStatus.SENT,
            follow_up_on=follow_up_on,
            notes=notes,
            made_on=ctx.today(),
            created_by=ctx.actor.username,
        )
        session.add(referral)
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=request.household_id,
            object_type="referral",
            object_id=referral.id,
        )
        return referral.id


@retry_on_deadlock
def update_referral(
    ctx: ServiceContext,
    referral_id: uuid.UUID,
    status: ReferralStatus,
    follow_up_on: dt.date | None = None,
) -> None:
    ctx.require(*INTAKE_ROLES, action="een verwijzing bijwerken")
    with ctx.store.write() as session:
        referral = session.get(Referral, referral_id, with_for_update=True)
        if referral is None:
            raise NotFound("Deze verwijzing bestaat niet (meer).")
        referral.status = ReferralStatus(status)
        if follow_up_on is not None:
            referral.follow_up_on = follow_up_on
        referral.updated_at, referral.version = utcnow(), referral.version + 1
        session.add(referral)
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=referral.household_id,
            object_type="referral",
            object_id=referral.id,
            status=str(status),
        )
