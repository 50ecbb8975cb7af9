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
from triage_app.domain.triage import add_months, eighteenth_birthday
from triage_app.services import reference

REF = reference.shipped()
RULES = REF.triage_rules
DOMAINS = [d.code for d in REF.life_domains]
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
    advice = advise([Score("finances", score)], RULES)
    assert advice.domains[0].route == route and advice.overall == route


def test_acute_and_heaviest_route():
    advice = advise([Score("finances", 3), Score("housing", 1), Score("time_use", None)], RULES)
    assert advice.acute == ["housing"]
    assert advice.overall == Route.SPECIALIST
    assert [d.life_domain for d in advice.domains] == ["finances", "housing"]


@given(st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5), min_size=1))
def test_advice_is_total(scored):
    advice = advise([Score(d, s) for d, s in scored.items()], RULES)
    assert len(advice.domains) == len(scored)
    assert bool(advice.acute) == (1 in scored.values())
    assert ROUTE_WEIGHT[advice.overall] == max(ROUTE_WEIGHT[d.route] for d in advice.domains)


def test_motivation_rule():
    assert not needs_motivation(Route.SOCIAL_BASE, Route.SELF_NETWORK)
    assert needs_motivation(Route.SOCIAL_BASE, Route.DISTRICT_TEAM)
    assert needs_motivation(Route.SPECIALIST, Route.SPECIALIST)  # specialist always
    assert motivation_problem(Route.SOCIAL_BASE, Route.SOCIAL_BASE, "", RULES) is None
    assert "Schrijf op waarom" in motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, "", RULES)
    partial = "Het netwerk kan niet helpen en in de wijk is niets; verder weet ik het niet."
    problem = motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, partial, RULES)
    assert "groeps- of collectieve hulp" in problem and "digitale hulp" in problem
    assert "netwerk" not in problem.split("over", 1)[1]
    assert motivation_problem(Route.SOCIAL_BASE, Route.SPECIALIST, FULL, RULES) is None


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
    for domain in REF.life_domains:
        texts = [level_text(domain, level) for level in range(1, 6)]
        assert all(len(t) > 15 for t in texts) and len(set(texts)) == 5, domain.code
    assert "schulden" in REF.level_description("finances", 2).lower()


def test_reference_is_read_only():
    with pytest.raises(TypeError):
        REF.profile["name"] = "Andere gemeente"  # type: ignore[index]
    with pytest.raises(TypeError):
        REF.tariffs["segments"][0]["monthly_tariff"]["S"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        REF.catalogue["offers"].append({})  # a tuple, not a list


def test_every_domain_maps_to_one_of_the_five_result_areas():
    areas = {a.code for a in REF.result_areas}
    assert len(areas) == 5
    assert {d.result_area for d in REF.life_domains} <= areas


def test_acute_words_in_the_notes_flag_a_domain_whatever_its_score():
    advice = advise(
        [Score("housing", 3, "Brief over uitzetting volgende week"), Score("time_use", 4)], RULES
    )
    assert advice.acute == ["housing"]
    assert advice.route_for("housing") == Route.SOCIAL_BASE  # the route still follows the score
    assert advice.route_for("time_use") == Route.SELF_NETWORK
    assert advice.route_for(None) == advice.overall == Route.SOCIAL_BASE


@given(
    st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5), min_size=1),
    st.sampled_from(list(Route)),
)
def test_choosing_the_advised_route_never_needs_a_motivation_unless_specialist(scored, chosen):
    advised = advise([Score(d, s) for d, s in scored.items()], RULES).overall
    assert needs_motivation(advised, advised) == (advised == Route.SPECIALIST)
    if ROUTE_WEIGHT[chosen] <= ROUTE_WEIGHT[advised] and chosen != Route.SPECIALIST:
        assert motivation_problem(advised, chosen, "", RULES) is None
    else:
        assert motivation_problem(advised, chosen, "", RULES) is not None
        assert motivation_problem(advised, chosen, FULL, RULES) is None


@pytest.mark.parametrize(
    ("birth", "turns"),
    [
        (dt.date(2008, 11, 24), True),  # 18 tomorrow
        (dt.date(2008, 11, 23), False),  # 18 today: already an adult
        (dt.date(2009, 11, 23), True),  # 18 exactly twelve months from today
        (dt.date(2009, 11, 24), False),  # one day too late
        (dt.date(2008, 2, 29), False),  # already 18 on 1 March 2026
        (dt.date(2009, 2, 28), True),
    ],
)
def test_turning_18_within_twelve_months(birth, turns):
    assert turning_18_within(birth, TODAY) == turns


def test_a_29_february_birthday_turns_18_on_1_march():
    assert eighteenth_birthday(dt.date(2008, 2, 29)) == dt.date(2026, 3, 1)
    assert add_months(dt.date(2026, 3, 31), 11) == dt.date(2027, 2, 28)
