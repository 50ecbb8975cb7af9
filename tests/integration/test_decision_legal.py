"""A printed beschikking names its legal basis and holds the whole remedies clause, with an
objection deadline moved by the Algemene termijnenwet (read back from the PDF)."""

import dataclasses
import datetime as dt

import pytest

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


def issued_on(ctx, household, send_date, extra_days=()):
    """A decision decided and sent on ``send_date`` (the worker's today), with the
    application a week before and the support starting the day after; ``extra_days`` are
    the days a Royal Decree adds, kept in the profile (atw_extra_days)."""
    admin = dataclasses.replace(ctx, actor=make_actor(Role.ADMIN, username="beheer"))
    settings.save_profile(
        admin,
        {
            "atw_extra_days": list(extra_days),
            "personal_contribution": {"2026": 21.80, "2027": 22.40},
        },
    )
    today = dataclasses.replace(ctx, today=lambda: send_date)
    cm = dataclasses.replace(today, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(today, actor=make_actor(Role.DECIDER, username="gm"))
    draft = draft_for(household)
    start = send_date + dt.timedelta(days=1)
    draft = dataclasses.replace(
        draft,
        evaluation_date=start + dt.timedelta(days=150),
        end_date=start + dt.timedelta(days=360),
        provisions=[
            dataclasses.replace(p, start_date=start, end_date=start + dt.timedelta(days=360))
            for p in draft.provisions
        ],
        applications=[
            dataclasses.replace(a, application_date=send_date - dt.timedelta(days=7))
            for a in draft.applications
        ],
    )
    plan = plans.start_plan(cm, household.id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft)
    plan = plans.issue_version(decider, plan.draft.id, plan.draft.version, send_date, send_date)
    return plan.current.decisions[0]


@pytest.mark.parametrize(
    ("sent", "extra", "sentence"),
    [
        # Six weeks end on Saturday 13 March 2027: the term runs on to Monday.
        (dt.date(2027, 1, 30), (), "uiterlijk maandag 15 maart 2027."),
        # Goede Vrijdag 26 March 2027, then the weekend and Easter Monday.
        (dt.date(2027, 2, 12), (), "uiterlijk dinsdag 30 maart 2027."),
        # Easter Monday 29 March 2027 (tweede Paasdag).
        (dt.date(2027, 2, 15), (), "uiterlijk dinsdag 30 maart 2027."),
        # 5 May 2027 (Bevrijdingsdag, every year), then Hemelvaartsdag 6 May 2027.
        (dt.date(2027, 3, 24), (), "uiterlijk vrijdag 7 mei 2027."),
        # Hemelvaartsdag Thursday 14 May 2026, and the Friday after it added by the profile.
        (dt.date(2026, 4, 2), ("2026-05-15",), "uiterlijk maandag 18 mei 2026."),
        (dt.date(2026, 4, 2), (), "uiterlijk vrijdag 15 mei 2026."),
    ],
)
def test_printed_deadline_moves_off_weekends_and_holidays(ctx, household, sent, extra, sentence):
    decision = issued_on(ctx, household, sent, extra)
    text, _ = pdf_text(printing.decision_pdf(ctx, decision.number))
    assert ("Dat moet binnen 6 weken na de verzenddatum van deze brief, dus " + sentence) in text
