"""The household plan (ondersteuningsplan): versions, goals, arrangements and applications.

Plain data and validation only; the rules for arrangements and decisions live in
``arrangement.py`` and ``decision_rules.py``.
"""

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from triage_app.domain.bounds import LONG_TEXT, check_date, check_text, check_volume
from triage_app.domain.errors import InvalidValue, ValidationFailed


class PlanStatus(enum.StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class VersionStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"  # vastgesteld: read-only forever
    DISCARDED = "discarded"  # a draft given up; kept, never shown as current


class Performer(enum.StrEnum):
    RESIDENT = "resident"
    NETWORK = "network"
    SOCIAL_BASE = "social_base"
    DISTRICT_TEAM = "district_team"
    SPECIALIST = "specialist"


PERFORMER_LABELS = {
    Performer.RESIDENT: "Bewoner zelf",
    Performer.NETWORK: "Netwerk",
    Performer.SOCIAL_BASE: "Partner sociale basis",
    Performer.DISTRICT_TEAM: "Wijkteam",
    Performer.SPECIALIST: "Specialistische aanbieder",
}


class Intensity(enum.StrEnum):
    NONE = "none"
    REGULAR = "regular"
    MEDIUM = "medium"
    INTENSIVE = "intensive"


INTENSITY_LABELS = {
    Intensity.NONE: "Geen",
    Intensity.REGULAR: "Regulier",
    Intensity.MEDIUM: "Midden",
    Intensity.INTENSIVE: "Intensief",
}


class DeliveryForm(enum.StrEnum):
    IN_KIND = "in_kind"  # zorg in natura
    PGB = "pgb"  # persoonsgebonden budget


DELIVERY_LABELS = {
    DeliveryForm.IN_KIND: "Zorg in natura",
    DeliveryForm.PGB: "Persoonsgebonden budget (pgb)",
}


class ExtentUnit(enum.StrEnum):
    """iWmo units (WMO757 codes in brackets)."""

    MINUTE = "minute"  # 01
    HOUR = "hour"  # 04
    DAY_PART = "day_part"  # 16
    ETMAAL = "etmaal"  # 14
    PIECE = "piece"  # 82
    EURO = "euro"  # 83


UNIT_LABELS = {
    ExtentUnit.MINUTE: "minuten",
    ExtentUnit.HOUR: "uur",
    ExtentUnit.DAY_PART: "dagdelen",
    ExtentUnit.ETMAAL: "etmalen",
    ExtentUnit.PIECE: "stuks",
    ExtentUnit.EURO: "euro",
}


class Frequency(enum.StrEnum):
    PER_DAY = "day"
    PER_WEEK = "week"
    PER_MONTH = "month"
    TOTAL = "total"


FREQUENCY_LABELS = {
    Frequency.PER_DAY: "per dag",
    Frequency.PER_WEEK: "per week",
    Frequency.PER_MONTH: "per maand",
    Frequency.TOTAL: "in totaal",
}


class DecisionOutcome(enum.StrEnum):
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"


OUTCOME_LABELS = {
    DecisionOutcome.GRANTED: "toegekend",
    DecisionOutcome.PARTLY_GRANTED: "gedeeltelijk toegekend",
    DecisionOutcome.REFUSED: "afgewezen",
}


class DecisionKind(enum.StrEnum):
    FIRST = "first"  # toekenning of afwijzing
    CHANGE = "change"  # wijziging: replaces an earlier decision
    TERMINATION = "termination"  # beëindiging
    OBJECTION = "objection"  # beslissing op bezwaar


KIND_LABELS = {
    DecisionKind.FIRST: "Besluit",
    DecisionKind.CHANGE: "Wijzigingsbesluit",
    DecisionKind.TERMINATION: "Besluit tot beëindiging",
    DecisionKind.OBJECTION: "Beslissing op bezwaar",
}


class ObjectionOutcome(enum.StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"  # gegrond
    PARTLY_UPHELD = "partly_upheld"
    DISMISSED = "dismissed"  # ongegrond
    INADMISSIBLE = "inadmissible"  # niet-ontvankelijk
    WITHDRAWN = "withdrawn"


class EvaluationOutcome(enum.StrEnum):
    CONTINUE = "continue"
    SCALE_DOWN = "scale_down"  # afschalen naar lichtere hulp
    CHANGE = "change"
    CLOSE = "close"


class ClosureReason(enum.StrEnum):
    GOALS_REACHED = "goals_reached"
    TO_SOCIAL_BASE = "to_social_base"
    TO_WLZ = "to_wlz"
    TO_WORK = "to_work"
    MOVED = "moved"
    DECEASED = "deceased"
    DECLINED = "declined"
    OTHER = "other"


CLOSURE_LABELS = {
    ClosureReason.GOALS_REACHED: "Doelen bereikt",
    ClosureReason.TO_SOCIAL_BASE: "Naar de sociale basis",
    ClosureReason.TO_WLZ: "Naar langdurige zorg (Wlz)",
    ClosureReason.TO_WORK: "Naar werk / Participatiewet",
    ClosureReason.MOVED: "Verhuisd",
    ClosureReason.DECEASED: "Overleden",
    ClosureReason.DECLINED: "Wil geen verdere hulp",
    ClosureReason.OTHER: "Anders",
}


@dataclass(frozen=True)
class GoalData:
    life_domain: str
    result: str  # the result wanted, in the resident's words where possible
    actions: str
    performer: Performer
    responsible: str
    target_date: dt.date | None = None


@dataclass(frozen=True)
class ProvisionData:
    """A specialist arrangement for one member, in iWmo shape."""

    person_id: uuid.UUID
    kind: str  # code from resources/arrangements.json "kinds"
    segment: str
    intensities: dict[str, Intensity]  # result area code -> intensity
    delivery_form: DeliveryForm
    provider: str | None  # provider code; for pgb the budget holder's provider, if known
    start_date: dt.date | None
    end_date: dt.date | None
    product_category: str
    product_code: str | None = None
    volume: float | None = None
    unit: ExtentUnit | None = None
    frequency: Frequency | None = None
    pgb_amount: Decimal | None = None  # monthly budget in euro
    granted: bool = True  # False: asked for but refused
    preferred_provider: str = ""  # the resident's own choice (keuzevrijheid)
    choice_notes: str = ""
    terminate: bool = False  # this decision ends the arrangement (beëindiging)


@dataclass(frozen=True)
class ApplicationData:
    """An aanvraag by one member: starts the 2-week term; becomes that member's decision."""

    person_id: uuid.UUID
    application_date: dt.date
    motivation: str  # internal note: why this support (and why not more, or not at all)
    lighter_routes: str  # why own network, social base, collective or digital help fall short
    resident_motivation: str = ""  # the motivation the letter prints, written to "u"


@dataclass(frozen=True)
class PlanDraft:
    """Everything of a plan version a casemanager edits while it is a draft."""

    case_lead: str  # worker username (casusregisseur)
    question: str  # the household's question, in short
    main_provider: str | None
    evaluation_date: dt.date | None
    end_date: dt.date | None
    goals: list[GoalData] = field(default_factory=list)
    provisions: list[ProvisionData] = field(default_factory=list)
    applications: list[ApplicationData] = field(default_factory=list)

    def validate(self) -> "PlanDraft":
        errors: dict[str, str] = {}
        if not self.case_lead.strip():
            errors["case_lead"] = "Kies de casusregisseur."
        if self.evaluation_date and self.end_date and self.evaluation_date > self.end_date:
            errors["evaluation_date"] = "De evaluatie moet voor de einddatum liggen."
        for i, goal in enumerate(self.goals):
            if not goal.result.strip():
                errors[f"goals.{i}.result"] = "Beschrijf het resultaat dat het doel moet opleveren."
            if not goal.responsible.strip():
                errors[f"goals.{i}.responsible"] = "Wie is verantwoordelijk voor dit doel?"
        for i, p in enumerate(self.provisions):
            if p.start_date and p.end_date and p.start_date > p.end_date:
                errors[f"provisions.{i}.end_date"] = "De einddatum ligt voor de begindatum."
            if p.delivery_form == DeliveryForm.PGB and not p.pgb_amount:
                errors[f"provisions.{i}.pgb_amount"] = "Vul het bedrag van het pgb in."
            if p.volume is not None:
                try:
                    check_volume(p.volume, p.unit)
                except InvalidValue as exc:
                    errors[f"provisions.{i}.volume"] = exc.message
        _check_bounds(self, errors)
        applicants = [a.person_id for a in self.applications]
        if len(applicants) != len(set(applicants)):
            errors["applications"] = "Per persoon is er één aanvraag (en één beschikking)."
        # A provision without an application may be saved (a draft at any stage); issuing
        # asks for the application (see ``without_application``).
        if errors:
            raise ValidationFailed(errors)
        return self


NEEDS_APPLICATION = (
    "Voeg op het tabblad Aanvragen de aanvraag van deze persoon toe (Toevoegen): zonder "
    "aanvraag kan er geen besluit over deze maatwerkvoorziening komen."
)


def without_application(draft: PlanDraft) -> list[uuid.UUID]:
    """Members with a provision in the draft but no application: issuing waits for theirs."""
    applicants = {a.person_id for a in draft.applications}
    return list(
        dict.fromkeys(p.person_id for p in draft.provisions if p.person_id not in applicants)
    )


def _check_bounds(draft: PlanDraft, errors: dict[str, str]) -> None:
    """Text without NUL or lone surrogates and within its length; dates within 1900..2100."""
    texts: dict[str, str] = {"question": draft.question, "case_lead": draft.case_lead}
    dates: dict[str, dt.date | None] = {
        "evaluation_date": draft.evaluation_date,
        "end_date": draft.end_date,
    }
    for i, goal in enumerate(draft.goals):
        texts |= {f"goals.{i}.result": goal.result, f"goals.{i}.actions": goal.actions}
        texts[f"goals.{i}.responsible"] = goal.responsible
        dates[f"goals.{i}.target_date"] = goal.target_date
    for i, p in enumerate(draft.provisions):
        texts[f"provisions.{i}.choice_notes"] = p.choice_notes
        dates |= {
            f"provisions.{i}.start_date": p.start_date,
            f"provisions.{i}.end_date": p.end_date,
        }
    for i, a in enumerate(draft.applications):
        texts |= {f"applications.{i}.motivation": a.motivation}
        texts[f"applications.{i}.lighter_routes"] = a.lighter_routes
        dates[f"applications.{i}.application_date"] = a.application_date
    for key, value in texts.items():
        try:
            check_text(value or "", LONG_TEXT)
        except InvalidValue as exc:
            errors.setdefault(key, exc.message)
    for key, date in dates.items():
        if date is not None:
            try:
                check_date(date)
            except InvalidValue as exc:
                errors.setdefault(key, exc.message)
