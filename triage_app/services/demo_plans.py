"""Demo plans for demo households: goals, arrangements and beschikkingen in realistic shares.

About one household in seven has a plan; most plans carry decisions (granted 70%, partly 15%,
refused 15%), some were changed (a second version replacing the first), some ended early,
some plans are closed, and a few decisions were issued today so there is something to print.
Rows go in with Core inserts. Versions are written as drafts first and then issued, because
the store refuses new goals on an issued version.
"""

import datetime as dt
import random
import uuid
from decimal import Decimal

from sqlalchemy import insert, update
from sqlmodel import Session

from triage_app.domain.arrangement import (
    compute_arrangement,
    kinds,
    name_of,
    providers,
    segments,
)
from triage_app.domain.decision_rules import objection_deadline, personal_contribution
from triage_app.domain.household import address_line, full_name
from triage_app.domain.letters import long_date
from triage_app.domain.plan import Intensity, Performer
from triage_app.domain.reference import Reference
from triage_app.store.counters import set_at_least
from triage_app.store.plan_tables import (
    Application,
    Decision,
    Evaluation,
    Goal,
    Plan,
    PlanVersion,
    Provision,
)

PLAN_SHARE = 0.14
RESULTS = {
    "finances": "De post en de rekeningen zijn op orde en er is een betalingsregeling.",
    "housing": "Het huis is veilig en schoon en de huur wordt betaald.",
    "time_use": "Drie dagen per week een zinvolle dag buiten de deur.",
    "social_network": "Iemand in de buurt om op terug te vallen.",
    "mental_health": "Minder somber en weer grip op de dag.",
    "instrumental_adl": "Het huishouden is bij te houden.",
    "domestic_relations": "Rust in huis en afspraken over de kinderen.",
    "participation": "Meedoen aan een activiteit in de wijk.",
}
ACTIONS = [
    "Wekelijks gesprek met de wijkcoach",
    "Hulp van de buurvrouw bij boodschappen",
    "Aanmelden bij de schuldhulp van de buurt",
    "Dagbesteding op de zorgboerderij",
    "Begeleiding thuis twee keer per week",
    "Maatje via het vrijwilligerspunt",
]
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


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class PlanDemo:
    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        reference: Reference,
        decision_seq: dict[int, int] | None = None,
    ) -> None:
        self.rng, self.today = rng, today
        self.tariffs = reference.tariffs
        self.domains = [d.code for d in reference.life_domains]
        self.areas = [a.code for a in reference.result_areas]
        self.kinds = [k.code for k in kinds(self.tariffs)]
        self.kind_options, self.segment_options = kinds(self.tariffs), segments(self.tariffs)
        self.providers = providers(self.tariffs)
        self.profile = reference.profile
        self.rows: dict[type, list[dict]] = {
            t: [] for t in (Plan, PlanVersion, Goal, Provision, Application, Decision, Evaluation)
        }
        self.issued: list[uuid.UUID] = []
        self.decision_seq: dict[int, int] = dict(decision_seq or {})  # numbers taken per year

    def _number(self, day: dt.date) -> str:
        self.decision_seq[day.year] = self.decision_seq.get(day.year, 0) + 1
        return f"B-{day.year}-{self.decision_seq[day.year]:06d}"

    def household(self, household: dict, members: list[dict]) -> None:
        rng = self.rng
        if rng.random() > PLAN_SHARE:
            return
        created = household["created_at"].date()
        start = created + dt.timedelta(days=rng.randint(14, 60))
        if start > self.today:
            start = self.today - dt.timedelta(days=rng.randint(0, 20))
        closed = rng.random() < 0.2
        plan = {
            "id": _uuid(rng),
            "household_id": household["id"],
            "status": "closed" if closed else "active",
            "closed_on": self.today - dt.timedelta(days=rng.randint(1, 200)) if closed else None,
            "closure_reason": rng.choice(
                ["goals_reached", "to_social_base", "moved", "to_wlz", "declined"]
            )
            if closed
            else None,
            "closure_notes": "",
            "aftercare_date": None,
            "created_at": household["created_at"],
            "updated_at": household["created_at"],
            "version": 1,
        }
        self.rows[Plan].append(plan)
        adults = [m for m in members if m["role"] in ("main", "partner")] or members
        applicant = rng.choice(adults)
        with_decision = rng.random() < 0.75
        changed = with_decision and rng.random() < 0.15
        first = self._version(plan, household, 1, start, applicant, with_decision, None)
        latest = first
        if changed:
            later = min(self.today, start + dt.timedelta(days=rng.randint(60, 300)))
            latest = self._version(plan, household, 2, later, applicant, True, first)
        if not closed and rng.random() < 0.12:
            self._open_application(plan, latest["version"], applicant)

    def _version(self, plan, household, number, day, applicant, with_decision, replaces):  # type: ignore[no-untyped-def]
        rng = self.rng
        if rng.random() < 0.01:
            day = self.today  # issued today: something for the day's batch print
        version = {
            "id": _uuid(rng),
            "plan_id": plan["id"],
            "household_id": plan["household_id"],
            "number": number,
            "status": "draft",
            "case_lead": "casemanager",
            "question": "Hulp bij de dag, de post en de zorg voor elkaar.",
            "main_provider": rng.choice(self.providers).code,
            "evaluation_date": day + dt.timedelta(days=rng.randint(90, 270)),
            "end_date": day + dt.timedelta(days=365),
            "replaces_version_id": replaces["version"]["id"] if replaces else None,
            "change_reason": "Evaluatie: meer ondersteuning nodig" if replaces else "",
            "issued_at": dt.datetime.combine(day, dt.time(11, 0), tzinfo=dt.UTC),
            "issued_by": "decider",
            "created_at": plan["created_at"],
            "updated_at": plan["created_at"],
            "version": 2,
        }
        self.rows[PlanVersion].append(version)
        self.issued.append(version["id"])
        if version["evaluation_date"] < self.today - dt.timedelta(days=14) and rng.random() < 0.9:
            self.rows[Evaluation].append(
                {
                    "id": _uuid(rng),
                    "plan_id": plan["id"],
                    "household_id": plan["household_id"],
                    "plan_version_id": version["id"],
                    "evaluation_date": version["evaluation_date"],
                    "assessment_id": None,
                    "outcome": rng.choices(["continue", "scale_down", "change"], [80, 12, 8])[0],
                    "notes": "Samen besproken hoe het gaat.",
                    "created_by": "casemanager",
                    "created_at": version["created_at"],
                }
            )
        common = {"plan_version_id": version["id"], "household_id": plan["household_id"]}
        for position, domain in enumerate(rng.sample(list(RESULTS), rng.randint(2, 4))):
            self.rows[Goal].append(
                {
                    "id": _uuid(rng),
                    **common,
                    "position": position,
                    "life_domain": domain,
                    "result": RESULTS[domain],
                    "actions": rng.choice(ACTIONS),
                    "performer": rng.choice(list(Performer)).value,
                    "responsible": rng.choice(["Bewoner", "Dochter", "Wijkteam", "Aanbieder"]),
                    "target_date": version["end_date"],
                }
            )
        decision_id = None
        if with_decision:
            decision_id = self._decision(version, common, household, applicant, day, replaces)
        return {"version": version, "decision_id": decision_id}

    def _open_application(self, plan, base, applicant) -> None:  # type: ignore[no-untyped-def]
        """A change asked for and not yet decided: the 2-week term runs (some are late)."""
        rng = self.rng
        draft = {
            **base,
            "id": _uuid(rng),
            "number": base["number"] + 1,
            "status": "draft",
            "replaces_version_id": base["id"],
            "change_reason": "Nieuwe aanvraag",
            "issued_at": None,
            "issued_by": None,
        }
        self.rows[PlanVersion].append(draft)
        self.rows[Application].append(
            {
                "id": _uuid(rng),
                "plan_version_id": draft["id"],
                "household_id": plan["household_id"],
                "person_id": applicant["id"],
                "application_date": self.today - dt.timedelta(days=rng.randint(0, 20)),
                "motivation": rng.choice(MOTIVATIONS),
                "lighter_routes": rng.choice(LIGHTER),
            }
        )

    def _decision(self, version, common, household, applicant, day, replaces) -> uuid.UUID:  # type: ignore[no-untyped-def]
        rng = self.rng
        outcome = rng.choices(["granted", "partly_granted", "refused"], [70, 15, 15])[0]
        count = 2 if outcome == "partly_granted" else 1
        lines = []
        for position in range(count):
            granted = outcome == "granted" or (outcome == "partly_granted" and position == 0)
            kind = rng.choice(self.kinds)
            segment = rng.choice(self.segment_options).code
            levels = {
                area: rng.choice([Intensity.REGULAR, Intensity.MEDIUM, Intensity.INTENSIVE])
                for area in rng.sample(self.areas, rng.randint(1, 3))
            }
            size = compute_arrangement(segment, levels, self.tariffs)
            provider = rng.choice(self.providers).code
            start, end = day + dt.timedelta(days=7), day + dt.timedelta(days=365)
            self.rows[Provision].append(
                {
                    "id": _uuid(rng),
                    **common,
                    "person_id": applicant["id"],
                    "position": position,
                    "kind": kind,
                    "segment": segment,
                    "intensities": {a: lvl.value for a, lvl in levels.items()},
                    "size_class": size.size_class,
                    "monthly_cost": size.monthly_cost,
                    "delivery_form": "in_kind",
                    "provider": provider,
                    "start_date": start,
                    "end_date": end,
                    "product_category": next(k for k in self.kind_options if k.code == kind)
                    and "02",
                    "product_code": None,
                    "volume": 3.0,
                    "unit": "hour",
                    "frequency": "week",
                    "pgb_amount": None,
                    "granted": granted,
                    "preferred_provider": "",
                    "choice_notes": "",
                    "terminate": False,
                }
            )
            lines.append(
                {
                    "kind": name_of(self.kind_options, kind),
                    "segment": name_of(self.segment_options, segment),
                    "size_class": size.size_class,
                    "monthly_cost": str(size.monthly_cost),
                    "product_category": "02",
                    "product_code": None,
                    "extent": "3 uur per week",
                    "start_date": start.isoformat(),
                    "end_date": end.isoformat(),
                    "delivery_form": "Zorg in natura",
                    "provider": name_of(self.providers, provider),
                    "pgb_amount": None,
                    "granted": granted,
                    "terminate": False,
                    "preferred_provider": "",
                }
            )
        applied = day - dt.timedelta(days=rng.randint(3, 13))
        self.rows[Application].append(
            {
                "id": _uuid(rng),
                **common,
                "person_id": applicant["id"],
                "application_date": applied,
                "motivation": rng.choice(MOTIVATIONS),
                "lighter_routes": rng.choice(LIGHTER),
            }
        )
        try:
            contribution = (
                personal_contribution(day, self.profile) if outcome != "refused" else None
            )
        except Exception:  # noqa: BLE001 - a demo year without an amount: none charged
            contribution = Decimal("21.80")
        send = day + dt.timedelta(days=1)
        number = self._number(day)
        addressee = full_name(applicant["first_name"], applicant["prefix"], applicant["last_name"])
        self.rows[Decision].append(
            {
                "id": _uuid(rng),
                "number": number,
                **common,
                "person_id": applicant["id"],
                "kind": "change" if replaces else "first",
                "outcome": outcome,
                "application_date": applied,
                "decision_date": day,
                "send_date": send,
                "objection_deadline": objection_deadline(send),
                "motivation": rng.choice(MOTIVATIONS),
                "lighter_routes": rng.choice(LIGHTER),
                "contribution": contribution,
                "decided_by": "decider",
                "decided_by_name": "Dirk Gemandateerde",
                "replaces_decision_id": None,
                "content": {
                    "addressee": addressee,
                    "address": address_line(
                        household["street"],
                        household["house_number"],
                        household["house_number_addition"],
                    ),
                    "postcode": household["postcode"],
                    "city": household["city"],
                    "dossier_number": household["dossier_number"],
                    "plan_version": version["number"],
                    "provisions": lines,
                    "replaces": None,
                    "objection": f"Bent u het niet eens met dit besluit? Dan kunt u bezwaar "
                    f"maken, binnen 6 weken na de verzenddatum, dus uiterlijk "
                    f"{long_date(objection_deadline(send))}. Stuur een brief "
                    f"naar {self.profile['objection_address']['name']}.",
                    "municipality": self.profile.get("name", ""),
                },
                "created_at": dt.datetime.combine(day, dt.time(11, 0), tzinfo=dt.UTC),
            }
        )

    def write(self, session: Session) -> None:
        for table, rows in self.rows.items():
            if rows:
                session.execute(insert(table), rows)
        if self.issued:
            session.execute(
                update(PlanVersion).where(PlanVersion.id.in_(self.issued)).values(status="issued")
            )
        for year, value in self.decision_seq.items():
            set_at_least(session, f"decision-{year}", value)
        for rows in self.rows.values():
            rows.clear()
        self.issued.clear()
