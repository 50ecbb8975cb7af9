"""Merge what was created offline into the record the team store already had: a person into
the team's person, a whole household into the team's household. Runs in the caller's
transaction on the laptop's store; the next sync brings the result to the team."""

import uuid

from sqlalchemy import select, text
from sqlmodel import Session

from triage_app.domain.errors import DomainError
from triage_app.domain.sync_merge import BOOKKEEPING
from triage_app.sync import records
from triage_app.sync.records import Row

# Records that cannot be moved to another household: one plan per household, and what was
# decided or closed carries the household it was decided for.
NOT_MOVED = ("plan", "decision", "dossier_closure")


def pk(t, value: str):  # type: ignore[no-untyped-def]
    return uuid.UUID(value) if isinstance(value, str) and len(value) == 36 else value


def _rows(session: Session, name: str, column: str, value: str) -> list[Row]:
    t = records.table(name)
    query = select(t).where(t.c[column] == pk(t, value))
    return [dict(r) for r in session.execute(query).mappings()]


def referring_tables(session: Session, person_id: str) -> list[str]:
    found = []
    for t in records.dossier_tables():
        if "person_id" in t.c and t.name != "person":
            hit = session.execute(
                select(t.c.person_id).where(t.c.person_id == pk(t, person_id)).limit(1)
            ).first()
            if hit:
                found.append(t.name)
    return found


def _fill(mine: Row, theirs: Row, keep: tuple[str, ...]) -> Row:
    """Our values for the fields the team's record left empty."""
    fill = {
        k: v
        for k, v in mine.items()
        if k not in (*keep, "created_at", *BOOKKEEPING)
        and v not in (None, "")
        and theirs.get(k) in (None, "")
    }
    if fill and "version" in theirs:
        fill["version"] = theirs["version"] + 1
    return fill


def merge_person(session: Session, mine: str, theirs: str) -> str:
    """Everything recorded for person ``mine`` moves to ``theirs`` (whose empty fields are
    filled from ours); ``mine`` is removed. Returns the household of ``theirs``."""
    person = records.table("person")
    (ours,) = _rows(session, "person", "id", mine) or [None]
    found = _rows(session, "person", "id", theirs)
    if not found:
        raise DomainError("De bewoner uit het teamsysteem staat niet op deze laptop.")
    if ours is None:
        raise DomainError("Deze bewoner staat niet meer op deze laptop.")
    if "decision" in referring_tables(session, mine):
        raise DomainError("Voor deze bewoner is al een beschikking afgegeven: apart houden.")
    for name in referring_tables(session, mine):
        t = records.table(name)
        session.execute(
            t.update().where(t.c.person_id == pk(t, mine)).values(person_id=pk(t, theirs))
        )
    fill = _fill(ours, found[0], ("id", "household_id"))
    if fill:
        session.execute(person.update().where(person.c.id == pk(person, theirs)).values(**fill))
    session.execute(person.delete().where(person.c.id == pk(person, mine)))
    return str(found[0]["household_id"])


def _same_person(a: Row, b: Row) -> bool:
    if a.get("bsn") and b.get("bsn"):
        return a["bsn"] == b["bsn"]
    return (a["first_name"], a["last_name"], a["birth_date"]) == (
        b["first_name"],
        b["last_name"],
        b["birth_date"],
    )


def merge_household(session: Session, mine: str, theirs: str) -> None:
    """The household created offline is the team's ``theirs``: its members who are already
    there are merged into them, the others and every record move over, empty fields of the
    team's household are filled from ours, and ours is removed."""
    household = records.table("household")
    (ours,) = _rows(session, "household", "id", mine) or [None]
    found = _rows(session, "household", "id", theirs)
    if ours is None:
        raise DomainError("Dit huishouden staat niet meer op deze laptop.")
    if not found:
        raise DomainError("Het huishouden uit het teamsysteem staat niet op deze laptop.")
    for name in NOT_MOVED:
        if _rows(session, name, "household_id", mine):
            raise DomainError(
                "Voor dit huishouden is offline al een plan of beschikking gemaakt: "
                "samenvoegen kan dan niet. Kies 'apart houden'."
            )
    team_people = _rows(session, "person", "household_id", theirs)
    for person in _rows(session, "person", "household_id", mine):
        twin = next((p for p in team_people if _same_person(person, p)), None)
        if twin is not None:
            merge_person(session, str(person["id"]), str(twin["id"]))
    for t in records.dossier_tables():
        if t.name != "household":
            session.execute(
                t.update().where(t.c.household_id == pk(t, mine)).values(household_id=pk(t, theirs))
            )
    keep = ("id", "dossier_seq", "dossier_number", "district", "created_at")
    fill = _fill(ours, found[0], keep)
    if fill:
        session.execute(
            household.update().where(household.c.id == pk(household, theirs)).values(**fill)
        )
    session.execute(household.delete().where(household.c.id == pk(household, mine)))
    session.execute(
        text("DELETE FROM household_search WHERE rowid = :seq"), {"seq": ours["dossier_seq"]}
    )
