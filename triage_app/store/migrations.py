"""Bring a store's schema to the app's version with Alembic, the only authority on the schema.

Before upgrading a SQLite file that already holds data, the file is copied beside itself
(``triage.db.before-<revision>``), so a failed upgrade can be undone by hand. A store whose
revision this app does not know (made by a newer app) is refused, never touched.
"""

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from triage_app.domain.errors import DomainError
from triage_app.resources import migrations_dir
from triage_app.store.planner import analyze


class StoreTooNew(DomainError):
    pass


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, sqlite_path: str | None = None) -> str | None:
    """Upgrade to head. Returns the revision the store had before (None if it was empty)."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with engine.connect() as connection:
        before = current_revision(connection)
        connection.rollback()
    if before == head:
        return before
    if before is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if before not in known:
            raise StoreTooNew(
                "Deze gegevens zijn gemaakt met een nieuwere versie van de app. "
                "Installeer de nieuwste versie; de gegevens zijn niet aangeraakt."
            )
        if sqlite_path and Path(sqlite_path).exists():
            _copy_sqlite_file(engine, sqlite_path, before)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    analyze(engine)
    return before


def _copy_sqlite_file(engine: Engine, path: str, revision: str) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.rollback()
    shutil.copy2(path, f"{path}.before-{revision}")
