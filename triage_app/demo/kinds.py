"""The kinds of beschikking the row-built demo (plans.py, decisions.py) does not make, made
afterwards through the services themselves, so they are exactly what a decider makes:

- endings (beëindiging) of granted support, the first two for a resident who has a curator
  or a mentor (recorded first, so the ending letter goes to them, at their address);
- beslissingen op bezwaar: an objection recorded against a granted decision and decided
  (ongegrond, niet-ontvankelijk), each linked to its objection.

Which plans are used follows from the decision numbers, so a seed gives the same choice.
"""

import dataclasses
import datetime as dt
import uuid

from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError
from triage_app.domain.objection_decision import ObjectionRuling
from triage_app.domain.plan import DecisionKind, ObjectionOutcome
from triage_app.domain.representative import RepresentativeInput
from triage_app.domain.values import age_on
from triage_app.services import objections, plans, representatives
from triage_app.services.context import ServiceContext
from triage_app.store.plan_tables import Decision, Objection, Plan, PlanVersion
from triage_app.store.tables import Person

REPRESENTATIVES = [
    RepresentativeInput("curator", "heer", "Jan de Vries", "Oudegracht 140", "3511 AZ", "Utrecht"),
    RepresentativeInput("mentor", "mevrouw", "Anna Smit", "Biltstraat 12", "3572 AB", "Utrecht"),
]
ENDING_REASON = "Evaluatie: het doel is bereikt, de ondersteuning stopt."
ENDING_TO_RESIDENT = (
    "Bij de evaluatie zagen wij dat u het doel hebt bereikt. U kunt de dag nu weer zelf "
    "indelen. Daarom stopt uw ondersteuning."
)
RULINGS = [
    (
        ObjectionOutcome.DISMISSED,
        "U vindt dat u meer ondersteuning nodig hebt. Wij hebben opnieuw naar uw situatie "
        "gekeken. De ondersteuning die u krijgt, past bij wat u nodig hebt.",
        "Het bezwaar is ongegrond; het besluit is goed gemotiveerd.",
    ),
    (
        ObjectionOutcome.INADMISSIBLE,
        "U hebt uw bezwaar niet ondertekend, ook niet nadat wij u daarom vroegen. Daarom "
        "kunnen wij uw bezwaar niet behandelen.",
        "",
    ),
]
ENDINGS = 3


def add_decision_kinds(ctx: ServiceContext) -> None:
    """Endings and decisions on objection on the demo plans, as the running worker (who
    makes the demo, like the row-built decisions) with the decider's and casemanager's
    roles."""
    actor = dataclasses.replace(ctx.actor, roles=ctx.actor.roles | {Role.DECIDER, Role.CASEMANAGER})
    decider = dataclasses.replace(ctx, actor=actor)
    today = ctx.today()
    rows = _granted_decisions(decider)
    ended, used = 0, set()
    for decision, plan_id, person in rows:
        if ended == ENDINGS:
            break
        if _may_end(decision, person, today) and _end(decider, plan_id, person.id, ended, today):
            ended += 1
            used.add(decision.number)
    ruled = 0
    for decision, _plan, _person in rows:
        if ruled == len(RULINGS):
            break
        if decision.number not in used and _rule(decider, decision, RULINGS[ruled], today):
            ruled += 1


def _granted_decisions(ctx: ServiceContext) -> list[tuple]:
    """(decision, plan id, person) of the granted decisions not replaced and not objected
    to, on active plans without a draft; in number order."""
    with ctx.store.read() as session:
        rows = session.exec(
            select(Decision, PlanVersion, Person)
            .join(PlanVersion, PlanVersion.id == Decision.plan_version_id)
            .join(Person, Person.id == Decision.person_id)
            .where(
                Decision.kind.in_([DecisionKind.FIRST, DecisionKind.CHANGE]),
                Decision.outcome.in_(["granted", "partly_granted"]),
            )
            .order_by(Decision.number)
        ).all()
        objected = set(session.exec(select(Objection.decision_id)).all())
        drafts = set(
            session.exec(select(PlanVersion.plan_id).where(PlanVersion.status == "draft")).all()
        )
        active = set(session.exec(select(Plan.id).where(Plan.status == "active")).all())
        replaced = set(session.exec(select(Decision.replaces_decision_id)).all())
    return [
        (decision, version.plan_id, person)
        for decision, version, person in rows
        if decision.id not in objected | replaced
        and version.plan_id not in drafts
        and version.plan_id in active
    ]


def _may_end(decision: Decision, person: Person, today: dt.date) -> bool:
    """An adult's support that runs now and longer than the 6 weeks' notice."""
    lines = [p for p in decision.content.get("provisions", []) if p.get("granted", True)]
    starts = [p.get("start_date") or "" for p in lines]
    ends = [p.get("end_date") or "" for p in lines]
    return (
        age_on(person.birth_date, today) >= 18
        and bool(lines)
        and all(starts)
        and all(ends)
        and max(starts) <= today.isoformat()
        and min(ends) > (today + dt.timedelta(weeks=6)).isoformat()
    )


def _end(
    ctx: ServiceContext,
    plan_id: uuid.UUID,
    person_id: uuid.UUID,
    position: int,
    today: dt.date,
) -> bool:
    """End the person's support 6 weeks from now (the notice period is kept)."""
    end = today + dt.timedelta(weeks=6)
    try:
        if position < len(REPRESENTATIVES):
            representatives.set_representative(ctx, person_id, REPRESENTATIVES[position])
        view = plans.new_version(ctx, plan_id, ENDING_REASON).draft
        draft = view.draft
        provisions = [
            dataclasses.replace(p, end_date=end, terminate=True)
            if p.person_id == person_id and p.granted
            else p
            for p in draft.provisions
        ]
        applications = [
            dataclasses.replace(a, resident_motivation=ENDING_TO_RESIDENT)
            for a in draft.applications
        ]
        saved = plans.save_draft(
            ctx,
            view.id,
            view.version,
            dataclasses.replace(draft, provisions=provisions, applications=applications),
        )
        plans.issue_version(
            ctx, saved.draft.id, saved.draft.version, today, today + dt.timedelta(days=1)
        )
    except DomainError:
        return False  # a draft left behind is a change still being written, as in real work
    return True


def _rule(ctx: ServiceContext, decision: Decision, ruling: tuple, today: dt.date) -> bool:
    """An objection against ``decision``, received within its term, decided today."""
    outcome, motivation, advice = ruling
    received = min(today, decision.send_date + dt.timedelta(days=14))
    if received < decision.send_date:
        return False
    try:
        objection = objections.record_objection(ctx, decision.id, received)
        objections.decide_on_objection(
            ctx,
            objection,
            ObjectionRuling(outcome, today, today + dt.timedelta(days=1), motivation, advice),
        )
    except DomainError:
        return False
    return True
