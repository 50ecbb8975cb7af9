"""Acute meldingen come first in the work queue (mine and the team's), and minors turning 18
within a year show as work for the worker who holds the household."""

import dataclasses
import datetime as dt

from sqlmodel import select

from tests.conftest import TODAY, make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.domain.intake import AssessmentInput, Outcome, RequestInput, Score, Source
from triage_app.domain.intake import Channel as By
from triage_app.domain.values import format_date
from triage_app.domain.work_queue import Urgency, WorkKind, cells
from triage_app.services import households, intake, plans, work_queue
from triage_app.store.tables import AuditLog

FRIDAY = dt.date(2026, 11, 20)  # TODAY is Monday 23 November 2026


def _home(ctx, n: int, *members: tuple[str, dt.date]):  # type: ignore[no-untyped-def]
    people = [
        PersonInput(
            first_name=first,
            last_name=f"Bakker{n}",
            birth_date=format_date(born),
            role=MemberRole.MAIN if i == 0 else MemberRole.CHILD,
        )
        for i, (first, born) in enumerate(members or (("Ans", dt.date(1960, 1, 1)),))
    ]
    return households.register_household(
        ctx,
        HouseholdInput(
            street="Drift",
            house_number=str(n),
            postcode="3512 BS",
            city="Utrecht",
            district="Binnenstad",
            members=people,
        ),
    )


def _melding(ctx, home, day: dt.date, urgent: bool = False):  # type: ignore[no-untyped-def]
    return intake.register_request(
        ctx,
        home.id,
        RequestInput(
            day,
            Source.RESIDENT,
            By.DESK,
            "Ik krijg de huur niet betaald",
            urgent=urgent,
            asked_by=home.members[0].id,
            told_client_support=True,
            told_personal_plan=True,
        ),
    )


def _worker(ctx, name: str, role: Role = Role.INTAKE):  # type: ignore[no-untyped-def]
    return dataclasses.replace(ctx, actor=make_actor(role, username=name))


def test_an_acute_melding_is_first_in_my_work_and_the_team_s(ctx):
    ilse = _worker(ctx, "ilse")
    late = _home(ilse, 1)
    _melding(ilse, late, TODAY - dt.timedelta(weeks=7))  # onderzoek 7 days late
    ticked = _home(ilse, 2)
    _melding(ilse, ticked, FRIDAY, urgent=True)
    scored = _home(ilse, 3)
    view = _melding(ilse, scored, TODAY - dt.timedelta(days=1))
    intake.save_assessment(
        ilse,
        view.request_id,
        AssessmentInput(scored.members[0].id, [Score("housing", 1), Score("finances", 3)]),
    )
    noted = _home(_worker(ctx, "piet"), 4)
    other = _melding(_worker(ctx, "piet"), noted, TODAY - dt.timedelta(days=2))
    intake.save_assessment(
        _worker(ctx, "piet"),
        other.request_id,
        AssessmentInput(
            noted.members[0].id, [Score("social_network", 3, "Dreigt dakloos te raken")]
        ),
    )

    for scope in ("ilse", None):
        items = work_queue.work_queue(ilse if scope else ctx, scope)
        acute = [i for i in items if i.kind == WorkKind.ACUTE_MELDING]
        assert items[: len(acute)] == acute, "acute work is on top"
        assert {i.dossier_number for i in acute} == {
            ticked.dossier_number,
            scored.dossier_number,
        } | (set() if scope else {noted.dossier_number})
        assert all(i.urgency(TODAY) == Urgency.ACUTE for i in acute)
        rest = [i.urgency(TODAY) for i in items[len(acute) :]]
        assert rest == sorted(rest) and rest[0] == Urgency.LATE  # the late onderzoek next
    first = work_queue.work_queue(ilse, "ilse")[0]
    # Ticked on Friday: one working day is Monday (today).
    assert cells(first, TODAY)[:4] == ("Acuut", "vandaag", "23-11-2026", "Acute melding")
    assert first.detail == "Acuut: spoed; melding van 20-11-2026"
    second = work_queue.work_queue(ilse, "ilse")[1]
    assert second.detail.startswith("Acuut: Huisvesting;") and second.worker == "ilse"


def test_a_closed_acute_melding_leaves_the_queue_and_the_viewing_is_logged(ctx):
    home = _home(ctx, 5)
    view = _melding(ctx, home, TODAY, urgent=True)
    assert [i.kind for i in work_queue.work_queue(ctx)] == [
        WorkKind.ACUTE_MELDING,
        WorkKind.ONDERZOEK_DUE,
    ]
    intake.close_request(ctx, view.request_id, Outcome.HELPED_DIRECTLY)
    assert work_queue.work_queue(ctx) == []
    with ctx.store.read() as session:
        logged = session.exec(select(AuditLog).where(AuditLog.object_type == "work_queue")).all()
    assert len(logged) == 2 and all(row.action == "viewed" for row in logged)
    assert '"werk van het team"' in logged[0].details and '"scherm"' in logged[0].details


def _months_before(day: dt.date, years: int, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - years * 12 - months
    return dt.date(index // 12, index % 12 + 1, day.day)


def test_a_member_of_17_years_8_months_is_work_one_of_16_is_not(ctx):
    ilse = _worker(ctx, "ilse")
    sanne_born = _months_before(TODAY, 17, 8)  # 23 March 2009: 18 on 23 March 2027
    home = _home(
        ilse,
        6,
        ("Ans", dt.date(1975, 2, 1)),
        ("Sanne", sanne_born),
        ("Tim", _months_before(TODAY, 16, 0)),
        ("Eva", _months_before(TODAY, 18, 0)),  # 18 today: an adult already
    )
    lonely = _home(ctx, 7, ("Bert", dt.date(1970, 1, 1)), ("Noor", _months_before(TODAY, 17, 11)))

    team = [i for i in work_queue.work_queue(ctx) if i.kind == WorkKind.TURNING_18]
    assert [(i.dossier_number, i.due) for i in team] == [
        (lonely.dossier_number, dt.date(2026, 12, 23)),
        (home.dossier_number, dt.date(2027, 3, 23)),
    ]
    assert team[1].detail == "Wordt 18 op 23 maart 2027 (Sanne Bakker6)"
    assert cells(team[1], TODAY)[3] == "Wordt 18"
    assert team[0].worker == ""  # no melding, no plan: the team's

    assert work_queue.work_queue(ilse, "ilse") == []  # the household is not hers yet
    _melding(ilse, home, TODAY - dt.timedelta(days=3))
    mine = [i for i in work_queue.work_queue(ilse, "ilse") if i.kind == WorkKind.TURNING_18]
    assert [i.detail for i in mine] == ["Wordt 18 op 23 maart 2027 (Sanne Bakker6)"]

    cm = _worker(ctx, "cm", Role.CASEMANAGER)
    plans.start_plan(cm, home.id)  # the casemanager of the plan holds it now
    assert [i.kind for i in work_queue.work_queue(cm, "cm")] == [WorkKind.TURNING_18]
    assert not any(i.kind == WorkKind.TURNING_18 for i in work_queue.work_queue(ilse, "ilse"))
