"""Register, find, open and change households and their members."""

import uuid
from dataclasses import dataclass

from sqlmodel import Session, func, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import Conflict, DomainError, NotFound
from triage_app.domain.household import (
    HouseholdData,
    HouseholdInput,
    HouseholdSummary,
    HouseholdView,
    MemberRole,
    PersonData,
    PersonView,
    PossibleDuplicate,
    dossier_number,
)
from triage_app.domain.representative import representative_from
from triage_app.domain.values import format_date, mask_bsn
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.store import search
from triage_app.store.counters import next_value
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import Household, Person, utcnow

SEARCH_PAGE = 100
WORK_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, Role.ADMIN)
EDIT_ROLES = (Role.INTAKE, Role.CASEMANAGER)


class PossibleDuplicates(DomainError):
    """Registering would probably make a second dossier for a household that has one."""

    def __init__(self, matches: list[PossibleDuplicate], blocking: bool) -> None:
        super().__init__(
            "Dit huishouden staat er waarschijnlijk al in. Open het bestaande dossier."
        )
        self.matches = matches
        self.blocking = blocking  # a BSN match cannot be overridden


@dataclass(frozen=True)
class SearchResult:
    rows: list[HouseholdSummary]
    more: bool  # there are more matches than shown: type on


def district_names(ctx: ServiceContext) -> list[str]:
    return [d.name for d in ctx.reference.districts]


def count_households(ctx: ServiceContext) -> int:
    with ctx.store.read() as session:
        return int(session.exec(select(func.count()).select_from(Household)).one())


def search_households(ctx: ServiceContext, typed: str, limit: int = SEARCH_PAGE) -> SearchResult:
    ctx.require(*WORK_ROLES, action="huishoudens zoeken")
    with ctx.store.read() as session:
        rows = search.search_households(session, typed, limit + 1)
    return SearchResult(rows=rows[:limit], more=len(rows) > limit)


def log_search(
    ctx: ServiceContext, typed: str, shown: int, dossiers: list[str] | None = None
) -> None:
    """Record a search in the audit log: once per result set shown (the UI calls this when a
    new set replaces it, when typing settles, and before the view changes), with the dossier
    numbers that were on screen."""
    log_searches(ctx, [(typed, shown, dossiers or [])])


def log_searches(ctx: ServiceContext, searches: list[tuple[str, int, list[str]]]) -> None:
    """Record result sets shown one after the other (typed, how many, dossier numbers on
    screen) in one transaction: one audit line each, in the order they were shown. The UI
    gathers the sets shown while a worker types and writes them once typing settles, so
    typing never waits for a write."""
    ctx.require(*WORK_ROLES, action="huishoudens zoeken")
    items: list[dict] = []
    for typed, shown, dossiers in searches:
        details: dict = {"search": typed, "results": shown}
        if dossiers:
            details["shown"] = dossiers
        items.append(details)
    if not items:
        return
    with ctx.store.write() as session:
        if len(items) == 1:
            audit.record(session, ctx, AuditAction.SEARCHED, **items[0])
        else:
            audit.record_many(session, ctx, AuditAction.SEARCHED, items)


def get_household(ctx: ServiceContext, household_id: uuid.UUID) -> HouseholdView:
    """Open a dossier; the view is logged."""
    ctx.require(*WORK_ROLES, action="een dossier openen")
    with ctx.store.write() as session:
        return view_household(session, ctx, household_id)


def read_household(session: Session, household_id: uuid.UUID) -> HouseholdView:
    """A household read in the caller's transaction, not logged: for a caller that logs its
    own use of it (a print logs the print)."""
    return _view(session, _load(session, household_id))


def view_household(session: Session, ctx: ServiceContext, household_id: uuid.UUID) -> HouseholdView:
    """A household read (and its viewing logged) in the caller's transaction."""
    household = _load(session, household_id)
    audit.record(
        session,
        ctx,
        AuditAction.VIEWED,
        household_id=household.id,
        object_type="household",
        object_id=household.id,
    )
    return _view(session, household)


def find_possible_duplicates(
    ctx: ServiceContext, data: HouseholdData, session: Session | None = None
) -> tuple[list[PossibleDuplicate], bool]:
    """Households that look like ``data``: same BSN (blocking), or same address and a
    member's birth date (a warning the worker may override)."""
    if session is None:
        with ctx.store.read() as own:
            return find_possible_duplicates(ctx, data, own)
    found: dict[uuid.UUID, tuple[Household, str]] = {}
    blocking = False
    bsns = [m.bsn for m in data.members if m.bsn]
    if bsns:
        query = select(Household, Person).join(Person).where(Person.bsn.in_(bsns))
        for household, person in session.exec(query).all():
            if household.id != data.id:
                found[household.id] = (household, f"BSN {mask_bsn(person.bsn)} staat hier al in")
                blocking = True
    births = [m.birth_date for m in data.members]
    query = (
        select(Household, Person)
        .join(Person)
        .where(
            Household.postcode == data.postcode,
            Household.house_number == data.house_number,
            Person.birth_date.in_(births),
        )
    )
    for household, person in session.exec(query).all():
        if household.id != data.id and household.id not in found:
            found[household.id] = (
                household,
                f"zelfde adres en geboortedatum {format_date(person.birth_date)}",
            )
    rows = search.summaries(session, [h for h, _ in found.values()])
    reasons = {hid: reason for hid, (_, reason) in found.items()}
    return [PossibleDuplicate(household=r, reason=reasons[r.id]) for r in rows], blocking


@retry_on_deadlock
def register_household(
    ctx: ServiceContext, typed: HouseholdInput, allow_duplicate: bool = False
) -> HouseholdView:
    """Validate and store a new household with its members, in one transaction."""
    ctx.require(*EDIT_ROLES, action="een huishouden registreren")
    data = typed.validate(district_names(ctx), ctx.today())
    with ctx.store.write() as session:
        matches, blocking = find_possible_duplicates(ctx, data, session)
        if matches and (blocking or not allow_duplicate):
            raise PossibleDuplicates(matches, blocking)
        seq = next_value(session, "household")
        household = Household(
            dossier_seq=seq,
            dossier_number=dossier_number(ctx.today().year, seq),
            street=data.street,
            house_number=data.house_number,
            house_number_addition=data.house_number_addition,
            postcode=data.postcode,
            city=data.city,
            district=data.district,
            phone=data.phone,
        )
        session.add(household)
        session.flush()
        for member in data.members:
            session.add(_new_person(household.id, member))
        session.flush()
        search.reindex_household(session, household)
        audit.record(
            session,
            ctx,
            AuditAction.CREATED,
            household_id=household.id,
            object_type="household",
            object_id=household.id,
            members=len(data.members),
        )
        return _view(session, household)


@retry_on_deadlock
def update_household(ctx: ServiceContext, typed: HouseholdInput) -> HouseholdView:
    """Save changes to a household and its members; refuses if someone saved in between."""
    ctx.require(*EDIT_ROLES, action="een huishouden wijzigen")
    if typed.id is None:
        raise NotFound("Dit huishouden is nog niet opgeslagen.")
    data = typed.validate(district_names(ctx), ctx.today())
    with ctx.store.write() as session:
        household = _load(session, data.id, lock=True)
        if data.version is not None and household.version != data.version:
            raise Conflict(
                "Iemand anders heeft dit huishouden intussen gewijzigd.",
                current=_view(session, household),
            )
        matches, blocking = find_possible_duplicates(ctx, data, session)
        if blocking:
            raise PossibleDuplicates(matches, blocking)
        changed_fields = _apply(household, household_fields(data))
        existing = {
            p.id: p for p in session.exec(select(Person).where(Person.household_id == household.id))
        }
        for member in data.members:
            if member.id is None:
                person = _new_person(household.id, member)
                session.add(person)
                changed_fields.append("bewoner toegevoegd")
            elif member.id in existing:
                person = existing[member.id]
                if member.version is not None and member.version != person.version:
                    raise Conflict(
                        f"Iemand anders heeft {person.first_name} intussen gewijzigd.",
                        current=_view(session, household),
                    )
                fields = person_fields(member)
                if fields["bsn"] is None:
                    # The screens show a BSN masked and never send it back: keep the stored one.
                    del fields["bsn"]
                member_changes = _apply(person, fields)
                if member_changes:
                    person.updated_at = utcnow()
                    person.version += 1
                    session.add(person)
                    changed_fields += [f"bewoner.{name}" for name in member_changes]
        if changed_fields:
            household.updated_at = utcnow()
            household.version += 1
            session.add(household)
            session.flush()
            search.reindex_household(session, household)
            audit.record(
                session,
                ctx,
                AuditAction.CHANGED,
                household_id=household.id,
                object_type="household",
                object_id=household.id,
                fields=changed_fields,
            )
        return _view(session, household)


def household_fields(data: HouseholdData) -> dict:
    """The stored columns of a validated household (also used by the demo's bulk insert)."""
    return {
        "street": data.street,
        "house_number": data.house_number,
        "house_number_addition": data.house_number_addition,
        "postcode": data.postcode,
        "city": data.city,
        "district": data.district,
        "phone": data.phone,
    }


def person_fields(member: PersonData) -> dict:
    """The stored columns of a validated member (also used by the demo's bulk insert)."""
    return {
        "first_name": member.first_name,
        "prefix": member.prefix,
        "last_name": member.last_name,
        "birth_date": member.birth_date,
        "bsn": member.bsn,
        "role": str(member.role),
        "phone": member.phone,
        "email": member.email,
        "is_carer": member.is_carer,
    }


def _apply(row: Household | Person, values: dict) -> list[str]:
    """Set changed values; return the names of the fields that changed."""
    changed = []
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed.append(key)
    return changed


def _new_person(household_id: uuid.UUID, member: PersonData) -> Person:
    return Person(household_id=household_id, **person_fields(member))


def _load(session: Session, household_id: uuid.UUID | None, lock: bool = False) -> Household:
    """``lock``: hold the row until the transaction ends, so a version check cannot race
    (PostgreSQL's FOR UPDATE; SQLite's writers already take turns)."""
    household = (
        session.get(Household, household_id, with_for_update=lock) if (household_id) else None
    )
    if household is None:
        raise NotFound("Dit huishouden bestaat niet (meer).")
    return household


def _view(session: Session, household: Household) -> HouseholdView:
    members = session.exec(
        select(Person).where(Person.household_id == household.id).order_by(Person.birth_date)
    ).all()
    summary = search.summary(household, members)
    return HouseholdView(
        id=household.id,
        dossier_number=household.dossier_number,
        name=summary.name,
        street=household.street,
        house_number=household.house_number,
        house_number_addition=household.house_number_addition,
        postcode=household.postcode,
        city=household.city,
        district=household.district,
        phone=household.phone,
        members=[_person_view(p) for p in members],
        created_at=household.created_at,
        updated_at=household.updated_at,
        version=household.version,
    )


def _person_view(person: Person) -> PersonView:
    return PersonView(
        id=person.id,
        first_name=person.first_name,
        prefix=person.prefix,
        last_name=person.last_name,
        birth_date=person.birth_date,
        bsn_masked=mask_bsn(person.bsn),
        has_bsn=person.bsn is not None,
        role=MemberRole(person.role),
        phone=person.phone,
        email=person.email,
        is_carer=person.is_carer,
        version=person.version,
        representative=_representative_line(person),
    )


def _representative_line(person: Person) -> str:
    found = representative_from(person.representative_values())
    return f"{found.label} {found.name}" if found else ""


def reveal_bsn(ctx: ServiceContext, person_id: uuid.UUID) -> str:
    """The full BSN of a member, shown only on request; every showing is logged."""
    ctx.require(*WORK_ROLES, action="een BSN bekijken")
    with ctx.store.write() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound("Deze bewoner bestaat niet (meer).")
        if not person.bsn:
            return ""
        audit.record(
            session,
            ctx,
            AuditAction.BSN_SHOWN,
            household_id=person.household_id,
            object_type="person",
            object_id=person.id,
        )
        return person.bsn
