"""Search-as-you-type over households: one full-text document per household.

Every typed word must match the start of a word in the document, without regard to case or
accents: "celik" finds "Çelik", "berg" finds "van den Berg". SQLite uses FTS5 (tokenizer
``unicode61 remove_diacritics 2``); PostgreSQL keeps the document normalised (lower case, no
accents, words between spaces) and matches ``LIKE '% word%'`` through a trigram index. The
document's key is the household's dossier sequence. Results are paged: a short prefix can
match thousands of households, and the worker types on rather than scrolls.
"""

import functools
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import text
from sqlmodel import Session, select

from triage_app.domain.household import (
    HouseholdSummary,
    MemberRole,
    address_line,
    full_name,
    household_name,
)
from triage_app.domain.values import format_date
from triage_app.store.tables import Household, Person

_WORD = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*", re.UNICODE)


def search_document(household: Household, members: Iterable[Person]) -> str:
    """Everything a worker may type to find this household, as one text."""
    parts = [
        household.street,
        f"{household.house_number}{household.house_number_addition}",
        str(household.house_number),
        household.postcode,
        household.postcode.replace(" ", ""),
        household.city,
        household.district,
        household.dossier_number,
        household.dossier_number.replace("-", ""),
        str(household.dossier_seq),
    ]
    for person in members:
        parts += [person.first_name, person.prefix, person.last_name]
        parts += [format_date(person.birth_date), person.birth_date.isoformat()]
    return " ".join(part for part in parts if part)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def normalise(text_: str) -> str:
    """Lower case, accents removed, only letters and digits: " van den berg 3511 ab "."""
    decomposed = unicodedata.normalize("NFKD", text_.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " " + " ".join(re.findall(r"[^\W_]+", plain)) + " "


def index_households(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Replace the search documents of (dossier_seq, document) pairs."""
    if not rows:
        return
    if not _is_sqlite(session):
        rows = [(seq, normalise(doc)) for seq, doc in rows]
    params = [{"rowid": seq, "doc": doc} for seq, doc in rows]
    session.execute(text("DELETE FROM household_search WHERE rowid = :rowid"), params)
    session.execute(text("INSERT INTO household_search (rowid, doc) VALUES (:rowid, :doc)"), params)


def reindex_household(session: Session, household: Household) -> None:
    members = session.exec(select(Person).where(Person.household_id == household.id)).all()
    index_households(session, [(household.dossier_seq, search_document(household, members))])


def fts_query(typed: str) -> str | None:
    """Turn what was typed into an FTS5 query: every word a prefix, all words required."""
    words = _WORD.findall(typed)
    if not words:
        return None
    phrases = []
    for word in words:
        # "12-03-1980" becomes the phrase "12 03 1980"*, matching the tokens of the document.
        tokens = re.split(r"[-/.]", word)
        phrases.append('"' + " ".join(tokens).replace('"', '""') + '"*')
    return " AND ".join(phrases)


# One statement per search: the matching households (FTS5 on SQLite, LIKE on PostgreSQL,
# limited in the subquery) joined with their members, members in the order they are shown.
_FOUND = """
SELECT h.id, h.dossier_number, h.street, h.house_number, h.house_number_addition,
       h.postcode, h.city, h.district,
       p.first_name, p.prefix, p.last_name, p.birth_date, p.role
FROM ({matches}) AS m
JOIN household AS h ON h.dossier_seq = m.seq
LEFT JOIN person AS p ON p.household_id = h.id
ORDER BY h.dossier_seq, CASE WHEN p.role = 'main' THEN 0 ELSE 1 END, p.birth_date
"""


def search_households(session: Session, typed: str, limit: int) -> list[HouseholdSummary]:
    """Up to ``limit`` households matching every typed word. Households whose name matches
    every word come first, then those found through another member, address or number; each
    group sorted by name. One statement reads only the shown columns as plain values (no
    ORM objects, no per-value type conversion: they cost more than the query)."""
    matches = _matches(session, typed)
    if matches is None:
        return []
    sql, params = matches
    params["n"] = limit
    found: dict[object, tuple[tuple, list[tuple]]] = {}
    for row in session.execute(text(_FOUND.format(matches=sql)), params):
        household = found.get(row[0])
        if household is None:
            household = found[row[0]] = (row, [])
        if row[8] is not None:
            household[1].append(row[8:])
    rows = [_summary_of(h, members) for h, members in found.values()]
    words = normalise(typed).split()
    return sorted(rows, key=lambda s: (not _name_matches(s.name, words), s.name.lower(), s.address))


def _day(value: object) -> str:
    """A birth date as shown (dd-mm-jjjj): SQLite hands back its ISO text, PostgreSQL a date."""
    if isinstance(value, str):
        return f"{value[8:10]}-{value[5:7]}-{value[:4]}"
    return format_date(value)  # type: ignore[arg-type]


def _summary_of(household: Sequence, members: Sequence[Sequence]) -> HouseholdSummary:
    """A result row from plain values; ``members`` come main member first, then by age."""
    hid = household[0]
    main = members[0] if members else None
    return HouseholdSummary(
        id=hid if isinstance(hid, uuid.UUID) else uuid.UUID(hex=str(hid)),
        dossier_number=household[1],
        name=household_name(main[1], main[2]) if main else "Huishouden",
        address=address_line(household[2], household[3], household[4]),
        postcode=household[5],
        city=household[6],
        district=household[7],
        members=", ".join(
            f"{full_name(first, prefix, last)} ({_day(born)})"
            for first, prefix, last, born, _role in members
        ),
    )


@functools.lru_cache(maxsize=4096)
def _normalised_name(name: str) -> str:
    return normalise(name)  # names repeat (family names): each is normalised once


def _name_matches(name: str, words: Sequence[str]) -> bool:
    """Every typed word starts a word of the household's name."""
    name_words = _normalised_name(name)
    return all(f" {word}" in name_words for word in words)


def _matches(session: Session, typed: str) -> tuple[str, dict] | None:
    """The subquery of matching dossier sequences (``seq``), limited to ``:n``."""
    if _is_sqlite(session):
        query = fts_query(typed)
        if query is None:
            return None
        return (
            "SELECT rowid AS seq FROM household_search WHERE household_search MATCH :q LIMIT :n",
            {"q": query},
        )
    words = normalise(typed).split()
    if not words:
        return None
    params: dict = {f"w{i}": f"% {word}%" for i, word in enumerate(words)}
    where = " AND ".join(f"doc LIKE :w{i}" for i in range(len(words)))
    return f"SELECT rowid AS seq FROM household_search WHERE {where} LIMIT :n", params


def summaries(session: Session, households: Sequence[Household]) -> list[HouseholdSummary]:
    ids = [h.id for h in households]
    members: dict[uuid.UUID, list[Person]] = {i: [] for i in ids}
    for person in session.exec(select(Person).where(Person.household_id.in_(ids))).all():
        members[person.household_id].append(person)
    return [summary(h, members[h.id]) for h in households]


def _main_member(members: Sequence[Person]) -> Person | None:
    for person in members:
        if person.role == MemberRole.MAIN:
            return person
    return members[0] if members else None


def summary(household: Household, members: Sequence[Person]) -> HouseholdSummary:
    main = _main_member(members)
    ordered = sorted(members, key=lambda p: (p.role != MemberRole.MAIN, p.birth_date))
    return HouseholdSummary(
        id=household.id,
        dossier_number=household.dossier_number,
        name=household_name(main.prefix, main.last_name) if main else "Huishouden",
        address=address_line(
            household.street, household.house_number, household.house_number_addition
        ),
        postcode=household.postcode,
        city=household.city,
        district=household.district,
        members=", ".join(
            f"{full_name(p.first_name, p.prefix, p.last_name)} ({format_date(p.birth_date)})"
            for p in ordered
        ),
    )
