"""What a beschikking adds for the case at hand: the pgb rules, the eigen bijdrage as a rule
(none for a minor), and a child's decision addressed to the parents (read from the PDF)."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.domain.plan import ApplicationData, DeliveryForm
from triage_app.services import households, plans, printing


@pytest.fixture
def casemanager(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))


@pytest.fixture
def decider(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))


def issued(casemanager, decider, household, draft):
    plan = plans.start_plan(casemanager, household.id)
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, draft)
    return issue(decider, plan)


def letter(ctx, plan, name):
    decision = next(d for d in plan.current.decisions if name in d.addressee)
    return pdf_text(printing.decision_pdf(ctx, decision.number))[0]


def test_pgb_letter_holds_the_pgb_rules(ctx, casemanager, decider, household):
    draft = draft_for(household)
    pgb = dataclasses.replace(
        draft.provisions[0],
        delivery_form=DeliveryForm.PGB,
        pgb_amount=Decimal("412.50"),
        choice_notes="U wilt zelf kiezen wie u helpt.",
    )
    plan = issued(
        casemanager,
        decider,
        household,
        dataclasses.replace(draft, provisions=[pgb, *draft.provisions[1:]]),
    )
    text = letter(ctx, plan, "Fenna")
    for sentence in (
        "Regels voor uw persoonsgebonden budget (pgb)",
        "U hebt gekozen voor een pgb. Daarmee regelt u de ondersteuning zelf. U wilt zelf "
        "kiezen wie u helpt.",
        "De Sociale Verzekeringsbank (SVB) beheert het budget voor u en betaalt uw "
        "zorgverlener (trekkingsrecht).",
        "U sluit met uw zorgverlener een zorgovereenkomst.",
        "U maakt een budgetplan",
        "U mag het budget alleen gebruiken voor de ondersteuning in dit besluit.",
        "Dan kunnen wij dat geld terugvragen.",
        "€ 412,50",
        "Het persoonsgebonden budget geven wij op grond van artikel 2.3.6 van de Wmo 2015 en "
        "artikel 10 van de Verordening maatschappelijke ondersteuning Utrecht.",
    ):
        assert sentence in text, sentence
    assert "Regels voor uw persoonsgebonden budget" not in letter(ctx, plan, "Kees")


def test_contribution_is_a_rule_of_the_cak(ctx, casemanager, decider, household):
    text = letter(ctx, issued(casemanager, decider, household, draft_for(household)), "Fenna")
    assert (
        "Voor deze ondersteuning betaalt u een eigen bijdrage. Het CAK stelt vast hoeveel u "
        "betaalt en stuurt u de rekening. U betaalt maximaal € 21,80 per maand per huishouden "
        "(het abonnementstarief in 2026)." in text
    )


def test_a_childs_decision_goes_to_the_parents_without_contribution(ctx, casemanager, decider):
    family = households.register_household(
        ctx,
        HouseholdInput(
            street="Zamenhofdreef",
            house_number="14",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(first_name="Sanne", last_name="Bakker", birth_date="03-03-1985"),
                PersonInput(
                    first_name="Tom",
                    last_name="Bakker",
                    birth_date="09-09-1984",
                    role=MemberRole.PARTNER,
                ),
                PersonInput(
                    first_name="Lotte",
                    last_name="Bakker",
                    birth_date="01-06-2013",
                    role=MemberRole.CHILD,
                ),
            ],
        ),
    )
    child = next(m for m in family.members if m.first_name == "Lotte")
    draft = draft_for_child(family, child)
    plan = issued(casemanager, decider, family, draft)
    [decision] = plan.current.decisions
    assert decision.addressee == "Sanne Bakker en Tom Bakker"
    assert decision.contribution is None
    text = pdf_text(printing.decision_pdf(ctx, decision.number))[0]
    assert "Beste Sanne Bakker en Tom Bakker," in text
    assert (
        "Dit besluit gaat over Lotte Bakker, geboren op 1 juni 2013. Omdat Lotte Bakker jonger "
        "is dan 18 jaar, sturen wij deze brief aan de ouders." in text
    )
    assert (
        "Voor ondersteuning aan een kind jonger dan 18 jaar betaalt u geen eigen bijdrage." in text
    )
    assert "abonnementstarief" not in text


def draft_for_child(family, child):
    base = draft_for_any(family)
    provision = dataclasses.replace(base.provisions[0], person_id=child.id)
    application = ApplicationData(
        child.id,
        dt.date(2026, 11, 16),
        "Lotte heeft begeleiding nodig na schooltijd.",
        "De naschoolse opvang en de familie kunnen dit niet bieden.",
        "Lotte heeft na school begeleiding nodig. U kunt dit thuis niet alleen geven.",
    )
    return dataclasses.replace(base, provisions=[provision], applications=[application])


def draft_for_any(household):
    """draft_for() expects the Zwanenburgs; borrow its goals and first provision."""

    class Stand:
        members = [
            household.members[0],
            dataclasses.replace(household.members[0], first_name="Fenna"),
        ]

    return draft_for(Stand)


def test_every_decision_names_the_case_and_whom_to_ask(ctx, casemanager, decider, household):
    """Result, aanvraag, contact (the team's phone and e-mail), the free cliëntondersteuner,
    passing on changes and privacy: printed in every letter."""
    draft = draft_for(household)
    text = " ".join(letter(ctx, issued(casemanager, decider, household, draft), "Fenna").split())
    for sentence in (
        "Over uw aanvraag",
        f"Wat u wilt bereiken: {draft.goals[0].result.strip()}",
        "Uw aanvraag hebben wij ontvangen op",
        "Uw contactpersoon is Sociaal Wijkteam. Bel 14 030 of mail naar wijkteam@utrecht.example.",
        "Stichting Cliëntondersteuning Utrecht (fictief), telefoon 030 123 45 67",
        "Wijzigingen doorgeven: verandert er iets in uw situatie",
        "Wij gebruiken uw gegevens alleen om u te helpen",
    ):
        assert sentence in text, sentence
