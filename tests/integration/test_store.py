"""The store on a real file: WAL and foreign keys on, data read back after reopening."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.conftest import TODAY
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import households
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store

pytestmark = pytest.mark.sqlite_only


def test_pragmas_and_reopen(ctx, store, store_path):
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    view = households.register_household(
        ctx,
        HouseholdInput(
            street="Lange Nieuwstraat",
            house_number="3",
            postcode="3512 PA",
            city="Utrecht",
            district="Binnenstad",
            members=[
                PersonInput(
                    first_name="Noël",
                    prefix="van 't",
                    last_name="Hoëvel",
                    birth_date="29-02-1952",
                    bsn="111222333",
                )
            ],
        ),
    )
    with pytest.raises(IntegrityError), store.write() as session:
        session.execute(
            text(
                "INSERT INTO person (id, household_id, first_name, prefix, last_name, birth_date, "
                "role, is_carer, created_at, updated_at, version) VALUES ('x', 'nope', 'a', '', "
                "'b', '2000-01-01', 'main', 0, '2026-01-01', '2026-01-01', 1)"
            )
        )
    store.dispose()
    again = open_store(f"sqlite:///{store_path}")
    read = households.get_household(ServiceContext(again, ctx.actor, today=lambda: TODAY), view.id)
    member = read.members[0]
    assert (member.first_name, member.prefix, member.last_name) == ("Noël", "van 't", "Hoëvel")
    assert member.birth_date.isoformat() == "1952-02-29"
    assert read.dossier_number == "H-2026-000001" and read.created_at.tzinfo is not None
    again.dispose()
