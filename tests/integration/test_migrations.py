"""Alembic is the authority on the schema: empty to head, no drift, a newer store refused."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from triage_app.store.engine import open_store
from triage_app.store.migrations import StoreTooNew, head_revision
from triage_app.store.schema import include_object, metadata


def test_empty_store_upgrades_to_head_and_matches_the_models(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []


def test_every_dossier_table_counts_its_changes_for_the_sync(store):
    """A sync skips dossiers by their change counters (migration 0015); a store where a
    dossier table lacks its trigger is compared in full, correct but slow."""
    from triage_app.sync import marks

    with store.read() as session:
        assert marks.counting(session), (
            "A dossier table (one with household_id) has no change trigger: create it in your "
            "migration as db/versions/0015_dossier_change.py does (also after a SQLite batch "
            "operation that rebuilds the table), or list the table in sync.records.NOT_CARRIED."
        )


@pytest.mark.sqlite_only
def test_store_from_a_newer_app_is_refused_untouched(tmp_path):
    path = tmp_path / "triage.db"
    open_store(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="nieuwere versie"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_older_store_is_copied_before_upgrading(tmp_path):
    path = tmp_path / "triage.db"
    engine = create_engine(f"sqlite:///{path}")
    from alembic import command

    from triage_app.store.migrations import alembic_config

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    open_store(f"sqlite:///{path}").dispose()
    assert (tmp_path / "triage.db.before-0001").exists()
