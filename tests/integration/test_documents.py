"""Printed beschikkingen and plans, read back from the PDF: every legal element, the right
addressee, page numbers, and long content that still lays out."""

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for, issue, rewritten
from triage_app.domain.accounts import Role
from triage_app.domain.plan import GoalData, Performer
from triage_app.services import plans, printing


def pdf_text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), reader  # lines wrap where the layout wants


@pytest.fixture
def issued(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(
        ctx,
        actor=dataclasses.replace(
            make_actor(Role.DECIDER, username="gm"), display_name="Gea Mandaat"
        ),
    )
    plan = plans.start_plan(cm, household.id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))
    return issue(decider, plan)


def test_decision_letter_holds_every_legal_element(ctx, issued):
    decision = next(d for d in issued.current.decisions if d.addressee == "Fenna Zwanenburg")
    text, reader = pdf_text(printing.decision_pdf(ctx, decision.number))
    for element in (
        "Fenna Zwanenburg",
        "Zamenhofdreef 12",
        "3562 AB UTRECHT",  # name and address
        decision.number,
        "23 november 2026",  # number and date
        "Dagbesteding / dagactiviteiten",  # nature (aard)
        "3 dagdelen per week",  # extent (omvang)
        "van 1 december 2026 tot en met 30 november 2027",  # duration (duur)
        "Zorg in natura",
        "Careyn Dagbesteding",  # form of delivery, provider
        "dementie overdag niet meer alleen",  # motivation
        "Waarom lichtere hulp niet genoeg is",
        "buurthuisgroep",
        "€ 21,80",  # personal contribution
        "binnen 6 weken",
        "bezwaar",  # objection clause
        "Gea Mandaat, gemandateerd medewerker",  # who decided under mandate
        "beschikking: een officieel besluit",  # the term explained
    ):
        assert element in text, element
    assert "Pagina 1 van" in text and f"Besluit {decision.number}" in text
    assert reader.metadata.title == "Besluit over uw aanvraag voor ondersteuning"
    assert reader.metadata.author == "Gemeente Utrecht"  # no personal data
    assert "Zwanenburg" not in str(reader.metadata)


def test_changed_decision_says_what_it_replaces(ctx, household, issued):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    draft = plans.new_version(cm, issued.id, "Een dagdeel meer").draft
    more = dataclasses.replace(draft.draft.provisions[0], volume=4)
    changed = dataclasses.replace(draft.draft, provisions=[more, *draft.draft.provisions[1:]])
    plan = plans.save_draft(cm, draft.id, draft.version, rewritten(changed))
    new = issue(decider, plan).current.decisions[0]
    text, _ = pdf_text(printing.decision_pdf(ctx, new.number))
    assert f"vervangt ons eerdere besluit met nummer {new.replaces_number}" in text


def test_large_print_is_at_least_14_points(ctx, issued):
    number = issued.current.decisions[0].number
    _, reader = pdf_text(printing.decision_pdf(ctx, number, large_print=True))
    sizes = set()

    def visitor(text, cm, tm, font_dict, font_size):  # noqa: ARG001
        if text.strip():
            sizes.add(round(font_size * tm[0]))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    body = [s for s in sizes if s >= 12]
    assert min(body) >= 14


def test_plan_with_long_names_and_twenty_goals_lays_out(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    plan = plans.start_plan(cm, household.id)
    long_name = "Wilhelmina-Alexandra Johanna Cornelia " * 3
    goals = [
        GoalData(
            ["finances", "housing", "mental_health", "social_network"][i % 4],
            f"Doel {i + 1}: {long_name}bereikt een stabiele situatie",
            "Gesprekken, begeleiding en afspraken met het netwerk " * 2,
            Performer.NETWORK,
            f"Wijkteam {i + 1}",
            TODAY + dt.timedelta(days=30 * i),
        )
        for i in range(20)
    ]
    draft = dataclasses.replace(draft_for(household), goals=goals, provisions=[], applications=[])
    plans.save_draft(cm, plan.draft.id, plan.draft.version, draft)
    text, reader = pdf_text(printing.plan_pdf(ctx, household.id))
    flat = text
    for i in range(20):
        assert f"Doel {i + 1}:" in flat
    assert "Wijkteam 20" in flat
    assert len(reader.pages) >= 2
    assert f"Pagina {len(reader.pages)} van {len(reader.pages)}" in text
    assert "concept, nog niet vastgesteld" in text


def test_plan_carries_its_decisions(ctx, household, issued):
    text, _ = pdf_text(printing.plan_pdf(ctx, household.id))
    assert "Ondersteuningsplan — Huishouden Zwanenburg" in text
    assert "Financiën" in text and "Kees houdt het vol" in text
    for decision in issued.current.decisions:
        assert decision.number in text


def test_batch_of_decisions_one_pdf_each_letter_numbered(ctx, issued):
    numbers = printing.decisions_issued_on(ctx, TODAY)
    assert numbers == ["B-2026-000001", "B-2026-000002"]
    seen = []
    pdf = printing.decisions_pdf(ctx, numbers, progress=lambda d, t: seen.append((d, t)))
    text, reader = pdf_text(pdf)
    assert "Fenna Zwanenburg" in text and "Kees Zwanenburg" in text
    assert text.count("Pagina 1 van") == 2
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert printing.decisions_pdf(ctx, numbers, cancelled=lambda: True) is None


def test_assessment_report_and_referral_letter(ctx, household):
    from tests.unit.test_triage_rules import FULL
    from triage_app.domain.intake import (
        AssessmentInput,
        Channel,
        RequestInput,
        Route,
        Score,
        Source,
    )
    from triage_app.services import intake

    fenna = next(m for m in household.members if m.first_name == "Fenna")
    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            dt.date(2026, 11, 2),
            Source.RESIDENT,
            Channel.DESK,
            "Ik vergeet steeds meer",
            asked_by=fenna.id,
            consent="Mag gedeeld worden met het buurthuis",
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    intake.save_assessment(
        ctx,
        view.request_id,
        AssessmentInput(
            fenna.id,
            [Score("social_network", 3, "weinig contact")],
            strengths="Kookt graag",
            wishes="Thuis blijven wonen",
        ),
        complete=True,
    )
    intake.decide_route(ctx, view.request_id, Route.SPECIALIST, FULL)
    text, _ = pdf_text(printing.assessment_report_pdf(ctx, view.request_id))
    for element in (
        "Verslag van ons gesprek",
        "Fenna Zwanenburg",
        "2 november 2026",
        "Ik vergeet steeds meer",
        "Sociaal netwerk",
        "Beperkt zelfredzaam",
        "weinig contact",
        "Kookt graag",
        "specialistisch",
        "Pagina 1 van",
    ):
        assert element in text, element

    referral = intake.create_referral(
        ctx, view.request_id, "Buurthuis De Dreef", TODAY + dt.timedelta(days=7), "SB02"
    )
    text, _ = pdf_text(printing.referral_letter_pdf(ctx, referral))
    assert "Verwijzing naar Buurthuis De Dreef" in text and "Koffieochtend" in text
    assert "Ik vergeet steeds meer" in text  # consent given: the question is shared


def test_referral_letter_without_consent_shares_nothing_more(ctx, household):
    from triage_app.domain.intake import Channel, RequestInput, Source
    from triage_app.services import intake

    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            TODAY,
            Source.RESIDENT,
            Channel.PHONE,
            "Geheime vraag over schulden",
            asked_by=household.members[0].id,
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    referral = intake.create_referral(ctx, view.request_id, "Buurtteam Geld", TODAY, "SB01")
    text, _ = pdf_text(printing.referral_letter_pdf(ctx, referral))
    assert "Geheime vraag" not in text and "geen toestemming" in text
