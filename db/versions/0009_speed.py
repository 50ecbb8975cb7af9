"""Speed as a worker feels it: a household's open melding by one index seek, and prefix
indexes in the SQLite search table so one to three typed characters need no full scan.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


def _rebuild_search(options: str) -> None:
    """Copy the SQLite full-text table into one made with ``options`` (FTS5 cannot alter)."""
    op.execute(f"CREATE VIRTUAL TABLE household_search_new USING fts5(doc, {options})")
    op.execute(
        "INSERT INTO household_search_new (rowid, doc) SELECT rowid, doc FROM household_search"
    )
    op.execute("DROP TABLE household_search")
    op.execute("ALTER TABLE household_search_new RENAME TO household_search")


def upgrade() -> None:
    op.create_index(
        "ix_request_household_outcome", "request", ["household_id", "outcome", "created_at"]
    )
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_search(f"{TOKENIZE}, prefix = '1 2 3'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_search(TOKENIZE)
    op.drop_index("ix_request_household_outcome", table_name="request")
