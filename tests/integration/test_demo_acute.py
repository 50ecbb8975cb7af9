"""Demo data for acute work: open acute meldingen of the last days (never a second open melding
in one household), acute meldingen already handled, and minors turning 18 in the queue."""

from sqlalchemy import text

from tests.conftest import TODAY
from triage_app.demo.generate import generate_demo
from triage_app.domain.work_queue import Urgency, WorkKind
from triage_app.services import work_queue


def test_demo_queue_starts_with_acute_work_and_lists_turning_18(ctx):
    generate_demo(ctx, 200, seed=4)
    with ctx.store.read() as session:
        twice_open = session.execute(
            text(
                "SELECT count(*) FROM (SELECT household_id FROM request WHERE outcome = 'open' "
                "GROUP BY household_id HAVING count(*) > 1) AS doubled"
            )
        ).scalar()
        handled_acute = session.execute(
            text("SELECT count(*) FROM request WHERE urgent AND outcome != 'open'")
        ).scalar()
    assert twice_open == 0 and handled_acute > 0
    for worker in (None, "intake"):
        items = work_queue.work_queue(ctx, worker)
        acute = [i for i in items if i.kind == WorkKind.ACUTE_MELDING]
        assert acute and items[: len(acute)] == acute
        assert all(i.urgency(TODAY) == Urgency.ACUTE for i in acute)
        assert all(i.detail.startswith("Acuut: ") for i in acute)
    turning = [i for i in work_queue.work_queue(ctx) if i.kind == WorkKind.TURNING_18]
    assert turning and all(i.detail.startswith("Wordt 18 op ") for i in turning)
    assert all(TODAY < i.due <= TODAY.replace(year=TODAY.year + 1) for i in turning)
