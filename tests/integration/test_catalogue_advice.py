"""The wijk's offers in the advice, for the right person, and the catalogue's CSV import on a
real store: target groups stored, bad rows rejected with reasons, nothing half-imported."""

import pytest

from triage_app.domain.errors import ValidationFailed
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.domain.intake import (
    AssessmentInput,
    CarerLoad,
    Channel,
    RequestInput,
    Score,
    Source,
)
from triage_app.services import catalogue, households, intake


def advice_for(ctx, district, members, scores, carer_load=CarerLoad.NOT, who=0):
    """Register a household, hold a gesprek with member ``who`` and return the offers."""
    household = households.register_household(
        ctx,
        HouseholdInput(
            street="Teststraat",
            house_number="1",
            postcode="3500 AA",
            city="Utrecht",
            district=district,
            members=members,
        ),
        allow_duplicate=True,  # the same test family, asked about twice
    )
    melding = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            ctx.today(),
            Source.RESIDENT,
            Channel.DESK,
            "Ik zit veel alleen thuis",
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    assessment = AssessmentInput(household.members[who].id, scores, carer_load=carer_load)
    intake.save_assessment(ctx, melding.request_id, assessment, complete=True)
    _, offers = intake.advice(ctx, melding.request_id)
    return offers


def names(offers, domain):
    return {f"{o.organisation}: {o.activity}" for o in offers.get(domain, [])}


def test_a_man_of_58_alone_gets_a_meeting_place_and_volunteering_in_his_wijk(ctx):
    kees = PersonInput(first_name="Kees", last_name="Alleman", birth_date="02-03-1968")
    offers = advice_for(
        ctx, "Overvecht", [kees], [Score("social_network", 2), Score("time_use", 2)]
    )
    for domain in ("social_network", "time_use"):
        shown = names(offers, domain)
        assert "Buurthuis De Dreef: Koffieochtend en samen eten" in shown  # ontmoeting
        assert "Doe Mee Punt Overvecht: Vrijwilligerswerk zoeken en samen beginnen" in shown
        assert not any("Jongerenwerk" in s for s in shown)  # 12-23
        assert not any("Doe Mee Punt West" in s for s in shown)  # another wijk
        assert not any("Mantelzorg" in s for s in shown)  # he is no carer
    assert not any("Maatje voor wandelen" in s for s in names(offers, "social_network"))  # 65+


def test_a_woman_of_83_is_never_offered_youth_work(ctx):
    riet = PersonInput(first_name="Riet", last_name="Oud", birth_date="10-10-1943")
    scores = [Score("time_use", 2), Score("work_education", 2), Score("justice", 3)]
    offers = advice_for(ctx, "West", [riet], scores)
    assert all(o.organisation != "Jongerenwerk" for found in offers.values() for o in found)
    assert "Doe Mee Punt West: Vrijwilligerswerk zoeken en samen beginnen" in names(
        offers, "time_use"
    )
    # the same scores for a boy of 16 do bring the youth work
    sem = PersonInput(first_name="Sem", last_name="Jong", birth_date="01-01-2010")
    offers = advice_for(ctx, "West", [sem], scores)
    assert "Jongerenwerk" in {o.organisation for o in offers["justice"]}


def test_a_mantelzorger_offer_goes_to_the_carer(ctx):
    carer = PersonInput(first_name="Ans", last_name="Zorg", birth_date="05-05-1964", is_carer=True)
    offers = advice_for(ctx, "Oost", [carer], [Score("social_network", 3)])
    assert "Mantelzorgsteunpunt" in {o.organisation for o in offers["social_network"]}
    assert "Mantelzorgcafé De Adempauze" in {o.organisation for o in offers["social_network"]}

    # the cared-for resident with a heavy carer load: the offer is listed, for the carer
    henk = PersonInput(first_name="Henk", last_name="Zorg", birth_date="05-05-1944")
    offers = advice_for(
        ctx, "Oost", [henk], [Score("domestic_relations", 3)], carer_load=CarerLoad.HEAVY
    )
    respite = {o.organisation: o for o in offers["domestic_relations"]}
    assert respite["Respijtdienst Even Vrij"].for_whom == "mantelzorger"
    # the same resident without a heavy load: no mantelzorger offer at all
    offers = advice_for(ctx, "Oost", [henk], [Score("domestic_relations", 3)])
    assert all(o.for_whom != "mantelzorger" for o in offers["domestic_relations"])


HEADER = "code;organisation;activity;domains;wijken;for_whom;age_from;age_to;score_from;score_to\n"


def test_csv_import_rejects_bad_rows_with_reasons_and_imports_nothing(ctx):
    before = catalogue.offers(ctx)
    report = catalogue.import_csv(
        ctx,
        HEADER + "N1;Repair Café Test;Repareren;social_network|time_use;Overvecht;bewoner;;;2;4\n"
        "N2;Jeugdhonk;Inloop;time_use;;bewoner;23;12;;\n"
        "N3;Dansschool;Dansen;dansen;;;;;;\n"
        "N4;Koor;Zingen;social_network;;;;;4;2\n"
        "N5;Buurtbus;Rijden;participation;;buren;;;;\n"
        "N6;Eettafel;Eten;social_network;;;;;0;9\n",
    )
    assert (report.added, report.updated) == (0, 0)
    reasons = dict(report.rejected)
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "De leeftijd loopt de verkeerde kant op (23 tot 12)" in reasons[3]
    assert reasons[4] == "Onbekend leefgebied: dansen."
    assert "De scores lopen de verkeerde kant op (4 tot 2)" in reasons[5]
    assert "Onbekend 'voor wie': buren." in reasons[6]
    assert reasons[7] == "Een score is 1 tot en met 5. Een score is 1 tot en met 5."
    assert catalogue.offers(ctx) == before  # the good row N1 is not half-imported either


def test_csv_import_stores_the_target_group_and_the_advice_uses_it(ctx):
    report = catalogue.import_csv(
        ctx,
        (
            HEADER + "N1;Repair Café Test;Repareren;Sociaal netwerk|time_use;overvecht;"
            "bewoner;50;70;2;3\n"
            "N2;Jeugdhonk Test;Inloop;time_use;;;12;18;;\n"
        ).encode("cp1252"),
    )
    assert (report.added, report.updated, report.rejected) == (2, 0, [])
    stored = {o["code"]: o for o in catalogue.offers(ctx)}
    assert stored["N1"]["domains"] == ["social_network", "time_use"]
    assert stored["N1"]["wijken"] == ["Overvecht"]
    assert (stored["N1"]["age_from"], stored["N1"]["age_to"]) == (50, 70)
    assert (stored["N2"]["score_from"], stored["N2"]["score_to"]) == (1, 5)
    kees = PersonInput(first_name="Kees", last_name="Alleman", birth_date="02-03-1968")
    offers = advice_for(ctx, "Overvecht", [kees], [Score("social_network", 2)])
    assert "Repair Café Test" in {o.organisation for o in offers["social_network"]}
    offers = advice_for(ctx, "Overvecht", [kees], [Score("time_use", 2)])
    assert "Jeugdhonk Test" not in {o.organisation for o in offers["time_use"]}


def test_save_offer_says_per_field_what_is_wrong(ctx):
    with pytest.raises(ValidationFailed) as caught:
        catalogue.save_offer(
            ctx,
            {
                "code": "",
                "organisation": "Buurtkamer",
                "activity": "Koffie",
                "domains": ["social_network"],
                "age_from": "80",
                "age_to": "18",
                "for_whom": "iedereen",
            },
        )
    assert set(caught.value.errors) == {"code", "age_to", "for_whom"}
    assert caught.value.errors["code"] == "Vul een code in."


def test_demo_referrals_to_offers_fit_the_resident(ctx):
    from sqlalchemy import text

    from triage_app.demo.generate import generate_demo
    from triage_app.domain.values import age_on

    generate_demo(ctx, 300, seed=5)
    offers = {o["code"]: o for o in catalogue.offers(ctx)}
    with ctx.store.read() as session:
        rows = session.execute(
            text(
                "SELECT r.offer_code, p.birth_date, a.held_on FROM referral r "
                "JOIN assessment a ON a.request_id = r.request_id "
                "JOIN person p ON p.id = a.person_id WHERE r.offer_code IS NOT NULL"
            )
        ).all()
    assert rows  # the demo refers to the social base
    for code, born, held in rows:
        age, offer = age_on(_date(born), _date(held)), offers[code]
        assert (offer["age_from"] or 0) <= age <= (offer["age_to"] or 200), (code, age)


def _date(value):
    import datetime as dt

    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
