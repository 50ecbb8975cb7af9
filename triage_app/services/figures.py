"""The figures a team lead steers on, for a period and a wijk (or all): meldingen, route
shares and their trend, lead and waiting times, plans and arrangements, outflow, caseload.

Counted in the database (GROUP BY outcome, route and month; lead and waiting times by a join
and a correlated subquery), the same SQL on SQLite and PostgreSQL: a fixed number of queries,
however many decisions the period holds."""

import datetime as dt
from collections import Counter

from sqlalchemy import String, cast, func
from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import kinds, name_of, segments
from triage_app.domain.figures import Figures, median_days, share
from triage_app.domain.intake import ROUTE_LABELS, Route
from triage_app.domain.plan import CLOSURE_LABELS, ClosureReason
from triage_app.services.context import ServiceContext
from triage_app.services.work_queue import _current_versions
from triage_app.store.intake_tables import Request, RouteDecision
from triage_app.store.plan_tables import Decision, Evaluation, Plan, Provision
from triage_app.store.tables import Household, Person

WAITING_NORM_DAYS = 14


def _in(query, column, district: str):  # type: ignore[no-untyped-def]
    """Limit ``query`` to households of one wijk (column: the row's household_id)."""
    if not district:
        return query
    return query.join(Household, Household.id == column).where(Household.district == district)


def compute(
    ctx: ServiceContext, since: dt.date, until: dt.date, district: str = "", progress=None
) -> Figures:  # type: ignore[no-untyped-def]
    ctx.require(Role.ADMIN, Role.CASEMANAGER, action="de cijfers bekijken")
    today = ctx.today()
    threshold = int(ctx.reference.profile.get("suppress_below", 5))
    with ctx.store.read() as session:
        figures = Figures(since.isoformat(), until.isoformat(), district, threshold)
        _meldingen(session, figures, since, until, district)
        _notify(progress, 1)
        _routes(session, figures, since, until, district)
        _notify(progress, 2)
        _decisions(session, figures, since, until, district)
        _notify(progress, 3)
        _plans(session, figures, since, until, district, today, ctx.reference.tariffs)
        _notify(progress, 4)
    return figures


def _notify(progress, step: int) -> None:  # type: ignore[no-untyped-def]
    if progress is not None:
        progress(step, 4)


def _month(column):  # type: ignore[no-untyped-def]
    """'2026-03' of a date column, alike on SQLite (ISO text) and PostgreSQL (ISO cast)."""
    return func.substr(cast(column, String), 1, 7)


def _meldingen(session: Session, f: Figures, since, until, district) -> None:  # type: ignore[no-untyped-def]
    outcomes = Counter(
        dict(
            session.exec(
                _in(select(Request.outcome, func.count()), Request.household_id, district)
                .where(Request.received_on >= since, Request.received_on <= until)
                .group_by(Request.outcome)
            ).all()
        )
    )
    total = sum(outcomes.values())
    f.counts["Meldingen"] = total
    f.shares["Direct geholpen"] = share(outcomes["helped_directly"], total)
    f.shares["Kort traject (Wmo-loket)"] = share(outcomes["short_track"], total)


def _routes(session: Session, f: Figures, since, until, district) -> None:  # type: ignore[no-untyped-def]
    month = _month(RouteDecision.decided_on)
    rows = session.exec(
        _in(
            select(RouteDecision.chosen_route, month, func.count()),
            RouteDecision.household_id,
            district,
        )
        .where(RouteDecision.decided_on >= since, RouteDecision.decided_on <= until)
        .group_by(RouteDecision.chosen_route, month)
    ).all()
    counts: Counter = Counter()
    months: dict[str, Counter] = {}
    for route, in_month, n in rows:
        counts[route] += n
        months.setdefault(in_month, Counter())[ROUTE_LABELS[Route(route)]] += n
    total = sum(counts.values())
    for route in (Route.SELF_NETWORK, Route.SOCIAL_BASE, Route.DISTRICT_TEAM, Route.SPECIALIST):
        f.routes[ROUTE_LABELS[route]] = counts[route]
        f.shares[f"Route {ROUTE_LABELS[route].lower()}"] = share(counts[route], total)
    f.trend.extend((m, dict(c)) for m, c in sorted(months.items()))


def _decisions(session: Session, f: Figures, since, until, district) -> None:  # type: ignore[no-untyped-def]
    in_period = (Decision.decision_date >= since, Decision.decision_date <= until)
    # Per decision: the household's latest melding on or before the decision date.
    latest_melding = (
        select(func.max(Request.received_on))
        .where(
            Request.household_id == Decision.household_id,
            Request.received_on <= Decision.decision_date,
        )
        .correlate(Decision)
        .scalar_subquery()
    )
    decisions = session.exec(
        _in(select(Decision.decision_date, latest_melding), Decision.household_id, district).where(
            *in_period
        )
    ).all()
    lead = [(decided - received).days for decided, received in decisions if received]
    f.days["Melding tot besluit"] = median_days(lead)
    starts = session.exec(
        _in(
            select(Decision.decision_date, Provision.start_date).join(
                Provision,
                (Provision.plan_version_id == Decision.plan_version_id)
                & (Provision.person_id == Decision.person_id),
            ),
            Decision.household_id,
            district,
        ).where(*in_period, Provision.granted, Provision.start_date.is_not(None))
    ).all()
    waits = [(start - decided).days for decided, start in starts]
    f.days["Besluit tot start maatwerk"] = median_days(waits)
    f.shares[f"Start maatwerk binnen {WAITING_NORM_DAYS} dagen"] = share(
        sum(1 for w in waits if w <= WAITING_NORM_DAYS), len(waits)
    )
    f.counts["Besluiten"] = len(decisions)


def _plans(session: Session, f: Figures, since, until, district, today, tariffs) -> None:  # type: ignore[no-untyped-def]
    current = _current_versions()
    active = session.exec(
        _in(
            select(current.c.id, current.c.case_lead, current.c.household_id),
            current.c.household_id,
            district,
        )
    ).all()
    f.counts["Actieve plannen"] = len(active)
    f.caseload.update(Counter(lead for _, lead, _ in active))
    ids = [row[0] for row in active]
    kind_names, segment_names = kinds(tariffs), segments(tariffs)
    if ids:
        arrangements = session.exec(
            select(Provision.kind, Provision.segment, Provision.end_date).where(
                Provision.plan_version_id.in_(ids), Provision.granted
            )
        ).all()
        running = [(k, s) for k, s, end in arrangements if end is None or end >= today]
        f.counts["Lopende maatwerkvoorzieningen"] = len(running)
        f.by_kind.update(Counter(name_of(kind_names, k) for k, _ in running))
        f.by_segment.update(Counter(name_of(segment_names, s) for _, s in running))
        past_end = session.exec(
            select(func.count())
            .select_from(current)
            .where(current.c.id.in_(ids), _end_before(current, today))
        ).one()
        f.counts["Plannen over hun einddatum"] = past_end
    three_years = today.replace(year=today.year - 3)
    started = session.exec(
        _in(select(Plan.created_at), Plan.household_id, district).where(Plan.status == "active")
    ).all()
    f.counts["Plannen langer dan 3 jaar"] = sum(1 for c in started if c.date() < three_years)
    closed = session.exec(
        _in(
            select(Plan.closure_reason, Plan.closed_on, Plan.created_at),
            Plan.household_id,
            district,
        ).where(Plan.closed_on >= since, Plan.closed_on <= until)
    ).all()
    f.closures.update(
        Counter(CLOSURE_LABELS.get(ClosureReason(r), r) if r else "-" for r, _, _ in closed)
    )
    f.counts["Afgesloten plannen (uitstroom)"] = len(closed)
    f.days["Duur afgesloten plannen"] = median_days(
        [(closed_on - created.date()).days for _, closed_on, created in closed]
    )
    evaluations = Counter(
        session.exec(
            _in(select(Evaluation.outcome), Evaluation.household_id, district).where(
                Evaluation.evaluation_date >= since, Evaluation.evaluation_date <= until
            )
        ).all()
    )
    f.counts["Afgeschaald (evaluatie)"] = evaluations["scale_down"]
    f.counts["Opgeschaald of gewijzigd (evaluatie)"] = evaluations["change"]
    seventeen = (today.replace(year=today.year - 18), today.replace(year=today.year - 17))
    f.counts["Wordt binnen een jaar 18"] = session.exec(
        _in(select(func.count(Person.id)), Person.household_id, district).where(
            Person.birth_date > seventeen[0], Person.birth_date <= seventeen[1]
        )
    ).one()


def _end_before(current, today):  # type: ignore[no-untyped-def]
    from triage_app.store.plan_tables import PlanVersion

    return current.c.id.in_(select(PlanVersion.id).where(PlanVersion.end_date < today))
