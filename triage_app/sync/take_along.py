"""Take dossiers along: choose them in the team store, record the checkout there, copy them
with the reference data into the laptop's store. Runs inside the callers' transactions."""

import datetime as dt
import uuid
from collections.abc import Iterable

from sqlalchemy import insert, or_, select, text
from sqlmodel import Session

from triage_app.domain.sync_merge import DEFAULT_BLOCK_SIZE, reserve_block
from triage_app.store.intake_tables import Request
from triage_app.store.plan_tables import PlanVersion
from triage_app.store.sync_tables import NumberBlock, SyncBase, SyncCheckout
from triage_app.store.tables import Household, Setting
from triage_app.sync import records


def select_households(
    session: Session,
    *,
    district: str | None = None,
    dossier_numbers: Iterable[str] = (),
    worker: str | None = None,
) -> list[str]:
    """The ids of the dossiers asked for: a wijk, dossier numbers, or a worker's own (where
    they lead the plan or took the melding)."""
    query = select(Household.id)
    if district is not None:
        query = query.where(Household.district == district)
    elif worker is not None:
        leads = select(PlanVersion.household_id).where(PlanVersion.case_lead == worker)
        took = select(Request.household_id).where(Request.created_by == worker)
        query = query.where(or_(Household.id.in_(leads), Household.id.in_(took)))
    else:
        query = query.where(Household.dossier_number.in_(list(dossier_numbers)))
    return [str(h) for h in session.execute(query.order_by(Household.dossier_seq)).scalars()]


def _reserve(session: Session, name: str, size: int) -> dict:
    """Move the team's counter past a block of ``size`` numbers, atomically."""
    new = session.execute(
        text(
            "INSERT INTO counter (name, value) VALUES (:name, :size) "
            "ON CONFLICT (name) DO UPDATE SET value = counter.value + :size RETURNING value"
        ),
        {"name": name, "size": size},
    ).scalar_one()
    block, _ = reserve_block(name, int(new) - size, size)
    return {"name": block.name, "first": block.first, "last": block.last}


def record_checkout(
    session: Session,
    *,
    laptop: str,
    worker: str,
    worker_name: str,
    scope: str,
    household_ids: list[str],
    year: int,
    block_size: int = DEFAULT_BLOCK_SIZE,
) -> SyncCheckout:
    """The team store's record of the checkout, with the laptop's blocks of dossier numbers
    and decision numbers (this year and next, so a year's turn offline is covered)."""
    names = ["household", f"decision-{year}", f"decision-{year + 1}"]
    checkout = SyncCheckout(
        laptop=laptop,
        worker=worker,
        worker_name=worker_name,
        scope=scope,
        household_ids=household_ids,
        blocks=[_reserve(session, name, block_size) for name in names],
    )
    session.add(checkout)
    session.flush()
    return checkout


def settings_rows(session: Session) -> list[dict]:
    return [
        {k: records.plain(v) for k, v in row.items()}
        for row in session.execute(select(Setting.__table__)).mappings()
    ]


def copy_reference(session: Session, rows: list[dict]) -> None:
    """Put the team's settings (profile, catalogue, wijken, tariffs) in place of the laptop's."""
    t = Setting.__table__
    session.execute(t.delete())
    records.insert_rows(session, t, rows)


def write_laptop(
    session: Session,
    checkout: SyncCheckout,
    dossiers: dict[str, dict[str, records.Row]],
    reference_rows: list[dict],
    team_url: str,
) -> None:
    """Copy the dossiers into the laptop's store, each record also as the base of the next
    merge, and the laptop's own copy of the checkout with its number blocks."""
    for t in records.dossier_tables():
        records.insert_rows(session, t, list(dossiers.get(t.name, {}).values()))
    records.finish_issuing(session)
    write_bases(session, dossiers)
    copy_reference(session, reference_rows)
    own = SyncCheckout.model_validate(checkout.model_dump())
    own.team_url = team_url
    session.add(own)
    for block in checkout.blocks:
        session.add(
            NumberBlock(name=block["name"], next_value=block["first"], last_value=block["last"])
        )
    records.reindex(session, dossiers.get("household", {}).keys())


def write_bases(session: Session, dossiers: dict[str, dict[str, records.Row]]) -> None:
    base_rows = [
        {
            "table_name": name,
            "row_id": rid,
            "household_id": uuid.UUID(row["id"] if name == "household" else row["household_id"]),
            "data": row,
        }
        for name, rows in dossiers.items()
        for rid, row in rows.items()
    ]
    for part in records._chunks(base_rows):
        session.execute(insert(SyncBase.__table__), part)


def local_checkout(session: Session) -> SyncCheckout | None:
    """This laptop's own checkout, None on a store that took nothing along."""
    query = select(SyncCheckout).where(SyncCheckout.team_url.is_not(None))  # type: ignore[union-attr]
    return session.execute(query).scalars().first()


def open_checkouts_for(session: Session, household_id: uuid.UUID) -> list[SyncCheckout]:
    """Checkouts in the team store that hold this dossier and are not revoked."""
    rows = session.execute(
        select(SyncCheckout).where(
            SyncCheckout.revoked_at.is_(None),  # type: ignore[union-attr]
            SyncCheckout.team_url.is_(None),  # type: ignore[union-attr]
        )
    ).scalars()
    return [c for c in rows if str(household_id) in c.household_ids]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
