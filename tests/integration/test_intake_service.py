"""Melding to motivated route on a real store: roles, validation, resume, referral, timeline."""

import dataclasses
import datetime as dt

import pytest

from tests.conftest import TODAY, make_actor
from tests.unit.test_triage_rules import FULL
from triage_app.domain.accounts import Role
from triage_app.domain.errors import InvalidValue, NotAllowed, ValidationFailed
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.domain.intake import (
    AssessmentInput,
    Channel,
    Outcome,
    ReferralStatus,
    RequestInput,
    Route,
    Score,
    Source,
)
from triage_app.domain.work_queue import WorkKind
from triage_app.services import households, intake, intake_history, work_queue


@pytest.fixture
def household(ctx):
    return households.register_household(
        ctx,
        HouseholdInput(
            street="Zamenhofdreef",
            house_number="12",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951"),
                PersonInput(
                    first_name="Sem", last_name="Zwanenburg", birth_date="01-03-2009", role="child"
                ),
            ],
        ),
    )


def melding(day=TODAY):
    return RequestInput(
        day,
        Source.RESIDENT,
        Channel.DESK,
        "Ik kan de post niet meer bijhouden",
        told_client_support=True,
        told_personal_plan=True,
    )


def test_melding_to_route_and_referral(ctx, household):
    view = intake.register_request(ctx, household.id, melding(dt.date(2026, 10, 12)))
    assert view.onderzoek_due == TODAY
    fenna = household.members[0]
    draft = AssessmentInput(fenna.id, [Score("finances", 2, "schulden"), Score("time_use", 3)])
    intake.save_assessment(ctx, view.request_id, draft)
    resumed = intake.open_intake(ctx, household.id)
    assert resumed.assessment.scores[0].notes == "schulden" and not resumed.assessment_completed
    intake.save_assessment(ctx, view.request_id, draft, complete=True)

    advice, offers = intake.advice(ctx, view.request_id)
    assert advice.overall == Route.DISTRICT_TEAM and advice.acute == []
    assert {o.organisation for o in offers["time_use"]} >= {"Buurthuis De Dreef"}

    with pytest.raises(InvalidValue, match="lichtere hulp"):
        intake.decide_route(ctx, view.request_id, Route.SPECIALIST, "")
    routed = intake.decide_route(ctx, view.request_id, Route.SPECIALIST, FULL)
    assert routed.outcome == Outcome.ROUTED and routed.route == Route.SPECIALIST
    assert intake.open_intake(ctx, household.id) is None

    referral = intake.create_referral(
        ctx, view.request_id, "Buurtteam Geld", TODAY + dt.timedelta(days=3), "SB01"
    )
    intake.update_referral(ctx, referral, ReferralStatus.ACCEPTED)
    kinds = [e.kind for e in intake_history.timeline(ctx, household.id)]
    assert kinds[0] in {"Route", "Verwijzing"} and "Melding" in kinds and "Gesprek" in kinds
    queue = {i.kind for i in work_queue.work_queue(ctx)}
    assert WorkKind.REFERRAL_FOLLOW_UP in queue
    assert intake_history.turning_18(ctx, household.id) == ["Sem Zwanenburg"]


def test_second_assessment_shows_the_change(ctx, household):
    fenna = household.members[0].id
    for day, score in ((dt.date(2026, 6, 1), 2), (dt.date(2026, 11, 1), 4)):
        view = intake.register_request(ctx, household.id, melding(day))
        intake.save_assessment(
            ctx, view.request_id, AssessmentInput(fenna, [Score("finances", score)]), complete=True
        )
        intake.decide_route(ctx, view.request_id, Route.SELF_NETWORK, "")
    texts = [e.text for e in intake_history.timeline(ctx, household.id) if e.kind == "Gesprek"]
    assert any("Financiën 2 → 4" in t for t in texts)


def test_open_melding_is_due_work_and_can_close_directly(ctx, household):
    view = intake.register_request(ctx, household.id, melding(dt.date(2026, 10, 11)))
    items = [i for i in work_queue.work_queue(ctx) if i.kind == WorkKind.ONDERZOEK_DUE]
    assert [(i.due, i.urgency(TODAY).name) for i in items] == [(dt.date(2026, 11, 22), "LATE")]
    intake.close_request(ctx, view.request_id, Outcome.HELPED_DIRECTLY)
    assert intake.open_intake(ctx, household.id) is None


def test_roles_and_validation(ctx, household):
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    with pytest.raises(NotAllowed):
        intake.register_request(decider, household.id, melding())
    bad = dataclasses.replace(melding(), told_client_support=False)
    with pytest.raises(ValidationFailed):
        intake.register_request(ctx, household.id, bad)
    view = intake.register_request(ctx, household.id, melding())
    with pytest.raises(ValidationFailed):
        intake.save_assessment(
            ctx, view.request_id, AssessmentInput(household.members[0].id, [Score("finances", 7)])
        )


def test_admin_or_decider_may_read_but_not_do_intake(ctx, household):
    view = intake.register_request(ctx, household.id, melding())
    fenna = household.members[0].id
    for role in (Role.ADMIN, Role.DECIDER):
        other = dataclasses.replace(ctx, actor=make_actor(role, username=f"r-{role}"))
        assert intake.open_intake(other, household.id).request_id == view.request_id
        assert [e.kind for e in intake_history.timeline(other, household.id)] == ["Melding"]
        for attempt in (
            lambda o=other: intake.register_request(o, household.id, melding()),
            lambda o=other: intake.save_assessment(
                o, view.request_id, AssessmentInput(fenna, [Score("finances", 2)])
            ),
            lambda o=other: intake.decide_route(o, view.request_id, Route.SELF_NETWORK, ""),
            lambda o=other: intake.create_referral(o, view.request_id, "Taalhuis", TODAY),
        ):
            with pytest.raises(NotAllowed):
                attempt()
    assert len(intake_history.timeline(ctx, household.id)) == 1  # nothing was written by them


def test_route_per_life_domain_is_measured_against_that_domain(ctx, household):
    view = intake.register_request(ctx, household.id, melding())
    fenna = household.members[0].id
    scores = [Score("finances", 2), Score("social_network", 4)]
    intake.save_assessment(ctx, view.request_id, AssessmentInput(fenna, scores), complete=True)
    # the district team is the overall advice, but for the network the advice is self/network
    with pytest.raises(InvalidValue, match="lichtere hulp") as caught:
        intake.decide_route(ctx, view.request_id, Route.DISTRICT_TEAM, "", "social_network")
    assert caught.value.field == "motivation"
    intake.decide_route(ctx, view.request_id, Route.SELF_NETWORK, "", "social_network")
    intake.decide_route(ctx, view.request_id, Route.DISTRICT_TEAM, "", "finances")
    with pytest.raises(InvalidValue, match="score kreeg"):
        intake.decide_route(ctx, view.request_id, Route.SOCIAL_BASE, "", "justice")
    routes = [e.text for e in intake_history.timeline(ctx, household.id) if e.kind == "Route"]
    assert sorted(routes) == [
        "Financiën - voor het hele huishouden: Wijkteam (basis) (advies: Wijkteam (basis));"
        " besloten door Tester",
        "Sociaal netwerk - voor het hele huishouden: Zelf / eigen netwerk"
        " (advies: Zelf / eigen netwerk); besloten door Tester",
    ]


def test_refused_route_leaves_nothing_behind_and_notes_can_make_it_acute(ctx, household):
    view = intake.register_request(ctx, household.id, melding())
    fenna = household.members[0].id
    notes = [Score("housing", 3, "Deurwaarder meldt ontruiming op vrijdag")]
    intake.save_assessment(ctx, view.request_id, AssessmentInput(fenna, notes), complete=True)
    advice, offers = intake.advice(ctx, view.request_id)
    assert advice.acute == ["housing"] and advice.overall == Route.SOCIAL_BASE
    with pytest.raises(InvalidValue):
        intake.decide_route(ctx, view.request_id, Route.SPECIALIST, "te weinig")
    assert intake.open_intake(ctx, household.id).route is None  # still open, no route stored
    assert not [e for e in intake_history.timeline(ctx, household.id) if e.kind == "Route"]


def test_open_melding_shows_its_term_and_every_look_is_logged(ctx, household):
    from triage_app.services.audit_review import audit_lines

    view = intake.register_request(ctx, household.id, melding(dt.date(2026, 10, 11)))
    assert view.onderzoek_status.value == "late"
    assert intake.open_intake(ctx, household.id).onderzoek_status.value == "late"
    melding_text = next(e.text for e in intake_history.timeline(ctx, household.id))
    assert melding_text.endswith("(onderzoek klaar vóór 22-11-2026 - te laat)")
    logged = [
        (line.action, line.object_type)
        for line in audit_lines(ctx, dossier_number=household.dossier_number)
    ]
    assert ("bekeken", "tijdlijn toegang") in logged and ("bekeken", "aanvraag") in logged
    assert ("aangemaakt", "aanvraag") in logged


def test_referral_is_one_consistent_choice_and_asks_before_a_second_today(ctx, household):
    view = intake.register_request(ctx, household.id, melding())
    with pytest.raises(InvalidValue, match="hoort bij Buurtteam Geld"):
        intake.create_referral(ctx, view.request_id, "Taalhuis", TODAY, "SB01")
    with pytest.raises(InvalidValue, match="niet \\(meer\\) op de sociale kaart"):
        intake.create_referral(ctx, view.request_id, "Buurtteam Geld", TODAY, "XX99")
    intake.create_referral(ctx, view.request_id, "Buurtteam Geld", TODAY, "SB01")
    with pytest.raises(intake.SameDayReferral, match="vandaag al een verwijzing naar"):
        intake.create_referral(ctx, view.request_id, " buurtteam  geld ", TODAY)
    intake.create_referral(ctx, view.request_id, "Buurtteam Geld", TODAY, again_today=True)
    tomorrow = dataclasses.replace(ctx, today=lambda: TODAY + dt.timedelta(days=1))
    intake.create_referral(tomorrow, view.request_id, "Buurtteam Geld", TODAY + dt.timedelta(1))
    texts = [e.text for e in intake_history.timeline(ctx, household.id) if e.kind == "Verwijzing"]
    assert len(texts) == 3


def test_a_route_for_one_member_must_be_a_member_of_this_household(ctx, household):
    import uuid

    view = intake.register_request(ctx, household.id, melding())
    fenna = household.members[0].id
    scores = [Score("finances", 2)]
    intake.save_assessment(ctx, view.request_id, AssessmentInput(fenna, scores), complete=True)
    with pytest.raises(InvalidValue, match="bewoner van dit huishouden") as caught:
        intake.decide_route(ctx, view.request_id, Route.DISTRICT_TEAM, "", None, uuid.uuid4())
    assert caught.value.field == "person_id"
    intake.decide_route(ctx, view.request_id, Route.DISTRICT_TEAM, "", "finances", fenna)
    (route,) = [e.text for e in intake_history.timeline(ctx, household.id) if e.kind == "Route"]
    assert route.startswith("Financiën - voor Fenna Zwanenburg: Wijkteam (basis)")
