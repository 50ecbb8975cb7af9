"""Merge rules for work brought back from a laptop: pure functions, no store, no clock.

A record is a dict of field values (already made comparable: strings, numbers, None). The
merge is three-way per field: the *base* (the record as taken along), the laptop's record and
the team's record. A field changed on one side takes that side's value; a field changed on
both sides to the same value is no conflict; a field changed on both sides to different values
is a ``FieldConflict`` holding both values, and the merged record keeps the team's value until
a worker chooses. Nothing is overwritten silently.

Also here: when a person created offline matches one in the team store (same BSN, or same
name, birth date and postcode), and the blocks of numbers a laptop may give out offline.

No existing sync library fits SQLCipher + PostgreSQL + SQLModel (sqlite-sync-core is AGPL and
SQLite-only; CouchDB-style systems need their own store), so the rules are kept small here and
the copying in ``triage_app/sync/``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Bookkeeping columns: they change with every save and never conflict.
BOOKKEEPING = frozenset({"version", "updated_at"})

_MISSING = object()


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any
    laptop: Any
    team: Any


@dataclass(frozen=True)
class MergeResult:
    merged: dict[str, Any]
    conflicts: list[FieldConflict] = field(default_factory=list)
    laptop_changed: list[str] = field(default_factory=list)  # fields taken from the laptop
    team_changed: list[str] = field(default_factory=list)  # fields taken from the team

    @property
    def changes_team(self) -> bool:
        return bool(self.laptop_changed)

    @property
    def changes_laptop(self) -> bool:
        return bool(self.team_changed)


def merge_record(
    base: Mapping[str, Any] | None,
    laptop: Mapping[str, Any],
    team: Mapping[str, Any],
    ignore: Iterable[str] = BOOKKEEPING,
) -> MergeResult:
    """Three-way merge of one record. ``base`` None (no common version is known, e.g. the
    same record written on both sides by a sync that was cut off) treats every field as
    changed on both sides: equal values merge, different ones conflict."""
    skip = frozenset(ignore)
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    from_laptop: list[str] = []
    from_team: list[str] = []
    for name in sorted(set(laptop) | set(team)):
        if name in skip:
            continue
        mine = laptop.get(name, _MISSING)
        theirs = team.get(name, _MISSING)
        was = base.get(name, _MISSING) if base is not None else _MISSING
        if mine == theirs:
            merged[name] = theirs
        elif base is not None and mine == was:
            merged[name] = theirs
            from_team.append(name)
        elif base is not None and theirs == was:
            merged[name] = mine
            from_laptop.append(name)
        else:
            merged[name] = theirs
            conflicts.append(
                FieldConflict(
                    name,
                    None if was is _MISSING else was,
                    None if mine is _MISSING else mine,
                    None if theirs is _MISSING else theirs,
                )
            )
    merged = {k: v for k, v in merged.items() if v is not _MISSING}
    return MergeResult(merged, conflicts, from_laptop, from_team)


class Presence:
    """How a record stands on the two sides compared with the base."""

    BOTH = "both"
    LAPTOP_NEW = "laptop_new"
    TEAM_NEW = "team_new"
    LAPTOP_DELETED = "laptop_deleted"
    TEAM_DELETED = "team_deleted"
    GONE = "gone"


def presence(has_base: bool, on_laptop: bool, on_team: bool) -> str:
    if on_laptop and on_team:
        return Presence.BOTH
    if on_laptop:
        return Presence.TEAM_DELETED if has_base else Presence.LAPTOP_NEW
    if on_team:
        return Presence.LAPTOP_DELETED if has_base else Presence.TEAM_NEW
    return Presence.GONE


def changed_since(base: Mapping[str, Any] | None, record: Mapping[str, Any]) -> bool:
    """Whether ``record`` differs from ``base`` in a field that counts."""
    if base is None:
        return True
    return any(base.get(k, _MISSING) != v for k, v in record.items() if k not in BOOKKEEPING)


# --- People created offline -------------------------------------------------------------


@dataclass(frozen=True)
class PersonKey:
    """What identifies a resident across stores: the BSN, or name + birth date + postcode."""

    bsn: str | None
    first_name: str
    last_name: str
    birth_date: str  # ISO date
    postcode: str


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _postcode(text: str) -> str:
    return text.replace(" ", "").upper()


def same_person(a: PersonKey, b: PersonKey) -> bool:
    """Same BSN; or, when either lacks one, same name, birth date and postcode."""
    if a.bsn and b.bsn:
        return a.bsn == b.bsn
    return (
        _fold(a.first_name) == _fold(b.first_name)
        and _fold(a.last_name) == _fold(b.last_name)
        and a.birth_date == b.birth_date
        and _postcode(a.postcode) == _postcode(b.postcode)
    )


def matches(new: PersonKey, candidates: Iterable[tuple[Any, PersonKey]]) -> list[Any]:
    """The ids of ``candidates`` that are the same person as ``new``."""
    return [ident for ident, key in candidates if same_person(new, key)]


# --- Numbers given out offline ----------------------------------------------------------

DEFAULT_BLOCK_SIZE = 200


@dataclass(frozen=True)
class NumberBlock:
    """The numbers ``first``..``last`` of one counter (e.g. ``decision-2026``), reserved for
    one laptop: nobody else gives them out."""

    name: str
    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first < 1 or self.last < self.first:
            raise ValueError(f"empty number block {self.first}..{self.last}")

    def overlaps(self, other: "NumberBlock") -> bool:
        return self.name == other.name and self.first <= other.last and other.first <= self.last


def reserve_block(
    name: str, counter_value: int, size: int = DEFAULT_BLOCK_SIZE
) -> tuple[NumberBlock, int]:
    """Take the next ``size`` numbers after ``counter_value``; returns the block and the new
    value of the team's counter (its next number comes after the block)."""
    if size < 1:
        raise ValueError("a block holds at least one number")
    block = NumberBlock(name, counter_value + 1, counter_value + size)
    return block, block.last
