"""After a dossier is destroyed, the personal details that audit rows still hold (names typed
into a search, a BSN, a birth date, an address) are replaced by a keyed hash: the same value
gives the same token in every row (so the log can still be read as "the same person"), but
without the key no one can find out whose it was."""

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_LENGTH = 2  # a one-letter term would hash every such letter


@dataclass(frozen=True)
class PersonFacts:
    first_name: str
    prefix: str
    last_name: str
    birth_date: dt.date
    bsn: str | None = None
    phone: str | None = None
    email: str | None = None


def personal_terms(
    people: Iterable[PersonFacts], street: str, postcode: str, phone: str | None = None
) -> list[str]:
    """Every way the household's personal details may have been written, longest first."""
    terms: set[str] = set()
    for p in people:
        full = " ".join(part for part in (p.first_name, p.prefix, p.last_name) if part)
        family = " ".join(part for part in (p.prefix, p.last_name) if part)
        terms |= {full, family, p.first_name, p.last_name, p.bsn or "", p.phone or ""}
        terms |= {p.email or "", p.birth_date.isoformat(), f"{p.birth_date:%d-%m-%Y}"}
        day = p.birth_date
        terms |= {f"{day.day}-{day.month}-{day.year}", f"{day:%d/%m/%Y}", f"{day:%d%m%Y}"}
        terms |= {f"{day:%d.%m.%Y}", f"{day.day}/{day.month}/{day.year}"}
    terms |= {street, postcode, postcode.replace(" ", ""), phone or ""}
    return sorted((t.strip() for t in terms if len(t.strip()) >= MIN_LENGTH), key=len, reverse=True)


def pattern_for(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    words = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def token(key: bytes, term: str) -> str:
    """The keyed hash that stands for one personal value."""
    digest = hmac.new(key, term.casefold().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"[verwijderd:{digest[:16]}]"


def redact_search(details: dict, key: bytes) -> dict:
    """A search whose results showed the destroyed dossier: whatever was typed led to it (a
    part of a name, a nickname), so the typed text as a whole becomes a keyed hash."""
    typed = details.get("search")
    if isinstance(typed, str) and typed and not re.fullmatch(r"(\[verwijderd:\w+\] ?)+", typed):
        return {**details, "search": token(key, typed)}
    return details


def redact(value, pattern: re.Pattern, key: bytes):  # type: ignore[no-untyped-def]
    """``value`` (a JSON value: text, list, dict) with every personal term replaced."""
    if isinstance(value, str):
        # word by word: "Fenna Zwanenburg" and "Zwanenburg" share the surname's token
        return pattern.sub(lambda m: " ".join(token(key, w) for w in m.group(0).split()), value)
    if isinstance(value, list):
        return [redact(v, pattern, key) for v in value]
    if isinstance(value, dict):
        return {k: redact(v, pattern, key) for k, v in value.items()}
    return value
