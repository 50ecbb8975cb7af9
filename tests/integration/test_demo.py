"""Demo data: households with plans and beschikkingen in realistic shares, consistent with
the store's own rules."""

from sqlalchemy import func, text
from sqlmodel import select

from triage_app.domain.work_queue import WorkKind
from triage_app.services import printing, work_queue
from triage_app.services.demo import generate_demo
from triage_app.store.plan_tables import Decision, Plan


def test_demo_has_plans_decisions_and_due_work(ctx):
    generate_demo(ctx, 600, seed=11)
    with ctx.store.read() as session:
        plans = session.exec(select(func.count()).select_from(Plan)).one()
        outcomes = dict(
            session.exec(select(Decision.outcome, func.count()).group_by(Decision.outcome)).all()
        )
        numbers = session.exec(select(Decision.number)).all()
        drafts = session.execute(
            text("SELECT count(*) FROM plan_version WHERE status = 'draft'")
        ).scalar()
    assert 40 <= plans <= 140
    assert set(outcomes) == {"granted", "partly_granted", "refused"}
    assert outcomes["granted"] > outcomes["refused"]
    assert len(numbers) == len(set(numbers))
    assert drafts > 0
    kinds = {item.kind for item in work_queue.work_queue(ctx)}
    assert {WorkKind.DECISION_DUE, WorkKind.OBJECTION_TERM, WorkKind.ONDERZOEK_DUE} <= kinds
    with ctx.store.read() as session:
        outcomes = dict(
            session.execute(text("SELECT outcome, count(*) FROM request GROUP BY outcome")).all()
        )
        repeated = session.execute(
            text(
                "SELECT count(*) FROM (SELECT person_id FROM assessment GROUP BY person_id "
                "HAVING count(*) > 1) AS twice"
            )
        ).scalar()
        referrals = session.execute(text("SELECT count(*) FROM referral")).scalar()
    assert set(outcomes) == {"open", "routed", "helped_directly", "short_track"}
    assert outcomes["routed"] > outcomes["helped_directly"] and repeated > 0 and referrals > 0
    first = sorted(numbers)[0]
    assert printing.decision_pdf(ctx, first)[:4] == b"%PDF"


def test_demo_twice_continues_the_numbers(ctx):
    generate_demo(ctx, 200, seed=1)
    generate_demo(ctx, 200, seed=2)
    with ctx.store.read() as session:
        numbers = session.exec(select(Decision.number)).all()
    assert len(numbers) == len(set(numbers))
