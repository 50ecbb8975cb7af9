"""Fictional but realistic demo households: Dutch names, addresses in the Utrecht wijken.

Deterministic for a seed. Rows go in with Core bulk inserts (TECH-NOTES: ``add_all`` is ~15x
slower), in chunks, so 100,000 households take seconds, not minutes.
"""

import datetime as dt
import random
import uuid
from collections.abc import Callable
from types import SimpleNamespace

from sqlalchemy import insert
from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.household import MemberRole, dossier_number
from triage_app.domain.reference import Reference
from triage_app.resources import load_json
from triage_app.services.context import ServiceContext
from triage_app.services.demo_intake import IntakeDemo
from triage_app.services.demo_plans import PlanDemo
from triage_app.store import search
from triage_app.store.counters import set_at_least
from triage_app.store.tables import Counter, Household, Person

CHUNK = 5_000

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


class _Generator:
    def __init__(self, seed: int, today: dt.date, reference: Reference) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.names = load_json("demo", "names.json")
        self.districts = reference.districts

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def birth_date(self, min_age: int, max_age: int) -> dt.date:
        days = self.rng.randint(min_age * 365, max_age * 365 + 364)
        return self.today - dt.timedelta(days=days)

    def person(self, household_id, seq, index, role, age_range, last):  # type: ignore[no-untyped-def]
        female = self.rng.random() < 0.5
        first = self.rng.choice(self.names["first_names_female" if female else "first_names_male"])
        adult = age_range[0] >= 18
        bsn = _bsn_for(10_000_000 + seq * 8 + index) if self.rng.random() < 0.8 else None
        return {
            "id": self.uuid(),
            "household_id": household_id,
            "first_name": first,
            "prefix": last[0],
            "last_name": last[1],
            "birth_date": self.birth_date(*age_range),
            "bsn": bsn,
            "role": str(role),
            "phone": f"06{self.rng.randint(10_000_000, 99_999_999)}" if adult else None,
            "email": None,
            "is_carer": adult and self.rng.random() < 0.08,
        }

    def household(self, seq: int) -> tuple[dict, list[dict]]:
        district = self.rng.choice(self.districts)
        created = dt.datetime.combine(
            self.today - dt.timedelta(days=self.rng.randint(0, 3 * 365)),
            dt.time(self.rng.randint(8, 17), self.rng.randint(0, 59), tzinfo=dt.UTC),
        )
        postcode = f"{self.rng.choice(district.postcodes)} " + "".join(
            self.rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2)
        )
        addition = self.rng.choice(["", "", "", "", "a", "b", "bis", "1", "2"])
        row = {
            "id": self.uuid(),
            "dossier_seq": seq,
            "dossier_number": dossier_number(created.year, seq),
            "street": self.rng.choice(self.names["streets"][district.name]),
            "house_number": self.rng.randint(1, 250),
            "house_number_addition": addition.upper(),
            "postcode": postcode,
            "city": "Utrecht" if district.name != "Vleuten-De Meern" else "De Meern",
            "district": district.name,
            "phone": None,
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }
        weights = [c[0] for c in _COMPOSITIONS]
        _, adults, children, elderly = self.rng.choices(_COMPOSITIONS, weights)[0]
        if children:
            children = self.rng.choice([1, 2, 2, 3, 4])
        last = self.rng.choice(self.names["last_names"])
        adult_ages = (67, 95) if elderly else (19, 66)
        members = [self.person(row["id"], seq, 0, MemberRole.MAIN, adult_ages, last)]
        if adults == 2:
            partner_last = (
                last if self.rng.random() < 0.4 else self.rng.choice(self.names["last_names"])
            )
            members.append(
                self.person(row["id"], seq, 1, MemberRole.PARTNER, adult_ages, partner_last)
            )
        for index in range(children):
            members.append(self.person(row["id"], seq, 2 + index, MemberRole.CHILD, (0, 19), last))
        for member in members:
            member["created_at"] = member["updated_at"] = created
            member["version"] = 1
        return row, members


def generate_demo(
    ctx: ServiceContext,
    households: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``households`` demo households; returns how many were added."""
    ctx.require(Role.ADMIN, action="demogegevens aanmaken")
    gen = _Generator(seed, ctx.today(), ctx.reference)
    with ctx.store.read() as session:
        counter = session.get(Counter, "household")
        start = (counter.value if counter else 0) + 1
        taken = {
            int(c.name.split("-")[1]): c.value
            for c in session.exec(select(Counter).where(Counter.name.startswith("decision-")))
        }
    plans = PlanDemo(random.Random(seed + 1), ctx.today(), ctx.reference, taken)
    meldingen = IntakeDemo(random.Random(seed + 2), ctx.today(), ctx.reference)
    done = 0
    while done < households:
        size = min(CHUNK, households - done)
        rows, people, docs = [], [], []
        for seq in range(start + done, start + done + size):
            row, members = gen.household(seq)
            rows.append(row)
            people.extend(members)
            docs.append(
                (
                    seq,
                    search.search_document(
                        SimpleNamespace(**row), [SimpleNamespace(**m) for m in members]
                    ),
                )
            )
            plans.household(row, members)
            meldingen.household(row, members)
        with ctx.store.write() as session:
            session.execute(insert(Household), rows)
            session.execute(insert(Person), people)
            search.index_households(session, docs)
            plans.write(session)
            meldingen.write(session)
            set_at_least(session, "household", start + done + size - 1)
        done += size
        if progress:
            progress(done, households)
    return done
