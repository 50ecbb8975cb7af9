"""A resident's representative: read, record, change and remove it (audit-logged).

A decision issued afterwards is addressed by domain/representative.py's ``letter_routing``;
decisions issued before keep the address they were issued with."""

import uuid

from sqlmodel import Session

from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import NotFound
from triage_app.domain.representative import (
    Representative,
    RepresentativeInput,
    representative_from,
)
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.services.households import EDIT_ROLES, WORK_ROLES
from triage_app.store.retry import retry_on_deadlock
from triage_app.store.tables import REPRESENTATIVE_FIELDS as FIELDS
from triage_app.store.tables import Person, utcnow


def stored(person: Person) -> Representative | None:
    """The representative recorded on ``person`` (a row), or None."""
    return representative_from(person.representative_values())


def representative_of(session: Session, person_id: uuid.UUID) -> Representative | None:
    person = session.get(Person, person_id)
    return stored(person) if person is not None else None


def get_representative(ctx: ServiceContext, person_id: uuid.UUID) -> Representative | None:
    ctx.require(*WORK_ROLES, action="een vertegenwoordiger bekijken")
    with ctx.store.read() as session:
        if session.get(Person, person_id) is None:
            raise NotFound("Deze bewoner bestaat niet (meer).")
        return representative_of(session, person_id)


@retry_on_deadlock
def set_representative(
    ctx: ServiceContext, person_id: uuid.UUID, typed: RepresentativeInput | None
) -> Representative | None:
    """Record (or, with ``typed`` None, remove) the representative of a resident. Bad input
    raises ValidationFailed with a Dutch message per field and writes nothing."""
    ctx.require(*EDIT_ROLES, action="een vertegenwoordiger vastleggen")
    data = typed.validate() if typed is not None else None
    with ctx.store.write() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound("Deze bewoner bestaat niet (meer).")
        before = stored(person)
        if before == data:
            return data
        for f in FIELDS:
            value = getattr(data, f, "") if data is not None else ""
            setattr(person, f"representative_{f}", str(value))
        person.updated_at = utcnow()
        person.version += 1
        session.add(person)
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            household_id=person.household_id,
            object_type="person",
            object_id=person.id,
            what=(
                f"vertegenwoordiger: {data.label} {data.name}"
                if data is not None
                else "vertegenwoordiger verwijderd"
            ),
        )
        return data
