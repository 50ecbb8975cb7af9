"""Which dossiers a sync may skip: neither side wrote to them since they were last merged.

Triggers on every dossier table count writes per dossier (``dossier_change``, migration 0015);
the laptop keeps both sides' counts from the last merge (``sync_mark``). Equal counts on both
sides mean nothing changed, so the records need not be read and compared. When a store lacks a
trigger (a table added later without one), nothing is skipped: slower, never wrong.
"""

import uuid
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, text
from sqlmodel import Session

from triage_app.store.sync_tables import DossierChange, SyncMark
from triage_app.sync import records


def counting(session: Session) -> bool:
    """Whether every dossier table of this store has its change trigger."""
    tables = [t.name for t in records.dossier_tables()]
    if session.get_bind().dialect.name == "sqlite":
        found = set(
            session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            .scalars()
            .all()
        )
        wanted = {f"{t}_change_{verb}" for t in tables for verb in ("insert", "update", "delete")}
    else:
        found = set(
            session.execute(
                text(
                    "SELECT c.relname || ':' || t.tgname FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
                )
            )
            .scalars()
            .all()
        )
        wanted = {f"{t}:{t}_change" for t in tables}
    return wanted <= found


def counters(session: Session, household_ids: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in records._chunks(list(household_ids)):
        query = select(DossierChange.household_id, DossierChange.counter).where(
            DossierChange.household_id.in_([uuid.UUID(h) for h in part])  # type: ignore[attr-defined]
        )
        found.update({str(h): int(c) for h, c in session.execute(query).all()})
    return found


def marks(session: Session, household_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for part in records._chunks(list(household_ids)):
        query = select(SyncMark).where(
            SyncMark.household_id.in_([uuid.UUID(h) for h in part])  # type: ignore[attr-defined]
        )
        for m in session.execute(query).scalars():
            found[str(m.household_id)] = (m.laptop_counter, m.team_counter)
    return found


def quiet(
    household_ids: Iterable[str],
    seen: dict[str, tuple[int, int]],
    laptop: dict[str, int],
    team: dict[str, int],
) -> set[str]:
    """The dossiers whose counts on both sides are still those of the last merge."""
    return {
        h
        for h in household_ids
        if h in seen and h in laptop and h in team and seen[h] == (laptop[h], team[h])
    }


def write(
    session: Session,
    household_ids: Iterable[str],
    laptop: dict[str, int],
    team: dict[str, int],
) -> None:
    """Replace the marks of these dossiers by both sides' counts now (none where a count is
    missing: such a dossier is compared in full next time)."""
    ids = list(household_ids)
    t = SyncMark.__table__
    for part in records._chunks(ids):
        session.execute(delete(t).where(t.c.household_id.in_([uuid.UUID(h) for h in part])))
    rows = [
        {"household_id": uuid.UUID(h), "laptop_counter": laptop[h], "team_counter": team[h]}
        for h in ids
        if h in laptop and h in team
    ]
    for part in records._chunks(rows):
        session.execute(insert(t), part)


def forget(session: Session, household_ids: Iterable[str]) -> None:
    """Compare these dossiers in full at the next sync."""
    write(session, household_ids, {}, {})
