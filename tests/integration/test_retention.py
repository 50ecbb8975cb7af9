"""Closed dossiers past their period are listed and, on an administrator's typed confirmation,
destroyed whole; the audit log keeps that it happened."""

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, InvalidValue, NotAllowed
from triage_app.domain.retention import ClosureResult
from triage_app.services import households, plans, retention
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.keyfile import KeyFile
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


def _search_rows(ctx) -> list[str]:
    with ctx.store.read() as session:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action == "searched").order_by(AuditLog.seq)
        ).all()
    return [row.details for row in rows]


def test_after_destruction_no_name_is_left_in_the_log_or_the_file(ctx, household, store_path):
    """Searches typed with the household's names and birth date are kept as keyed hashes (the
    same name the same hash in every row); audit verify still says intact; and the store file
    itself holds no name, street or birth date of the destroyed household any more."""
    keys, _db_key, _recovery = KeyFile.create(
        store_path.with_name("store.db.keys"), "beheer", "een lang wachtwoord"
    )
    due = dataclasses.replace(later(ctx, 42), keyfile=keys)
    number = household.dossier_number
    households.log_search(ctx, "Zwanenburg", 1, [number])
    households.log_search(ctx, "fenna zwanenburg 14-05-1951", 1, [number])
    households.log_search(ctx, "Zamenhofdreef 12", 1, [number])
    households.log_search(ctx, "zwanen", 1, [number])  # part of a name that found them
    households.log_search(ctx, "14/05/1951", 1)
    households.log_search(ctx, "Jansen", 0)  # someone else: left as it was
    retention.close_dossier(ctx, household.id, ClosureResult.BROKEN_OFF)
    retention.destroy(due, household.id, number)

    assert verify_audit_log(ctx) == []
    first, second, street, part, birth, other = _search_rows(ctx)
    for details in (first, second, street, part, birth):
        for personal in ("zwanen", "fenna", "14-05-1951", "14/05/1951", "zamenhofdreef"):
            assert personal not in details.lower()
    assert other == '{"results": 0, "search": "Jansen"}'
    surname = json.loads(first)["search"]
    assert surname.startswith("[verwijderd:") and surname in json.loads(second)["search"]
    assert number in first  # the dossier number stays: it names no one

    on_disk = b"".join(
        path.read_bytes().lower()
        for path in store_path.parent.iterdir()
        if path.name.startswith(store_path.name) and not path.name.endswith(".keys")
    )
    for personal in (b"zwanenburg", b"fenna", b"zamenhofdreef", b"1951-05-14", b"3562 ab"):
        assert personal not in on_disk


def test_a_redacted_row_changed_afterwards_is_reported(ctx, household):
    households.log_search(ctx, "Zwanenburg", 1)
    retention.close_dossier(ctx, household.id, ClosureResult.BROKEN_OFF)
    retention.destroy(later(ctx, 42), household.id, household.dossier_number)
    with ctx.store.write() as session:
        seq = session.exec(select(AuditLog.seq).where(AuditLog.action == "searched")).one()
        with pytest.raises(Exception, match="append-only"):  # outside a destruction: refused
            session.execute(text("UPDATE audit_log SET details = '{}' WHERE seq = :s"), {"s": seq})
    with ctx.store.write() as session:
        session.execute(
            text("DROP TRIGGER audit_log_no_update")
            if ctx.store.is_sqlite
            else text("DROP TRIGGER audit_log_append_only ON audit_log")
        )
        session.execute(text("UPDATE audit_log SET details = '{}' WHERE seq = :s"), {"s": seq})
    assert verify_audit_log(ctx) == [f"regel {seq}: de details zijn gewijzigd"]
