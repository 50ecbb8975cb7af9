"""Arrangement table, decision checklist, legal terms and the year-dated contribution."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.arrangement import category_for_kind, compute_arrangement, product_codes
from triage_app.domain.decision_rules import (
    DecisionFacts,
    decision_due,
    decision_outcome,
    missing_elements,
    objection_deadline,
    personal_contribution,
)
from triage_app.domain.errors import DomainError, InvalidValue, ValidationFailed
from triage_app.domain.plan import (
    ApplicationData,
    DeliveryForm,
    ExtentUnit,
    Frequency,
    GoalData,
    Intensity,
    Performer,
    PlanDraft,
    ProvisionData,
    without_application,
)
from triage_app.services.reference import shipped

REF = shipped()
TABLE, ELEMENTS = REF.tariffs, REF.profile["decision_elements"]
AREAS = ["social_personal", "household", "finances_admin", "daytime", "selfcare_health"]
PERSON = uuid.uuid4()


def provision(**changes):
    values = dict(
        person_id=PERSON,
        kind="day_activities",
        segment="elderly",
        intensities={"daytime": Intensity.MEDIUM},
        delivery_form=DeliveryForm.IN_KIND,
        provider="P004",
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2027, 11, 30),
        product_category="07",
        volume=4,
        unit=ExtentUnit.DAY_PART,
        frequency=Frequency.PER_WEEK,
    )
    values.update(changes)
    return ProvisionData(**values)


def facts(**changes):
    values = dict(
        addressee="Fenna Zwanenburg",
        application_date=dt.date(2026, 11, 16),
        provisions=[provision()],
        motivation="Mevrouw kan door haar geheugen overdag niet meer alleen thuis zijn.",
        lighter_routes="Het netwerk is overbelast en het buurthuis biedt geen begeleiding.",
        resident_motivation="U kunt door uw geheugen overdag niet meer alleen thuis zijn.",
        contribution=Decimal("21.80"),
        decision_date=dt.date(2026, 11, 23),
        send_date=dt.date(2026, 11, 24),
        decider="Dirk Gemandateerde",
        objection_address="Gemeente Utrecht, team Bezwaar",
    )
    values.update(changes)
    return DecisionFacts(**values)


@pytest.mark.parametrize(
    ("intensities", "size", "cost"),
    [
        ({"daytime": Intensity.REGULAR}, "S", "280.00"),
        ({"daytime": Intensity.INTENSIVE}, "S", "280.00"),
        ({"daytime": Intensity.INTENSIVE, "household": Intensity.REGULAR}, "M", "560.00"),
        ({a: Intensity.MEDIUM for a in AREAS}, "L", "930.00"),
        ({a: Intensity.INTENSIVE for a in AREAS}, "XL", "1320.00"),
    ],
)
def test_arrangement_size_and_cost_follow_the_table(intensities, size, cost):
    result = compute_arrangement("elderly", intensities, TABLE)
    assert (result.size_class, result.monthly_cost) == (size, Decimal(cost))


@given(st.dictionaries(st.sampled_from(AREAS), st.sampled_from(list(Intensity)), min_size=1))
def test_every_nonzero_intensity_mix_has_exactly_one_size(intensities):
    if all(level == Intensity.NONE for level in intensities.values()):
        with pytest.raises(InvalidValue):
            compute_arrangement("recovery", intensities, TABLE)
    else:
        result = compute_arrangement("recovery", intensities, TABLE)
        assert result.monthly_cost > 0


def test_unknown_segment_and_kind_are_refused():
    with pytest.raises(InvalidValue, match="segment"):
        compute_arrangement("onbekend", {"daytime": Intensity.REGULAR}, TABLE)
    with pytest.raises(InvalidValue):
        category_for_kind("onbekend", TABLE)
    assert category_for_kind("household_help", TABLE) == "01"
    assert [o.code for o in product_codes("02", dt.date(2026, 6, 1), TABLE)] == ["02A01", "02A02"]
    assert product_codes("02", dt.date(2025, 6, 1), TABLE) == []


def test_terms():
    assert decision_due(dt.date(2026, 11, 9)) == dt.date(2026, 11, 23)
    assert objection_deadline(dt.date(2026, 11, 24)) == dt.date(2027, 1, 5)


def test_contribution_is_year_dated():
    assert personal_contribution(dt.date(2026, 3, 1), REF.profile) == Decimal("21.80")
    with pytest.raises(DomainError, match="2031"):
        personal_contribution(dt.date(2031, 1, 1), REF.profile)


def test_complete_decision_misses_nothing():
    assert missing_elements(facts(), ELEMENTS) == []


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"motivation": "kort"}, "Schrijf de motivering van het besluit"),
        ({"lighter_routes": ""}, "Schrijf bij Lichtere hulp"),
        ({"contribution": None}, "eigen bijdrage (abonnementstarief) voor het jaar"),
        ({"send_date": None}, "Vul de Verzenddatum in"),
        ({"send_date": dt.date(2026, 11, 1)}, "Verzenddatum op of na de besluitdatum"),
        ({"decider": None}, "Bied het plan aan ter besluitvorming"),
        ({"objection_address": ""}, "bezwaarclausule"),
        ({"provisions": [provision(end_date=None)]}, "Begindatum en Einddatum"),
        ({"provisions": [provision(volume=None)]}, "Vul de Omvang in"),
        ({"provisions": [provision(provider=None)]}, "Kies de Aanbieder"),
        ({"provisions": [provision(delivery_form=DeliveryForm.PGB)]}, "bedrag van het pgb"),
        ({"provisions": []}, "Voeg op het tabblad Maatwerk de gevraagde voorziening toe"),
    ],
)
def test_each_missing_element_blocks_and_says_what_to_do(change, label):
    missing = missing_elements(facts(**change), ELEMENTS)
    assert any(label in m for m in missing), missing
    # Every message is a sentence that says what to do: a verb first, a full stop last, and
    # where the worker fixes it (a tab, a field, a button or the administrator).
    for message in missing:
        assert message.split()[0] in {"Vul", "Schrijf", "Kies", "Voeg", "Bied", "De", "Het"}
        assert message.endswith(".")
        assert any(
            where in message for where in ("tabblad", "Beheer", "knop", "dd-mm-jjjj", "Kies")
        ), message


def test_extent_can_be_left_out_by_the_municipality():
    no_extent = facts(provisions=[provision(volume=None)])
    assert missing_elements(no_extent, {"extent_in_decision": False}) == []


def test_refusal_needs_no_contribution_nor_duration():
    refused = facts(provisions=[provision(granted=False, end_date=None)], contribution=None)
    assert missing_elements(refused, ELEMENTS) == []
    assert decision_outcome(refused.provisions).value == "refused"
    assert decision_outcome([provision(), provision(granted=False)]).value == "partly_granted"


def test_plan_draft_validation_names_the_fields():
    draft = PlanDraft(
        case_lead="",
        question="",
        main_provider=None,
        evaluation_date=dt.date(2027, 6, 1),
        end_date=dt.date(2027, 1, 1),
        goals=[GoalData("finances", "", "", Performer.RESIDENT, "")],
        provisions=[provision(start_date=dt.date(2027, 1, 1), end_date=dt.date(2026, 1, 1))],
        applications=[],
    )
    with pytest.raises(ValidationFailed) as caught:
        draft.validate()
    assert set(caught.value.errors) >= {
        "case_lead",
        "evaluation_date",
        "goals.0.result",
        "goals.0.responsible",
        "provisions.0.end_date",
    }
    # A provision without an application is no error in a draft: issuing asks for it.
    assert "provisions.0.person_id" not in caught.value.errors
    assert without_application(draft) == [PERSON]
    ok = PlanDraft(
        "cm",
        "vraag",
        None,
        None,
        None,
        provisions=[provision()],
        applications=[ApplicationData(PERSON, dt.date(2026, 11, 1), "m", "l")],
    )
    assert ok.validate() is ok
    assert without_application(ok) == []
