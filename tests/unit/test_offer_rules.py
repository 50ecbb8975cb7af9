"""The target group of a social-base offer: who it is for, the ages, domains and scores it fits."""

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.offers import (
    AdviceFor,
    ForWhom,
    Offer,
    advice_offers,
    age_fits,
    check_target,
    fits,
)
from triage_app.resources import load_json

ages = st.integers(0, 120)
optional_ages = st.none() | ages
scores = st.integers(1, 5)


def offer(**target) -> Offer:
    return Offer("X1", "Buurthuis Test", "Koffie", ("social_network",), "030", **target)


@given(age=ages, low=optional_ages, high=optional_ages, score=scores, s1=scores, s2=scores)
def test_an_offer_fits_exactly_when_age_and_score_are_in_its_ranges(age, low, high, score, s1, s2):
    score_from, score_to = min(s1, s2), max(s1, s2)
    o = offer(age_from=low, age_to=high, score_from=score_from, score_to=score_to)
    in_age = (low is None or low <= age) and (high is None or age <= high)
    in_score = score_from <= score <= score_to
    assert fits(o, "social_network", score, AdviceFor(age)) == (in_age and in_score)
    assert not fits(o, "finances", score, AdviceFor(age))  # a domain it does not list


@given(age=ages, low=optional_ages, high=optional_ages)
def test_widening_the_age_range_never_loses_anyone(age, low, high):
    if age_fits(age, low, high):
        assert age_fits(age, None if low is None else max(0, low - 5), high)
        assert age_fits(age, low, None)


@given(low=ages, high=ages, score_from=scores, score_to=scores)
def test_a_range_the_wrong_way_round_is_refused_with_a_reason(low, high, score_from, score_to):
    raw = {"age_from": str(low), "age_to": str(high), "score_from": score_from}
    _, errors = check_target({**raw, "score_to": score_to})
    assert ("age_to" in errors) == (low > high)
    assert ("score_to" in errors) == (score_from > score_to)
    if low > high:
        assert "verkeerde kant" in errors["age_to"]


def test_youth_work_is_not_for_a_woman_of_83():
    youth = offer(age_from=12, age_to=23)
    assert not fits(youth, "social_network", 2, AdviceFor(83))
    assert fits(youth, "social_network", 2, AdviceFor(17))


def test_a_mantelzorger_offer_only_goes_to_a_carer():
    respite = offer(for_whom=ForWhom.CARER, age_from=8, age_to=24)
    assert not fits(respite, "social_network", 2, AdviceFor(40))  # no carer in view
    assert fits(respite, "social_network", 2, AdviceFor(15, carer_ages=(15,)))
    assert not fits(respite, "social_network", 2, AdviceFor(15, carer_ages=(52,)))
    assert fits(respite, "social_network", 2, AdviceFor(80, carer_ages=(None,)))  # unknown age


def test_a_household_offer_fits_when_any_member_fits():
    family = offer(for_whom=ForWhom.HOUSEHOLD, age_from=0, age_to=4)
    assert fits(family, "social_network", 3, AdviceFor(34, household_ages=(34, 33, 2)))
    assert not fits(family, "social_network", 3, AdviceFor(34, household_ages=(34, 33)))


def test_only_domains_that_need_attention_get_offers():
    catalogue = {
        "offers": [
            {
                "code": "X1",
                "organisation": "Buurthuis Test",
                "activity": "Koffie",
                "domains": ["social_network", "finances"],
                "contact": "",
                "wijken": ["Oost"],
            }
        ]
    }
    got = advice_offers("Oost", {"social_network": 3, "finances": 4}, AdviceFor(50), catalogue)
    assert set(got) == {"social_network"} and got["social_network"][0].code == "X1"
    assert advice_offers("West", {"social_network": 3}, AdviceFor(50), catalogue) == {
        "social_network": []
    }
    city_wide = {**catalogue["offers"][0], "code": "X0", "wijken": []}
    both = {"offers": [city_wide, *catalogue["offers"]]}
    got = advice_offers("Oost", {"social_network": 2}, AdviceFor(50), both)
    assert [o.code for o in got["social_network"]] == ["X1", "X0"]  # the wijk's own first


def test_voor_wie_and_ages_are_checked_with_dutch_messages():
    clean, errors = check_target({"for_whom": "huishouden", "age_from": "", "age_to": "23"})
    assert clean["for_whom"] == "household" and clean["age_from"] is None and not errors
    assert (clean["score_from"], clean["score_to"]) == (1, 5)
    _, errors = check_target({"for_whom": "buren", "age_from": "twaalf", "score_to": "7"})
    assert "Kies bewoner, mantelzorger of huishouden" in errors["for_whom"]
    assert errors["age_from"].startswith("Een leeftijd is een heel getal")
    assert errors["score_to"] == "Een score is 1 tot en met 5."


def test_the_shipped_catalogue_covers_every_life_domain_with_target_groups():
    domains = {d["code"] for d in load_json("life_domains.json")["domains"]}
    offers = [Offer.from_catalogue(o) for o in load_json("social_base_catalogue.json")["offers"]]
    assert domains <= {d for o in offers for d in o.domains}
    assert {o.for_whom for o in offers} == set(ForWhom)
    youth = next(o for o in offers if o.organisation == "Jongerenwerk")
    assert (youth.age_from, youth.age_to) == (12, 23)
    for raw in load_json("social_base_catalogue.json")["offers"]:
        _, errors = check_target(raw)
        assert not errors, raw["code"]
