"""The worker's first conversation as data: melding, keukentafelgesprek, what the screens show.

The triage rules live in domain/triage.py and the legal terms in domain/deadlines.py."""

import datetime as dt
import enum
import re
import uuid
from dataclasses import dataclass, field

from triage_app.domain.deadlines import TermStatus, onderzoek_due, personal_plan_by
from triage_app.domain.errors import ValidationFailed
from triage_app.domain.offers import Offer, offers_for
from triage_app.domain.reference import LifeDomain
from triage_app.domain.triage import (
    ALTERNATIVE_LABELS,
    LEVEL_NAMES,
    ROUTE_LABELS,
    ROUTE_WEIGHT,
    Advice,
    DomainAdvice,
    Route,
    Score,
    advise,
    motivation_problem,
    needs_motivation,
    score_changes,
    turning_18_within,
)

__all__ = [  # the triage rules and terms are re-exported: callers know them from here
    "ALTERNATIVE_LABELS",
    "LEVEL_NAMES",
    "ROUTE_LABELS",
    "ROUTE_WEIGHT",
    "Advice",
    "DomainAdvice",
    "Offer",
    "Route",
    "Score",
    "advise",
    "motivation_problem",
    "needs_motivation",
    "offers_for",
    "onderzoek_due",
    "personal_plan_by",
    "score_changes",
    "turning_18_within",
]


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


@dataclass(frozen=True)
class CarerNote:
    """The mantelzorger(s) named in the gesprek, their load and their wish for respite, for
    the verslag and the plan (the documents print sentences, never the code)."""

    carers: str
    load: CarerLoad
    respite: str

    @property
    def worth_printing(self) -> bool:
        return bool(self.carers.strip() or self.respite.strip() or self.load != CarerLoad.NOT)


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


def level_text(domain: LifeDomain, level: int) -> str:
    """What a level means for a domain: our own short text, or the municipality's own
    (its life_domains.json in the data folder, see services/reference.py)."""
    return domain.levels[level - 1]


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


REASON_NEEDED = (
    "Dit leefgebied hoort niet bij de vraag. Waarom is dit nodig voor deze vraag? "
    "Schrijf het kort op, of laat het leeg."
)
# Words in a melding's question that point at a life domain (the start of a word is enough);
# they prefill which domains the gesprek is about. The worker corrects them.
QUESTION_WORDS = {
    "finances": (
        "geld",
        "schuld",
        "post",
        "rekening",
        "betal",
        "inkomen",
        "uitkering",
        "aanmaning",
        "incasso",
        "toeslag",
    ),
    "work_education": ("werk", "baan", "school", "opleiding", "studie", "stage", "ontslag"),
    "time_use": ("verveel", "dagbesteding", "hobby", "niets te doen", "de hele dag"),
    "housing": (
        "huur",
        "woning",
        "huis uit",
        "verhuiz",
        "trap",
        "dakloos",
        "uitzetting",
        "ontruim",
        "schimmel",
    ),
    "domestic_relations": ("ruzie", "scheiding", "geweld", "opvoed", "relatie"),
    "mental_health": (
        "vergeet",
        "vergeten",
        "somber",
        "depress",
        "angst",
        "stress",
        "psych",
        "dementie",
        "verward",
        "pieker",
    ),
    "physical_health": (
        "ziek",
        "pijn",
        "lopen",
        "gevallen",
        "rolstoel",
        "ziekenhuis",
        "lichamelijk",
    ),
    "substance_use": ("alcohol", "drank", "drugs", "verslav", "blowen", "gok"),
    "basic_adl": ("wassen", "douche", "aankleden", "toilet", "zelfverzorging"),
    "instrumental_adl": ("huishouden", "boodschappen", "koken", "schoonma", "strijk"),
    "social_network": (
        "alleen",
        "eenzaam",
        "contact",
        "familie",
        "vrienden",
        "buren",
        "mantelzorg",
    ),
    "participation": ("meedoen", "vrijwillig", "vereniging", "buurthuis"),
    "justice": ("politie", "justitie", "reclassering", "rechter", "boete", "gevangenis"),
}


def question_domains(question: str, codes: list[str]) -> list[str]:
    """The life domains (of ``codes``, in their order) that words in the question point at."""
    text = question.lower()
    return [
        code
        for code in codes
        if any(re.search(r"\b" + re.escape(word), text) for word in QUESTION_WORDS.get(code, ()))
    ]


def scope_summary(
    scope: list[str] | None, scores: list[Score], codes: list[str]
) -> tuple[list[tuple[str, str]], list[str]]:
    """For the verslag: the domains assessed, each with why ("" when the question touches it,
    else the worker's reason), and the domains not asked, both in ``codes`` order. ``scope``
    None (before domains were marked): every domain was asked."""
    reasons = {s.life_domain: s.reason.strip() for s in scores if s.filled}
    if scope is None:
        return [(c, "") for c in codes], []
    assessed = [(c, "" if c in scope else reasons[c]) for c in codes if c in scope or c in reasons]
    asked = {c for c, _ in assessed}
    return assessed, [c for c in codes if c not in asked]


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
    # The life domains the question touches (data minimisation); None: not marked (an
    # assessment from before, where every domain was asked).
    scope: list[str] | None = None

    def validate(self, complete: bool) -> "AssessmentInput":
        errors = {}
        for s in self.scores:
            if self.scope is not None and s.life_domain not in self.scope and s.filled:
                if not s.reason.strip():
                    errors[f"reason.{s.life_domain}"] = REASON_NEEDED
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
    onderzoek_status: TermStatus = TermStatus.OK  # how the 6-week term stands today


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # Melding, Gesprek, Route, Verwijzing, Plan, Besluit
    text: str


def consent_covers(consent: str) -> frozenset[str]:
    """What a resident's consent (free text, "what may be shared with whom") lets a referral
    letter carry: "question", "phone", "email", "address". Consent that names none of these
    covers the question and the phone number only, the least needed to make contact; an
    e-mail address or home address only when the consent names it. No consent: nothing."""
    words = consent.lower()
    if not words.strip():
        return frozenset()
    named = {
        "question": ("vraag", "probleem", "hulpvraag"),
        "phone": ("telefoon", "nummer", "bellen", "mobiel"),
        "email": ("mail",),
        "address": ("adres",),
    }
    covered = {what for what, hints in named.items() if any(h in words for h in hints)}
    return frozenset(covered or {"question", "phone"})
