"""Gap-free named counters, safe under concurrent writers (a row lock, not max()+1).

On a laptop that took dossiers along, dossier and decision numbers come from the blocks the
team store reserved for it (``number_block``), so two laptops never give out the same number.
"""

from sqlalchemy import text
from sqlmodel import Session

from triage_app.domain.errors import DomainError

# Counters whose numbers reach residents or the team store: on a laptop only from a block.
BLOCKED_PREFIXES = ("household", "decision-")


class NumbersUsedUp(DomainError):
    pass


def next_value(session: Session, name: str) -> int:
    """Reserve the next number of ``name`` inside the caller's transaction.

    One atomic upsert: a new counter (the first decision of a year) cannot be created twice by
    two desks at once, and the row lock makes later callers wait for the number before theirs.
    """
    if name.startswith(BLOCKED_PREFIXES):
        from_block = _next_from_block(session, name)
        if from_block is not None:
            return from_block
    row = session.execute(
        text(
            "INSERT INTO counter (name, value) VALUES (:name, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = counter.value + 1 RETURNING value"
        ),
        {"name": name},
    ).one()
    return int(row[0])


def _next_from_block(session: Session, name: str) -> int | None:
    """The next number of this laptop's block for ``name``; None on a store without blocks."""
    if session.execute(text("SELECT 1 FROM number_block LIMIT 1")).first() is None:
        return None
    row = session.execute(
        text(
            "UPDATE number_block SET next_value = next_value + 1 "
            "WHERE name = :name AND next_value <= last_value RETURNING next_value - 1"
        ),
        {"name": name},
    ).first()
    if row is None:
        raise NumbersUsedUp(
            "Deze laptop heeft geen nummers meer om uit te geven. Synchroniseer met het team "
            "en neem de dossiers opnieuw mee; er is niets opgeslagen."
        )
    return int(row[0])


def set_at_least(session: Session, name: str, value: int) -> None:
    """Raise a counter to ``value`` (after a bulk load that assigned numbers itself)."""
    params = {"name": name, "v": value}
    session.execute(text("UPDATE counter SET value = :v WHERE name = :name AND value < :v"), params)
    if session.execute(text("SELECT 1 FROM counter WHERE name = :name"), params).first() is None:
        session.execute(text("INSERT INTO counter (name, value) VALUES (:name, :v)"), params)
