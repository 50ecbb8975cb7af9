"""A change decides only what changes: one new decision per changed provision with a was →
wordt table; unchanged provisions keep their decision and objection term; a gap in cover is
a warning before issuing."""

import dataclasses
import datetime as dt

import pytest

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for, issue, rewritten
from triage_app.domain.accounts import Role
from triage_app.domain.plan import ExtentUnit, Frequency, Intensity
from triage_app.services import plans, printing


@pytest.fixture
def casemanager(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))


@pytest.fixture
def decider(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))


def two_for_fenna(casemanager, decider, household):
    """Fenna has day activities and household help; Kees short stay."""
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    help_ = dataclasses.replace(
        draft.provisions[0],
        kind="household_help",
        intensities={"household": Intensity.REGULAR},
        product_category="01",
        volume=2,
        unit=ExtentUnit.HOUR,
        frequency=Frequency.PER_WEEK,
    )
    draft = dataclasses.replace(draft, provisions=[draft.provisions[0], help_, draft.provisions[1]])
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, draft)
    return issue(decider, plan)


def change(casemanager, plan, **fenna_day_activities):
    version = plans.new_version(casemanager, plan.id, "Mevrouw heeft meer hulp nodig.").draft
    provisions = list(version.draft.provisions)
    provisions[0] = dataclasses.replace(provisions[0], **fenna_day_activities)
    return plans.save_draft(
        casemanager,
        version.id,
        version.version,
        rewritten(
            dataclasses.replace(version.draft, provisions=provisions),
            "Uw geheugen is achteruitgegaan. U hebt nu meer dagbesteding nodig.",
        ),
    )


def test_change_of_one_of_two_provisions_makes_one_decision(ctx, casemanager, decider, household):
    first = two_for_fenna(casemanager, decider, household)
    before = {d.addressee: d for d in first.current.decisions}
    changed = change(casemanager, first, intensities={"daytime": Intensity.INTENSIVE}, volume=4)
    plan = issue(decider, changed)
    [new] = plan.current.decisions
    assert new.kind == "change" and new.addressee == "Fenna Zwanenburg"
    assert new.replaces_number == before["Fenna Zwanenburg"].number
    assert new.application_date == dt.date(2026, 11, 16)
    history = plan.decision_history
    assert [d.number for d in history][0] == new.number and len(history) == 3
    kept = next(d for d in history if d.addressee == "Kees Zwanenburg")
    assert kept.objection_deadline == before["Kees Zwanenburg"].objection_deadline

    text, _ = pdf_text(printing.decision_pdf(ctx, new.number))
    assert "Wat er verandert" in text
    assert "Zwaarte Zinvolle daginvulling: midden Zinvolle daginvulling: intensief" in text
    assert "Hoeveel (omvang) 3 dagdelen per week 4 dagdelen per week" in text
    assert "Uw geheugen is achteruitgegaan. U hebt nu meer dagbesteding nodig." in text
    assert "Uw andere ondersteuning verandert niet." in text
    assert "Tot en met" not in text  # the change starts when the old provision did
    assert "Huishoudelijke ondersteuning" not in text  # the unchanged provision: not decided


def test_a_change_that_starts_later_keeps_the_old_decision_until_then(
    ctx, casemanager, decider, household
):
    first = two_for_fenna(casemanager, decider, household)
    old = next(d for d in first.current.decisions if d.addressee == "Fenna Zwanenburg")
    plan = issue(decider, change(casemanager, first, volume=4, start_date=dt.date(2027, 2, 1)))
    text, _ = pdf_text(printing.decision_pdf(ctx, plan.current.decisions[0].number))
    assert (
        f"Tot en met 31 januari 2027 krijgt u de ondersteuning zoals in ons besluit "
        f"{old.number} staat. Daarna geldt dit besluit." in text
    )


def test_a_gap_in_cover_is_a_warning_before_issuing(casemanager, decider, household):
    first = two_for_fenna(casemanager, decider, household)
    draft = change(
        casemanager, first, start_date=dt.date(2028, 1, 1), end_date=dt.date(2028, 12, 31)
    )
    assert plans.cover_warnings(casemanager, draft.draft.id) == [
        "Fenna Zwanenburg: de ondersteuning stopt op 30 november 2027 en de wijziging begint "
        "pas op 1 januari 2028. Daartussen is er geen ondersteuning."
    ]
    unchanged = change(casemanager, issue(decider, draft), volume=4)
    assert plans.cover_warnings(casemanager, unchanged.draft.id) == []


def test_a_change_needs_a_reason_and_writes_nothing_without_one(casemanager, decider, household):
    from triage_app.domain.errors import InvalidValue

    first = two_for_fenna(casemanager, decider, household)
    with pytest.raises(InvalidValue) as raised:
        plans.new_version(casemanager, first.id, "   ")
    assert raised.value.message == "Schrijf op waarom het plan verandert."
    assert raised.value.field == "reason"
    after = plans.get_plan(casemanager, household.id)
    assert after.draft is None  # no half-made change
    assert [d.number for d in after.decision_history] == [d.number for d in first.decision_history]
