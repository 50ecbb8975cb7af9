"""Working offline: take dossiers along from the team store, bring the work back, resolve what
both sides changed, see where a dossier is, revoke a lost laptop.

The copying and merging live in ``triage_app/sync/`` (see its docstring for why no library);
this module checks roles, logs to the audit log and speaks Dutch.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.domain.sync_merge import changed_since
from triage_app.domain.values import format_date
from triage_app.services import accounts, audit, reference, signatures
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store
from triage_app.store.keyfile import KeyFile, key_file_for
from triage_app.store.sync_tables import SyncBase, SyncCheckout, SyncConflict
from triage_app.store.tables import Household, Worker
from triage_app.sync import chain_heads, marks, merge_people, records, run
from triage_app.sync.bring_back import SyncResult, read_bases
from triage_app.sync.run import MERGE_AT_SYNC
from triage_app.sync.take_along import (
    local_checkout,
    open_checkouts_for,
    record_checkout,
    select_households,
    settings_rows,
    write_laptop,
)

WORK_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, Role.ADMIN)
CHECKOUT_WARN_DAYS = 14  # unless the profile says otherwise (offline_checkout_days)


class TeamUnreachable(DomainError):
    pass


UNREACHABLE = (
    "Het teamsysteem is niet bereikbaar. Er is niets verloren gegaan: alles staat nog op "
    "deze laptop. Probeer het opnieuw als er netwerk is."
)


def team_login(url: str, username: str, password: str) -> ServiceContext:
    """Log in to the team store; a network problem becomes a Dutch message."""
    try:
        return accounts.login(url, username, password)
    except OperationalError:
        raise TeamUnreachable(UNREACHABLE) from None


def new_laptop_store(url: str, team: ServiceContext, password: str) -> tuple[ServiceContext, str]:
    """A new encrypted store on the laptop for the worker logged in to the team store: the key
    is wrapped for their password (as any new store); returns the context and recovery key."""
    path = accounts.local_store_path(url)
    if path is None:
        raise InvalidValue("Meenemen kan alleen naar een bestand op deze laptop.", field="db")
    if path.exists() or key_file_for(path).exists():
        raise DomainError("Hier staan al gegevens; log daar in en kies Meenemen.")
    path.parent.mkdir(parents=True, exist_ok=True)
    keyfile, key, recovery = KeyFile.create(key_file_for(path), team.actor.username, password)
    store = open_store(url, key)
    with team.store.read() as ts:
        worker = ts.get(Worker, team.actor.id) if team.actor.id else None
        if worker is None:
            raise NotFound("Uw account staat niet in het teamsysteem.")
        copy = Worker.model_validate(worker.model_dump())
    with store.write() as session:
        session.add(copy)
        session.flush()
        ctx = ServiceContext(
            store=store,
            actor=team.actor,
            keyfile=keyfile,
            db_key=key,
            reference=reference.load(session),
            today=team.today,
        )
    return ctx, recovery


def take_along(
    laptop: ServiceContext,
    team: ServiceContext,
    *,
    laptop_name: str,
    team_url: str,
    district: str | None = None,
    dossier_numbers: list[str] | None = None,
    mine: bool = False,
) -> int:
    """Copy the chosen dossiers into the laptop's store; returns how many."""
    team.require(*WORK_ROLES, action="dossiers meenemen")
    with laptop.store.read() as session:
        if local_checkout(session) is not None:
            raise DomainError(
                "Deze laptop heeft al dossiers meegenomen. Synchroniseer eerst en neem dan "
                "opnieuw mee op een nieuwe laptopopslag."
            )
    if district is not None:
        scope = f"wijk {district}"
    elif mine:
        scope = f"eigen dossiers van {team.actor.username}"
    else:
        scope = "dossiers " + ", ".join(dossier_numbers or [])
    with team.store.write() as ts:
        ids = select_households(
            ts,
            district=district,
            dossier_numbers=dossier_numbers or [],
            worker=team.actor.username if mine else None,
        )
        if not ids:
            raise NotFound(f"Er zijn geen dossiers gevonden voor {scope}.")
        checkout = record_checkout(
            ts,
            laptop=laptop_name,
            worker=team.actor.username,
            worker_name=team.actor.display_name,
            scope=scope,
            household_ids=ids,
            year=team.today().year,
        )
        audit.record_many(
            ts,
            team,
            AuditAction.EXPORTED,
            [
                {
                    "household_id": uuid.UUID(hid),
                    "object_type": "checkout",
                    "object_id": checkout.id,
                    "laptop": laptop_name,
                }
                for hid in ids
            ],
        )
        dossiers = records.read_dossiers(ts, ids)
        reference_rows = settings_rows(ts)
        team_counts = marks.counters(ts, ids) if marks.counting(ts) else {}
    with laptop.store.write() as ls:
        write_laptop(ls, checkout, dossiers, reference_rows, _safe_url(team_url))
        if team_counts and marks.counting(ls):
            ls.flush()
            marks.write(ls, ids, marks.counters(ls, ids), team_counts)
        reference.refresh(laptop, ls)
    return len(ids)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def sync(
    laptop: ServiceContext,
    team: ServiceContext,
    checkpoint: Callable[[str], None] | None = None,
    batch_size: int = 100,
) -> SyncResult:
    """Bring the laptop's work back and fetch the team's; safe to repeat at any point."""
    laptop.require(*WORK_ROLES, action="synchroniseren")
    checkout = run.own_checkout(laptop.store)
    head = signatures.laptop_head(laptop, team, str(checkout.id))
    try:
        result = run.sync(
            laptop.store,
            team.store,
            checkpoint=checkpoint or (lambda _stage: None),
            batch_size=batch_size,
            head=head,
        )
        if result.chain_problems:  # a cut or rewritten laptop log: the team keeps that it was
            with team.store.write() as session:
                audit.record(
                    session,
                    team,
                    AuditAction.CHANGED,
                    object_type="checkout",
                    object_id=checkout.id,
                    laptop=checkout.laptop,
                    audit_log_problems=result.chain_problems,
                )
    except OperationalError as exc:
        if "psycopg" not in type(exc.orig).__module__:
            raise  # the laptop's own store: not a network problem
        raise TeamUnreachable(UNREACHABLE) from None
    with laptop.store.read() as session:
        reference.refresh(laptop, session)
    return result


def chain_problems(laptop: ServiceContext, team: ServiceContext) -> list[str]:
    """``audit verify`` on a laptop, against the team store: the laptop's log compared with
    every chain head the team store kept for it (sync/chain_heads.py); empty when they match."""
    laptop.require(Role.ADMIN, *WORK_ROLES, action="het auditlog controleren")
    checkout = run.own_checkout(laptop.store)
    try:
        with team.store.read() as ts, laptop.store.read() as ls:
            return chain_heads.problems(ts, ls, checkout.id, checkout.laptop)
    except OperationalError as exc:
        if "psycopg" not in type(exc.orig).__module__:
            raise
        raise TeamUnreachable(UNREACHABLE) from None


# --- Conflicts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    kind: str  # "field" or "duplicate"
    table_name: str
    row_id: str
    household_id: uuid.UUID | None
    field: str | None
    base: object
    laptop: object
    team: object
    laptop_by: str
    laptop_at: dt.datetime | None
    team_by: str | None
    team_at: dt.datetime | None
    parts: int = 0  # sealed: parts of the version (goals, arrangements, requests) not taken over


def open_conflicts(ctx: ServiceContext) -> list[ConflictView]:
    ctx.require(*WORK_ROLES, action="conflicten bekijken")
    with ctx.store.read() as session:
        rows = session.execute(
            select(SyncConflict)
            .where(SyncConflict.status == "open")
            .order_by(SyncConflict.created_at)  # type: ignore[arg-type]
        ).scalars()
        return [_conflict_view(c) for c in rows]


def _conflict_view(c: SyncConflict) -> ConflictView:
    return ConflictView(
        id=c.id,
        kind=c.kind,
        table_name=c.table_name,
        row_id=c.row_id,
        household_id=c.household_id,
        field=c.field,
        base=c.values.get("base"),
        laptop=c.values.get("laptop"),
        team=c.values.get("team"),
        laptop_by=c.laptop_by,
        laptop_at=c.laptop_at,
        team_by=c.team_by,
        team_at=c.team_at,
        parts=int(c.values.get("parts", 0)),
    )


def resolve_conflict(
    ctx: ServiceContext, conflict_id: uuid.UUID, choice: str, typed: str | None = None
) -> None:
    """Settle a field changed on both sides: ``choice`` "laptop", "team" or "typed" (a merged
    value the worker typed). The laptop's record takes the value; the next sync brings it to
    the team store (unless the team changed the field yet again: then it asks once more)."""
    ctx.require(Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, action="een conflict oplossen")
    with ctx.store.write() as session:
        conflict = _open_conflict(session, conflict_id, "field")
        if choice == "typed":
            if typed is None or not typed.strip():
                raise InvalidValue("Typ de waarde die moet blijven.", field="typed")
            value = typed.strip()
        elif choice in ("laptop", "team"):
            value = conflict.values[choice]
        else:
            raise InvalidValue("Kies de waarde van de laptop, van het team of typ er een.")
        t = records.table(conflict.table_name)
        assert conflict.field is not None
        fields = {conflict.field: value}
        if "version" in t.c:
            current = session.execute(
                select(t.c.version).where(t.primary_key.columns[0] == _pk(t, conflict.row_id))
            ).scalar_one()
            fields["version"] = current + 1
        if "updated_at" in t.c:
            fields["updated_at"] = records.plain(dt.datetime.now(dt.UTC))
        try:
            records.update_row(session, t, conflict.row_id, fields)
        except (ValueError, TypeError):
            raise InvalidValue("Deze waarde past niet in dit veld.", field="typed") from None
        records.finish_issuing(session)
        base = session.get(SyncBase, (conflict.table_name, conflict.row_id))
        if base is not None:
            # Against the team's value: the chosen value is now a change made here.
            base.data = {**base.data, conflict.field: conflict.values["team"]}
            session.add(base)
        _settle(session, ctx, conflict, choice, value)
        if conflict.table_name == "household":
            records.reindex(session, [conflict.row_id])


def acknowledge(ctx: ServiceContext, conflict_id: uuid.UUID) -> None:
    """Seen: a change made to a version that was issued meanwhile could not be taken over
    (an issued version never changes); its value stays in this conflict and the audit log."""
    ctx.require(*WORK_ROLES, action="een conflict afhandelen")
    with ctx.store.write() as session:
        conflict = _open_conflict(session, conflict_id, "sealed")
        _settle(session, ctx, conflict, "seen", None)


def keep_apart(ctx: ServiceContext, conflict_id: uuid.UUID) -> None:
    """A look-alike is a different person after all: the next sync brings it as new."""
    ctx.require(*WORK_ROLES, action="een dubbele bewoner beoordelen")
    with ctx.store.write() as session:
        conflict = _open_conflict(session, conflict_id, "duplicate")
        _settle(session, ctx, conflict, "separate", None)


def merge_duplicate(ctx: ServiceContext, conflict_id: uuid.UUID) -> None:
    """The person (or household) created offline is the one the team store knows: everything
    recorded for them here moves to the team's, whose empty fields are filled from ours. A
    household the team registered after taking along is fetched and merged at the next sync."""
    ctx.require(*WORK_ROLES, action="een dubbele bewoner samenvoegen")
    with ctx.store.write() as session:
        conflict = _open_conflict(session, conflict_id, "duplicate")
        if conflict.table_name == "household":
            theirs = conflict.values["team_household_id"]
            if session.get(Household, uuid.UUID(theirs)) is None:
                _settle(session, ctx, conflict, MERGE_AT_SYNC, theirs)
                return
            merge_people.merge_household(session, conflict.row_id, theirs)
            _settle(session, ctx, conflict, "merged", theirs)
            records.reindex(session, [theirs])
            return
        household = merge_people.merge_person(
            session, conflict.values["laptop_person_id"], conflict.values["team_person_id"]
        )
        _settle(session, ctx, conflict, "merged", conflict.values["team_person_id"])
        records.reindex(session, [household])


_pk = merge_people.pk


def _open_conflict(session: Session, conflict_id: uuid.UUID, kind: str) -> SyncConflict:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.status != "open" or conflict.kind != kind:
        raise NotFound("Dit conflict is al opgelost of bestaat niet.")
    return conflict


def _settle(
    session: Session, ctx: ServiceContext, conflict: SyncConflict, how: str, value: object
) -> None:
    conflict.status, conflict.resolution = "resolved", how
    conflict.resolved_by, conflict.resolved_at = ctx.actor.username, dt.datetime.now(dt.UTC)
    conflict.values = {**conflict.values, "resolved": value}
    session.add(conflict)
    audit.record(
        session,
        ctx,
        AuditAction.CHANGED,
        household_id=conflict.household_id,
        object_type="sync_conflict",
        object_id=conflict.id,
        table=conflict.table_name,
        field=conflict.field,
        resolution=how,
        laptop_value=conflict.values.get("laptop"),
        team_value=conflict.values.get("team"),
        chosen=value,
    )


# --- Status and the team's view ----------------------------------------------------------


@dataclass(frozen=True)
class OfflineStatus:
    taken_along: int
    changes_waiting: int
    last_sync: dt.datetime | None
    conflicts: int
    taken_at: dt.datetime
    team_url: str
    too_old: bool  # older than the profile's offline_checkout_days
    limit_days: int


def status(ctx: ServiceContext, now: dt.datetime | None = None) -> OfflineStatus | None:
    """What this laptop holds, None when it took nothing along."""
    now = now or dt.datetime.now(dt.UTC)
    with ctx.store.read() as session:
        checkout = local_checkout(session)
        if checkout is None:
            return None
        conflicts = session.execute(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
        ).scalar_one()
        waiting = changes_waiting(session)
    limit = int(ctx.reference.profile.get("offline_checkout_days", CHECKOUT_WARN_DAYS))
    taken = (
        checkout.taken_at if checkout.taken_at.tzinfo else checkout.taken_at.replace(tzinfo=dt.UTC)
    )
    return OfflineStatus(
        taken_along=len(checkout.household_ids),
        changes_waiting=waiting,
        last_sync=checkout.last_sync_at,
        conflicts=int(conflicts),
        taken_at=taken,
        team_url=checkout.team_url or "",
        too_old=now - taken > dt.timedelta(days=limit),
        limit_days=limit,
    )


def changes_waiting(session: Session) -> int:
    """Records changed, added or removed here since the last sync."""
    from triage_app.store.tables import Household

    ids = [str(h) for h in session.execute(select(Household.id)).scalars()]
    bases = read_bases(session, ids)
    here = records.read_dossiers(session, ids)
    count = 0
    for name in set(here) | set(bases):
        rows, known = here.get(name, {}), bases.get(name, {})
        count += sum(1 for rid, row in rows.items() if changed_since(known.get(rid), row))
        count += sum(1 for rid in known if rid not in rows)  # removed here
    return count


def taken_along_note(ctx: ServiceContext, household_id: uuid.UUID) -> str | None:
    """For colleagues in the team store: "Meegenomen door … sinds …", or None."""
    with ctx.store.read() as session:
        return taken_along_note_in(session, household_id)


def taken_along_note_in(session: Session, household_id: uuid.UUID) -> str | None:
    found = open_checkouts_for(session, household_id)
    if not found:
        return None
    return "; ".join(
        f"Meegenomen door {c.worker_name} (laptop {c.laptop}) "
        f"sinds {format_date(c.taken_at.date())}"
        for c in found
    )


def checkouts(ctx: ServiceContext) -> list[SyncCheckout]:
    ctx.require(Role.ADMIN, action="meegenomen dossiers bekijken")
    with ctx.store.read() as session:
        query = select(SyncCheckout).where(SyncCheckout.team_url.is_(None))  # type: ignore[union-attr]
        return list(session.execute(query.order_by(SyncCheckout.taken_at)).scalars())


def revoke(ctx: ServiceContext, checkout_id: uuid.UUID) -> None:
    """A lost laptop: it may no longer bring anything in. Its own data stay encrypted."""
    ctx.require(Role.ADMIN, action="een laptop intrekken")
    with ctx.store.write() as session:
        checkout = session.get(SyncCheckout, checkout_id, with_for_update=True)
        if checkout is None or checkout.team_url is not None:
            raise NotFound("Deze meegenomen dossiers bestaan niet.")
        if checkout.revoked_at is None:
            checkout.revoked_at, checkout.revoked_by = dt.datetime.now(dt.UTC), ctx.actor.username
            session.add(checkout)
            audit.record(
                session,
                ctx,
                AuditAction.CHANGED,
                object_type="checkout",
                object_id=checkout.id,
                revoked=checkout.laptop,
                households=len(checkout.household_ids),
            )
