"""Each kind of beschikking has its own subject, outcome and headings; the letter prints the
motivation written to the resident, never the internal note (read back from the PDF)."""

import dataclasses
import datetime as dt

import pytest

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for, issue, rewritten
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, ValidationFailed
from triage_app.services import plans, printing


@pytest.fixture
def casemanager(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))


@pytest.fixture
def decider(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))


def issued_with(casemanager, decider, household, **provision_changes):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    provisions = [dataclasses.replace(p, **provision_changes) for p in draft.provisions]
    plan = plans.save_draft(
        casemanager,
        plan.draft.id,
        plan.draft.version,
        dataclasses.replace(draft, provisions=provisions),
    )
    return issue(decider, plan)


def letter_of(ctx, plan, name="Fenna Zwanenburg"):
    decision = next(d for d in plan.current.decisions if d.addressee == name)
    return pdf_text(printing.decision_pdf(ctx, decision.number))[0]


def test_grant(ctx, casemanager, decider, household):
    text = letter_of(ctx, issued_with(casemanager, decider, household))
    assert "Onderwerp: wij geven u ondersteuning (Wmo)" in text
    assert "Op 16 november 2026 hebt u ondersteuning aangevraagd bij de gemeente." in text
    assert "Wij geven u de ondersteuning die hieronder staat." in text
    assert "Waarom wij dit besluiten" in text
    assert "U kunt door uw dementie overdag niet meer alleen zijn." in text
    assert "Mevrouw kan door dementie" not in text  # the internal note stays in the dossier


def test_refusal_has_headings_that_fit_a_refusal(ctx, casemanager, decider, household):
    text = letter_of(ctx, issued_with(casemanager, decider, household, granted=False))
    assert "Onderwerp: wij geven u de gevraagde ondersteuning niet (Wmo)" in text
    assert "Wij geven u de ondersteuning die u vroeg niet. Hieronder leest u waarom." in text
    assert "Waarom wij de ondersteuning niet geven" in text
    assert "Welke andere hulp er voor u is" in text
    assert "Waarom lichtere hulp niet genoeg is" not in text


def test_partial_grant(ctx, casemanager, decider, household):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    fenna = draft.provisions[0]
    second = dataclasses.replace(fenna, kind="household_help", granted=False)
    plan = plans.save_draft(
        casemanager,
        plan.draft.id,
        plan.draft.version,
        dataclasses.replace(draft, provisions=[fenna, second, draft.provisions[1]]),
    )
    text = letter_of(ctx, issue(decider, plan))
    assert "Onderwerp: wij geven u een deel van de ondersteuning (Wmo)" in text
    assert "Wat u krijgt" in text and "Wat u niet krijgt" in text


def test_change_and_ending_keep_the_application_date(ctx, casemanager, decider, household):
    plan = issued_with(casemanager, decider, household)
    draft = plans.new_version(casemanager, plan.id, "Meneer stopt met respijt.").draft
    assert {a.application_date for a in draft.draft.applications} == {dt.date(2026, 11, 16)}
    stop = dataclasses.replace(
        draft.draft.provisions[1], end_date=dt.date(2027, 1, 31), terminate=True
    )
    more = dataclasses.replace(draft.draft.provisions[0], volume=4)
    plan = plans.save_draft(
        casemanager,
        draft.id,
        draft.version,
        rewritten(dataclasses.replace(draft.draft, provisions=[more, stop])),
    )
    plan = issue(decider, plan)
    change = letter_of(ctx, plan)
    assert "Onderwerp: wij wijzigen uw ondersteuning (Wmo)" in change
    assert "Op 16 november 2026 hebt u ondersteuning aangevraagd" in change
    assert "Waarom wij uw ondersteuning wijzigen" in change
    ending = letter_of(ctx, plan, "Kees Zwanenburg")
    assert "Onderwerp: uw ondersteuning stopt (Wmo)" in ending
    assert "Uw ondersteuning stopt op 31 januari 2027." in ending
    assert "U hoort dit minstens 4 weken van tevoren" in ending
    assert "Waarom uw ondersteuning stopt" in ending
    assert "op grond van artikel 2.3.9 van de Wet maatschappelijke ondersteuning 2015" in ending


def test_ending_within_the_notice_period_is_refused(casemanager, decider, household):
    plan = issued_with(casemanager, decider, household)
    draft = plans.new_version(casemanager, plan.id, "Meneer stopt.").draft
    stop = dataclasses.replace(
        draft.draft.provisions[1], end_date=dt.date(2026, 12, 1), terminate=True
    )
    plan = plans.save_draft(
        casemanager,
        draft.id,
        draft.version,
        rewritten(dataclasses.replace(draft.draft, provisions=[draft.draft.provisions[0], stop])),
    )
    with pytest.raises(DomainError, match="minstens 4 weken na de verzenddatum"):
        issue(decider, plan)


@pytest.mark.parametrize(
    ("resident", "message"),
    [
        ("", "motivering voor de bewoner"),
        ("Mevrouw kan door dementie overdag niet meer alleen zijn.", "niet de interne notitie"),
        ("Mevrouw heeft dagbesteding nodig voor haar dementie.", "aanspreekt met 'u'"),
    ],
)
def test_issuing_needs_a_motivation_for_the_resident(
    ctx, casemanager, decider, household, resident, message
):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    draft = dataclasses.replace(
        draft,
        applications=[
            dataclasses.replace(a, resident_motivation=resident) for a in draft.applications
        ],
    )
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, draft)
    with pytest.raises(DomainError, match=message) as raised:
        issue(decider, plan)
    assert raised.value.message.startswith("Het besluit kan nog niet worden vastgesteld.")
    assert plans.get_plan(casemanager, household.id).current is None  # nothing half-written


def test_pgb_without_amount_and_end_before_start_are_refused(casemanager, household):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    bad = dataclasses.replace(
        draft.provisions[0], delivery_form="pgb", pgb_amount=None, end_date=dt.date(2026, 11, 1)
    )
    with pytest.raises(ValidationFailed) as raised:
        plans.save_draft(
            casemanager,
            plan.draft.id,
            plan.draft.version,
            dataclasses.replace(draft, provisions=[bad, draft.provisions[1]]),
        )
    assert raised.value.errors["provisions.0.pgb_amount"] == "Vul het bedrag van het pgb in."
    assert raised.value.errors["provisions.0.end_date"] == "De einddatum ligt voor de begindatum."
