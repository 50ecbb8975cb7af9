"""Alembic environment. The app passes an open connection (see triage_app/store/migrations.py)."""

from alembic import context
from sqlalchemy import create_engine

from triage_app.store.schema import include_object, metadata


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _configure_and_run(connection)
else:  # the plain `alembic` command, for developers: -x url=sqlite:///path.db
    url = context.get_x_argument(as_dictionary=True)["url"]
    with create_engine(url).begin() as conn:
        _configure_and_run(conn)
