"""Demo households: Dutch names and addresses in the profile's wijken, typed as a worker would
and checked by the same rules as registering a household (HouseholdInput.validate)."""

import datetime as dt
import random
from types import SimpleNamespace

from sqlmodel import Session

from triage_app.demo.rows import Part, new_id
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput, dossier_number
from triage_app.domain.reference import Reference
from triage_app.domain.values import format_date
from triage_app.resources import load_json
from triage_app.services.households import household_fields, person_fields
from triage_app.store import search
from triage_app.store.counters import set_at_least
from triage_app.store.tables import Counter, Household, Person

# (weight, adults, children, elderly): single, couple, family, single parent, elderly couple
_COMPOSITIONS = [
    (30, 1, 0, False),
    (20, 2, 0, False),
    (22, 2, 2, False),
    (12, 1, 2, False),
    (10, 2, 0, True),
    (6, 1, 0, True),
]


def _bsn_for(base: int) -> str | None:
    """A valid (elfproef) BSN derived from an eight-digit base, or None if none exists."""
    digits = [int(c) for c in f"{base:08d}"]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    check = total % 11
    return None if check == 10 else f"{base:08d}{check}"


class HouseholdDemo(Part):
    """Households and their members; ``household`` returns the rows the other parts build on."""

    tables = (Household, Person)

    def __init__(self, rng: random.Random, today: dt.date, reference: Reference) -> None:
        super().__init__(rng, today, reference)
        self.names = load_json("demo", "names.json")
        self.districts = [d for d in reference.districts if d.name in self.names["streets"]]
        self.district_names = [d.name for d in reference.districts]
        self.docs: list[tuple[int, str]] = []
        self.last = 0  # the last dossier number taken

    def prepare(self, session: Session) -> None:
        counter = session.get(Counter, "household")
        self.last = counter.value if counter else 0

    def _birth_date(self, min_age: int, max_age: int) -> dt.date:
        days = self.rng.randint(min_age * 365, max_age * 365 + 364)
        return self.today - dt.timedelta(days=days)

    def _person(self, seq, index, role, age_range, last) -> PersonInput:  # type: ignore[no-untyped-def]
        rng = self.rng
        female = rng.random() < 0.5
        first = rng.choice(self.names["first_names_female" if female else "first_names_male"])
        adult = age_range[0] >= 18
        bsn = _bsn_for(10_000_000 + seq * 8 + index) if rng.random() < 0.8 else None
        return PersonInput(
            first_name=first,
            prefix=last[0],
            last_name=last[1],
            birth_date=format_date(self._birth_date(*age_range)),
            bsn=bsn or "",
            role=role,
            phone=f"06{rng.randint(10_000_000, 99_999_999)}" if adult else "",
            is_carer=adult and rng.random() < 0.08,
        )

    def _typed(self, seq: int) -> HouseholdInput:
        rng = self.rng
        district = rng.choice(self.districts)
        postcode = f"{rng.choice(district.postcodes)} " + "".join(
            rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2)
        )
        addition = rng.choice(["", "", "", "", "a", "b", "bis", "1", "2"])
        typed = HouseholdInput(
            street=rng.choice(self.names["streets"][district.name]),
            house_number=f"{rng.randint(1, 250)}{addition}",
            postcode=postcode,
            city="Utrecht" if district.name != "Vleuten-De Meern" else "De Meern",
            district=district.name,
        )
        _, adults, children, elderly = rng.choices(_COMPOSITIONS, [c[0] for c in _COMPOSITIONS])[0]
        if children:
            children = rng.choice([1, 2, 2, 3, 4])
        last = rng.choice(self.names["last_names"])
        ages = (67, 95) if elderly else (19, 66)
        typed.members.append(self._person(seq, 0, MemberRole.MAIN, ages, last))
        if adults == 2:
            partner_last = last if rng.random() < 0.4 else rng.choice(self.names["last_names"])
            typed.members.append(self._person(seq, 1, MemberRole.PARTNER, ages, partner_last))
        for index in range(children):
            typed.members.append(self._person(seq, 2 + index, MemberRole.CHILD, (0, 19), last))
        return typed

    def next(self) -> tuple[dict, list[dict]]:
        """The next household with its members, as stored rows."""
        self.last += 1
        seq = self.last
        data = self._typed(seq).validate(self.district_names, self.today)
        created = dt.datetime.combine(
            self.today - dt.timedelta(days=self.rng.randint(0, 3 * 365)),
            dt.time(self.rng.randint(8, 17), self.rng.randint(0, 59), tzinfo=dt.UTC),
        )
        stamps = {"created_at": created, "updated_at": created, "version": 1}
        row = {
            "id": new_id(self.rng),
            "dossier_seq": seq,
            "dossier_number": dossier_number(created.year, seq),
            **household_fields(data),
            **stamps,
        }
        members = [
            {"id": new_id(self.rng), "household_id": row["id"], **person_fields(m), **stamps}
            for m in data.members
        ]
        self.rows[Household].append(row)
        self.rows[Person].extend(members)
        self.docs.append(
            (
                seq,
                search.search_document(
                    SimpleNamespace(**row), [SimpleNamespace(**m) for m in members]
                ),
            )
        )
        return row, members

    def write(self, session: Session) -> None:
        super().write(session)
        search.index_households(session, self.docs)
        self.docs.clear()
        set_at_least(session, "household", self.last)
