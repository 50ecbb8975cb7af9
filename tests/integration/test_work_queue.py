"""The work queue lists decisions due, evaluations, endings and objection terms by urgency."""

import dataclasses
import datetime as dt

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.work_queue import Urgency, WorkKind
from triage_app.services import plans, work_queue


def _kinds(items):
    return [(i.kind, i.due, i.urgency(TODAY)) for i in items]


def test_decision_due_two_weeks_after_the_application(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    plan = plans.start_plan(cm, household.id)
    draft = draft_for(household)
    # Applied 9 and 10 November: due 23 November (today) and 24 November.
    apps = [
        dataclasses.replace(draft.applications[0], application_date=dt.date(2026, 11, 9)),
        dataclasses.replace(draft.applications[1], application_date=dt.date(2026, 11, 8)),
    ]
    plans.save_draft(
        cm, plan.draft.id, plan.draft.version, dataclasses.replace(draft, applications=apps)
    )
    items = work_queue.work_queue(cm)
    assert _kinds(items) == [
        (WorkKind.DECISION_DUE, dt.date(2026, 11, 22), Urgency.LATE),  # late by one day
        (WorkKind.DECISION_DUE, dt.date(2026, 11, 23), Urgency.TODAY),
    ]
    assert items[0].dossier_number == household.dossier_number
    assert items[0].household_name == "Huishouden Zwanenburg"
    assert work_queue.work_queue(cm, worker="iemand-anders") == []


def test_after_issue_the_objection_term_evaluation_and_ending_show(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, household.id)
    draft = draft_for(household, evaluation_date=dt.date(2026, 12, 10))
    ending = dataclasses.replace(draft.provisions[1], end_date=dt.date(2027, 1, 8))
    draft = dataclasses.replace(
        draft, end_date=dt.date(2027, 11, 30), provisions=[draft.provisions[0], ending]
    )
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft)
    issue(decider, plan)
    kinds = _kinds(work_queue.work_queue(cm))
    assert (WorkKind.EVALUATION_DUE, dt.date(2026, 12, 10), Urgency.LATER) in kinds
    assert (WorkKind.DECISION_ENDING, dt.date(2027, 1, 8), Urgency.LATER) in kinds
    objection_days = {due for kind, due, _ in kinds if kind == WorkKind.OBJECTION_TERM}
    assert objection_days == {TODAY + dt.timedelta(days=1, weeks=6)}
    assert not any(kind == WorkKind.DECISION_DUE for kind, _, _ in kinds)
