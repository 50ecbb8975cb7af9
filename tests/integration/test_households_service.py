"""Registering and changing households: one transaction, one dossier, every access logged."""

import dataclasses

import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.errors import Conflict, NotAllowed, ValidationFailed
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import households
from triage_app.store.tables import AuditLog, Household, Person


def typed(**changes) -> HouseholdInput:
    values = dict(
        street="Kanaalstraat",
        house_number="40",
        postcode="3531 CJ",
        city="Utrecht",
        district="West",
        members=[
            PersonInput(
                first_name="Noor", last_name="El Amrani", birth_date="09-09-1988", bsn="111222333"
            ),
            PersonInput(
                first_name="Sami",
                last_name="El Amrani",
                birth_date="01-04-2015",
                role=MemberRole.CHILD,
            ),
        ],
    )
    values.update(changes)
    return HouseholdInput(**values)


def counts(store):
    with store.read() as session:
        return (
            session.exec(select(func.count()).select_from(Household)).one(),
            session.exec(select(func.count()).select_from(Person)).one(),
        )


def audit(store):
    with store.read() as session:
        return [(r.action, r.actor, r.details) for r in session.exec(select(AuditLog))]


def test_register_and_read_back(ctx, store):
    view = households.register_household(ctx, typed())
    again = households.get_household(ctx, view.id)
    assert again.dossier_number == "H-2026-000001"
    assert [m.first_name for m in again.members] == ["Noor", "Sami"]
    assert again.members[0].bsn_masked == "*****2333"
    assert again.created_at.tzinfo is not None


def test_invalid_input_writes_nothing(ctx, store):
    bad = typed(
        postcode="1234",
        members=[PersonInput(first_name="X", last_name="Y", birth_date="01-01-1990", bsn="123")],
    )
    with pytest.raises(ValidationFailed) as caught:
        households.register_household(ctx, bad)
    assert {"postcode", "members.0.bsn"} <= set(caught.value.errors)
    assert counts(store) == (0, 0)


def test_same_bsn_is_blocking(ctx, store):
    households.register_household(ctx, typed())
    with pytest.raises(households.PossibleDuplicates) as caught:
        households.register_household(ctx, typed(postcode="3581 AA", district="Oost"))
    assert caught.value.blocking
    with pytest.raises(households.PossibleDuplicates):
        households.register_household(
            ctx, typed(postcode="3581 AA", district="Oost"), allow_duplicate=True
        )
    assert counts(store) == (1, 2)


def test_same_address_and_birth_date_warns_and_may_be_overridden(ctx, store):
    households.register_household(ctx, typed())
    twin = typed(
        members=[PersonInput(first_name="Noor", last_name="Amrani", birth_date="09-09-1988")]
    )
    with pytest.raises(households.PossibleDuplicates) as caught:
        households.register_household(ctx, twin)
    assert not caught.value.blocking
    assert "zelfde adres" in caught.value.matches[0].reason
    households.register_household(ctx, twin, allow_duplicate=True)
    assert counts(store)[0] == 2


def test_stale_update_is_a_conflict_and_changes_nothing(ctx, store):
    view = households.register_household(ctx, typed())
    first = dataclasses.replace(typed(phone="0301234567"), id=view.id, version=view.version)
    households.update_household(ctx, first)
    stale = dataclasses.replace(typed(phone="0309999999"), id=view.id, version=view.version)
    with pytest.raises(Conflict, match="intussen gewijzigd"):
        households.update_household(ctx, stale)
    assert households.get_household(ctx, view.id).phone == "0301234567"


def test_every_access_is_logged_with_the_worker(ctx, store):
    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    view = households.register_household(worker, typed())
    households.get_household(worker, view.id)
    changed = dataclasses.replace(typed(phone="0612345678"), id=view.id, version=view.version)
    households.update_household(worker, changed)
    households.log_search(worker, "amrani", 1)
    households.reveal_bsn(worker, view.members[0].id)
    actions = [(a, who) for a, who, _ in audit(store)]
    assert actions == [
        ("created", "ilse"),
        ("viewed", "ilse"),
        ("changed", "ilse"),
        ("searched", "ilse"),
        ("bsn_shown", "ilse"),
    ]
    details = {a: d for a, _, d in audit(store)}
    assert '"phone"' in details["changed"] and '"amrani"' in details["searched"]


def test_roles(ctx):
    nobody = dataclasses.replace(ctx, actor=make_actor(username="niemand"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    with pytest.raises(NotAllowed):
        households.search_households(nobody, "x")
    with pytest.raises(NotAllowed, match="registreren"):
        households.register_household(decider, typed())


def test_editing_without_typing_the_bsn_keeps_it(ctx):
    view = households.register_household(ctx, typed())
    noor = view.members[0]
    again = HouseholdInput(
        street=view.street,
        house_number=str(view.house_number),
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        phone="0301234567",
        id=view.id,
        version=view.version,
        members=[
            PersonInput(
                first_name=m.first_name,
                last_name=m.last_name,
                birth_date=m.birth_date.strftime("%d-%m-%Y"),
                role=m.role,
                id=m.id,
                version=m.version,
            )
            for m in view.members
        ],
    )
    households.update_household(ctx, again)
    assert households.reveal_bsn(ctx, noor.id) == "111222333"


def edit_of(view, **changes) -> HouseholdInput:
    """What the edit dialog sends for ``view``, with some fields changed."""
    values = dict(
        street=view.street,
        house_number=str(view.house_number),
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        phone=view.phone or "",
        id=view.id,
        version=view.version,
        members=[
            PersonInput(
                first_name=m.first_name,
                last_name=m.last_name,
                birth_date=m.birth_date.strftime("%d-%m-%Y"),
                role=m.role,
                id=m.id,
                version=m.version,
            )
            for m in view.members
        ],
    )
    values.update(changes)
    return HouseholdInput(**values)


def test_conflict_carries_the_household_as_it_is_now(ctx):
    view = households.register_household(ctx, typed())
    households.update_household(ctx, edit_of(view, phone="0301234567"))
    with pytest.raises(Conflict) as caught:
        households.update_household(ctx, edit_of(view, street="Damstraat"))
    from triage_app.domain.household import household_changes

    assert household_changes(view, caught.value.current) == ["telefoon: was '', nu '0301234567'"]
