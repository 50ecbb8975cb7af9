"""Hand-over casemanager -> decider: offer ter besluitvorming, lock, send back, issue; roles."""

import dataclasses

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tests.integration.test_plans import issue, saved_draft
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, InvalidValue, NotAllowed
from triage_app.services import handover, plans
from triage_app.store.plan_tables import PlanHandover
from triage_app.store.tables import AuditLog, Worker


@pytest.fixture
def workers(store):
    with store.write() as session:
        for username, name, roles, active in (
            ("cm", "Carla Mulder", "casemanager", True),
            ("gm", "Gert Mandema", "decider", True),
            ("gm2", "Anna de Vries", "casemanager,decider", True),
            ("oud", "Oud Gemandateerde", "decider", False),
            ("in", "Ineke Intake", "intake", True),
        ):
            session.add(
                Worker(
                    username=username,
                    display_name=name,
                    roles=roles,
                    active=active,
                    password_hash="",
                )
            )


def as_(ctx, username, *roles):
    return dataclasses.replace(ctx, actor=make_actor(*roles, username=username))


@pytest.fixture
def cm(ctx, workers):
    return as_(ctx, "cm", Role.CASEMANAGER)


@pytest.fixture
def gm(ctx, workers):
    return as_(ctx, "gm", Role.DECIDER)


@pytest.fixture
def gm2(ctx, workers):
    return as_(ctx, "gm2", Role.DECIDER)


def test_deciders_lists_active_workers_with_the_decider_role(cm):
    assert handover.deciders(cm) == [("gm2", "Anna de Vries"), ("gm", "Gert Mandema")]


def test_offer_locks_the_draft_until_sent_back_with_a_note(cm, gm, household, store):
    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, "gm", "Graag voor vrijdag.")
    offered = plan.draft.handover
    assert (offered.status, offered.offered_to, offered.offered_by, offered.note) == (
        "open",
        "Gert Mandema",
        "Carla Mulder",
        "Graag voor vrijdag.",
    )
    with pytest.raises(DomainError, match="ligt ter besluitvorming bij Gert Mandema"):
        plans.save_draft(cm, plan.draft.id, plan.draft.version, plan.draft.draft)
    with pytest.raises(DomainError, match="ligt ter besluitvorming"):
        handover.offer(cm, plan.draft.id, None, None)
    with pytest.raises(InvalidValue, match="Schrijf op wat de casemanager"):
        handover.send_back(gm, plan.draft.id, "  ")
    plan = handover.send_back(gm, plan.draft.id, "De omvang klopt niet met het verslag.")
    back = plan.draft.handover
    assert (back.status, back.returned_by, back.return_note) == (
        "sent_back",
        "Gert Mandema",
        "De omvang klopt niet met het verslag.",
    )
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, plan.draft.draft)  # unlocked
    with store.read() as session:
        logged = session.exec(select(AuditLog).where(AuditLog.object_type == "plan_version")).all()
        details = " ".join(row.details for row in logged)
    assert "ter besluitvorming aangeboden aan Gert Mandema" in details
    assert "teruggestuurd naar de casemanager" in details


def test_issuing_closes_the_offer(cm, gm, household, store):
    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, handover.POOL, "")
    assert plan.draft.handover.offered_to is None
    plan = issue(gm, plan)
    assert plan.draft is None
    assert plan.current.handover.status == "issued"
    with store.read() as session:
        assert session.exec(select(PlanHandover.status)).all() == ["issued"]


def test_an_intake_worker_cannot_offer(ctx, workers, cm, household):
    plan = saved_draft(cm, household)
    intake = as_(ctx, "in", Role.INTAKE)
    with pytest.raises(NotAllowed, match="rol casemanager"):
        handover.offer(intake, plan.draft.id, plan.draft.version, "gm")


def test_a_casemanager_cannot_issue_nor_send_back(cm, household):
    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, "gm")
    with pytest.raises(NotAllowed):
        issue(cm, plan)
    with pytest.raises(NotAllowed):
        handover.send_back(cm, plan.draft.id, "Toch niet.")
    assert plans.get_plan(cm, household.id).current is None


def test_only_the_named_decider_takes_a_plan_offered_to_them(cm, gm, gm2, household):
    """Decided: an offer to a named decider is theirs alone; another decider sees who holds it
    and can neither issue it nor send it back. An offer to the pool is for any decider."""
    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, "gm")
    with pytest.raises(NotAllowed, match="aangeboden aan Gert Mandema"):
        issue(gm2, plan)
    with pytest.raises(NotAllowed, match="aangeboden aan Gert Mandema"):
        handover.send_back(gm2, plan.draft.id, "Ik neem hem over.")
    assert plans.get_plan(gm, household.id).draft.handover.open
    plan = handover.send_back(gm, plan.draft.id, "Graag de lichtere hulp uitwerken.")
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, None, "Nu voor de pool.")
    plan = issue(gm2, plan)
    assert plan.current.decisions[0].decided_by_name == "Gm2"


def test_offer_only_to_an_active_decider(cm, household):
    plan = saved_draft(cm, household)
    for who in ("oud", "in", "niemand"):
        with pytest.raises(InvalidValue, match="Kies een gemandateerde"):
            handover.offer(cm, plan.draft.id, plan.draft.version, who)


def _offered(ctx, worker=None):
    from triage_app.services import work_queue

    return [
        (i.kind.value, i.worker, i.detail)
        for i in work_queue.work_queue(ctx, worker)
        if i.kind.value in ("decision_offered", "plan_sent_back")
    ]


def test_the_queue_shows_offers_to_the_named_decider_the_pool_and_sent_back_drafts(
    ctx, cm, gm, gm2, household
):
    import datetime as dt

    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, "gm", "Spoed graag.")
    later = dataclasses.replace(gm, today=lambda: ctx.today() + dt.timedelta(days=3))
    wait = "wacht 3 dagen, plan versie 1: Spoed graag."
    assert _offered(later, "gm") == [("decision_offered", "Gert Mandema", wait)]
    assert _offered(later, "gm2") == []  # offered to someone else
    assert _offered(later) == [("decision_offered", "Gert Mandema", wait)]  # team scope shows all
    plan = handover.send_back(gm, plan.draft.id, "Omvang ontbreekt.")
    assert _offered(gm, "gm") == []
    assert _offered(cm, "cm") == [
        ("plan_sent_back", "Carla Mulder", "teruggestuurd: Omvang ontbreekt.")
    ]
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, handover.POOL)
    assert _offered(cm, "cm") == []  # offered again: no longer sent back
    pool = "wacht sinds vandaag, plan versie 1 (pool)"
    for decider, name in (("gm", "Gert Mandema"), ("gm2", "Anna de Vries")):
        assert _offered(gm, decider) == [("decision_offered", name, pool)]
    assert _offered(gm, "in") == []  # an intake worker takes no decisions
    assert _offered(gm) == [("decision_offered", "", pool)]


def pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_preview_shows_every_letter_the_issue_would_print_and_stores_nothing(
    ctx, cm, gm, household, store
):
    import datetime as dt

    from triage_app.services.issue_preview import issue_preview_pdf
    from triage_app.store.plan_tables import Decision

    plan = saved_draft(cm, household)
    plan = handover.offer(cm, plan.draft.id, plan.draft.version, "gm")
    today = ctx.today()
    pdf = issue_preview_pdf(gm, plan.draft.id, today, today + dt.timedelta(days=1))
    text = pdf_text(pdf)
    assert "CONCEPT - nog niet vastgesteld, niet versturen" in text
    assert text.count("Besluit CONCEPT") >= 2  # a letter for Fenna and one for Kees
    for name in ("Fenna Zwanenburg", "Kees Zwanenburg"):
        assert name in text
    assert "U kunt door uw dementie overdag niet meer alleen zijn." in text
    assert "Ondersteuningsplan" in text and "concept, nog niet vastgesteld" in text
    with store.read() as session:
        assert session.exec(select(Decision)).all() == []
    plan = issue(gm, plans.get_plan(gm, household.id))
    assert {d.addressee for d in plan.current.decisions} <= {"Fenna Zwanenburg", "Kees Zwanenburg"}


def test_the_preview_prints_the_plan_as_the_issue_will_with_the_mantelzorg(ctx, cm, gm, household):
    """The preview's plan is the same document the print makes, the carer's load included."""
    import datetime as dt

    from tests.integration.test_documents import intake_done, pdf_text
    from triage_app.domain.intake import AssessmentInput, CarerLoad, Score
    from triage_app.services import intake
    from triage_app.services.issue_preview import issue_preview_pdf

    request_id = intake_done(ctx, household)
    fenna = next(m for m in household.members if m.first_name == "Fenna")
    intake.save_assessment(
        ctx,
        request_id,
        AssessmentInput(
            fenna.id,
            [Score("social_network", 3, "weinig contact")],
            carers="Kees (partner)",
            carer_load=CarerLoad.OVERBURDENED,
        ),
        complete=True,
    )
    plan = saved_draft(cm, household)
    today = ctx.today()
    text, _ = pdf_text(issue_preview_pdf(gm, plan.draft.id, today, today + dt.timedelta(days=1)))
    assert "De mantelzorger is overbelast: de zorg is te zwaar geworden." in text
