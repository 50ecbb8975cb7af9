"""A resident's request for access: everything about them, and who looked, in plain words."""

import dataclasses
import io
import json
import re

from pypdf import PdfReader

from tests.conftest import make_actor
from tests.households import zwanenburg
from tests.integration.test_intake_service import melding
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.intake import AssessmentInput, Score
from triage_app.services import access, drafts, households, intake, plans
from triage_app.store.schema import metadata


def test_access_export_holds_own_data_and_who_looked(ctx):
    intake = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    view = households.register_household(
        intake,
        zwanenburg(fenna_bsn="111222333"),
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


def _pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_one_members_export_holds_nothing_of_a_housemate(ctx, household):
    """Fenna's request for access: her notes, scores and melding, the household's plan, her own
    decision; none of Kees's notes, scores, melding, drafts or decision, and who looked."""
    fenna = next(m for m in household.members if m.first_name == "Fenna")
    kees = next(m for m in household.members if m.first_name == "Kees")
    mine = {
        fenna.id: ("Fenna vraagt hulp bij de trap", "Fenna heeft pijn in de knie", "breit graag"),
        kees.id: ("Kees vraagt om rust", "Kees heeft schulden bij de bank", "vist graag"),
    }
    for person_id, (question, notes, strengths) in mine.items():
        asked = dataclasses.replace(melding(), question=question, asked_by=person_id)
        view = intake.register_request(ctx, household.id, asked)
        intake.save_assessment(
            ctx,
            view.request_id,
            AssessmentInput(person_id, [Score("finances", 4, notes)], strengths=strengths),
        )
    drafts.keep(
        ctx,
        f"assessment:{household.id}",
        {"notes": "Kees zijn concept: drinkt te veel"},
        "Gesprek",
        household.id,
    )
    households.reveal_bsn(ctx, kees.id)
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, household.id)
    issue(decider, plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household)))
    looker = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="annemiek"))
    households.get_household(looker, household.id)

    data, pdf = access.access_files(ctx, fenna.id)
    exported, text = json.loads(data), _pdf_text(pdf)
    for shown in (data, text):
        for kept in mine[fenna.id]:
            assert kept in shown
        for housemates in (*mine[kees.id], "drinkt te veel"):
            assert housemates not in shown
    assert {row["person_id"] for row in exported["records"]["assessment"]} == {str(fenna.id)}
    assert len(exported["records"]["assessment_score"]) == 1
    assert {row["person_id"] for row in exported["records"]["decision"]} == {str(fenna.id)}
    assert len(exported["records"]["goal"]) == 3  # the household's plan concerns her too
    assert "form_draft" not in exported["records"]
    assert "Zamenhofdreef" in text  # the address is hers as well
    assert "uw BSN bekeken" not in text  # it was Kees's BSN that was shown
    assert {e["worker"] for e in exported["access_log"]} >= {"annemiek", "cm", "gm"}
    assert "heeft annemiek uw dossier bekeken" in text
    # What AVG art. 15 also requires: purposes, recipients, how long, rights, where to complain.
    for told in ("Waarom wij uw gegevens hebben", "Wie ze krijgt", "Na een plan of voorziening"):
        assert told in text
    assert "15 jaar" in text and "Autoriteit Persoonsgegevens" in text and "Uw rechten" in text

    kees_data = access.access_files(ctx, kees.id)[0]
    assert "Kees heeft schulden bij de bank" in kees_data
    assert "Fenna heeft pijn in de knie" not in kees_data


def test_every_table_about_a_person_has_an_access_rule():
    """A new table that refers to a household or a person must be placed in access.SCOPE
    (included for the person, shared, or left out): it is never exported whole by default."""
    about_someone = {
        table.name
        for table in metadata.sorted_tables
        if {"household_id", "person_id"} & set(table.c.keys())
        and table.name not in ("household", "person", "audit_log")
    }
    assert about_someone <= set(access.SCOPE)
