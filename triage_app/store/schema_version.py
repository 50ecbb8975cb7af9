"""The schema revision a store has and the one this app needs, without importing Alembic
(~0.3 s of start-up): on a normal start they are equal and Alembic is not needed at all.

The head is read from the migration files themselves (``revision`` and ``down_revision``),
so it cannot drift from what Alembic would say (a test checks they agree).
"""

import functools
import re

from sqlalchemy import Connection, inspect, text

from triage_app.resources import migrations_dir

_FIELD = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([^'\"\s]+)['\"]?", re.M)


@functools.cache
def head() -> str:
    """The revision no other migration builds on."""
    revisions, downs = set(), set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        fields = dict(_FIELD.findall(path.read_text(encoding="utf-8")))
        if "revision" in fields:
            revisions.add(fields["revision"])
            downs.add(fields.get("down_revision"))
    heads = revisions - downs
    if len(heads) != 1:
        raise RuntimeError(f"The migrations must form one chain; heads: {sorted(heads)}")
    return heads.pop()


def current(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
