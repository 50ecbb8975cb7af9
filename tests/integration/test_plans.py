"""One plan per household: drafts, issuing beschikkingen, immutability, versions, evaluation."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text

from tests.conftest import TODAY, make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.errors import Conflict, DomainError, NotAllowed, ValidationFailed
from triage_app.domain.plan import (
    ApplicationData,
    ClosureReason,
    DeliveryForm,
    EvaluationOutcome,
    ExtentUnit,
    Frequency,
    GoalData,
    Intensity,
    ObjectionOutcome,
    Performer,
    PlanDraft,
    ProvisionData,
)
from triage_app.services import objections, plans
from triage_app.services.context import ServiceContext


@pytest.fixture
def casemanager(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))


@pytest.fixture
def decider(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))


def goals():
    return [
        GoalData(
            "time_use",
            "Fenna heeft drie dagen per week een zinvolle dag.",
            "Dagbesteding bij de zorgboerderij",
            Performer.SPECIALIST,
            "Careyn",
        ),
        GoalData(
            "social_network",
            "Kees houdt het vol als mantelzorger.",
            "Respijt een weekend per maand",
            Performer.SPECIALIST,
            "Casemanager",
        ),
        GoalData(
            "finances",
            "De post is bijgehouden.",
            "Hulp van de buurvrouw",
            Performer.NETWORK,
            "Dochter Els",
        ),
    ]


def draft_for(household, **changes):
    wife, husband = household.members[1], household.members[0]
    assert wife.first_name == "Fenna"
    values = dict(
        case_lead="cm",
        question="Zorg voor mevrouw en rust voor meneer.",
        main_provider="P004",
        evaluation_date=dt.date(2027, 5, 1),
        end_date=dt.date(2027, 11, 30),
        goals=goals(),
        provisions=[
            ProvisionData(
                wife.id,
                "day_activities",
                "elderly",
                {"daytime": Intensity.MEDIUM},
                DeliveryForm.IN_KIND,
                "P004",
                dt.date(2026, 12, 1),
                dt.date(2027, 11, 30),
                "07",
                None,
                3,
                ExtentUnit.DAY_PART,
                Frequency.PER_WEEK,
            ),
            ProvisionData(
                husband.id,
                "short_stay",
                "elderly",
                {"social_personal": Intensity.REGULAR},
                DeliveryForm.IN_KIND,
                "P008",
                dt.date(2026, 12, 1),
                dt.date(2027, 11, 30),
                "04",
                None,
                2,
                ExtentUnit.ETMAAL,
                Frequency.PER_MONTH,
            ),
        ],
        applications=[
            ApplicationData(
                wife.id,
                dt.date(2026, 11, 16),
                "Mevrouw kan door dementie overdag niet meer alleen zijn.",
                "De buurthuisgroep is te druk; kinderen werken; digitaal kan niet.",
                "U kunt door uw dementie overdag niet meer alleen zijn. Daarom geven wij u "
                "dagbesteding.",
            ),
            ApplicationData(
                husband.id,
                dt.date(2026, 11, 16),
                "Meneer is overbelast als mantelzorger en moet kunnen bijkomen.",
                "Het netwerk kan geen weekenden overnemen; er is geen groepsaanbod.",
                "U zorgt elke dag voor uw vrouw. U moet af en toe kunnen bijkomen. Daarom "
                "geven wij u kortdurend verblijf voor haar.",
            ),
        ],
    )
    values.update(changes)
    return PlanDraft(**values)


def rewritten(draft, why="Wij hebben uw situatie opnieuw bekeken. U hebt nu meer hulp nodig."):
    """``draft`` with a new motivation for the resident (a new version starts without one)."""
    return dataclasses.replace(
        draft,
        applications=[dataclasses.replace(a, resident_motivation=why) for a in draft.applications],
    )


def saved_draft(casemanager, household):
    plan = plans.start_plan(casemanager, household.id, "Zorg voor mevrouw")
    draft = plan.draft
    return plans.save_draft(casemanager, draft.id, draft.version, draft_for(household))


def issue(ctx: ServiceContext, plan):
    return plans.issue_version(
        ctx, plan.draft.id, plan.draft.version, TODAY, TODAY + dt.timedelta(days=1)
    )


def test_draft_keeps_goals_and_arrangement_cost(casemanager, household):
    plan = saved_draft(casemanager, household)
    version = plan.draft
    assert [g.life_domain for g in version.draft.goals] == [
        "time_use",
        "social_network",
        "finances",
    ]
    assert [(c.size_class, c.monthly_cost) for c in version.costs] == [
        ("S", Decimal("280.00")),
        ("S", Decimal("280.00")),
    ]
    assert plans.get_plan(casemanager, household.id).draft.draft == version.draft


def test_one_active_plan_per_household(casemanager, household):
    plans.start_plan(casemanager, household.id)
    with pytest.raises(DomainError, match="één plan"):
        plans.start_plan(casemanager, household.id)


def test_invalid_draft_is_refused_whole(casemanager, household):
    plan = plans.start_plan(casemanager, household.id)
    bad = draft_for(household, end_date=dt.date(2027, 1, 1))  # before the evaluation
    with pytest.raises(ValidationFailed) as caught:
        plans.save_draft(casemanager, plan.draft.id, plan.draft.version, bad)
    assert "evaluation_date" in caught.value.errors
    assert plans.get_plan(casemanager, household.id).draft.draft.goals == []


def test_stale_draft_save_is_a_conflict(casemanager, household):
    plan = saved_draft(casemanager, household)
    with pytest.raises(Conflict):
        plans.save_draft(casemanager, plan.draft.id, plan.draft.version - 1, draft_for(household))


def test_only_a_decider_issues_a_beschikking(casemanager, decider, household):
    plan = saved_draft(casemanager, household)
    with pytest.raises(NotAllowed, match="beschikking vaststellen"):
        issue(casemanager, plan)
    issued = issue(decider, plan)
    decisions = issued.current.decisions
    assert [d.number for d in decisions] == ["B-2026-000001", "B-2026-000002"]
    assert {d.outcome for d in decisions} == {"granted"}
    assert decisions[0].contribution == Decimal("21.80")
    assert decisions[0].objection_deadline == TODAY + dt.timedelta(days=1, weeks=6)
    assert decisions[0].content["addressee"] in {"Fenna Zwanenburg", "Kees Zwanenburg"}
    assert issued.draft is None


def test_issuing_is_blocked_while_an_element_is_missing(casemanager, decider, household):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    short = dataclasses.replace(draft.applications[0], motivation="Nodig.")
    draft = dataclasses.replace(draft, applications=[short, draft.applications[1]])
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, draft)
    checklist = plans.decision_checklist(decider, plan.draft.id, TODAY, TODAY)
    assert any("motivering" in m for m in checklist[short.person_id])
    with pytest.raises(DomainError, match="motivering"):
        issue(decider, plan)
    assert plans.get_plan(decider, household.id).current is None


def test_issued_version_never_changes(casemanager, decider, household, store):
    plan = issue(decider, saved_draft(casemanager, household))
    version = plan.current
    with pytest.raises(DomainError, match="verandert nooit meer"):
        plans.save_draft(casemanager, version.id, version.version, draft_for(household))
    for sql in (
        "UPDATE decision SET motivation = 'anders'",
        "DELETE FROM decision",
        "UPDATE plan_version SET end_date = '2030-01-01' WHERE status = 'issued'",
        "UPDATE goal SET result = 'anders'",
        "DELETE FROM provision",
    ):
        with pytest.raises(Exception, match="cannot change"), store.write() as session:
            session.execute(text(sql))
    again = plans.get_plan(casemanager, household.id)
    assert again.current.decisions == version.decisions
    assert again.current.draft == version.draft


def test_change_makes_a_new_version_that_replaces_the_old(casemanager, decider, household):
    unissued = saved_draft(casemanager, household)
    with pytest.raises(DomainError, match="al een conceptversie"):
        plans.new_version(casemanager, unissued.id, "te vroeg")
    first = issue(decider, unissued)
    changed = plans.new_version(casemanager, first.id, "Mevrouw wil vier dagdelen.")
    draft = changed.draft
    assert draft.replaces_number == 1 and draft.number == 2
    with pytest.raises(DomainError, match="al een conceptversie"):
        plans.new_version(casemanager, first.id, "nog een")
    more = dataclasses.replace(draft.draft.provisions[0], volume=4)
    new_draft = rewritten(
        dataclasses.replace(draft.draft, provisions=[more, draft.draft.provisions[1]])
    )
    changed = plans.save_draft(casemanager, draft.id, draft.version, new_draft)
    final = issue(decider, changed)
    old, new = final.versions
    assert old.superseded_by_number == 2 and new.status == "issued"
    # Only Fenna's provision changed: one new decision; Kees keeps his.
    fenna_old = next(d for d in old.decisions if d.addressee == "Fenna Zwanenburg")
    assert [(d.kind, d.replaces_number) for d in new.decisions] == [("change", fenna_old.number)]
    assert len(final.decision_history) == 3
    diff = plans.compare_versions(casemanager, final, 1, 2)
    assert [d.section for d in diff] == ["Maatwerk"]
    assert "3.0 day_part" in diff[0].before and "4.0 day_part" in diff[0].after


def test_ending_early_is_a_termination_decision(casemanager, decider, household):
    plan = issue(decider, saved_draft(casemanager, household))
    draft = plans.new_version(casemanager, plan.id, "Meneer wil geen respijt meer.").draft
    stop = dataclasses.replace(
        draft.draft.provisions[1], end_date=dt.date(2026, 12, 31), terminate=True
    )
    plan = plans.save_draft(
        casemanager,
        draft.id,
        draft.version,
        rewritten(dataclasses.replace(draft.draft, provisions=[draft.draft.provisions[0], stop])),
    )
    kinds = {d.addressee: d.kind for d in issue(decider, plan).current.decisions}
    assert kinds == {"Kees Zwanenburg": "termination"}  # Fenna's did not change


def test_refusal_is_a_beschikking_too(casemanager, decider, household):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    refused = [dataclasses.replace(p, granted=False) for p in draft.provisions]
    plan = plans.save_draft(
        casemanager,
        plan.draft.id,
        plan.draft.version,
        dataclasses.replace(draft, provisions=refused),
    )
    decisions = issue(decider, plan).current.decisions
    assert {d.outcome for d in decisions} == {"refused"}
    assert {d.contribution for d in decisions} == {None}


def test_objection_is_recorded_with_its_term(casemanager, decider, household):
    decision = issue(decider, saved_draft(casemanager, household)).current.decisions[0]
    late_ctx = dataclasses.replace(casemanager, today=lambda: dt.date(2027, 3, 1))
    objection_id = objections.record_objection(late_ctx, decision.id, dt.date(2027, 2, 1))
    objections.settle_objection(
        late_ctx,
        objection_id,
        ObjectionOutcome.DISMISSED,
        dt.date(2027, 2, 20),
        notes="Besluit blijft staan.",
    )
    view = plans.get_plan(casemanager, household.id).current.decisions[0]
    (objection,) = view.objections
    assert objection.outcome == "dismissed"
    assert objection.on_time is False  # after 6 weeks of the send date


def test_evaluation_scale_down_and_close(casemanager, decider, household):
    plan = issue(decider, saved_draft(casemanager, household))
    plan = plans.record_evaluation(
        casemanager,
        plan.id,
        TODAY,
        EvaluationOutcome.SCALE_DOWN,
        "Het gaat beter; minder dagdelen.",
    )
    assert plan.draft is not None and "afschalen" in plan.draft.change_reason
    with pytest.raises(Exception, match="reden"):
        plans.record_evaluation(casemanager, plan.id, TODAY, EvaluationOutcome.CLOSE, "")
    plan = plans.record_evaluation(
        casemanager,
        plan.id,
        TODAY,
        EvaluationOutcome.CLOSE,
        "Doelen bereikt.",
        closure_reason=ClosureReason.GOALS_REACHED,
        aftercare_date=TODAY + dt.timedelta(weeks=8),
    )
    assert plan.status == "closed" and plan.closure_reason == "goals_reached"
    assert plan.draft is None  # the open draft was discarded, not deleted silently
    assert [e.outcome for e in plan.evaluations] == ["scale_down", "close"]
    plans.start_plan(casemanager, household.id)  # a new plan may start after closing


def test_decision_numbers_count_per_year(casemanager, decider, household):
    plan = saved_draft(casemanager, household)
    next_year = dt.date(2027, 1, 4)
    # No abonnementstarief is set for 2027 yet (it becomes income-related): a grant waits.
    with pytest.raises(DomainError, match="eigen bijdrage"):
        plans.issue_version(decider, plan.draft.id, plan.draft.version, next_year, next_year)
    draft = plan.draft.draft
    refused = [dataclasses.replace(p, granted=False) for p in draft.provisions]
    plan = plans.save_draft(
        casemanager,
        plan.draft.id,
        plan.draft.version,
        dataclasses.replace(draft, provisions=refused),
    )
    plan = plans.issue_version(decider, plan.draft.id, plan.draft.version, next_year, next_year)
    assert [d.number for d in plan.current.decisions] == ["B-2027-000001", "B-2027-000002"]


def test_a_draft_is_saved_at_any_stage_but_issued_only_with_its_applications(
    casemanager, decider, household
):
    """A casemanager saves a draft with an arrangement before anyone applied; issuing then
    says which application to add, and where."""
    plan = plans.start_plan(casemanager, household.id)
    early = draft_for(household, applications=[])
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, early)
    assert len(plan.draft.draft.provisions) == 2
    assert plan.draft.draft.applications == []
    checklist = plans.decision_checklist(decider, plan.draft.id, TODAY, TODAY)
    wife = household.members[1]
    assert any("tabblad Aanvragen" in m for m in checklist[wife.id])
    with pytest.raises(DomainError, match="Voeg op het tabblad Aanvragen de aanvraag"):
        issue(decider, plan)
    assert plans.get_plan(decider, household.id).current is None
