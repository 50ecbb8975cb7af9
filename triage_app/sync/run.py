"""One sync run of a laptop against the team store: the batches, then the audit rows, the
conflicts' copies, the reference data and the time of the last sync."""

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import func, select

from triage_app.domain.errors import DomainError
from triage_app.store.engine import Store
from triage_app.store.sync_tables import SyncCheckout, SyncConflict
from triage_app.store.tables import Household
from triage_app.sync import chain_heads, marks, merge_people, records
from triage_app.sync.bring_back import (
    BATCH,
    Planner,
    SyncResult,
    last_team_editor,
    mirror_conflicts,
    new_people,
    push_audit,
    read_bases,
    save_conflicts,
    team_people,
    write_bases,
)
from triage_app.sync.take_along import copy_reference, local_checkout, settings_rows
from triage_app.sync.take_along import write_bases as write_taken_bases

# A household created offline that a worker merged with one the team registered meanwhile
# (not on the laptop): the next sync fetches the team's household and merges into it.
MERGE_AT_SYNC = "merge-at-sync"


class NotTakenAlong(DomainError):
    pass


class CheckoutRevoked(DomainError):
    pass


def _no_checkpoint(_stage: str) -> None:
    return None


def own_checkout(laptop: Store) -> SyncCheckout:
    with laptop.read() as session:
        checkout = local_checkout(session)
    if checkout is None:
        raise NotTakenAlong("Op deze laptop zijn geen dossiers meegenomen uit een teamsysteem.")
    return checkout


def sync(
    laptop: Store,
    team: Store,
    *,
    checkpoint: Callable[[str], None] = _no_checkpoint,
    batch_size: int = BATCH,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    head: dict | None = None,
) -> SyncResult:
    """Merge the laptop's dossiers with the team store; safe to run again at any point.
    ``head`` is the laptop's signed chain head, deposited in the team store at the end; the
    heads deposited before are compared with the laptop's log first (chain_heads.py)."""
    checkout = own_checkout(laptop)
    with team.read() as session:
        at_team = session.get(SyncCheckout, checkout.id)
        if at_team is None:
            raise NotTakenAlong(
                "Het teamsysteem kent deze laptop niet: neem de dossiers opnieuw mee."
            )
        if at_team.revoked_at is not None:
            raise CheckoutRevoked(
                f"Deze laptop is ingetrokken door {at_team.revoked_by} op "
                f"{at_team.revoked_at:%d-%m-%Y}. Er wordt niets meer uitgewisseld."
            )
        with laptop.read() as ls:
            chain_problems = chain_heads.problems(session, ls, checkout.id, checkout.laptop)
    _merge_fetched(laptop, team, checkout)
    with laptop.read() as session:
        household_ids = [str(h) for h in session.execute(select(Household.id)).scalars()]
        counting = marks.counting(session)
    with team.read() as session:
        counting = counting and marks.counting(session)
    result = SyncResult(households=len(household_ids), chain_problems=chain_problems)
    for start in range(0, len(household_ids), batch_size):
        part = household_ids[start : start + batch_size]
        if counting:
            part = _changed(laptop, team, part)
            if not part:
                continue
        to_team, to_laptop = _sync_batch(laptop, team, checkout, part, checkpoint, counting)
        result.to_team += to_team
        result.to_laptop += to_laptop
        checkpoint("batch")
    result.audit_rows = _finish(laptop, team, checkout, now(), head)
    with laptop.read() as session:
        result.open_conflicts = int(
            session.execute(
                select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
            ).scalar_one()
        )
    return result


def _merge_fetched(laptop: Store, team: Store, checkout: SyncCheckout) -> None:
    """Fetch each team household a worker chose to merge an offline one into, then merge."""
    with laptop.read() as ls:
        pending = list(
            ls.execute(
                select(SyncConflict.id, SyncConflict.values).where(
                    SyncConflict.resolution == MERGE_AT_SYNC
                )
            ).all()
        )
    for conflict_id, values in pending:
        theirs = values["team_household_id"]
        with team.write() as ts:
            at_team = ts.get(SyncCheckout, checkout.id, with_for_update=True)
            assert at_team is not None
            dossier = records.read_dossiers(ts, [theirs])
            if dossier.get("household"):
                at_team.household_ids = _union(at_team.household_ids, [theirs])
                ts.add(at_team)
        with laptop.write() as ls:
            conflict = ls.get(SyncConflict, conflict_id)
            assert conflict is not None
            if not dossier.get("household"):  # gone from the team: ours is brought as new
                conflict.resolution = "separate"
                ls.add(conflict)
                continue
            if ls.get(Household, uuid.UUID(theirs)) is None:
                for t in records.dossier_tables():
                    records.insert_rows(ls, t, list(dossier.get(t.name, {}).values()))
                records.finish_issuing(ls)
                write_taken_bases(ls, dossier)
            if ls.get(Household, uuid.UUID(conflict.row_id)) is not None:
                merge_people.merge_household(ls, conflict.row_id, theirs)
            conflict.resolution = "merged"
            ls.add(conflict)
            own = local_checkout(ls)
            assert own is not None
            own.household_ids = _union(own.household_ids, [theirs])
            ls.add(own)
            records.reindex(ls, [theirs])


def _changed(laptop: Store, team: Store, part: list[str]) -> list[str]:
    """The dossiers of ``part`` that either side wrote to since they were last merged."""
    with laptop.read() as ls:
        seen = marks.marks(ls, part)
        laptop_counts = marks.counters(ls, part)
    with team.read() as ts:
        team_counts = marks.counters(ts, part)
    quiet = marks.quiet(part, seen, laptop_counts, team_counts)
    return [h for h in part if h not in quiet]


def _sync_batch(
    laptop: Store,
    team: Store,
    checkout: SyncCheckout,
    part: list[str],
    checkpoint: Callable[[str], None],
    counting: bool = False,
) -> tuple[int, int]:
    ids = [uuid.UUID(h) for h in part]
    with team.write() as ts:
        # Desks that save a household take the same row lock: no change slips in between.
        ts.execute(select(Household.id).where(Household.id.in_(ids)).with_for_update()).all()
        team_records = records.read_dossiers(ts, part)
        with laptop.read() as ls:
            laptop_records = records.read_dossiers(ls, part)
            bases = read_bases(ls, part)
            settled = set(
                ls.execute(
                    select(SyncConflict.row_id).where(
                        SyncConflict.kind == "duplicate", SyncConflict.resolution == "separate"
                    )
                ).scalars()
            )
        people = team_people(ts, new_people(laptop_records, bases, team_records))
        plan = Planner(checkout, laptop_records, team_records, bases, people, settled).run()
        for conflict in plan.conflicts:
            if conflict.kind == "field" and conflict.household_id is not None:
                conflict.team_by = last_team_editor(ts, conflict.household_id, checkout.taken_at)
        plan.team.apply(ts)
        records.reindex(ts, _touched(plan.team))
        if plan.new_households:
            at_team = ts.get(SyncCheckout, checkout.id, with_for_update=True)
            assert at_team is not None
            at_team.household_ids = _union(at_team.household_ids, plan.new_households)
            ts.add(at_team)
        team_counts = marks.counters(ts, part) if counting else {}
    checkpoint("team")  # the team store has this batch, the laptop not yet
    with laptop.write() as ls:
        plan.laptop.apply(ls)
        records.reindex(ls, _touched(plan.laptop))
        write_bases(ls, plan)
        save_conflicts(ls, plan.conflicts)
        if plan.new_households:
            own = local_checkout(ls)
            assert own is not None
            own.household_ids = _union(own.household_ids, plan.new_households)
            ls.add(own)
        if counting:
            ls.flush()
            # A dossier with a conflict waiting is compared in full until it is settled.
            waiting = {
                str(h)
                for h in ls.execute(
                    select(SyncConflict.household_id).where(SyncConflict.status == "open")
                ).scalars()
            }
            settled = [h for h in part if h not in waiting]
            marks.write(ls, settled, marks.counters(ls, settled), team_counts)
            marks.forget(ls, [h for h in part if h in waiting])
    return plan.team.count(), plan.laptop.count()


def _touched(ops) -> list[str]:  # type: ignore[no-untyped-def]
    found = {r["household_id"] for r in ops.inserts.get("person", [])}
    found |= {r["id"] for r in ops.inserts.get("household", [])}
    found |= {rid for name, rid, _ in ops.updates if name == "household"}
    return sorted(found)


def _union(old: list, new: list) -> list:
    return old + [h for h in new if h not in old]


def _finish(
    laptop: Store, team: Store, checkout: SyncCheckout, at: dt.datetime, head: dict | None
) -> int:
    with team.write() as ts:
        at_team = ts.get(SyncCheckout, checkout.id, with_for_update=True)
        assert at_team is not None
        with laptop.read() as ls:
            pushed = push_audit(ts, ls, at_team)
            conflicts = list(ls.execute(select(SyncConflict)).scalars())
        mirror_conflicts(ts, conflicts)
        chain_heads.deposit(ts, checkout.id, checkout.laptop, head)
        at_team.last_sync_at = at
        ts.add(at_team)
        reference = settings_rows(ts)
        mark = at_team.audit_pushed_seq
    with laptop.write() as ls:
        copy_reference(ls, reference)
        own = local_checkout(ls)
        assert own is not None
        own.last_sync_at, own.audit_pushed_seq = at, mark
        ls.add(own)
    return pushed
