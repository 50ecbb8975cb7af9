"""The household's intake history in time order (meldingen, acute ones marked, gesprekken with
the score change, routes, referrals) and the members about to turn 18."""

import datetime as dt
import uuid

from sqlmodel import Session, select

from triage_app.domain.audit import AuditAction
from triage_app.domain.deadlines import TermStatus, term_status
from triage_app.domain.household import full_name
from triage_app.domain.intake import (
    OUTCOME_LABELS,
    REFERRAL_LABELS,
    ROUTE_LABELS,
    Outcome,
    ReferralStatus,
    Route,
    Score,
    TimelineEntry,
    onderzoek_due,
    score_changes,
    turning_18_within,
)
from triage_app.domain.triage import acuteness
from triage_app.domain.values import format_date
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.services.intake import READ_ROLES, assessment_scores
from triage_app.store.intake_tables import (
    Assessment,
    AssessmentScore,
    Referral,
    Request,
    RouteDecision,
)
from triage_app.store.tables import Person, Worker


def _melding_text(r: Request, today: dt.date, acute: str = "") -> str:
    """The question and how the melding stands; "Acuut (spoed, Huisvesting): " in front of an
    acute one (``acute``: the reasons in words)."""
    head = f"Acuut ({acute}): " if acute else ""
    outcome = Outcome(r.outcome)
    if outcome != Outcome.OPEN:
        return f"{head}{r.question} ({OUTCOME_LABELS[outcome].lower()})"
    due = onderzoek_due(r.received_on)
    late = " - te laat" if term_status(due, today) == TermStatus.LATE else ""
    return f"{head}{r.question} (onderzoek klaar vóór {format_date(due)}{late})"


def acute_reasons(session: Session, ctx: ServiceContext, requests: list[Request]) -> dict:
    """Per melding (id) why it is acute in words ("spoed, Huisvesting"), or "" when it is not;
    one query for the scores of all their gesprekken."""
    scores: dict[uuid.UUID, list[Score]] = {}
    if requests:
        rows = session.exec(
            select(Assessment.request_id, AssessmentScore)
            .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
            .where(Assessment.request_id.in_([r.id for r in requests]))
        ).all()
        for request_id, row in rows:
            scores.setdefault(request_id, []).append(Score(row.life_domain, row.score, row.notes))
    names, rules = ctx.reference.life_domain_names(), ctx.reference.triage_rules
    return {r.id: acuteness(r.urgent, scores.get(r.id, []), rules).text(names) for r in requests}


def _route_text(session: Session, ctx: ServiceContext, d: RouteDecision) -> str:
    """Which domain, for whom, the route and the advice, and who decided (the day is the
    entry's)."""
    person = session.get(Person, d.person_id) if d.person_id else None
    names = ctx.reference.life_domain_names()
    worker = session.exec(select(Worker).where(Worker.username == d.decided_by)).first()
    if worker is not None:
        decider = worker.display_name
    else:
        decider = ctx.actor.display_name if d.decided_by == ctx.actor.username else d.decided_by
    return (
        (names.get(d.life_domain, d.life_domain) if d.life_domain else "Hele melding")
        + " - voor "
        + (
            full_name(person.first_name, person.prefix, person.last_name)
            if person
            else "het hele huishouden"
        )
        + f": {ROUTE_LABELS[Route(d.chosen_route)]}"
        + f" (advies: {ROUTE_LABELS[Route(d.advised_route)]})"
        + f"; besloten door {decider}"
    )


def timeline(ctx: ServiceContext, household_id: uuid.UUID) -> list[TimelineEntry]:
    """Meldingen, gesprekken (with the score change), routes and referrals, newest first."""
    ctx.require(*READ_ROLES, action="een dossier bekijken")
    with ctx.store.write() as session:
        return timeline_in(session, ctx, household_id)


def timeline_in(
    session: Session, ctx: ServiceContext, household_id: uuid.UUID
) -> list[TimelineEntry]:
    """The timeline read (and its viewing logged) in the caller's transaction."""
    names = ctx.reference.life_domain_names()
    entries: list[TimelineEntry] = []
    audit.record(
        session,
        ctx,
        AuditAction.VIEWED,
        household_id=household_id,
        object_type="intake_timeline",
    )
    requests = session.exec(select(Request).where(Request.household_id == household_id)).all()
    acute = acute_reasons(session, ctx, list(requests))
    for r in requests:
        entries.append(
            TimelineEntry(r.received_on, "Melding", _melding_text(r, ctx.today(), acute[r.id]))
        )
    previous: dict[uuid.UUID, list[Score]] = {}
    assessments = session.exec(
        select(Assessment)
        .where(Assessment.household_id == household_id)
        .order_by(Assessment.held_on, Assessment.created_at)
    ).all()
    for a in assessments:
        scores = assessment_scores(session, a.id)
        person = session.get(Person, a.person_id)
        who = full_name(person.first_name, person.prefix, person.last_name) if person else ""
        changes = score_changes(previous.get(a.person_id, []), scores)
        text = f"Gesprek met {who}" + (" (concept)" if a.status == "draft" else "")
        if changes:
            text += ": " + ", ".join(
                f"{names.get(d, d)} {old} → {new}"
                for d, (old, new) in changes.items()
                if old != new
            )
        previous[a.person_id] = scores
        entries.append(TimelineEntry(a.held_on, "Gesprek", text))
    for d in session.exec(select(RouteDecision).where(RouteDecision.household_id == household_id)):
        entries.append(TimelineEntry(d.decided_on, "Route", _route_text(session, ctx, d)))
    for f in session.exec(select(Referral).where(Referral.household_id == household_id)):
        entries.append(
            TimelineEntry(
                f.created_at.date(),
                "Verwijzing",
                (
                    f"{f.target}: {REFERRAL_LABELS[ReferralStatus(f.status)].lower()}, "
                    f"nagaan op {format_date(f.follow_up_on)}"
                ),
            )
        )
    order = {"Melding": 0, "Gesprek": 1, "Route": 2, "Verwijzing": 3}  # the flow within a day
    return sorted(entries, key=lambda e: (e.day, order.get(e.kind, 9)), reverse=True)


def turning_18(ctx: ServiceContext, household_id: uuid.UUID) -> list[str]:
    """Members who turn 18 within a year: the move from youth care needs a plan in time."""
    ctx.require(*READ_ROLES, action="een dossier bekijken")
    with ctx.store.read() as session:
        return turning_18_in(session, ctx, household_id)


def turning_18_in(session: Session, ctx: ServiceContext, household_id: uuid.UUID) -> list[str]:
    people = session.exec(select(Person).where(Person.household_id == household_id)).all()
    return [
        full_name(p.first_name, p.prefix, p.last_name)
        for p in people
        if turning_18_within(p.birth_date, ctx.today())
    ]
