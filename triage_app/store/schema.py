"""The metadata Alembic compares against, and which database objects it must leave alone."""

from sqlmodel import SQLModel

import triage_app.store.draft_tables  # noqa: F401 - registers the tables on the metadata
import triage_app.store.intake_tables  # noqa: F401
import triage_app.store.plan_tables  # noqa: F401
import triage_app.store.preference_tables  # noqa: F401
import triage_app.store.sync_tables  # noqa: F401
import triage_app.store.tables  # noqa: F401

metadata = SQLModel.metadata

# Full-text search tables (SQLite FTS5 and its shadow tables) are made by raw SQL in the
# migrations; the model metadata does not describe them.
SEARCH_TABLE_PREFIXES = ("household_search",)


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIXES):
        return False
    return True
