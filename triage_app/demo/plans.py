"""Demo plans: goals, arrangements and beschikkingen in realistic shares.

About one household in seven has a plan; most plans carry decisions (demo/decisions.py), some
were changed (a second version replacing the first), some are closed, a few have a change
asked for and not yet decided, a few wait for a decision ter besluitvorming (offered to the
demo decider or to the team's pool; some sent back with a note), and a few decisions were
issued today so there is something to print. Each version passes PlanDraft.validate like a
saved one. Versions are written as drafts and then issued, because the store refuses new goals
on an issued version.
"""

import datetime as dt
import random

from sqlalchemy import update
from sqlmodel import Session, select

from triage_app.demo.decisions import DecisionDemo
from triage_app.demo.rows import Part, new_id
from triage_app.domain.plan import (
    ApplicationData,
    GoalData,
    Performer,
    PlanDraft,
    ProvisionData,
    VersionStatus,
)
from triage_app.domain.reference import Reference
from triage_app.services.plan_mapping import provision_values
from triage_app.store.counters import set_at_least
from triage_app.store.plan_tables import (
    Application,
    Decision,
    Evaluation,
    Goal,
    Plan,
    PlanHandover,
    PlanVersion,
    Provision,
)
from triage_app.store.tables import Counter

PLAN_SHARE = 0.14
OFFERED_SHARE = 0.12  # of the active plans with a decision: still waiting for it
OFFER_NOTES = [
    "",
    "Graag deze week: de aanbieder kan per 1e van de maand starten.",
    "Mevrouw wil zelf de aanbieder kiezen; zie de keuze van de bewoner.",
    "Overleg gehad met de huisarts; verslag zit in het dossier.",
]
SENT_BACK_NOTES = [
    "De omvang past niet bij het verslag: onderbouw het aantal dagdelen.",
    "Schrijf waarom het netwerk dit niet kan overnemen.",
]
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


class PlanDemo(Part):
    tables = (Plan, PlanVersion, Goal, Provision, Application, Decision, Evaluation, PlanHandover)

    def __init__(self, rng: random.Random, today: dt.date, reference: Reference) -> None:
        super().__init__(rng, today, reference)
        self.decisions = DecisionDemo(rng, reference)
        known = {d.code for d in reference.life_domains}
        self.results = {code: text for code, text in RESULTS.items() if code in known}
        self.issued: list = []

    def prepare(self, session: Session) -> None:
        """Continue the decision numbers of each year."""
        for counter in session.exec(select(Counter).where(Counter.name.startswith("decision-"))):
            self.decisions.numbers[int(counter.name.split("-")[1])] = counter.value

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
            "id": new_id(rng),
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
        children = [m for m in members if m["role"] == "child"]
        if children and rng.random() < 0.15:  # a minor: the letter goes to the parents
            applicant = {**rng.choice(children), "members": members}
        with_decision = rng.random() < 0.75
        changed = with_decision and rng.random() < 0.15
        if not changed and rng.random() < 0.01:
            start = self.today  # issued today: something for the day's batch print
        first = self._version(plan, household, 1, start, applicant, with_decision, None)
        latest = first
        if changed:
            later = min(self.today, start + dt.timedelta(days=rng.randint(60, 300)))
            latest = self._version(plan, household, 2, later, applicant, True, first)
        # Its own generator, so the demo's other households stay as they were.
        offered = random.Random(plan["id"].int)
        if (
            not closed
            and not changed
            and first["decision"] is not None
            and start != self.today
            and offered.random() < OFFERED_SHARE
        ):
            self._wait_for_decision(plan, first, start, offered)
            return
        if not closed and rng.random() < 0.12:
            self._open_application(plan, latest["version"], applicant)

    def _version(self, plan, household, number, day, applicant, with_decision, replaces):  # type: ignore[no-untyped-def]
        rng = self.rng
        with_decision = with_decision and self.decisions.can_decide_on(day)
        goals = [
            GoalData(
                domain,
                self.results[domain],
                rng.choice(ACTIONS),
                rng.choice(list(Performer)),
                rng.choice(["Bewoner", "Dochter", "Wijkteam", "Aanbieder"]),
                day + dt.timedelta(days=365),
            )
            for domain in rng.sample(list(self.results), rng.randint(2, 4))
        ]
        provisions: list[ProvisionData] = []
        applications: list[ApplicationData] = []
        if with_decision:
            provisions = self.decisions.provisions(applicant["id"], day)
            applications = [self.decisions.application(applicant["id"], day, provisions)]
        draft = PlanDraft(
            case_lead="casemanager",
            question="Hulp bij de dag, de post en de zorg voor elkaar.",
            main_provider=rng.choice(self.decisions.providers).code,
            evaluation_date=day + dt.timedelta(days=rng.randint(90, 270)),
            end_date=day + dt.timedelta(days=365),
            goals=goals,
            provisions=provisions,
            applications=applications,
        ).validate()
        version = self._version_rows(plan, number, day, draft, replaces)
        decision = None
        if with_decision:
            previous = replaces["decision"] if replaces else None
            decision = self.decisions.issue(
                applications[0],
                provisions,
                version,
                household,
                applicant,
                day,
                previous,
                results=tuple(g.result.strip() for g in goals if g.result.strip()),
            )
            self.rows[Decision].append(decision)
        return {"version": version, "decision": decision}

    def _version_rows(self, plan, number, day, draft: PlanDraft, replaces) -> dict:  # type: ignore[no-untyped-def]
        rng = self.rng
        version = {
            "id": new_id(rng),
            "plan_id": plan["id"],
            "household_id": plan["household_id"],
            "number": number,
            "status": VersionStatus.DRAFT,
            "case_lead": draft.case_lead,
            "question": draft.question,
            "main_provider": draft.main_provider,
            "evaluation_date": draft.evaluation_date,
            "end_date": draft.end_date,
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
        common = {"plan_version_id": version["id"], "household_id": plan["household_id"]}
        for position, g in enumerate(draft.goals):
            self.rows[Goal].append(
                {
                    "id": new_id(rng),
                    **common,
                    "position": position,
                    "life_domain": g.life_domain,
                    "result": g.result,
                    "actions": g.actions,
                    "performer": g.performer,
                    "responsible": g.responsible,
                    "target_date": g.target_date,
                }
            )
        for position, p in enumerate(draft.provisions):
            values = provision_values(p, self.decisions.size(p), position, **common)
            self.rows[Provision].append({"id": new_id(rng), **values})
        for a in draft.applications:
            self.rows[Application].append(
                {
                    "id": new_id(rng),
                    **common,
                    "person_id": a.person_id,
                    "application_date": a.application_date,
                    "motivation": a.motivation,
                    "lighter_routes": a.lighter_routes,
                    "resident_motivation": a.resident_motivation,
                }
            )
        if version["evaluation_date"] < self.today - dt.timedelta(days=14) and rng.random() < 0.9:
            self.rows[Evaluation].append(
                {
                    "id": new_id(rng),
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
        return version

    def _wait_for_decision(self, plan, first, start, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
        """The first version not issued yet: offered ter besluitvorming to the demo decider or
        the pool, a few days ago; some were sent back with a note and wait for the casemanager."""
        version = first["version"]
        self.rows[Decision].remove(first["decision"])
        self.issued.remove(version["id"])
        self.rows[Evaluation] = [
            e for e in self.rows[Evaluation] if e["plan_version_id"] != version["id"]
        ]
        version.update(issued_at=None, issued_by=None, version=1)
        offered_on = max(start, self.today - dt.timedelta(days=rng.randint(0, 9)))
        for application in self.rows[Application]:  # asked for shortly before the offer
            if application["plan_version_id"] == version["id"]:
                application["application_date"] = offered_on - dt.timedelta(days=rng.randint(2, 8))
        sent_back = rng.random() < 0.2
        self.rows[PlanHandover].append(
            {
                "id": new_id(rng),
                "plan_version_id": version["id"],
                "household_id": plan["household_id"],
                "status": "sent_back" if sent_back else "open",
                "offered_by": "casemanager",
                "offered_to": rng.choice(["decider", None]),
                "offered_at": dt.datetime.combine(offered_on, dt.time(9, 30), tzinfo=dt.UTC),
                "offered_on": offered_on,
                "note": rng.choice(OFFER_NOTES),
                "returned_by": "decider" if sent_back else None,
                "returned_at": dt.datetime.combine(self.today, dt.time(8, 0), tzinfo=dt.UTC)
                if sent_back
                else None,
                "return_note": rng.choice(SENT_BACK_NOTES) if sent_back else "",
            }
        )

    def _open_application(self, plan, base, applicant) -> None:  # type: ignore[no-untyped-def]
        """A change asked for and not yet decided: the 2-week term runs (some are late)."""
        rng = self.rng
        draft = {
            **base,
            "id": new_id(rng),
            "number": base["number"] + 1,
            "status": VersionStatus.DRAFT,
            "replaces_version_id": base["id"],
            "change_reason": "Nieuwe aanvraag",
            "issued_at": None,
            "issued_by": None,
        }
        self.rows[PlanVersion].append(draft)
        application = self.decisions.application(applicant["id"], self.today)
        self.rows[Application].append(
            {
                "id": new_id(rng),
                "plan_version_id": draft["id"],
                "household_id": plan["household_id"],
                "person_id": application.person_id,
                "application_date": self.today - dt.timedelta(days=rng.randint(0, 20)),
                "motivation": application.motivation,
                "lighter_routes": application.lighter_routes,
            }
        )

    def write(self, session: Session) -> None:
        super().write(session)
        if self.issued:
            session.execute(
                update(PlanVersion)
                .where(PlanVersion.id.in_(self.issued))
                .values(status=VersionStatus.ISSUED)
            )
            self.issued.clear()
        for year, value in self.decisions.numbers.items():
            set_at_least(session, f"decision-{year}", value)
