"""Triage advice from the rules table, acute flags, the motivation rule, terms, score change."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.errors import ValidationFailed
from triage_app.domain.intake import (
    ROUTE_WEIGHT,
    Channel,
    RequestInput,
    Route,
    Score,
    Source,
    advise,
    level_text,
    motivation_problem,
    needs_motivation,
    onderzoek_due,
    personal_plan_by,
    score_changes,
    turning_18_within,
)
from triage_app.domain.reference import life_domains

DOMAINS = [d.code for d in life_domains()]
TODAY = dt.date(2026, 11, 23)
FULL = (
    "Het netwerk (dochter, buren) is overbelast; de sociale basis in de wijk heeft geen "
    "passend aanbod; een groep lukt niet door angst; digitale hulp kan zij niet gebruiken."
)


@pytest.mark.parametrize(
    ("score", "route"),
    [
        (1, Route.SPECIALIST),
        (2, Route.DISTRICT_TEAM),
        (3, Route.SOCIAL_BASE),
        (4, Route.SELF_NETWORK),
        (5, Route.NONE),
    ],
)
def test_each_route_is_reachable(score, route):
    advice = advise([Score("finances", score)])
    assert advice.domains[0].route == route and advice.overall == route


def test_acute_and_heaviest_route():
    advice = advise([Score("finances", 3), Score("housing", 1), Score("time_use", None)])
    assert advice.acute == ["housing"]
    assert advice.overall == Route.SPECIALIST
    assert [d.life_domain for d in advice.domains] == ["finances", "housing"]


@given(st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5), min_size=1))
def test_advice_is_total(scored):
    advice = advise([Score(d, s) for d, s in scored.items()])
    assert len(advice.domains) == len(scored)
    assert bool(advice.acute) == (1 in scored.values())
    assert ROUTE_WEIGHT[advice.overall] == max(ROUTE_WEIGHT[d.route] for d in advice.domains)


def test_motivation_rule():
    assert not needs_motivation(Route.SOCIAL_BASE, Route.SELF_NETWORK)
    assert needs_motivation(Route.SOCIAL_BASE, Route.DISTRICT_TEAM)
    assert needs_motivation(Route.SPECIALIST, Route.SPECIALIST)  # specialist always
    assert motivation_problem(Route.SOCIAL_BASE, Route.SOCIAL_BASE, "") is None
    assert "Schrijf op waarom" in motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, "")
    partial = "Het netwerk kan niet helpen en in de wijk is niets; verder weet ik het niet."
    problem = motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, partial)
    assert "groeps- of collectieve hulp" in problem and "digitale hulp" in problem
    assert "netwerk" not in problem.split("over", 1)[1]
    assert motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, FULL) is None


def test_terms():
    assert onderzoek_due(dt.date(2026, 10, 12)) == dt.date(2026, 11, 23)
    assert personal_plan_by(dt.date(2026, 11, 23)) == dt.date(2026, 11, 30)


def test_request_needs_the_two_ticks_and_a_question():
    typed = RequestInput(dt.date(2026, 11, 24), Source.PROFESSIONAL, Channel.PHONE, "")
    with pytest.raises(ValidationFailed) as caught:
        typed.validate(TODAY)
    assert set(caught.value.errors) == {
        "received_on",
        "question",
        "referrer",
        "told_client_support",
        "told_personal_plan",
    }


def test_score_change_between_assessments():
    before = [Score("finances", 2), Score("housing", 3)]
    after = [Score("finances", 4), Score("housing", 3), Score("time_use", 2)]
    assert score_changes(before, after) == {"finances": (2, 4), "housing": (3, 3)}


def test_turning_18():
    assert turning_18_within(dt.date(2009, 3, 1), TODAY)  # 18 on 1 March 2027
    assert not turning_18_within(dt.date(2010, 3, 1), TODAY)
    assert not turning_18_within(dt.date(2008, 3, 1), TODAY)  # already 18


def test_own_level_descriptions_per_domain():
    assert "financiën" in level_text("finances", 2)
    assert level_text("housing", 1) != level_text("housing", 5)
