"""Gap-free named counters, safe under concurrent writers (a row lock, not max()+1)."""

from sqlalchemy import text
from sqlmodel import Session


def next_value(session: Session, name: str) -> int:
    """Reserve the next number of ``name`` inside the caller's transaction.

    One atomic upsert: a new counter (the first decision of a year) cannot be created twice by
    two desks at once, and the row lock makes later callers wait for the number before theirs.
    """
    row = session.execute(
        text(
            "INSERT INTO counter (name, value) VALUES (:name, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = counter.value + 1 RETURNING value"
        ),
        {"name": name},
    ).one()
    return int(row[0])


def set_at_least(session: Session, name: str, value: int) -> None:
    """Raise a counter to ``value`` (after a bulk load that assigned numbers itself)."""
    params = {"name": name, "v": value}
    session.execute(text("UPDATE counter SET value = :v WHERE name = :name AND value < :v"), params)
    if session.execute(text("SELECT 1 FROM counter WHERE name = :name"), params).first() is None:
        session.execute(text("INSERT INTO counter (name, value) VALUES (:name, :v)"), params)
