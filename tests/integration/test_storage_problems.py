"""A full disk or a read-only medium gives a clear message and writes nothing."""

import pytest
from sqlalchemy import event, func
from sqlmodel import select

from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import households
from triage_app.store.engine import StorageProblem
from triage_app.store.tables import Household, Person

# A full disk or read-only medium is the local store's problem; a server has its own.
pytestmark = pytest.mark.sqlite_only


def _household(n: int) -> HouseholdInput:
    return HouseholdInput(
        street="Oudegracht",
        house_number=str(n),
        postcode="3511 AB",
        city="Utrecht",
        district="Binnenstad",
        members=[
            PersonInput(first_name="Piet" * 20, last_name="Vol", birth_date="01-01-1960")
            for _ in range(3)
        ],
    )


def _counts(store):
    with store.read() as session:
        return (
            session.exec(select(func.count()).select_from(Household)).one(),
            session.exec(select(func.count()).select_from(Person)).one(),
        )


def test_full_disk_writes_nothing(ctx, store):
    households.register_household(ctx, _household(1))
    with store.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()
    with pytest.raises(StorageProblem, match="schijf is vol"):
        for n in range(2, 400):
            households.register_household(ctx, _household(n))
    saved, members = _counts(store)
    assert saved >= 1
    assert members == saved * 3  # the failed household is not half-written


def test_read_only_store_says_so(ctx, store):
    @event.listens_for(store.engine, "connect")
    def _read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = ON")

    store.engine.dispose()
    with pytest.raises(StorageProblem, match="alleen-lezen"):
        households.register_household(ctx, _household(1))
    assert _counts(store) == (0, 0)
