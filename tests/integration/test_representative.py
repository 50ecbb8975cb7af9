"""A resident's representative: recorded with name and address (audit-logged, Dutch messages
for bad input), and a beschikking addressed to a curator or mentor at their own address, with
a copy to a bewindvoerder only when money is involved (read back from the PDF)."""

import dataclasses
import json

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.errors import ValidationFailed
from triage_app.domain.representative import RepresentativeInput, RepresentativeKind
from triage_app.services import plans, printing, representatives
from triage_app.store.tables import AuditLog

CURATOR = RepresentativeInput(
    kind="curator",
    form="heer",
    name="Jan de Vries",
    street="Oudegracht 140",
    postcode="3511az",
    city="Utrecht",
)


@pytest.fixture
def casemanager(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))


@pytest.fixture
def decider(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))


def fenna(household):
    return household.members[1]


def issued(casemanager, decider, household, **fenna_provision):
    plan = plans.start_plan(casemanager, household.id)
    draft = draft_for(household)
    first = dataclasses.replace(draft.provisions[0], **fenna_provision)
    draft = dataclasses.replace(draft, provisions=[first, *draft.provisions[1:]])
    plan = plans.save_draft(casemanager, plan.draft.id, plan.draft.version, draft)
    return issue(decider, plan)


def test_recorded_with_name_and_address_and_logged(ctx, casemanager, household):
    saved = representatives.set_representative(casemanager, fenna(household).id, CURATOR)
    assert saved.kind == RepresentativeKind.CURATOR and saved.postcode == "3511 AZ"
    assert representatives.get_representative(ctx, fenna(household).id) == saved
    assert representatives.get_representative(ctx, household.members[0].id) is None
    with ctx.store.read() as session:
        logged = [
            json.loads(row.details)
            for row in session.exec(
                select(AuditLog)
                .where(AuditLog.object_id == str(fenna(household).id))
                .order_by(AuditLog.seq)
            )
        ]
    assert logged[-1]["what"] == "vertegenwoordiger: curator Jan de Vries"
    representatives.set_representative(casemanager, fenna(household).id, None)
    assert representatives.get_representative(ctx, fenna(household).id) is None


def test_bad_input_gets_dutch_messages_and_writes_nothing(ctx, casemanager, household):
    representatives.set_representative(casemanager, fenna(household).id, CURATOR)
    bad = RepresentativeInput(kind="", form="heer", name=" ", street="", postcode="12", city="")
    with pytest.raises(ValidationFailed) as raised:
        representatives.set_representative(casemanager, fenna(household).id, bad)
    assert raised.value.errors == {
        "kind": "Kies wat voor vertegenwoordiger het is.",
        "name": "Vul de naam van de vertegenwoordiger in.",
        "street": "Vul de straat en het huisnummer in.",
        "postcode": "Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3511 AB.",
        "city": "Vul de plaats in.",
    }
    assert representatives.get_representative(ctx, fenna(household).id).name == "Jan de Vries"


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("curator", "curator"),
        ("mentor", "mentor"),
        ("authorised", "gemachtigde"),
        ("parent", "ouder met gezag"),
    ],
)
def test_a_decision_goes_to_the_curator_or_mentor(
    ctx, casemanager, decider, household, kind, label
):
    representatives.set_representative(
        casemanager, fenna(household).id, dataclasses.replace(CURATOR, kind=kind)
    )
    plan = issued(casemanager, decider, household)
    decision = next(d for d in plan.current.decisions if d.person_id == fenna(household).id)
    assert decision.addressee == "Jan de Vries"
    text, _ = pdf_text(printing.decision_pdf(ctx, decision.number))
    assert (
        f"Aan de heer Jan de Vries, {label} van Fenna Zwanenburg. Dit besluit gaat over "
        f"Fenna Zwanenburg. Wij sturen deze brief aan u, omdat u de {label} van Fenna "
        "Zwanenburg bent." in text
    )
    assert "De heer Jan de Vries Oudegracht 140 3511 AZ UTRECHT" in text  # the envelope
    assert "Zamenhofdreef" not in text  # not to the resident's own address
    kees = next(d for d in plan.current.decisions if d.person_id != fenna(household).id)
    kees_text, _ = pdf_text(printing.decision_pdf(ctx, kees.number))
    assert "Zamenhofdreef 12" in kees_text and "Jan de Vries" not in kees_text


def test_a_bewindvoerder_gets_a_copy_only_when_money_is_involved(
    ctx, casemanager, decider, household
):
    representatives.set_representative(
        casemanager,
        fenna(household).id,
        dataclasses.replace(CURATOR, kind="administrator", form="mevrouw", name="Anna Smit"),
    )
    copy = (
        "Een kopie van deze brief gaat naar mevrouw Anna Smit, bewindvoerder van Fenna "
        "Zwanenburg, Oudegracht 140, 3511 AZ Utrecht. Dit besluit gaat ook over geld."
    )
    granted = issued(casemanager, decider, household)
    decision = next(d for d in granted.current.decisions if d.person_id == fenna(household).id)
    assert decision.addressee == "Fenna Zwanenburg"
    text, _ = pdf_text(printing.decision_pdf(ctx, decision.number))
    assert copy in text
    assert "Zamenhofdreef 12" in text  # the letter itself goes to Fenna
    batch, _ = pdf_text(printing.lay_out_decisions(ctx, [decision.number]))
    envelopes = "Fenna Zwanenburg Zamenhofdreef 12", "Mevrouw Anna Smit Oudegracht 140 3511 AZ"
    assert all(envelope in batch for envelope in envelopes)  # the letter and her copy
    assert f"Kopie van besluit {decision.number} Pagina 1 van" in batch


def test_no_copy_to_the_bewindvoerder_of_a_refusal(ctx, casemanager, decider, household):
    representatives.set_representative(
        casemanager,
        fenna(household).id,
        dataclasses.replace(CURATOR, kind="administrator", form="mevrouw", name="Anna Smit"),
    )
    refused = issued(casemanager, decider, household, granted=False)
    decision = next(d for d in refused.current.decisions if d.person_id == fenna(household).id)
    text, _ = pdf_text(printing.decision_pdf(ctx, decision.number))
    assert "Anna Smit" not in text


def test_an_issued_decision_keeps_its_address(ctx, casemanager, decider, household):
    plan = issued(casemanager, decider, household)
    decision = next(d for d in plan.current.decisions if d.person_id == fenna(household).id)
    before = pdf_text(printing.decision_pdf(ctx, decision.number))[0]
    representatives.set_representative(casemanager, fenna(household).id, CURATOR)
    assert pdf_text(printing.decision_pdf(ctx, decision.number))[0] == before


def test_the_inzage_names_the_representative(ctx, casemanager, household):
    from triage_app.services import access

    representatives.set_representative(casemanager, fenna(household).id, CURATOR)
    export = access.export_person(casemanager, fenna(household).id)
    own = dict(export.sections)["Uw gegevens"]
    assert "Vertegenwoordiger: curator de heer Jan de Vries, Oudegracht 140, 3511 AZ Utrecht" in own
    assert '"representative_name": "Jan de Vries"' in export.json
