"""Households the tests register again and again, built in one place."""

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
