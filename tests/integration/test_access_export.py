"""A resident's request for access: everything about them, and who looked, in plain words."""

import dataclasses
import io
import json
import re

from pypdf import PdfReader

from tests.conftest import make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import access, households, plans


def test_access_export_holds_own_data_and_who_looked(ctx):
    intake = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    view = households.register_household(
        intake,
        HouseholdInput(
            street="Zamenhofdreef",
            house_number="12",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(
                    first_name="Fenna",
                    last_name="Zwanenburg",
                    birth_date="14-05-1951",
                    bsn="111222333",
                ),
                PersonInput(
                    first_name="Kees",
                    last_name="Zwanenburg",
                    birth_date="02-02-1949",
                    role=MemberRole.PARTNER,
                ),
            ],
        ),
    )
    households.get_household(intake, view.id)
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, view.id)
    issue(decider, plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(view)))
    fenna = next(m for m in view.members if m.first_name == "Fenna")

    data, pdf = access.access_files(ctx, fenna.id)
    exported = json.loads(data)
    assert exported["person"]["bsn"] == "111222333"
    assert exported["other_members"] == ["Kees Zwanenburg"]
    assert len(exported["records"]["decision"]) == 1  # her own, not Kees's
    assert {row["person_id"] for row in exported["records"]["provision"]} == {str(fenna.id)}
    assert len(exported["records"]["goal"]) == 3  # the household's plan concerns her too
    assert {e["worker"] for e in exported["access_log"]} >= {"ilse", "cm", "gm"}

    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Uw gegevens bij het wijkteam — Fenna Zwanenburg" in text
    assert "inzageverzoek" in text
    assert "uw dossier bekeken" in text and "uw dossier aangemaakt" in text
    assert "Pagina 1 van" in text
