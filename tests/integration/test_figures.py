"""Figures from a known set of households: every count, share and lead time exactly, with the
period's boundaries (first and last day in, the day before out) and small counts suppressed."""

import dataclasses
import datetime as dt
import json

import pytest

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for
from tests.unit.test_triage_rules import FULL
from triage_app.domain.accounts import Role
from triage_app.domain.errors import NotAllowed
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.domain.intake import (
    AssessmentInput,
    Channel,
    Outcome,
    RequestInput,
    Route,
    Score,
    Source,
)
from triage_app.services import figures, households, intake, plans

SINCE, UNTIL = dt.date(2026, 10, 1), dt.date(2026, 10, 31)


def _household(ctx, n, district, postcode):
    return households.register_household(
        ctx,
        HouseholdInput(
            street="Teststraat",
            house_number=str(n),
            postcode=postcode,
            city="Utrecht",
            district=district,
            members=[
                PersonInput(first_name="Fenna", last_name=f"Huis{n}", birth_date="14-05-1951"),
                PersonInput(
                    first_name="Kees",
                    last_name=f"Huis{n}",
                    birth_date="02-02-1949",
                    role=MemberRole.PARTNER,
                ),
            ],
        ),
    )


def _melding(ctx, household, day, route=None):
    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            day,
            Source.RESIDENT,
            Channel.DESK,
            "Hulp nodig bij de dag",
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    if route == "direct":
        intake.close_request(ctx, view.request_id, Outcome.HELPED_DIRECTLY)
    elif route is not None:
        intake.save_assessment(
            ctx,
            view.request_id,
            AssessmentInput(household.members[0].id, [Score("finances", 3)]),
            complete=True,
        )
        routed = dataclasses.replace(ctx, today=lambda: day)
        intake.decide_route(routed, view.request_id, route, FULL)
    return view


@pytest.fixture
def known(ctx):
    overvecht = [_household(ctx, n, "Overvecht", "3562 AB") for n in range(1, 5)]
    oost = _household(ctx, 9, "Oost", "3581 AB")
    _melding(ctx, overvecht[0], SINCE, Route.SOCIAL_BASE)  # first day: in
    _melding(ctx, overvecht[1], UNTIL, Route.SPECIALIST)  # last day: in
    _melding(ctx, overvecht[2], SINCE - dt.timedelta(days=1), Route.SOCIAL_BASE)  # out
    _melding(ctx, overvecht[3], dt.date(2026, 10, 15), "direct")
    _melding(ctx, oost, dt.date(2026, 10, 10), Route.SOCIAL_BASE)
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, Role.DECIDER, username="cm"))
    plan = plans.start_plan(cm, overvecht[1].id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(overvecht[1]))
    decided = dt.date(2026, 10, 31)  # melding 31 Oct -> decision same day: lead time 0
    plans.issue_version(cm, plan.draft.id, plan.draft.version, decided, decided)
    return overvecht, oost


def test_counts_shares_and_lead_times_per_wijk(ctx, known):
    wijk = figures.compute(ctx, SINCE, UNTIL, "Overvecht")
    assert wijk.counts["Meldingen"] == 3
    assert wijk.shares["Direct geholpen"] == pytest.approx(1 / 3)
    assert wijk.routes == {
        "Zelf / eigen netwerk": 0,
        "Sociale basis": 1,
        "Wijkteam (basis)": 0,
        "Specialistisch (maatwerk)": 1,
    }
    assert wijk.shares["Route sociale basis"] == 0.5
    assert wijk.trend == [("2026-10", {"Sociale basis": 1, "Specialistisch (maatwerk)": 1})]
    assert wijk.counts["Besluiten"] == 2
    assert wijk.days["Melding tot besluit"] == 0
    assert wijk.days["Besluit tot start maatwerk"] == 31  # 31 Oct -> 1 Dec
    assert wijk.shares["Start maatwerk binnen 14 dagen"] == 0.0
    assert wijk.counts["Actieve plannen"] == 1 and wijk.caseload == {"cm": 1}
    everywhere = figures.compute(ctx, SINCE, UNTIL)
    assert everywhere.counts["Meldingen"] == 4
    assert everywhere.routes["Sociale basis"] == 2


def test_small_counts_are_suppressed(ctx, known):
    wijk = figures.compute(ctx, SINCE, UNTIL, "Overvecht")
    table = {(section, label): value for section, label, value in wijk.rows()}
    assert table[("Aantallen", "Meldingen")] == "< 5"
    assert table[("Route", "Sociale basis")] == "< 5"
    assert table[("Route", "Zelf / eigen netwerk")] == "0"
    assert wijk.shown(12) == "12"


def test_only_team_leads_and_casemanagers(ctx):
    intake_worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="i"))
    with pytest.raises(Exception, match="U mag niet"):
        figures.compute(intake_worker, SINCE, UNTIL)
    assert figures.compute(ctx, SINCE, TODAY).counts["Meldingen"] == 0


def test_exports_are_logged_and_role_checked(ctx, known):
    from sqlmodel import select

    from triage_app.services import figures_export
    from triage_app.store.tables import AuditLog

    wijk = figures.compute(ctx, SINCE, UNTIL, "Overvecht")
    pdf = figures_export.pdf(ctx, wijk, "Cijfers Overvecht", "Oktober 2026")
    assert pdf.startswith(b"%PDF")
    assert "Aantallen;Meldingen;< 5" in figures_export.csv_text(ctx, wijk).splitlines()
    with ctx.store.read() as session:
        logged = [
            json.loads(row.details)
            for row in session.exec(
                select(AuditLog).where(AuditLog.object_type == "figures").order_by(AuditLog.seq)
            )
        ]
    assert [d["format"] for d in logged] == ["pdf", "csv"]
    assert logged[0]["district"] == "Overvecht" and logged[0]["since"] == "2026-10-01"
    intake_worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="i"))
    for export in (
        lambda: figures_export.csv_text(intake_worker, wijk),
        lambda: figures_export.pdf(intake_worker, wijk, "t", "s"),
    ):
        with pytest.raises(NotAllowed, match="U mag niet de cijfers exporteren"):
            export()
