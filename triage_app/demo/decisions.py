"""Demo beschikkingen, issued the way a decider issues them: provisions sized by the tariff
table, the product category of their kind, a realistic extent per kind (hours, dagdelen,
etmalen), the legal checklist (missing_elements) passed, and the stored content built by
the same builder as real issuing (domain/decision_content.py). So a demo letter is a real one.

Granted 70%, partly granted 15% (two provisions, one refused), refused 15%; a change of the
plan replaces the applicant's earlier decision. A year without an abonnementstarief in the
profile gets no decisions, as issuing would refuse them.
"""

import datetime as dt
import random
from collections.abc import Callable, Mapping
from types import SimpleNamespace

from triage_app.demo.rows import at, new_id
from triage_app.domain.arrangement import (
    ArrangementSize,
    category_for_kind,
    compute_arrangement,
    kinds,
    product_codes,
    providers,
    segments,
)
from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_content import (
    CaseFacts,
    addressed,
    decision_content,
    objection_text,
)
from triage_app.domain.decision_rules import (
    DecisionFacts,
    decision_outcome,
    missing_elements,
    objection_deadline,
    personal_contribution,
)
from triage_app.domain.errors import DomainError
from triage_app.domain.household import full_name
from triage_app.domain.plan import (
    ApplicationData,
    DecisionKind,
    DeliveryForm,
    ExtentUnit,
    Frequency,
    Intensity,
    ProvisionData,
)
from triage_app.domain.reference import Reference
from triage_app.domain.values import age_on

DECIDER = ("decider", "Dirk Gemandateerde")  # the demo account with the decider role
# Per kind of support: the unit and frequency it is counted in, usual volumes, product code.
EXTENTS: Mapping[str, tuple[ExtentUnit, Frequency, tuple[float, ...], str | None]] = {
    "individual_support": (ExtentUnit.HOUR, Frequency.PER_WEEK, (1.5, 2, 3, 4, 6), "02A01"),
    "group_support": (ExtentUnit.DAY_PART, Frequency.PER_WEEK, (1, 2, 3), "02A02"),
    "day_activities": (ExtentUnit.DAY_PART, Frequency.PER_WEEK, (2, 3, 4, 6, 8), "07A01"),
    "short_stay": (ExtentUnit.ETMAAL, Frequency.PER_MONTH, (2, 3, 4, 6), "04A01"),
    "household_help": (ExtentUnit.HOUR, Frequency.PER_WEEK, (2, 2.5, 3, 4), "01A01"),
    "protected_home": (ExtentUnit.HOUR, Frequency.PER_WEEK, (4, 6, 8, 10), None),
}
OTHER_KIND = (ExtentUnit.HOUR, Frequency.PER_WEEK, (2, 3, 4), None)  # a municipality's own kind
MOTIVATIONS = [
    "Door de beperkingen lukt het niet om de dag zelf in te delen; zonder steun raakt de "
    "situatie uit de hand.",
    "De mantelzorger is overbelast en kan de zorg niet langer alleen dragen.",
    "Er zijn schulden en er is geen overzicht; dat vraagt om deskundige begeleiding.",
]
LIGHTER = [
    "Het netwerk is klein en kan dit niet dragen; de buurtactiviteiten zijn geprobeerd maar "
    "sluiten niet aan; digitale hulp lukt niet door de beperking.",
    "Familie woont ver weg; een groepsaanbod in de wijk is er niet op dit moment.",
]
PGB_CHOICE = "U wilt zelf kiezen wie u helpt. Uw buurvrouw kent u goed en kan dit doen."
# Written to the resident ("u"), matching the outcome: a refusal never argues for granting.
TO_RESIDENT = {
    "granted": [
        "U kunt de dag niet meer zelf indelen door uw beperkingen. Zonder steun raakt uw "
        "situatie uit de hand. Daarom geven wij u deze ondersteuning.",
        "Uw mantelzorger kan de zorg niet langer alleen dragen. Met deze ondersteuning "
        "krijgt u de hulp die u nodig hebt, en krijgt uw mantelzorger rust.",
    ],
    "refused": [
        "In het gesprek zagen wij dat u de dag met hulp van uw familie goed kunt indelen. "
        "De activiteiten in de wijk passen bij wat u nodig hebt. Daarom is deze "
        "ondersteuning voor u niet nodig.",
    ],
}
REFUSAL_NOTES = [
    "Mevrouw deelt de dag met steun van de dochter goed in; de inloop in de wijk sluit aan "
    "bij de vraag. Maatwerk is niet nodig.",
]
LIGHTER_ENOUGH = [
    "Het buurthuis in uw wijk heeft een inloop op dinsdag en donderdag. Uw dochter helpt u "
    "met de post. Dat is genoeg voor wat u nu nodig hebt.",
]


def parents(applicant: dict, on: dt.date) -> list[str]:
    """The adults with parental authority of a child applicant, as issuing finds them
    (services/plans.py): the adult main members, partners and parents of the household."""
    return [
        full_name(m["first_name"], m["prefix"], m["last_name"])
        for m in applicant.get("members", [])
        if m["id"] != applicant["id"]
        and m["role"] in ("main", "partner", "parent")
        and age_on(m["birth_date"], on) >= 18
    ]


class DecisionDemo:
    """Applications and their beschikkingen for the demo plans."""

    def __init__(self, rng: random.Random, reference: Reference) -> None:
        self.rng, self.reference = rng, reference
        table = reference.tariffs
        self.kinds, self.segments = kinds(table), segments(table)
        self.providers = providers(table)
        self.areas = [a.code for a in reference.result_areas]
        self.numbers: dict[int, int] = {}  # decision numbers taken per year
        # Who issues the demo decisions: the demo's decider account, unless the worker running
        # the demo can sign them (sign_as): then they are theirs, signed like real ones.
        self.decider: tuple[str, str] = DECIDER
        self.sign: Callable[[dict], None] | None = None

    def can_decide_on(self, day: dt.date) -> bool:
        try:
            personal_contribution(day, self.reference.profile)
        except DomainError:
            return False
        return True

    def application(self, person_id, day: dt.date, provisions=()) -> ApplicationData:  # type: ignore[no-untyped-def]
        """An aanvraag whose texts fit the outcome of ``provisions`` (none: still open)."""
        applied = day - dt.timedelta(days=self.rng.randint(3, 13))
        granted = not provisions or any(p.granted for p in provisions)
        return ApplicationData(
            person_id,
            applied,
            self.rng.choice(MOTIVATIONS if granted else REFUSAL_NOTES),
            self.rng.choice(LIGHTER if granted else LIGHTER_ENOUGH),
            self.rng.choice(TO_RESIDENT["granted" if granted else "refused"]),
        )

    def provisions(self, person_id, day: dt.date) -> list[ProvisionData]:  # type: ignore[no-untyped-def]
        rng = self.rng
        outcome = rng.choices(["granted", "partly_granted", "refused"], [70, 15, 15])[0]
        count = 2 if outcome == "partly_granted" else 1
        return [
            self._provision(
                person_id,
                day,
                outcome == "granted" or (outcome == "partly_granted" and position == 0),
            )
            for position in range(count)
        ]

    def _provision(self, person_id, day: dt.date, granted: bool) -> ProvisionData:  # type: ignore[no-untyped-def]
        rng, table = self.rng, self.reference.tariffs
        kind = rng.choice(self.kinds).code
        unit, frequency, volumes, code = EXTENTS.get(kind, OTHER_KIND)
        start, end = day + dt.timedelta(days=7), day + dt.timedelta(days=365)
        category = category_for_kind(kind, table)
        valid_codes = {o.code for o in product_codes(category, start, table)}
        levels = (Intensity.REGULAR, Intensity.MEDIUM, Intensity.INTENSIVE)
        segment = rng.choice(self.segments).code
        intensities = {a: rng.choice(levels) for a in rng.sample(self.areas, rng.randint(1, 3))}
        pgb = granted and rng.random() < 0.15
        return ProvisionData(
            person_id=person_id,
            kind=kind,
            segment=segment,
            intensities=intensities,
            delivery_form=DeliveryForm.PGB if pgb else DeliveryForm.IN_KIND,
            pgb_amount=(
                compute_arrangement(segment, intensities, table).monthly_cost if pgb else None
            ),
            choice_notes=PGB_CHOICE if pgb else "",
            provider=rng.choice(self.providers).code,
            start_date=start,
            end_date=end,
            product_category=category,
            product_code=code if code in valid_codes else None,
            volume=float(rng.choice(volumes)),
            unit=unit,
            frequency=frequency,
            granted=granted,
        )

    def size(self, p: ProvisionData) -> ArrangementSize:
        return compute_arrangement(p.segment, p.intensities, self.reference.tariffs)

    def issue(
        self,
        application: ApplicationData,
        provisions: list[ProvisionData],
        version: dict,
        household: dict,
        applicant: dict,
        day: dt.date,
        replaces: dict | None,
        results: tuple[str, ...] = (),
    ) -> dict:
        """The decision row for ``application``, checked like a real one; raises when the
        demo would write a decision that issuing refuses."""
        profile = self.reference.profile
        send = day + dt.timedelta(days=1)
        granted = any(p.granted for p in provisions)
        to = addressed(
            full_name(applicant["first_name"], applicant["prefix"], applicant["last_name"]),
            applicant["birth_date"],
            parents(applicant, day),
            day,
            self.reference.letters["decision_extra"],
        )
        exempt = to["minor"] and "minor" in profile.get("contribution_rules", {}).get(
            "none_for", ()
        )
        facts = DecisionFacts(
            addressee=to["addressee"],
            minor=to["minor"],
            for_whom=to["for_whom"],
            application_date=application.application_date,
            provisions=provisions,
            motivation=application.motivation,
            lighter_routes=application.lighter_routes,
            contribution=personal_contribution(day, profile) if granted and not exempt else None,
            decision_date=day,
            send_date=send,
            decider=self.decider[1],
            objection_address=objection_text(profile, None),
            resident_motivation=application.resident_motivation,
        )
        missing = missing_elements(facts, profile.get("decision_elements", {}))
        if missing:
            raise ValueError(f"Demo decision misses: {', '.join(missing)}")
        self.numbers[day.year] = self.numbers.get(day.year, 0) + 1
        number = f"B-{day.year}-{self.numbers[day.year]:06d}"
        content = decision_content(
            self.reference,
            SimpleNamespace(**household),
            facts.addressee,
            facts,
            [self.size(p) for p in provisions],
            version["number"],
            replaces["number"] if replaces else None,
            number,
            DecisionKind.CHANGE if replaces else DecisionKind.FIRST,
            decision_outcome(provisions),
            case=CaseFacts(results=results),
        )
        row = {
            "id": new_id(self.rng),
            "number": number,
            "plan_version_id": version["id"],
            "household_id": household["id"],
            "person_id": application.person_id,
            "kind": DecisionKind.CHANGE if replaces else DecisionKind.FIRST,
            "outcome": decision_outcome(provisions),
            "application_date": facts.application_date,
            "decision_date": day,
            "send_date": send,
            "objection_deadline": objection_deadline(send, extra_days_off(profile)),
            "motivation": facts.motivation,
            "lighter_routes": facts.lighter_routes,
            "contribution": facts.contribution,
            "decided_by": self.decider[0],
            "decided_by_name": self.decider[1],
            "replaces_decision_id": replaces["id"] if replaces else None,
            "content": content,
            "created_at": at(day, 11),
        }
        if self.sign is not None:
            self.sign(row)
        return row
