"""Triage advice, table-driven from the triage rules (``Reference.triage_rules``): a proposed
route per life domain from its self-reliance score (and notes), acute flags, the motivation a
heavier route needs, the score change between two assessments, and members about to turn 18.

Help as light as possible and as heavy as needed: the advice is advice, the worker decides.
"""

import calendar
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage_app.domain.values import age_on

Rules = Mapping[str, Any]  # ctx.reference.triage_rules


class Route(enum.StrEnum):
    NONE = "none"
    SELF_NETWORK = "self_network"
    SOCIAL_BASE = "social_base"
    DISTRICT_TEAM = "district_team"
    SPECIALIST = "specialist"


ROUTE_WEIGHT = {
    Route.NONE: 0,
    Route.SELF_NETWORK: 1,
    Route.SOCIAL_BASE: 2,
    Route.DISTRICT_TEAM: 3,
    Route.SPECIALIST: 4,
}
ROUTE_LABELS = {
    Route.NONE: "Geen hulp nodig",
    Route.SELF_NETWORK: "Zelf / eigen netwerk",
    Route.SOCIAL_BASE: "Sociale basis",
    Route.DISTRICT_TEAM: "Wijkteam (basis)",
    Route.SPECIALIST: "Specialistisch (maatwerk)",
}
LEVEL_NAMES = {
    1: "Acute problematiek",
    2: "Niet zelfredzaam",
    3: "Beperkt zelfredzaam",
    4: "Voldoende zelfredzaam",
    5: "Volledig zelfredzaam",
}
ALTERNATIVE_LABELS = {
    "network": "het eigen netwerk",
    "social_base": "de sociale basis",
    "group": "groeps- of collectieve hulp",
    "digital": "digitale hulp",
}


@dataclass(frozen=True)
class Score:
    life_domain: str
    score: int | None  # None: not discussed
    notes: str = ""
    own_share: int = 0  # how much of the current situation rests on own strength (0-100)
    network_share: int = 0
    professional_share: int = 0
    reason: str = ""  # why a domain outside the question was needed (data minimisation)

    @property
    def filled(self) -> bool:
        """Anything recorded for the domain: a score, a note or a share."""
        return bool(
            self.score
            or self.notes.strip()
            or self.own_share
            or self.network_share
            or self.professional_share
        )


@dataclass(frozen=True)
class DomainAdvice:
    life_domain: str
    score: int
    route: Route
    acute: bool


@dataclass(frozen=True)
class Advice:
    domains: list[DomainAdvice]
    overall: Route  # the heaviest route any domain needs
    acute: list[str]  # life domains to act on today (score 1, or an acute word in the notes)

    def route_for(self, life_domain: str | None) -> Route:
        """The advised route for one domain (a question about it), or the overall route."""
        for d in self.domains:
            if d.life_domain == life_domain:
                return d.route
        return self.overall


def _acute(score: Score, rules: Rules) -> bool:
    if score.score is not None and score.score <= rules["acute_score"]:
        return True
    notes = score.notes.lower()
    return any(word in notes for word in rules.get("acute_note_words", []))


@dataclass(frozen=True)
class Acuteness:
    """Why a melding is acute: the Spoed tick, and the life domains scored acute (score 1 or
    an acute word in the notes). Not acute when neither holds."""

    urgent: bool
    domains: tuple[str, ...] = ()

    @property
    def acute(self) -> bool:
        return self.urgent or bool(self.domains)

    def text(self, names: Mapping[str, str]) -> str:
        """The reasons in words, e.g. "spoed, Huisvesting"; "" when not acute."""
        parts = (["spoed"] if self.urgent else []) + [names.get(d, d) for d in self.domains]
        return ", ".join(parts)


def acuteness(urgent: bool, scores: list[Score], rules: Rules) -> Acuteness:
    """How acute a melding is: the one rule for the screens, the timeline and the queue."""
    return Acuteness(urgent, tuple(s.life_domain for s in scores if _acute(s, rules)))


def advise(scores: list[Score], rules: Rules) -> Advice:
    """The proposed route per scored domain, the heaviest of them, and acute domains."""
    by_score = rules["route_by_score"]
    domains = [
        DomainAdvice(s.life_domain, s.score, Route(by_score[str(s.score)]), _acute(s, rules))
        for s in scores
        if s.score
    ]
    overall = max((d.route for d in domains), key=ROUTE_WEIGHT.__getitem__, default=Route.NONE)
    return Advice(domains, overall, [d.life_domain for d in domains if d.acute])


def needs_motivation(advised: Route, chosen: Route) -> bool:
    """A heavier route than advised, or specialist support at all, must be motivated."""
    return chosen == Route.SPECIALIST or ROUTE_WEIGHT[chosen] > ROUTE_WEIGHT[advised]


def missing_alternatives(motivation: str, rules: Rules) -> list[str]:
    """The lighter alternatives (keys of ALTERNATIVE_LABELS) the motivation does not address."""
    text = motivation.lower()
    return [
        key
        for key, words in rules["motivation_must_address"].items()
        if not any(word in text for word in words)
    ]


def motivation_problem(advised: Route, chosen: Route, motivation: str, rules: Rules) -> str | None:
    """Why a motivation is not enough (Dutch), or None. A heavier route than advised, or
    specialist support, must say why each lighter alternative does not suffice."""
    if not needs_motivation(advised, chosen):
        return None
    if len(motivation.strip()) < rules["minimum_motivation_length"]:
        return (
            "Schrijf op waarom lichtere hulp niet genoeg is: eigen netwerk, sociale basis, "
            "groepsaanbod en digitale hulp."
        )
    missing = [ALTERNATIVE_LABELS[key] for key in missing_alternatives(motivation, rules)]
    if missing:
        return "De motivering zegt nog niets over " + ", ".join(missing) + "."
    return None


def score_changes(before: list[Score], after: list[Score]) -> dict[str, tuple[int, int]]:
    """Per domain scored both times: (previous score, new score)."""
    old = {s.life_domain: s.score for s in before if s.score}
    return {
        s.life_domain: (old[s.life_domain], s.score)
        for s in after
        if s.score and s.life_domain in old
    }


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:  # born on 29 February: 18 on 1 March
        return dt.date(birth_date.year + 18, 3, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def turning_18_within(birth_date: dt.date, today: dt.date, months: int = 12) -> bool:
    """A minor who turns 18 within ``months``: the move from youth care needs a plan."""
    if age_on(birth_date, today) >= 18:
        return False
    return eighteenth_birthday(birth_date) <= add_months(today, months)


def turning_18_born_between(today: dt.date, months: int = 12) -> tuple[dt.date, dt.date]:
    """The birth dates (first, last; a day wider each side for 29 February) of the minors who
    turn 18 within ``months``: for a query by range; ``turning_18_within`` decides."""
    first = add_months(today, -18 * 12)  # 18 today: no longer a minor
    last = add_months(add_months(today, months), -18 * 12)
    return first, last + dt.timedelta(days=1)
