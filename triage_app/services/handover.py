"""Hand-over of a plan draft from casemanager to decider ("ter besluitvorming").

A casemanager offers a saved draft to a named decider or to the team's pool of deciders, with
an optional note. While the offer is open the draft is locked: nobody saves it, so the decider
decides on exactly what was offered. The decider issues it (``plans.issue_version`` closes the
offer) or sends it back with a note, which unlocks the draft for the casemanager.

Who may take an offer: a plan offered to a named decider is theirs alone; another decider can
neither send it back nor issue it (they see who holds it). A plan offered to the pool may be
taken by any decider. Each step is one transaction, role-checked and audit-logged.
"""

import uuid

from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import LONG_TEXT, check_text
from triage_app.domain.errors import Conflict, DomainError, InvalidValue, NotAllowed, NotFound
from triage_app.domain.plan import VersionStatus
from triage_app.domain.plan_views import PlanView
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.services.plan_mapping import plan_view
from triage_app.store.plan_tables import Plan, PlanHandover, PlanVersion
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import Worker, utcnow

POOL = None  # offered_to for the team's pool of deciders


def deciders(ctx: ServiceContext) -> list[tuple[str, str]]:
    """Active workers holding the decider role, as (username, name), by name."""
    ctx.require(Role.CASEMANAGER, Role.DECIDER, action="een plan aanbieden ter besluitvorming")
    with ctx.store.read() as session:
        workers = session.exec(select(Worker).where(Worker.active)).all()
    found = [
        (w.username, w.display_name)
        for w in workers
        if Role.DECIDER.value in (r.strip() for r in w.roles.split(","))
    ]
    return sorted(found, key=lambda pair: pair[1].lower())


def open_offer(session: Session, version_id: uuid.UUID) -> PlanHandover | None:
    return session.exec(
        select(PlanHandover).where(
            PlanHandover.plan_version_id == version_id, PlanHandover.status == "open"
        )
    ).first()


def _name(session: Session, username: str | None) -> str:
    if username is None:
        return "de gemandateerden van het team"
    worker = session.exec(select(Worker).where(Worker.username == username)).first()
    return worker.display_name if worker else username


def refuse_if_offered(session: Session, version_id: uuid.UUID) -> None:
    """A draft that lies ter besluitvorming is not changed (the decider decides on it)."""
    offer = open_offer(session, version_id)
    if offer is not None:
        raise DomainError(
            f"Dit plan ligt ter besluitvorming bij {_name(session, offer.offered_to)}. U kunt "
            "het weer wijzigen als het is teruggestuurd."
        )


def _check_may_take(session: Session, ctx: ServiceContext, offer: PlanHandover) -> None:
    if offer.offered_to is not None and offer.offered_to != ctx.actor.username:
        raise NotAllowed(
            f"Dit plan is aangeboden aan {_name(session, offer.offered_to)}. Alleen die "
            "gemandateerde neemt het besluit of stuurt het terug."
        )


def close_on_issue(session: Session, ctx: ServiceContext, version_id: uuid.UUID) -> None:
    """Called inside the issue's transaction: only the decider it was offered to (or any
    decider, for the pool) issues an offered draft; the offer is then closed."""
    offer = open_offer(session, version_id)
    if offer is None:
        return
    _check_may_take(session, ctx, offer)
    offer.status = "issued"
    offer.returned_by = ctx.actor.username
    offer.returned_at = utcnow()
    session.add(offer)


def _version(session: Session, version_id: uuid.UUID, expected: int | None) -> PlanVersion:
    version = session.get(PlanVersion, version_id, with_for_update=True)
    if version is None:
        raise NotFound("Deze planversie bestaat niet (meer).")
    if version.status != VersionStatus.DRAFT:
        raise DomainError("Deze versie is al vastgesteld; er valt niets meer te besluiten.")
    if expected is not None and version.version != expected:
        raise Conflict(
            "Iemand anders heeft dit concept intussen opgeslagen. Open het plan opnieuw."
        )
    return version


def _log(session: Session, ctx: ServiceContext, version: PlanVersion, change: str) -> None:
    audit.record(
        session,
        ctx,
        AuditAction.CHANGED,
        household_id=version.household_id,
        object_type="plan_version",
        object_id=version.id,
        number=version.number,
        change=change,
    )


@retry_on_deadlock
def offer(
    ctx: ServiceContext,
    version_id: uuid.UUID,
    expected_version: int | None,
    to: str | None,
    note: str = "",
) -> PlanView:
    """Offer a saved draft ter besluitvorming to decider ``to`` (a username) or the pool."""
    ctx.require(Role.CASEMANAGER, action="een plan aanbieden ter besluitvorming")
    note = check_text(note.strip(), LONG_TEXT, "De notitie")
    with ctx.store.write() as session:
        version = _version(session, version_id, expected_version)
        refuse_if_offered(session, version.id)
        if to is not None:
            worker = session.exec(select(Worker).where(Worker.username == to)).first()
            roles = [r.strip() for r in worker.roles.split(",")] if worker else []
            if worker is None or not worker.active or Role.DECIDER.value not in roles:
                raise InvalidValue(
                    "Kies een gemandateerde uit de lijst, of de pool van het team.", field="to"
                )
        session.add(
            PlanHandover(
                plan_version_id=version.id,
                household_id=version.household_id,
                status="open",
                offered_by=ctx.actor.username,
                offered_to=to,
                offered_on=ctx.today(),
                note=note,
            )
        )
        session.flush()
        _log(session, ctx, version, f"ter besluitvorming aangeboden aan {_name(session, to)}")
        return plan_view(session, session.get(Plan, version.plan_id))


@retry_on_deadlock
def send_back(ctx: ServiceContext, version_id: uuid.UUID, note: str) -> PlanView:
    """The decider sends an offered draft back to the casemanager; the note is required."""
    ctx.require(Role.DECIDER, action="een plan terugsturen")
    if not note.strip():
        raise InvalidValue(
            "Schrijf op wat de casemanager moet aanpassen voordat u het besluit neemt.",
            field="note",
        )
    note = check_text(note.strip(), LONG_TEXT, "De notitie")
    with ctx.store.write() as session:
        version = _version(session, version_id, None)
        offer = open_offer(session, version.id)
        if offer is None:
            raise DomainError("Dit plan ligt niet (meer) ter besluitvorming.")
        _check_may_take(session, ctx, offer)
        offer.status = "sent_back"
        offer.returned_by = ctx.actor.username
        offer.returned_at = utcnow()
        offer.return_note = note
        session.add(offer)
        session.flush()
        _log(session, ctx, version, "teruggestuurd naar de casemanager")
        return plan_view(session, session.get(Plan, version.plan_id))
