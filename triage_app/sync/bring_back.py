"""Bring the work back: merge each record of the laptop's dossiers with the team store's.

Per batch of dossiers the team store is written in one transaction (its households locked),
then the laptop's store in another. Records keep their ids everywhere and each side only takes
the fields the other changed, so a sync cut off between the two (or anywhere else) and run again
ends in the same state, without duplicates. Audit rows are appended to the team's log up to a
mark kept in the team's checkout row, in the same transaction.
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlmodel import Session

from triage_app.domain.sync_merge import (
    BOOKKEEPING,
    PersonKey,
    Presence,
    changed_since,
    matches,
    merge_record,
    presence,
)
from triage_app.store import audit_log
from triage_app.store.sync_tables import SyncBase, SyncCheckout, SyncConflict
from triage_app.store.tables import AuditLog, Household, Person
from triage_app.sync import records
from triage_app.sync.records import Row

BATCH = 100
SEALED_CHILDREN = frozenset({"goal", "provision", "application"})
# Marks a base field whose record had no common version and conflicts: it keeps conflicting.
UNKNOWN_BASE = {"unknown": "base"}

Records = dict[str, dict[str, Row]]


@dataclass
class Ops:
    """What one side must write: inserts and updates per table, deletions."""

    inserts: dict[str, list[Row]] = field(default_factory=dict)
    updates: list[tuple[str, str, Row]] = field(default_factory=list)
    deletes: dict[str, list[str]] = field(default_factory=dict)

    def count(self) -> int:
        return (
            sum(len(v) for v in self.inserts.values())
            + len(self.updates)
            + sum(len(v) for v in self.deletes.values())
        )

    def apply(self, session: Session) -> None:
        tables = records.dossier_tables()
        for t in tables:
            records.insert_rows(session, t, self.inserts.get(t.name, []))
            for name, rid, fields in self.updates:
                if name == t.name:
                    records.update_row(session, t, rid, fields)
        for t in reversed(tables):
            records.delete_rows(session, t, self.deletes.get(t.name, []))
        records.finish_issuing(session)


@dataclass
class BatchPlan:
    team: Ops = field(default_factory=Ops)
    laptop: Ops = field(default_factory=Ops)
    bases: list[dict] = field(default_factory=list)
    base_deletes: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[SyncConflict] = field(default_factory=list)
    new_households: list[str] = field(default_factory=list)


@dataclass
class SyncResult:
    to_team: int = 0
    to_laptop: int = 0
    audit_rows: int = 0
    open_conflicts: int = 0
    households: int = 0
    # The laptop's audit log against the heads the team store keeps (sync/chain_heads.py).
    chain_problems: list[str] = field(default_factory=list)


def _household_of(name: str, row: Row) -> str:
    return row["id"] if name == "household" else row["household_id"]


def _bookkeeping(t_has: set[str], laptop: Row, team: Row) -> Row:
    extra: Row = {}
    if "version" in t_has:
        extra["version"] = max(laptop.get("version") or 0, team.get("version") or 0) + 1
    if "updated_at" in t_has:
        extra["updated_at"] = max(laptop.get("updated_at") or "", team.get("updated_at") or "")
    return extra


def _person_key(person: Row, postcode: str) -> PersonKey:
    return PersonKey(
        bsn=person.get("bsn"),
        first_name=person["first_name"],
        last_name=person["last_name"],
        birth_date=person["birth_date"],
        postcode=postcode,
    )


def _summary(person: Row, postcode: str) -> dict:
    name = " ".join(p for p in (person["first_name"], person["prefix"], person["last_name"]) if p)
    return {
        "name": name,
        "birth_date": person["birth_date"],
        "postcode": postcode,
        "has_bsn": bool(person.get("bsn")),
    }


class Planner:
    """Decides, for one batch of dossiers, what each side must write."""

    def __init__(
        self,
        checkout: SyncCheckout,
        laptop: Records,
        team: Records,
        bases: Records,
        team_people: list[tuple[str, str, PersonKey, dict]],
        settled: set[str],
    ) -> None:
        self.checkout = checkout
        self.laptop, self.team, self.bases = laptop, team, bases
        self.team_people = team_people  # (person id, household id, key, summary) in the team
        self.settled = settled  # laptop ids a worker chose to keep apart from a look-alike
        self.plan = BatchPlan()
        self.held_households: set[str] = set()
        self.held_people: set[str] = set()
        self.sealed: dict[str, dict] = {}  # per issued version: what could not be taken over

    def run(self) -> BatchPlan:
        self._hold_look_alikes()
        for t in records.dossier_tables():
            laptop = self.laptop.get(t.name, {})
            team = self.team.get(t.name, {})
            bases = self.bases.get(t.name, {})
            for rid in sorted(set(laptop) | set(team) | set(bases)):
                self._record(t, rid, laptop.get(rid), team.get(rid), bases.get(rid))
        self._sealed_conflicts()
        return self.plan

    # People and households created offline that the team already knows.
    def _hold_look_alikes(self) -> None:
        households = self.laptop.get("household", {})
        team_households = self.team.get("household", {})
        for pid, person in self.laptop.get("person", {}).items():
            if pid in self.bases.get("person", {}) or pid in self.team.get("person", {}):
                continue
            if pid in self.settled:
                continue
            hid = person["household_id"]
            postcode = households[hid]["postcode"]
            key = _person_key(person, postcode)
            found = matches(key, [((p, h, s), k) for p, h, k, s in self.team_people if p != pid])
            if not found:
                continue
            team_pid, team_hid, team_summary = found[0]
            household_is_new = hid not in team_households and hid not in self.bases.get(
                "household", {}
            )
            if household_is_new:
                if hid in self.settled:
                    continue
                self.held_households.add(hid)
                kind_table, row_id = "household", hid
            else:
                self.held_people.add(pid)
                kind_table, row_id = "person", pid
            self.plan.conflicts.append(
                SyncConflict(
                    checkout_id=self.checkout.id,
                    kind="duplicate",
                    table_name=kind_table,
                    row_id=row_id,
                    household_id=uuid.UUID(hid),
                    values={
                        "laptop": _summary(person, postcode),
                        "team": team_summary,
                        "team_person_id": team_pid,
                        "team_household_id": team_hid,
                        "laptop_person_id": pid,
                    },
                    laptop_by=self.checkout.worker,
                    laptop_at=_when(person.get("created_at")),
                )
            )

    def _held(self, name: str, row: Row) -> bool:
        if _household_of(name, row) in self.held_households:
            return True
        if name == "person":
            return row["id"] in self.held_people
        return row.get("person_id") in self.held_people

    def _record(self, t, rid: str, laptop: Row | None, team: Row | None, base: Row | None) -> None:  # type: ignore[no-untyped-def]
        name, plan = t.name, self.plan
        state = presence(base is not None, laptop is not None, team is not None)
        if state == Presence.GONE:
            plan.base_deletes.append((name, rid))
        elif state == Presence.LAPTOP_NEW:
            assert laptop is not None
            if self._held(name, laptop):
                return
            if _sealed(self.team, name, laptop):  # added to a version the team issued
                self._sealed_conflict(name, rid, laptop, laptop=laptop, team=None)
                return
            plan.team.inserts.setdefault(name, []).append(laptop)
            self._base(name, rid, laptop)
            if name == "household":
                plan.new_households.append(rid)
        elif state == Presence.TEAM_NEW:
            assert team is not None
            if _sealed(self.laptop, name, team):  # added to a version issued here
                self._sealed_conflict(name, rid, team, laptop=None, team=team)
                plan.team.deletes.setdefault(name, []).append(rid)
                return
            plan.laptop.inserts.setdefault(name, []).append(team)
            self._base(name, rid, team)
        elif state == Presence.TEAM_DELETED:
            assert laptop is not None
            if changed_since(base, laptop) or _sealed(self.laptop, name, laptop):
                # changed or issued here: nothing is lost, put it back
                plan.team.inserts.setdefault(name, []).append(laptop)
                self._base(name, rid, laptop)
            else:
                plan.laptop.deletes.setdefault(name, []).append(rid)
                plan.base_deletes.append((name, rid))
        elif state == Presence.LAPTOP_DELETED:
            assert team is not None
            if _sealed(self.team, name, team):
                self._sealed_conflict(name, rid, team, laptop=None, team=team)
                plan.laptop.inserts.setdefault(name, []).append(team)
                self._base(name, rid, team)
            elif changed_since(base, team):
                plan.laptop.inserts.setdefault(name, []).append(team)
                self._base(name, rid, team)
            else:
                plan.team.deletes.setdefault(name, []).append(rid)
                plan.base_deletes.append((name, rid))
        else:
            assert laptop is not None and team is not None
            if _sealed(self.team, name, team) or _sealed(self.laptop, name, laptop):
                self._both_sealed(t, rid, laptop, team, base)
            else:
                self._both(t, rid, laptop, team, base)

    def _both_sealed(self, t, rid: str, laptop: Row, team: Row, base: Row | None) -> None:  # type: ignore[no-untyped-def]
        """An issued version (or a part of it) on one side: that side is what was decided and
        wins whole; what the other side changed is kept in a conflict to be seen, not lost."""
        name = t.name
        team_wins = _sealed(self.team, name, team)
        winner, loser = (team, laptop) if team_wins else (laptop, team)
        if team_wins and _sealed(self.laptop, name, laptop):
            differ = sorted(f for f in team if f not in BOOKKEEPING and laptop.get(f) != team[f])
            if differ:
                self._sealed_conflict(name, rid, team, laptop=laptop, team=team, fields=differ)
            elif base is None or changed_since(base, team):
                self._base(name, rid, team)
            return  # issued on both sides: both kept as they are, for a person to look at
        fields = {
            f: winner[f] for f in winner if f not in BOOKKEEPING and loser.get(f) != winner[f]
        }
        lost = [f for f in fields if base is None or loser.get(f) != base.get(f)]
        if fields:
            extra = _bookkeeping(set(t.c.keys()), laptop, team)
            target = self.plan.laptop if team_wins else self.plan.team
            target.updates.append((name, rid, {**fields, **extra}))
            if lost:
                self._sealed_conflict(
                    name, rid, winner, laptop=laptop, team=team, fields=sorted(lost)
                )
        self._base(name, rid, {**winner, **fields})

    def _sealed_conflict(  # type: ignore[no-untyped-def]
        self, name: str, rid: str, row: Row, *, laptop, team, fields=None
    ) -> None:
        """Collect, per issued version, what could not be taken over: one conflict each."""
        version_id = rid if name == "plan_version" else row["plan_version_id"]
        entry = self.sealed.setdefault(
            version_id,
            {
                "household": _household_of(name, row),
                "values": {"laptop": {}, "team": {}, "parts": 0},
                "laptop_at": None,
                "team_at": None,
            },
        )
        if name == "plan_version" and fields:
            entry["values"]["laptop"].update({f: (laptop or {}).get(f) for f in fields})
            entry["values"]["team"].update({f: (team or {}).get(f) for f in fields})
            entry["laptop_at"] = _when((laptop or {}).get("updated_at"))
            entry["team_at"] = _when((team or {}).get("updated_at"))
        else:
            entry["values"]["parts"] += 1

    def _sealed_conflicts(self) -> None:
        for version_id, entry in self.sealed.items():
            self.plan.conflicts.append(
                SyncConflict(
                    checkout_id=self.checkout.id,
                    kind="sealed",
                    table_name="plan_version",
                    row_id=version_id,
                    household_id=uuid.UUID(entry["household"]),
                    values=entry["values"],
                    laptop_by=self.checkout.worker,
                    laptop_at=entry["laptop_at"],
                    team_at=entry["team_at"],
                )
            )

    def _both(self, t, rid: str, laptop: Row, team: Row, base: Row | None) -> None:  # type: ignore[no-untyped-def]
        name = t.name
        if name in records.APPEND_ONLY:
            if base is None:
                self._base(name, rid, team)
            return
        result = merge_record(base, laptop, team)
        columns = set(t.c.keys())
        extra = (
            _bookkeeping(columns, laptop, team)
            if (result.laptop_changed or result.team_changed)
            else {}
        )
        if result.laptop_changed:
            fields = {f: laptop[f] for f in result.laptop_changed}
            self.plan.team.updates.append((name, rid, {**fields, **extra}))
        if result.team_changed:
            fields = {f: team[f] for f in result.team_changed}
            self.plan.laptop.updates.append((name, rid, {**fields, **extra}))
        new_base = {**team, **result.merged, **extra}
        for c in result.conflicts:
            new_base[c.field] = base.get(c.field) if base is not None else UNKNOWN_BASE
            self.plan.conflicts.append(
                SyncConflict(
                    checkout_id=self.checkout.id,
                    kind="field",
                    table_name=name,
                    row_id=rid,
                    household_id=uuid.UUID(_household_of(name, team)),
                    field=c.field,
                    values={"base": c.base, "laptop": c.laptop, "team": c.team},
                    laptop_by=self.checkout.worker,
                    laptop_at=_when(laptop.get("updated_at")),
                    team_at=_when(team.get("updated_at")),
                )
            )
        if base is None or new_base != base:
            self._base(name, rid, new_base)

    def _base(self, name: str, rid: str, row: Row) -> None:
        self.plan.bases.append(
            {
                "table_name": name,
                "row_id": rid,
                "household_id": _household_of(name, row),
                "data": row,
            }
        )


def _sealed(side: Records, name: str, row: Row) -> bool:
    """Whether ``row`` is an issued plan version or part of one on that side."""
    if name == "plan_version":
        return row.get("status") == "issued"
    if name in SEALED_CHILDREN:
        parent = side.get("plan_version", {}).get(row.get("plan_version_id") or "")
        return parent is not None and parent.get("status") == "issued"
    return False


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def read_bases(session: Session, household_ids: list[str]) -> Records:
    found: Records = {}
    for part in records._chunks(household_ids):
        ids = [uuid.UUID(h) for h in part]
        query = select(SyncBase).where(SyncBase.household_id.in_(ids))  # type: ignore[attr-defined]
        for base in session.execute(query).scalars():
            found.setdefault(base.table_name, {})[base.row_id] = dict(base.data)
    return found


def new_people(laptop: Records, bases: Records, team: Records) -> list[Row]:
    """People the laptop added offline (in neither the base nor the team store)."""
    return [
        p
        for pid, p in laptop.get("person", {}).items()
        if pid not in bases.get("person", {}) and pid not in team.get("person", {})
    ]


def team_people(session: Session, new: list[Row]) -> list[tuple[str, str, PersonKey, dict]]:
    """Team-store people who could be one of the laptop's new people (same BSN or birth date)."""
    if not new:
        return []
    bsns = [p["bsn"] for p in new if p.get("bsn")]
    births = [records.native(Person.__table__, "birth_date", p["birth_date"]) for p in new]
    query = (
        select(Person, Household.postcode)
        .join(Household, Household.id == Person.household_id)
        .where(or_(Person.bsn.in_(bsns), Person.birth_date.in_(births)))  # type: ignore[union-attr,attr-defined]
    )
    found = []
    for person, postcode in session.execute(query).all():
        row = {k: records.plain(getattr(person, k)) for k in Person.__table__.c.keys()}
        found.append(
            (row["id"], row["household_id"], _person_key(row, postcode), _summary(row, postcode))
        )
    return found


def last_team_editor(session: Session, household_id: uuid.UUID, since: dt.datetime) -> str | None:
    row = session.execute(
        select(AuditLog.actor)
        .where(
            AuditLog.household_id == str(household_id),
            AuditLog.action == "changed",
            AuditLog.at >= since.isoformat(timespec="microseconds"),
        )
        .order_by(AuditLog.seq.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    return row[0] if row else None


def save_conflicts(session: Session, conflicts: Iterable[SyncConflict]) -> list[SyncConflict]:
    """Store new conflicts; one already waiting for the same field keeps its id (values
    refreshed), so a sync run twice lists each conflict once."""
    saved = []
    for c in conflicts:
        existing = (
            session.execute(
                select(SyncConflict).where(
                    SyncConflict.kind == c.kind,
                    SyncConflict.table_name == c.table_name,
                    SyncConflict.row_id == c.row_id,
                    SyncConflict.status == "open",
                    SyncConflict.field == c.field if c.field else SyncConflict.field.is_(None),  # type: ignore[union-attr]
                )
            )
            .scalars()
            .first()
        )
        if existing is not None:
            existing.values = c.values
            existing.team_by, existing.team_at = c.team_by, c.team_at
            session.add(existing)
            saved.append(existing)
        else:
            session.add(c)
            saved.append(c)
    session.flush()
    return saved


def mirror_conflicts(session: Session, conflicts: Iterable[SyncConflict]) -> None:
    """Keep the team store's copy of the laptop's conflicts (same ids) up to date."""
    for c in conflicts:
        session.merge(SyncConflict.model_validate(c.model_dump()))


def write_bases(session: Session, plan: BatchPlan) -> None:
    for name, rid in plan.base_deletes:
        base = session.get(SyncBase, (name, rid))
        if base is not None:
            session.delete(base)
    for row in plan.bases:
        session.merge(SyncBase(**{**row, "household_id": uuid.UUID(row["household_id"])}))


def push_audit(team: Session, laptop: Session, checkout: SyncCheckout) -> int:
    """Append the laptop's new audit rows to the team's log (never merged: copied, marked
    with the laptop and its own sequence number). ``checkout`` is the team's row, locked."""
    rows = (
        laptop.execute(
            select(AuditLog).where(AuditLog.seq > checkout.audit_pushed_seq).order_by(AuditLog.seq)  # type: ignore[attr-defined]
        )
        .scalars()
        .all()
    )
    audit_log.append_many(
        team,
        [
            {
                "actor": row.actor,
                "action": row.action,
                "household_id": row.household_id,
                "object_type": row.object_type,
                "object_id": row.object_id,
                "details": {
                    **json.loads(row.details or "{}"),
                    "laptop": checkout.laptop,
                    "laptop_seq": row.seq,
                },
                "on_behalf_of": row.on_behalf_of,
                "at": dt.datetime.fromisoformat(row.at),
            }
            for row in rows
        ],
    )
    if rows:
        checkout.audit_pushed_seq = rows[-1].seq
    return len(rows)


Checkpoint = Callable[[str], None]
