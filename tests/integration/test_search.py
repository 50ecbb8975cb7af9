"""Search-as-you-type: every word a prefix, accents ignored, on SQLite and PostgreSQL."""

import pytest

from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import households


@pytest.fixture
def registered(ctx):
    def register(street, number, postcode, district, *people):
        return households.register_household(
            ctx,
            HouseholdInput(
                street=street,
                house_number=number,
                postcode=postcode,
                city="Utrecht",
                district=district,
                members=[
                    PersonInput(
                        first_name=f,
                        prefix=p,
                        last_name=last,
                        birth_date=b,
                        role=MemberRole.MAIN if i == 0 else MemberRole.PARTNER,
                    )
                    for i, (f, p, last, b) in enumerate(people)
                ],
            ),
        )

    return {
        "berg": register(
            "Oudegracht",
            "12a",
            "3511 AB",
            "Binnenstad",
            ("Jan", "van den", "Berg", "12-03-1980"),
            ("Els", "", "Bos", "01-01-1982"),
        ),
        "celik": register(
            "Zamenhofdreef", "7", "3562 AB", "Overvecht", ("Ayşe", "", "Çelik", "05-06-1975")
        ),
        "jansen": register(
            "Biltstraat", "101", "3581 CD", "Oost", ("Piet", "", "Jansen", "30-11-1955")
        ),
    }


def found(ctx, typed):
    return {row.id for row in households.search_households(ctx, typed).rows}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("berg", "berg"),
        ("van den berg", "berg"),
        ("JAN", "berg"),
        ("els bos", "berg"),
        ("celik", "celik"),
        ("Çel", "celik"),
        ("ayse", "celik"),
        ("3511AB", "berg"),
        ("3511 ab", "berg"),
        ("oudegracht 12", "berg"),
        ("12-03-1980", "berg"),
        ("overvecht", "celik"),
        ("biltstr", "jansen"),
    ],
)
def test_finds_by_every_kind_of_word(ctx, registered, typed, key):
    assert registered[key].id in found(ctx, typed)


def test_dossier_number_whole_and_its_last_digits(ctx, registered):
    number = registered["jansen"].dossier_number
    assert found(ctx, number) == {registered["jansen"].id}
    assert registered["jansen"].id in found(ctx, str(int(number.split("-")[-1])))


def test_all_words_must_match(ctx, registered):
    assert found(ctx, "berg oost") == set()
    assert found(ctx, "jansen oost") == {registered["jansen"].id}


def test_garbage_finds_nothing_without_error(ctx, registered):
    for typed in ('"*(', "   ", "AND OR NOT", "-", "'; drop table household; --"):
        assert found(ctx, typed) <= set(r.id for r in registered.values())


def test_edited_household_is_found_by_its_new_name_only(ctx, registered):
    view = registered["jansen"]
    typed = HouseholdInput(
        street=view.street,
        house_number=str(view.house_number),
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        id=view.id,
        version=view.version,
        members=[
            PersonInput(
                first_name="Piet",
                last_name="Pietersen",
                birth_date="30-11-1955",
                id=view.members[0].id,
                version=view.members[0].version,
            )
        ],
    )
    households.update_household(ctx, typed)
    assert found(ctx, "pietersen") == {view.id}
    assert found(ctx, "jansen") == set()


def test_paging_says_there_is_more(ctx, registered):
    result = households.search_households(ctx, "utrecht", limit=2)
    assert len(result.rows) == 2 and result.more


def test_a_result_row_shows_what_the_worker_reads(ctx, registered):
    """One row per household: its name from the main member, the address, and the members
    main member first, then by age, birth dates as dd-mm-jjjj (also when the main member is
    the youngest)."""
    registered_amrani = households.register_household(
        ctx,
        HouseholdInput(
            street="Kanaalstraat",
            house_number="8b",
            postcode="3531 CJ",
            city="Utrecht",
            district="West",
            members=[
                PersonInput("Mo", "", "Amrani", "01-02-1990", role=MemberRole.MAIN),
                PersonInput("Fatima", "el", "Idrissi", "03-04-1985", role=MemberRole.PARTNER),
                PersonInput("Nora", "", "Amrani", "09-10-2015", role=MemberRole.CHILD),
            ],
        ),
    )
    rows = households.search_households(ctx, "amrani").rows
    assert [(r.id, r.dossier_number) for r in rows] == [
        (registered_amrani.id, registered_amrani.dossier_number)
    ]
    row = rows[0]
    assert (row.name, row.address, row.postcode, row.city, row.district) == (
        "Huishouden Amrani",
        "Kanaalstraat 8B",
        "3531 CJ",
        "Utrecht",
        "West",
    )
    assert row.members == (
        "Mo Amrani (01-02-1990), Fatima el Idrissi (03-04-1985), Nora Amrani (09-10-2015)"
    )


def test_name_matches_come_first_then_by_name(ctx, registered):
    """'bos' finds Els Bos (a member of the Berg household) and the Bos household itself:
    the household named Bos comes first."""
    households.register_household(
        ctx,
        HouseholdInput(
            street="Amsterdamsestraatweg",
            house_number="3",
            postcode="3513 AA",
            city="Utrecht",
            district="Noordwest",
            members=[PersonInput("Kees", "", "Bos", "02-02-1960", role=MemberRole.MAIN)],
        ),
    )
    names = [row.name for row in households.search_households(ctx, "bos").rows]
    assert names == ["Huishouden Bos", "Huishouden van den Berg"]
