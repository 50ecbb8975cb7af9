"""Kept drafts: one per worker and form, newest first, offered back with a clear text."""

import dataclasses

from tests.conftest import make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import drafts, households


def test_keep_replace_list_and_discard(ctx):
    household = households.register_household(
        ctx,
        HouseholdInput(
            street="Drift",
            house_number="8",
            postcode="3512 BS",
            city="Utrecht",
            district="Binnenstad",
            members=[PersonInput(first_name="Ans", last_name="Kok", birth_date="01-01-1950")],
        ),
    )
    key = f"melding:{household.id}"
    drafts.keep(ctx, key, {"question": "Hulp bij"}, "Melding", household.id)
    drafts.keep(ctx, key, {"question": "Hulp bij de post"}, "Melding", household.id)
    (kept,) = drafts.pending(ctx)
    assert kept.payload == {"question": "Hulp bij de post"}
    assert kept.dossier_number == household.dossier_number
    assert kept.offer_text().startswith("Er is niet-opgeslagen werk (Melding) van ")
    assert f"voor huishouden {household.dossier_number}. Herstellen?" in kept.offer_text()

    colleague = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="collega"))
    assert drafts.pending(colleague) == []  # a worker sees only their own drafts

    drafts.discard(ctx, key)
    assert drafts.pending(ctx, key) == []
