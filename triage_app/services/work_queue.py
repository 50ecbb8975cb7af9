"""My work and team work: every legal term and follow-up that is due or late.

Sources are added per part of the flow (plans and decisions here; intake adds the onderzoek
term and referral follow-ups through ``SOURCES``). Each source is one query over active work
only, and "Mijn werk" is limited in that query (``worker``), so the queue stays quick on a
large store.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.deadlines import add_working_days, extra_days_off
from triage_app.domain.decision_rules import decision_due
from triage_app.domain.household import full_name, household_name
from triage_app.domain.reference import Reference
from triage_app.domain.triage import (
    Score,
    acuteness,
    eighteenth_birthday,
    turning_18_born_between,
    turning_18_within,
)
from triage_app.domain.values import format_date
from triage_app.domain.work_queue import (
    WorkItem,
    WorkKind,
    acute_detail,
    sort_by_urgency,
    turning_18_detail,
)
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.store.plan_tables import (
    Application,
    Decision,
    Evaluation,
    Plan,
    PlanVersion,
    Provision,
)
from triage_app.store.tables import DossierClosure, Household, Person, Worker

# (session, today, ctx.reference, worker or None for the whole team) -> items
Source = Callable[[Session, dt.date, Reference, str | None], list[WorkItem]]


def _mine(query, column, worker: str | None):  # type: ignore[no-untyped-def]
    """Limit ``query`` to one worker's items (``column``: who the item belongs to)."""
    return query if worker is None else query.where(column == worker)


def _names(session: Session, household_ids: set) -> dict:
    """Dossier number and display name per household, in one query."""
    if not household_ids:
        return {}
    rows = session.exec(
        select(Household.id, Household.dossier_number, Person.prefix, Person.last_name, Person.role)
        .join(Person, Person.household_id == Household.id)
        .where(Household.id.in_(household_ids))
    ).all()
    result: dict = {}
    for hid, number, prefix, last, role in rows:
        if hid not in result or role == "main":
            result[hid] = (number, household_name(prefix, last))
    return result


def _items(session: Session, rows: list[tuple], kind: WorkKind) -> list[WorkItem]:
    names = _names(session, {row[0] for row in rows})
    return [
        WorkItem(kind, due, hid, *names.get(hid, ("?", "?")), worker, detail)
        for hid, due, worker, detail in rows
    ]


def decisions_due(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    rows = session.exec(
        _mine(
            select(Application.household_id, Application.application_date, PlanVersion.case_lead)
            .join(PlanVersion, PlanVersion.id == Application.plan_version_id)
            .join(Plan, Plan.id == PlanVersion.plan_id)
            .where(PlanVersion.status == "draft", Plan.status == "active"),
            PlanVersion.case_lead,
            worker,
        )
    ).all()
    return _items(
        session,
        [
            (h, decision_due(applied), lead, f"aanvraag van {format_date(applied)}")
            for h, applied, lead in rows
        ],
        WorkKind.DECISION_DUE,
    )


def _current_versions():  # type: ignore[no-untyped-def]
    """A subquery: the issued version in force (highest number) of each active plan."""
    latest = (
        select(PlanVersion.plan_id, func.max(PlanVersion.number).label("number"))
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.status == "active", PlanVersion.status == "issued")
        .group_by(PlanVersion.plan_id)
        .subquery()
    )
    return (
        select(
            PlanVersion.id,
            PlanVersion.household_id,
            PlanVersion.case_lead,
            PlanVersion.number,
            PlanVersion.evaluation_date,
        )
        .join(
            latest,
            and_(PlanVersion.plan_id == latest.c.plan_id, PlanVersion.number == latest.c.number),
        )
        .subquery()
    )


def evaluations_due(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    horizon = today + dt.timedelta(weeks=int(reference.profile.get("evaluation_horizon_weeks", 4)))
    current = _current_versions()
    rows = session.exec(
        _mine(
            select(
                current.c.household_id,
                current.c.evaluation_date,
                current.c.case_lead,
                current.c.number,
            ).where(
                current.c.evaluation_date <= horizon,
                current.c.id.not_in(select(Evaluation.plan_version_id)),
            ),
            current.c.case_lead,
            worker,
        )
    ).all()
    return _items(
        session,
        [(h, day, lead, f"plan versie {n}") for h, day, lead, n in rows],
        WorkKind.EVALUATION_DUE,
    )


def decisions_ending(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    horizon = today + dt.timedelta(weeks=int(reference.profile.get("ending_warning_weeks", 8)))
    current = _current_versions()
    rows = session.exec(
        _mine(
            select(Provision.household_id, Provision.end_date, current.c.case_lead, Provision.kind)
            .join(current, current.c.id == Provision.plan_version_id)
            .where(Provision.granted, Provision.end_date >= today, Provision.end_date <= horizon),
            current.c.case_lead,
            worker,
        )
    ).all()
    return _items(
        session,
        [(h, end, lead, f"{kind} tot {format_date(end)}") for h, end, lead, kind in rows],
        WorkKind.DECISION_ENDING,
    )


def objection_terms(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    rows = session.exec(
        _mine(
            select(
                Decision.household_id,
                Decision.objection_deadline,
                Decision.decided_by,
                Decision.number,
            ).where(Decision.objection_deadline >= today, Decision.kind != "objection"),
            Decision.decided_by,
            worker,
        )
    ).all()
    return _items(session, [tuple(r) for r in rows], WorkKind.OBJECTION_TERM)


SOURCES: list[Source] = [decisions_due, evaluations_due, decisions_ending, objection_terms]


def work_queue(
    ctx: ServiceContext, worker: str | None = None, shown_as: str = "scherm"
) -> list[WorkItem]:
    """Everything due or late, most urgent first; ``worker`` limits it to their work. The
    viewing is logged (it lists residents): whose work, how many rows, and ``shown_as``
    ("scherm" for the screen, "csv" or "tabel" for ``triage-app queue``)."""
    ctx.require(*tuple(Role), action="de werkvoorraad bekijken")
    today = ctx.today()
    with ctx.store.write() as session:
        items = [
            item for source in SOURCES for item in source(session, today, ctx.reference, worker)
        ]
        items = _with_display_names(session, items)
        audit.record(
            session,
            ctx,
            AuditAction.VIEWED,
            object_type="work_queue",
            what=f"werk van {worker}" if worker else "werk van het team",
            results=len(items),
            format=shown_as,
        )
    return sort_by_urgency(items, today)


def _with_display_names(session: Session, items: list[WorkItem]) -> list[WorkItem]:
    """The "Wie" column names the worker as colleagues know them ("Karim Casemanager"), not by
    their user name; an item whose holder is no account keeps what was stored."""
    usernames = {item.worker for item in items if item.worker}
    if not usernames:
        return items
    names = dict(
        session.exec(
            select(Worker.username, Worker.display_name).where(Worker.username.in_(usernames))
        ).all()
    )
    return [dataclasses.replace(item, worker=names.get(item.worker, item.worker)) for item in items]


def onderzoek_due_items(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    """Open meldingen: the onderzoek and its report are due 6 weeks after the melding."""
    from triage_app.domain.intake import onderzoek_due
    from triage_app.store.intake_tables import Request

    rows = session.exec(
        _mine(
            select(Request.household_id, Request.received_on, Request.created_by).where(
                Request.outcome == "open"
            ),
            Request.created_by,
            worker,
        )
    ).all()
    return _items(
        session,
        [(h, onderzoek_due(day), who, f"melding van {format_date(day)}") for h, day, who in rows],
        WorkKind.ONDERZOEK_DUE,
    )


def referral_follow_ups(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    from triage_app.store.intake_tables import Referral

    horizon = today + dt.timedelta(days=7)
    rows = session.exec(
        _mine(
            select(
                Referral.household_id, Referral.follow_up_on, Referral.created_by, Referral.target
            ).where(Referral.status.in_(["sent", "accepted"]), Referral.follow_up_on <= horizon),
            Referral.created_by,
            worker,
        )
    ).all()
    return _items(session, [tuple(r) for r in rows], WorkKind.REFERRAL_FOLLOW_UP)


SOURCES += [onderzoek_due_items, referral_follow_ups]


def acute_meldingen(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    """Open meldingen that are acute (Spoed, a domain scored acute, an acute word in the
    notes): first in the queue, due the profile's number of working days after the melding.
    The query picks the candidates; ``acuteness`` (the one rule) decides."""
    from triage_app.store.intake_tables import Assessment, AssessmentScore, Request

    rules = reference.triage_rules
    # Correlated: only the open meldingen (of this worker) are looked into, not every score
    # ever given (107 -> 17 ms at 10,000 households).
    flagged = (
        select(Assessment.id)
        .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
        .where(
            Assessment.request_id == Request.id,
            or_(
                AssessmentScore.score <= rules["acute_score"],
                *(
                    func.lower(AssessmentScore.notes).contains(w)
                    for w in rules.get("acute_note_words", [])
                ),
            ),
        )
        .exists()
    )
    candidates = session.exec(
        _mine(
            select(
                Request.household_id,
                Request.received_on,
                Request.created_by,
                Request.id,
                Request.urgent,
            ).where(Request.outcome == "open", or_(Request.urgent, flagged)),
            Request.created_by,
            worker,
        )
    ).all()
    scores: dict = {}
    if candidates:
        for request_id, *score in session.exec(
            select(
                Assessment.request_id,
                AssessmentScore.life_domain,
                AssessmentScore.score,
                AssessmentScore.notes,
            )
            .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
            .where(Assessment.request_id.in_([row[3] for row in candidates]))
        ).all():
            scores.setdefault(request_id, []).append(Score(*score))
    term = int(reference.profile.get("acute_term_working_days", 1))
    extra = extra_days_off(reference.profile)
    names = reference.life_domain_names()
    rows = []
    for hid, received, who, request_id, urgent in candidates:
        found = acuteness(urgent, scores.get(request_id, []), rules)
        if found.acute:
            due = add_working_days(received, term, extra)
            rows.append((hid, due, who, acute_detail(found.text(names), received)))
    items = _items(session, rows, WorkKind.ACUTE_MELDING)
    return [dataclasses.replace(item, acute=True) for item in items]


def turning_18_items(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    """Minors who turn 18 within a year (the profile's ``turning_18_months``), for the
    casemanager of the household's plan, else the worker who took in its newest melding.
    Only the birth dates in range leave the database, and "Mijn werk" is limited there."""
    from triage_app.store.intake_tables import Request

    months = int(reference.profile.get("turning_18_months", 12))
    first, last = turning_18_born_between(today, months)
    lead = (
        select(PlanVersion.case_lead)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.household_id == Person.household_id, Plan.status == "active")
        .order_by(PlanVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    intake = (
        select(Request.created_by)
        .where(Request.household_id == Person.household_id)
        .order_by(Request.received_on.desc(), Request.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    who = func.coalesce(lead, intake, "")
    rows = session.exec(
        _mine(
            select(
                Person.household_id,
                Person.birth_date,
                who,
                Person.first_name,
                Person.prefix,
                Person.last_name,
            ).where(
                Person.birth_date >= first,
                Person.birth_date <= last,
                Person.household_id.not_in(select(DossierClosure.household_id)),
            ),
            who,
            worker,
        )
    ).all()
    return _items(
        session,
        [
            (
                hid,
                eighteenth_birthday(born),
                holder,
                turning_18_detail(
                    full_name(first_name, prefix, last_name), eighteenth_birthday(born)
                ),
            )
            for hid, born, holder, first_name, prefix, last_name in rows
            if turning_18_within(born, today, months)
        ],
        WorkKind.TURNING_18,
    )


SOURCES += [acute_meldingen, turning_18_items]


def _handovers(latest_only: bool):  # type: ignore[no-untyped-def]
    """Hand-overs of drafts of active plans, with the first application date of the draft
    (its decision term), if any."""
    from triage_app.store.plan_tables import PlanHandover

    first = (
        select(
            Application.plan_version_id,
            func.min(Application.application_date).label("applied"),
        )
        .group_by(Application.plan_version_id)
        .subquery()
    )
    query = (
        select(PlanHandover, PlanVersion.case_lead, PlanVersion.number, first.c.applied)
        .join(PlanVersion, PlanVersion.id == PlanHandover.plan_version_id)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .outerjoin(first, first.c.plan_version_id == PlanHandover.plan_version_id)
        .where(PlanVersion.status == "draft", Plan.status == "active")
    )
    if latest_only:  # the newest hand-over of each draft
        latest = (
            select(PlanHandover.plan_version_id, func.max(PlanHandover.offered_at).label("at"))
            .group_by(PlanHandover.plan_version_id)
            .subquery()
        )
        query = query.join(
            latest,
            and_(
                latest.c.plan_version_id == PlanHandover.plan_version_id,
                latest.c.at == PlanHandover.offered_at,
            ),
        )
    return query, PlanHandover


def decisions_offered(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    """Drafts waiting for a decision: in "Mijn werk" of the decider they were offered to, and of
    every decider when offered to the team's pool; the wait counts from the offer."""
    from sqlalchemy import exists, literal, or_

    from triage_app.domain.work_queue import wait_text
    from triage_app.store.tables import Worker

    query, handover = _handovers(latest_only=False)
    query = query.where(handover.status == "open")
    if worker is not None:
        is_decider = exists().where(
            Worker.username == worker, Worker.active, Worker.roles.contains("decider")
        )
        query = query.where(
            or_(handover.offered_to == worker, and_(handover.offered_to.is_(None), is_decider))
        )
        query = query.add_columns(literal(worker))
    else:
        query = query.add_columns(func.coalesce(handover.offered_to, ""))
    rows = session.exec(query).all()
    return _items(
        session,
        [
            (
                h.household_id,
                decision_due(applied) if applied else h.offered_on,
                who,
                f"{wait_text(h.offered_on, today)}, plan versie {number}"
                + ("" if h.offered_to else " (pool)")
                + (f": {h.note}" if h.note else ""),
            )
            for h, _lead, number, applied, who in rows
        ],
        WorkKind.DECISION_OFFERED,
    )


def plans_sent_back(
    session: Session, today: dt.date, reference: Reference, worker: str | None = None
) -> list[WorkItem]:
    """Drafts a decider sent back: in the case lead's "Mijn werk", with the decider's note."""
    query, handover = _handovers(latest_only=True)
    rows = session.exec(
        _mine(query.where(handover.status == "sent_back"), PlanVersion.case_lead, worker)
    ).all()
    return _items(
        session,
        [
            (
                h.household_id,
                decision_due(applied) if applied else h.offered_on,
                lead,
                f"teruggestuurd: {h.return_note}",
            )
            for h, lead, _number, applied in rows
        ],
        WorkKind.PLAN_SENT_BACK,
    )


SOURCES += [decisions_offered, plans_sent_back]
