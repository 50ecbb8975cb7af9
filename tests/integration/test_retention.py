"""Closed dossiers past their period are listed and, on an administrator's typed confirmation,
destroyed whole; the audit log keeps that it happened."""

import dataclasses
import datetime as dt

import pytest
from sqlmodel import func, select

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, InvalidValue, NotAllowed
from triage_app.domain.retention import ClosureResult
from triage_app.services import households, plans, retention
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.plan_tables import Decision
from triage_app.store.tables import AuditLog, Household, Person


@pytest.fixture
def household(ctx, household):
    """The shared household, with an issued plan."""
    view = household
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    plan = plans.start_plan(cm, view.id)
    issue(decider, plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(view)))
    return view


def later(ctx, days):
    return dataclasses.replace(ctx, today=lambda: TODAY + dt.timedelta(days=days))


def count(ctx, table):
    with ctx.store.read() as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_destroyed_after_the_period_and_on_typed_confirmation(ctx, household):
    closed = retention.close_dossier(ctx, household.id, ClosureResult.BROKEN_OFF)
    assert closed.destroy_after == TODAY + dt.timedelta(weeks=6)
    assert retention.review_list(ctx) == []
    with pytest.raises(DomainError, match="bewaartermijn loopt nog"):
        retention.destroy(ctx, household.id, household.dossier_number)

    due = later(ctx, 42)
    assert [d.dossier_number for d in retention.review_list(due)] == [household.dossier_number]
    with pytest.raises(InvalidValue, match="Typ het dossiernummer"):
        retention.destroy(due, household.id, "H-2026-999999")
    assert count(ctx, Decision) == 2

    retention.destroy(due, household.id, household.dossier_number.lower())
    assert count(ctx, Household) == count(ctx, Person) == count(ctx, Decision) == 0
    assert households.search_households(ctx, "zwanenburg").rows == []
    with ctx.store.read() as session:
        destroyed = session.exec(select(AuditLog).where(AuditLog.action == "destroyed")).one()
    assert household.dossier_number in destroyed.details
    assert "Zwanenburg" not in destroyed.details
    assert verify_audit_log(ctx) == []


def test_only_an_administrator_destroys(ctx, household):
    retention.close_dossier(ctx, household.id, ClosureResult.BROKEN_OFF)
    casemanager = dataclasses.replace(
        later(ctx, 60), actor=make_actor(Role.CASEMANAGER, username="cm")
    )
    with pytest.raises(NotAllowed):
        retention.destroy(casemanager, household.id, household.dossier_number)


def test_provided_plan_is_kept_fifteen_years(ctx, household):
    closed = retention.close_dossier(ctx, household.id, ClosureResult.PROVIDED_PLAN)
    assert closed.destroy_after == dt.date(2041, 11, 23)
    assert retention.review_list(later(ctx, 365 * 14)) == []
