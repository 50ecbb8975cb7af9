"""The beslissing op bezwaar: its own decision, linked to the objection both ways, with a
letter that names the objection, the advice, the outcome and beroep at the court."""

import dataclasses
import datetime as dt

import pytest

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, ValidationFailed
from triage_app.domain.objection_decision import ObjectionRuling
from triage_app.domain.plan import ObjectionOutcome
from triage_app.services import objections, plans, printing

RULING = ObjectionRuling(
    ObjectionOutcome.DISMISSED,
    dt.date(2026, 12, 10),
    dt.date(2026, 12, 11),
    "U vindt drie dagdelen te weinig. Wij hebben opnieuw naar uw situatie gekeken. Drie "
    "dagdelen zijn genoeg voor wat u nodig hebt.",
    "Het bezwaar is ongegrond; het besluit is goed gemotiveerd.",
)


@pytest.fixture
def objected(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, household.id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))
    decision = issue(decider, plan).current.decisions[0]
    later = dataclasses.replace(cm, today=lambda: dt.date(2026, 12, 10))
    objection = objections.record_objection(later, decision.id, dt.date(2026, 12, 1))
    return decider, decision, objection


def test_decision_on_objection_is_linked_both_ways_and_printed(ctx, household, objected):
    decider, decision, objection_id = objected
    objections.decide_on_objection(decider, objection_id, RULING)
    plan = plans.get_plan(decider, household.id)
    ruling = plan.decision_history[0]
    assert ruling.kind == "objection" and ruling.on_objection == decision.number
    objection = next(d for d in plan.decision_history if d.number == decision.number).objections[0]
    assert (objection.outcome, objection.new_decision_number) == ("dismissed", ruling.number)
    text, _ = pdf_text(printing.decision_pdf(ctx, ruling.number))
    for sentence in (
        "Onderwerp: beslissing op uw bezwaar (Wmo)",
        f"Op 1 december 2026 hebben wij uw bezwaar ontvangen tegen ons besluit "
        f"{decision.number} van 23 november 2026.",
        f"Uw bezwaar is ongegrond. Ons besluit {decision.number} blijft zoals het is.",
        "De onafhankelijke bezwaarcommissie heeft ons advies gegeven. Het advies is: Het "
        "bezwaar is ongegrond; het besluit is goed gemotiveerd.",
        "Drie dagdelen zijn genoeg voor wat u nodig hebt.",
        "Wij hebben ons besluit opnieuw bekeken op grond van artikel 7:11 van de Algemene wet "
        "bestuursrecht.",
        "Dan kunt u beroep instellen bij de rechtbank Midden-Nederland, sector bestuursrecht. "
        "Dat moet binnen 6 weken na de verzenddatum van deze brief, dus uiterlijk "
        "vrijdag 22 januari 2027.",
    ):
        assert sentence in text, sentence
    assert "Eigen bijdrage" not in text and "U kunt ook bezwaar maken" not in text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"motivation": ""}, "motivation", "motivering voor de bewoner"),
        ({"outcome": ObjectionOutcome.WITHDRAWN}, "outcome", "Kies gegrond"),
        ({"send_date": dt.date(2026, 12, 9)}, "send_date", "verzenddatum ligt voor"),
    ],
)
def test_bad_ruling_is_refused_and_nothing_written(household, objected, change, field, message):
    decider, decision, objection_id = objected
    with pytest.raises(ValidationFailed) as raised:
        objections.decide_on_objection(decider, objection_id, dataclasses.replace(RULING, **change))
    assert message in raised.value.errors[field]
    plan = plans.get_plan(decider, household.id)
    assert len(plan.decision_history) == 2
    assert plan.decision_history[-1].objections[0].outcome == "pending"


def test_only_a_decider_rules_and_only_once(ctx, objected):
    decider, _, objection_id = objected
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    with pytest.raises(DomainError):
        objections.decide_on_objection(cm, objection_id, RULING)
    objections.decide_on_objection(decider, objection_id, RULING)
    with pytest.raises(DomainError, match="al beslist"):
        objections.decide_on_objection(decider, objection_id, RULING)
