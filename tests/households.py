"""Households the tests register again and again, built in one place."""

import datetime as dt

from triage_app.domain.accounts import Actor, Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput


def zwanenburg(
    *, kees: bool = True, kees_cares: bool = False, fenna_bsn: str = "", house_number: str = "12"
) -> HouseholdInput:
    """Fenna Zwanenburg (1951), Zamenhofdreef in Overvecht; with her partner Kees (1949), who
    may be her mantelzorger."""
    members = [
        PersonInput(
            first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951", bsn=fenna_bsn
        )
    ]
    if kees:
        members.append(
            PersonInput(
                first_name="Kees",
                last_name="Zwanenburg",
                birth_date="02-02-1949",
                role=MemberRole.PARTNER,
                is_carer=kees_cares,
            )
        )
    return HouseholdInput(
        street="Zamenhofdreef",
        house_number=house_number,
        postcode="3562 AB",
        city="Utrecht",
        district="Overvecht",
        members=members,
    )


def zwanenburg_on(store_file: str, **kwargs):  # type: ignore[no-untyped-def]
    """A context with every role on the SQLite store ``store_file`` (on 23 November 2026) and
    the Zwanenburgs registered in it (``kwargs`` as for ``zwanenburg``): what the screen-size
    check children start from."""
    from triage_app.services import households
    from triage_app.services.context import ServiceContext
    from triage_app.store.engine import open_store

    ctx = ServiceContext(
        store=open_store(f"sqlite:///{store_file}"),
        actor=Actor(username="test", display_name="Test", roles=frozenset(Role)),
        today=lambda: dt.date(2026, 11, 23),
    )
    return ctx, households.register_household(ctx, zwanenburg(**kwargs))
