"""Social-base offers and their target group: who an offer is for (resident, mantelzorger,
household), the ages and the life domains and score range it fits, and which offers the
advice lists for each life domain that needs attention (scores 1-3)."""

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

NEEDS_ATTENTION = 3  # a life domain scored 1, 2 or 3 gets offers in the advice
MIN_SCORE, MAX_SCORE = 1, 5
MAX_AGE = 120


class ForWhom(enum.StrEnum):
    RESIDENT = "resident"
    CARER = "mantelzorger"
    HOUSEHOLD = "household"


FOR_WHOM_LABELS = {
    ForWhom.RESIDENT: "Bewoner",
    ForWhom.CARER: "Mantelzorger",
    ForWhom.HOUSEHOLD: "Huishouden",
}
# What a team lead may type for "voor wie" (code or Dutch word, any case).
FOR_WHOM_WORDS = {
    **{w.value: w for w in ForWhom},
    "bewoner": ForWhom.RESIDENT,
    "huishouden": ForWhom.HOUSEHOLD,
    "gezin": ForWhom.HOUSEHOLD,
}


@dataclass(frozen=True)
class Offer:
    code: str
    organisation: str
    activity: str
    domains: tuple[str, ...]
    contact: str
    target_group: str = ""  # the team lead's own description, e.g. "Jongeren 12-23"
    for_whom: ForWhom = ForWhom.RESIDENT
    age_from: int | None = None
    age_to: int | None = None
    score_from: int = MIN_SCORE
    score_to: int = MAX_SCORE

    @classmethod
    def from_catalogue(cls, o: Mapping[str, Any]) -> "Offer":
        """One offer of ``ctx.reference.catalogue``; missing target-group keys mean 'anyone'."""
        return cls(
            o["code"],
            o["organisation"],
            o["activity"],
            tuple(o["domains"]),
            o["contact"],
            o.get("target_group", ""),
            ForWhom(o.get("for_whom") or ForWhom.RESIDENT),
            o.get("age_from"),
            o.get("age_to"),
            o.get("score_from") or MIN_SCORE,
            o.get("score_to") or MAX_SCORE,
        )


@dataclass(frozen=True)
class AdviceFor:
    """The people the offers in an advice may be for, with their ages on the assessment date.

    ``age`` is the assessed resident's; ``household_ages`` every member's; ``carer_ages`` the
    mantelzorgers offers may go to: the resident when a carer, members marked as carer when
    the carer load is heavy, or None (a carer outside the household, age unknown)."""

    age: int | None
    household_ages: tuple[int, ...] = ()
    carer_ages: tuple[int | None, ...] = ()


def age_fits(age: int | None, age_from: int | None, age_to: int | None) -> bool:
    """An unknown age (a carer outside the household) passes: the worker checks it."""
    if age is None:
        return True
    return (age_from is None or age >= age_from) and (age_to is None or age <= age_to)


def score_fits(score: int, score_from: int, score_to: int) -> bool:
    return score_from <= score <= score_to


def _ages_for(offer: Offer, people: AdviceFor) -> tuple[int | None, ...]:
    if offer.for_whom == ForWhom.CARER:
        return people.carer_ages  # no carer: no mantelzorger offer
    if offer.for_whom == ForWhom.HOUSEHOLD:
        return people.household_ages or (people.age,)
    return (people.age,)


def fits(offer: Offer, life_domain: str, score: int, people: AdviceFor) -> bool:
    """The offer helps with this domain at this score, for someone it is meant for."""
    return (
        life_domain in offer.domains
        and score_fits(score, offer.score_from, offer.score_to)
        and any(age_fits(a, offer.age_from, offer.age_to) for a in _ages_for(offer, people))
    )


def _in_district(o: Mapping[str, Any], district: str) -> bool:
    return bool(o.get("active", True)) and (not o["wijken"] or district in o["wijken"])


def offers_for(district: str, domains: list[str], catalogue: Mapping[str, Any]) -> list[Offer]:
    """Active social-base offers in the wijk (or city-wide) that help with these domains, for
    anyone; ``catalogue`` is ``ctx.reference.catalogue``."""
    wanted = set(domains)
    return [
        Offer.from_catalogue(o)
        for o in catalogue["offers"]
        if _in_district(o, district) and wanted & set(o["domains"])
    ]


def advice_offers(
    district: str,
    scores: Mapping[str, int],
    people: AdviceFor,
    catalogue: Mapping[str, Any],
) -> dict[str, list[Offer]]:
    """Per life domain that needs attention (score 1-3): the active offers in the wijk (or
    city-wide) that fit its score and the person they are for; the wijk's own offers first."""
    local = sorted(
        (o for o in catalogue["offers"] if _in_district(o, district)),
        key=lambda o: not o["wijken"],  # stable: the catalogue's order within each group
    )
    offers = [Offer.from_catalogue(o) for o in local]
    return {
        domain: [o for o in offers if fits(o, domain, score, people)]
        for domain, score in scores.items()
        if MIN_SCORE <= score <= NEEDS_ATTENTION
    }


def _whole(value: Any, low: int, high: int) -> int | None:
    """A whole number typed as text or given as int, within [low, high]; None when empty.
    Raises ValueError when it is something else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = int(value) if isinstance(value, int) else int(str(value).strip())
    if not low <= number <= high:
        raise ValueError(value)
    return number


def check_target(raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The target group of an offer (for_whom, age_from/to, score_from/to) cleaned, and a
    Dutch message per wrong field. Empty ages mean no limit; an empty score range is 1-5."""
    errors: dict[str, str] = {}
    word = str(raw.get("for_whom") or "").strip().lower()
    for_whom = FOR_WHOM_WORDS.get(word or ForWhom.RESIDENT)
    if for_whom is None:
        errors["for_whom"] = (
            f"Onbekend 'voor wie': {word}. Kies bewoner, mantelzorger of huishouden."
        )
    ages: dict[str, int | None] = {}
    for key in ("age_from", "age_to"):
        try:
            ages[key] = _whole(raw.get(key), 0, MAX_AGE)
        except ValueError:
            errors[key] = f"Een leeftijd is een heel getal van 0 tot {MAX_AGE}, of leeg."
    scores: dict[str, int | None] = {}
    for key in ("score_from", "score_to"):
        try:
            scores[key] = _whole(raw.get(key), MIN_SCORE, MAX_SCORE)
        except ValueError:
            errors[key] = "Een score is 1 tot en met 5."
    age_from, age_to = ages.get("age_from"), ages.get("age_to")
    if age_from is not None and age_to is not None and age_from > age_to:
        errors["age_to"] = (
            f"De leeftijd loopt de verkeerde kant op ({age_from} tot {age_to}): "
            "'tot en met' moet minstens 'vanaf' zijn."
        )
    score_from = scores.get("score_from") or MIN_SCORE
    score_to = scores.get("score_to") or MAX_SCORE
    if score_from > score_to and not {"score_from", "score_to"} & errors.keys():
        errors["score_to"] = (
            f"De scores lopen de verkeerde kant op ({score_from} tot {score_to}): "
            "'tot en met' moet minstens 'vanaf' zijn."
        )
    clean = {
        "for_whom": str(for_whom or ForWhom.RESIDENT),
        "age_from": age_from,
        "age_to": age_to,
        "score_from": score_from,
        "score_to": score_to,
    }
    return clean, errors
