"""Issued plan versions and decisions never change.

The triggers that enforce this in SQLite are in migration db/versions/0003_plans.py: UPDATE and
DELETE of an issued version, a decision, or a goal, arrangement or application of an issued
version are refused. This module holds the one sanctioned exception: destroying a dossier whose
retention period has passed, inside the transaction that destroys it.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlmodel import Session


@contextmanager
def destruction_permitted(session: Session, household_id: uuid.UUID) -> Iterator[None]:
    """Allow deleting the issued records of one household inside the caller's transaction."""
    params = {"h": household_id.hex}
    session.execute(text("INSERT INTO destruction_permit (household_id) VALUES (:h)"), params)
    yield
    session.execute(text("DELETE FROM destruction_permit WHERE household_id = :h"), params)
