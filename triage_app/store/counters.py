"""Gap-free named counters, safe under concurrent writers (a row lock, not max()+1)."""

from sqlalchemy import text
from sqlmodel import Session


def next_value(session: Session, name: str) -> int:
    """Reserve the next number of ``name`` inside the caller's transaction."""
    row = session.execute(
        text("UPDATE counter SET value = value + 1 WHERE name = :name RETURNING value"),
        {"name": name},
    ).first()
    if row is not None:
        return int(row[0])
    session.execute(text("INSERT INTO counter (name, value) VALUES (:name, 1)"), {"name": name})
    return 1


def set_at_least(session: Session, name: str, value: int) -> None:
    """Raise a counter to ``value`` (after a bulk load that assigned numbers itself)."""
    params = {"name": name, "v": value}
    session.execute(text("UPDATE counter SET value = :v WHERE name = :name AND value < :v"), params)
    if session.execute(text("SELECT 1 FROM counter WHERE name = :name"), params).first() is None:
        session.execute(text("INSERT INTO counter (name, value) VALUES (:name, :v)"), params)
