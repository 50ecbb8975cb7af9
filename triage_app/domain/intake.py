"""The worker's first conversation: melding, keukentafelgesprek scores, triage advice and the
worker's motivated route. Pure rules, table-driven from resources/triage_rules.json."""

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.reference import LifeDomain, life_domains
from triage_app.domain.values import age_on
from triage_app.resources import load_json

ONDERZOEK_TERM = dt.timedelta(weeks=6)  # Wmo 2015 art. 2.3.2: onderzoek and report
PERSONAL_PLAN_TERM = dt.timedelta(days=7)


class Source(enum.StrEnum):
    RESIDENT = "resident"
    NETWORK = "network"
    PROFESSIONAL = "professional"  # GP, school, housing corporation
    SIGNAL = "signal"  # outreach: someone who asks for nothing (zorgmijding)


class Channel(enum.StrEnum):
    DESK = "desk"
    PHONE = "phone"
    HOME_VISIT = "home_visit"


class Outcome(enum.StrEnum):
    OPEN = "open"
    SHORT_TRACK = "short_track"  # single product question straight to the Wmo desk
    HELPED_DIRECTLY = "helped_directly"  # answered on the spot
    ROUTED = "routed"


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
SOURCE_LABELS = {
    Source.RESIDENT: "Bewoner zelf",
    Source.NETWORK: "Iemand uit het netwerk",
    Source.PROFESSIONAL: "Professional (huisarts, school, corporatie)",
    Source.SIGNAL: "Signaal / outreach (vraagt zelf niets)",
}
CHANNEL_LABELS = {
    Channel.DESK: "Balie",
    Channel.PHONE: "Telefoon",
    Channel.HOME_VISIT: "Huisbezoek",
}
ROUTE_LABELS = {
    Route.NONE: "Geen hulp nodig",
    Route.SELF_NETWORK: "Zelf / eigen netwerk",
    Route.SOCIAL_BASE: "Sociale basis",
    Route.DISTRICT_TEAM: "Wijkteam (basis)",
    Route.SPECIALIST: "Specialistisch (maatwerk)",
}
OUTCOME_LABELS = {
    Outcome.OPEN: "Open",
    Outcome.SHORT_TRACK: "Kort traject (Wmo-loket)",
    Outcome.HELPED_DIRECTLY: "Direct geholpen",
    Outcome.ROUTED: "Route gekozen",
}


class CarerLoad(enum.StrEnum):
    NOT = "not"
    HEAVY = "heavy"
    OVERBURDENED = "overburdened"


class ReferralStatus(enum.StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    STARTED = "started"
    FINISHED = "finished"
    DECLINED = "declined"


REFERRAL_LABELS = {
    ReferralStatus.SENT: "Verstuurd",
    ReferralStatus.ACCEPTED: "Geaccepteerd",
    ReferralStatus.STARTED: "Gestart",
    ReferralStatus.FINISHED: "Afgerond",
    ReferralStatus.DECLINED: "Afgewezen",
}

LEVEL_NAMES = {
    1: "Acute problematiek",
    2: "Niet zelfredzaam",
    3: "Beperkt zelfredzaam",
    4: "Voldoende zelfredzaam",
    5: "Volledig zelfredzaam",
}
_LEVEL_TEXT = {
    1: "Er is nu gevaar of een crisis rond {d}. Er moet direct iets gebeuren.",
    2: "Bij {d} lukt het niet zonder hulp; de problemen worden groter.",
    3: "Bij {d} lukt het deels, met moeite of alleen met hulp van anderen.",
    4: "Bij {d} gaat het redelijk; soms is een steuntje nodig.",
    5: "Bij {d} gaat het goed zonder hulp.",
}


def level_text(domain: LifeDomain | str, level: int) -> str:
    """Our own short description of a level for a domain; a municipality with a licence for
    other texts puts them under "levels" of the domain in resources/life_domains.json."""
    code = domain if isinstance(domain, str) else domain.code
    for entry in load_json("life_domains.json")["domains"]:
        if entry["code"] == code:
            own = entry.get("levels", {}).get(str(level))
            return own or _LEVEL_TEXT[level].format(d=entry["name"].lower())
    raise InvalidValue(f"Onbekend leefgebied {code}.")


def onderzoek_due(received_on: dt.date) -> dt.date:
    return received_on + ONDERZOEK_TERM


def personal_plan_by(received_on: dt.date) -> dt.date:
    return received_on + PERSONAL_PLAN_TERM


@dataclass
class RequestInput:
    received_on: dt.date | None
    source: Source
    channel: Channel
    question: str
    urgent: bool = False
    asked_by: uuid.UUID | None = None  # a member, or None when a referrer asked
    referrer: str = ""
    consent: str = ""  # what may be shared with whom
    told_client_support: bool = False
    told_personal_plan: bool = False

    def validate(self, today: dt.date) -> "RequestInput":
        errors = {}
        if self.received_on is None:
            errors["received_on"] = "Vul de datum van de melding in."
        elif self.received_on > today:
            errors["received_on"] = "De melding kan niet in de toekomst binnenkomen."
        if len(self.question.strip()) < 5:
            errors["question"] = "Schrijf de vraag op in de woorden van de bewoner."
        if self.source in (Source.PROFESSIONAL, Source.NETWORK) and not (
            self.referrer.strip() or self.asked_by
        ):
            errors["referrer"] = "Wie heeft de melding gedaan?"
        if not self.told_client_support:
            errors["told_client_support"] = (
                "Vertel de bewoner over gratis onafhankelijke cliëntondersteuning."
            )
        if not self.told_personal_plan:
            errors["told_personal_plan"] = (
                "Vertel de bewoner dat hij binnen 7 dagen een eigen plan mag inleveren."
            )
        if errors:
            raise ValidationFailed(errors)
        return self


@dataclass(frozen=True)
class Score:
    life_domain: str
    score: int | None  # None: not discussed
    notes: str = ""
    own_share: int = 0  # how much of the current situation rests on own strength (0-100)
    network_share: int = 0
    professional_share: int = 0


@dataclass
class AssessmentInput:
    person_id: uuid.UUID
    scores: list[Score] = field(default_factory=list)
    strengths: str = ""
    network: str = ""
    carers: str = ""
    carer_load: CarerLoad = CarerLoad.NOT
    respite_wishes: str = ""
    wishes: str = ""
    root_causes: str = ""
    expert_by_experience: bool = False

    def validate(self, complete: bool) -> "AssessmentInput":
        errors = {}
        for s in self.scores:
            if s.score is not None and not 1 <= s.score <= 5:
                errors[f"score.{s.life_domain}"] = "Een score is 1 tot en met 5."
            if s.own_share + s.network_share + s.professional_share > 100:
                errors[f"share.{s.life_domain}"] = "Samen hooguit 100%."
        if complete and not any(s.score for s in self.scores):
            errors["scores"] = "Geef minstens één leefgebied een score."
        if errors:
            raise ValidationFailed(errors)
        return self


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
    acute: list[str]  # life domains with a score of 1: act now


def advise(scores: list[Score], rules: dict | None = None) -> Advice:
    """The proposed route per scored domain, the heaviest of them, and acute domains."""
    rules = rules or load_json("triage_rules.json")
    by_score = rules["route_by_score"]
    domains = [
        DomainAdvice(
            s.life_domain, s.score, Route(by_score[str(s.score)]), s.score <= rules["acute_score"]
        )
        for s in scores
        if s.score
    ]
    overall = max((d.route for d in domains), key=ROUTE_WEIGHT.__getitem__, default=Route.NONE)
    return Advice(domains, overall, [d.life_domain for d in domains if d.acute])


def needs_motivation(advised: Route, chosen: Route) -> bool:
    return chosen == Route.SPECIALIST or ROUTE_WEIGHT[chosen] > ROUTE_WEIGHT[advised]


ALTERNATIVE_LABELS = {
    "network": "het eigen netwerk",
    "social_base": "de sociale basis",
    "group": "groeps- of collectieve hulp",
    "digital": "digitale hulp",
}


def motivation_problem(
    advised: Route, chosen: Route, motivation: str, rules: dict | None = None
) -> str | None:
    """Why a motivation is not enough (Dutch), or None. A heavier route than advised, or
    specialist support, must say why each lighter alternative does not suffice."""
    if not needs_motivation(advised, chosen):
        return None
    rules = rules or load_json("triage_rules.json")
    text = motivation.lower()
    if len(text.strip()) < rules["minimum_motivation_length"]:
        return (
            "Schrijf op waarom lichtere hulp niet genoeg is: eigen netwerk, sociale basis, "
            "groepsaanbod en digitale hulp."
        )
    missing = [
        ALTERNATIVE_LABELS[key]
        for key, words in rules["motivation_must_address"].items()
        if not any(word in text for word in words)
    ]
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


def turning_18_within(birth_date: dt.date, today: dt.date, months: int = 12) -> bool:
    """A minor who turns 18 within ``months``: the move from youth care needs a plan."""
    if age_on(birth_date, today) >= 18:
        return False
    try:
        eighteen = birth_date.replace(year=birth_date.year + 18)
    except ValueError:
        eighteen = birth_date.replace(year=birth_date.year + 18, day=28)
    return eighteen <= today + dt.timedelta(days=round(months * 30.44))


def domain_names() -> dict[str, str]:
    return {d.code: d.name for d in life_domains()}


@dataclass(frozen=True)
class Offer:
    code: str
    organisation: str
    activity: str
    domains: tuple[str, ...]
    contact: str


def offers_for(district: str, domains: list[str], catalogue: dict | None = None) -> list[Offer]:
    """Active social-base offers in the wijk (or city-wide) that help with these domains."""
    catalogue = catalogue or load_json("social_base_catalogue.json")
    wanted = set(domains)
    return [
        Offer(o["code"], o["organisation"], o["activity"], tuple(o["domains"]), o["contact"])
        for o in catalogue["offers"]
        if o.get("active", True)
        and (not o["wijken"] or district in o["wijken"])
        and wanted & set(o["domains"])
    ]


@dataclass(frozen=True)
class IntakeView:
    """An open melding with its (draft) assessment, to continue where the worker left off."""

    request_id: uuid.UUID
    received_on: dt.date
    source: Source
    channel: Channel
    question: str
    urgent: bool
    referrer: str
    consent: str
    asked_by: uuid.UUID | None
    outcome: Outcome
    onderzoek_due: dt.date
    assessment: AssessmentInput | None
    assessment_completed: bool
    route: Route | None


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # Melding, Gesprek, Route, Verwijzing, Plan, Besluit
    text: str
