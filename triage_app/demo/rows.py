"""What every part of the demo shares: ids from the seeded generator, timestamps, and rows
collected per table and written with Core bulk inserts (TECH-NOTES: ``add_all`` is ~15x
slower) once per chunk of households."""

import datetime as dt
import random
import uuid

from sqlalchemy import insert
from sqlmodel import Session

from triage_app.domain.reference import Reference


def new_id(rng: random.Random) -> uuid.UUID:
    """A UUID from the seeded generator, so the same seed gives the same demo."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


class Part:
    """One part of the dossier (households, meldingen, plans, ...). A subclass lists its
    ``tables`` in insert order, reads what it continues from in ``prepare`` (e.g. numbers
    taken), appends row dicts to ``self.rows[table]`` in ``household(row, members)`` and,
    where the store needs more than inserts (an index, a counter), extends ``write``."""

    tables: tuple[type, ...] = ()

    def __init__(self, rng: random.Random, today: dt.date, reference: Reference) -> None:
        self.rng, self.today, self.reference = rng, today, reference
        self.rows: dict[type, list[dict]] = {table: [] for table in self.tables}

    def prepare(self, session: Session) -> None:
        """Read what the store already holds, before the first household."""

    def household(self, household: dict, members: list[dict]) -> None:
        """Add this part's rows for one household (its row and its members' rows)."""

    def write(self, session: Session) -> None:
        for table, rows in self.rows.items():
            if rows:
                session.execute(insert(table), rows)
            rows.clear()
