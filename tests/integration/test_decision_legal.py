"""A printed beschikking names its legal basis and holds the whole remedies clause, with an
objection deadline moved by the Algemene termijnenwet (read back from the PDF)."""

import dataclasses
import datetime as dt

from tests.conftest import make_actor
from tests.integration.test_documents import pdf_text
from tests.integration.test_plans import draft_for
from triage_app.domain.accounts import Role
from triage_app.services import objections, plans, printing, settings


def issue_sent_on(ctx, household, send_date):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, household.id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))
    return plans.issue_version(decider, plan.draft.id, plan.draft.version, send_date, send_date)


def test_letter_names_the_law_and_the_whole_remedies_clause(ctx, household):
    # Sent on Saturday 31 October 2026: six weeks end on Saturday 12 December.
    plan = issue_sent_on(ctx, household, dt.date(2026, 10, 31))
    decision = plan.current.decisions[0]
    assert decision.objection_deadline == dt.date(2026, 12, 14)
    text, _ = pdf_text(printing.decision_pdf(ctx, decision.number))
    for sentence in (
        "Wij nemen dit besluit op grond van artikel 2.3.5 van de Wet maatschappelijke "
        "ondersteuning 2015 (Wmo 2015) en artikel 9 van de Verordening maatschappelijke "
        "ondersteuning Utrecht.",
        "Bent u het niet eens met dit besluit? Bel ons dan eerst op 14 030.",
        "Dat moet binnen 6 weken na de verzenddatum van deze brief, dus uiterlijk "
        "maandag 14 december 2026.",
        "Stuur uw bezwaar per post naar Gemeente Utrecht, team Bezwaar, Postbus 16200, "
        "3500 CE Utrecht.",
        "U kunt ook digitaal bezwaar maken via www.utrecht.nl/bezwaar.",
        "Zet in uw bezwaar: uw naam en adres, de datum, het nummer van dit besluit "
        f"({decision.number}) of een kopie van deze brief, en waarom u het niet eens bent "
        "met dit besluit. Zet uw handtekening onder uw bezwaar.",
        "Dit besluit blijft gelden zolang wij uw bezwaar behandelen.",
        "Dan kunt u de voorzieningenrechter van de rechtbank Midden-Nederland vragen om een "
        "voorlopige voorziening.",
    ):
        assert sentence in text, sentence


def test_no_digital_objection_when_the_profile_has_no_address(ctx, household):
    admin = dataclasses.replace(ctx, actor=make_actor(Role.ADMIN, username="beheer"))
    settings.save_profile(admin, {"objection_address": {"online": ""}})
    plan = issue_sent_on(ctx, household, dt.date(2026, 11, 24))
    text, _ = pdf_text(printing.decision_pdf(ctx, plan.current.decisions[0].number))
    assert "digitaal bezwaar" not in text
    assert "uiterlijk dinsdag 5 januari 2027" in text


def test_objection_on_the_monday_after_a_saturday_end_is_on_time(ctx, household):
    plan = issue_sent_on(ctx, household, dt.date(2026, 10, 31))
    decision = plan.current.decisions[0]
    cm = dataclasses.replace(
        ctx, actor=make_actor(Role.CASEMANAGER, username="cm"), today=lambda: dt.date(2026, 12, 20)
    )
    objections.record_objection(cm, decision.id, dt.date(2026, 12, 14))
    view = plans.get_plan(cm, household.id).current.decisions[0]
    assert view.objections[0].on_time
