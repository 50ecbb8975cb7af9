"""Reference data as a value: loaded from resources/, the data folder and the store, carried on
the worker's context, renewed after a change (also one made at another desk)."""

import json

import pytest

from tests.conftest import TODAY, make_actor
from triage_app import paths
from triage_app.domain.accounts import Role
from triage_app.domain.errors import InvalidValue
from triage_app.resources import load_json
from triage_app.services import catalogue, reference, settings
from triage_app.services.context import ServiceContext


def test_a_settings_change_gives_the_context_a_new_reference(ctx):
    before = ctx.reference
    settings.save_profile(ctx, {"name": "Gemeente Vleuten", "personal_contribution": {"2027": 22}})
    assert ctx.reference is not before
    assert ctx.reference.profile["name"] == "Gemeente Vleuten"
    assert ctx.reference.profile["personal_contribution"]["2027"] == 22
    assert ctx.reference.profile["personal_contribution"]["2026"] == 21.8  # merged, not replaced
    assert before.profile["name"] != "Gemeente Vleuten"  # the old value did not change


def test_another_desk_sees_the_change_once_it_reloads(ctx):
    other = ServiceContext(ctx.store, make_actor(Role.ADMIN, username="jan"), lambda: TODAY)
    settings.save_profile(ctx, {"suppress_below": 9})
    assert other.reference.profile["suppress_below"] != 9  # a value: nothing changes under it
    assert settings.profile(other)["suppress_below"] == 9
    assert other.reference.profile["suppress_below"] == 9


def test_a_catalogue_change_reaches_the_reference(ctx):
    offer = {
        "code": "SB99",
        "organisation": "Buurtkamer Hoograven",
        "activity": "Koffie en een praatje",
        "domains": ["social_network"],
        "wijken": ["Zuid"],
    }
    catalogue.save_offer(ctx, offer)
    assert "SB99" in {o["code"] for o in ctx.reference.catalogue["offers"]}


def test_a_municipality_uses_its_own_level_texts(ctx):
    """Its own life_domains.json in the data folder (licensed texts) is used when it checks
    out; a bad one is refused with the reasons and the shipped domains stay in use."""
    data = json.loads(json.dumps(load_json("life_domains.json")))
    data["domains"][0]["levels"]["1"] = "Eigen tekst van de gemeente (licentie)."
    own = paths.data_dir() / reference.OWN_LIFE_DOMAINS
    own.write_text(json.dumps(data), encoding="utf-8")
    with ctx.store.read() as session:
        loaded = reference.load(session)
    assert loaded.level_description("finances", 1) == "Eigen tekst van de gemeente (licentie)."
    assert reference.shipped().level_description("finances", 1).startswith("Er dreigt nu")

    del data["domains"][1]["levels"]["3"]
    data["domains"][2]["result_area"] = "nergens"
    own.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidValue) as caught:
        reference.own_life_domains()
    assert "work_education: niet elk niveau" in caught.value.message
    assert "time_use: onbekend resultaatgebied" in caught.value.message
    with ctx.store.read() as session:
        fallback = reference.load(session)  # the bad file is not taken into use
    assert len(fallback.life_domains) == 13
    assert fallback.level_description("finances", 1).startswith("Er dreigt nu uitzetting")
