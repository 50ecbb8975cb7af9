"""Demo meldingen: assessments (some repeated), routes and referrals.

About half the households asked for help. Most meldingen were routed (the worker mostly
follows the advice; sometimes heavier, with a motivation the triage rules accept), some were
helped on the spot or took the short track, and recent ones are still open so the 6-week
term is due or late. Meldingen and gesprekken pass the same checks as typed ones
(RequestInput/AssessmentInput.validate).
"""

import datetime as dt

from triage_app.demo.rows import Part, at, new_id
from triage_app.domain.intake import (
    ROUTE_WEIGHT,
    AssessmentInput,
    CarerLoad,
    Channel,
    RequestInput,
    Route,
    Score,
    Source,
    advise,
    motivation_problem,
)
from triage_app.domain.offers import AdviceFor, advice_offers
from triage_app.domain.values import age_on
from triage_app.store.intake_tables import (
    Assessment,
    AssessmentScore,
    Referral,
    Request,
    RouteDecision,
)

QUESTIONS = [
    "Ik kan de post en de rekeningen niet meer bijhouden.",
    "Mijn moeder woont alleen en redt het niet meer in huis.",
    "Sinds de scheiding lukt het niet met de kinderen en het geld.",
    "Ik zit de hele dag thuis en ken niemand in de buurt.",
    "De huisarts maakt zich zorgen om mijn somberheid.",
    "School meldt dat onze zoon vaak afwezig is.",
    "Ik zorg voor mijn man en ben op.",
]
MOTIVATION = (
    "Het netwerk is overbelast; in de sociale basis in de wijk is geen passend "
    "aanbod; een groep lukt niet; digitale hulp kan de bewoner niet gebruiken."
)


def request_row(request_id, household_id, melding, outcome: str, day: dt.date) -> dict:  # type: ignore[no-untyped-def]
    """The stored row of a checked melding (``RequestInput.validate``), made by the intake."""
    return {
        "id": request_id,
        "household_id": household_id,
        "person_id": melding.asked_by,
        "received_on": melding.received_on,
        "source": melding.source,
        "channel": melding.channel,
        "question": melding.question,
        "urgent": melding.urgent,
        "referrer": melding.referrer,
        "consent": melding.consent,
        "told_client_support": melding.told_client_support,
        "told_personal_plan": melding.told_personal_plan,
        "outcome": outcome,
        "created_by": "intake",
        "created_at": at(day),
        "updated_at": at(day),
        "version": 1,
    }


class IntakeDemo(Part):
    tables = (Request, Assessment, AssessmentScore, RouteDecision, Referral)

    def household(self, household: dict, members: list[dict]) -> None:
        rng = self.rng
        if rng.random() > 0.5:
            return
        created = household["created_at"].date()
        span = max(0, (self.today - created).days)
        first = created + dt.timedelta(days=rng.randint(0, span))
        person = rng.choice(members)
        self._melding(household, person, first, recent=(self.today - first).days < 60)
        if rng.random() < 0.12 and (self.today - first).days > 120:  # the same person again
            later = first + dt.timedelta(days=rng.randint(90, (self.today - first).days))
            self._melding(household, person, later, recent=False)

    def _melding(self, household, person, day, recent: bool) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        hid = household["id"]
        request_id = new_id(rng)
        if recent and rng.random() < 0.5:
            outcome = "open"
        else:
            roll = rng.random()
            outcome = (
                "helped_directly" if roll < 0.15 else "short_track" if roll < 0.22 else "routed"
            )
        melding = RequestInput(
            received_on=day,
            source=rng.choices(list(Source), [60, 15, 20, 5])[0],
            channel=rng.choice(list(Channel)),
            question=rng.choice(QUESTIONS),
            urgent=rng.random() < 0.05,
            asked_by=person["id"],
            consent="Delen met de aanbieder en de huisarts",
            told_client_support=True,
            told_personal_plan=True,
        ).validate(self.today)
        self.rows[Request].append(request_row(request_id, hid, melding, outcome, day))
        if outcome in ("helped_directly", "short_track"):
            return
        held = min(self.today, day + dt.timedelta(days=rng.randint(3, 30)))
        scores = self._assessment(household, request_id, person, held, outcome)
        if outcome == "routed":
            self._route(household, request_id, scores, held, person)

    def _assessment(self, household, request_id, person, held, outcome) -> list[Score]:  # type: ignore[no-untyped-def]
        rng = self.rng
        completed = outcome == "routed" or rng.random() < 0.5
        scores = []
        for domain in rng.sample([d.code for d in self.reference.life_domains], rng.randint(3, 7)):
            score = rng.choices([1, 2, 3, 4, 5], [3, 17, 35, 30, 15])[0]
            own, network = rng.choice([10, 30, 50, 70]), rng.choice([0, 10, 20, 30])
            professional = 100 - own - network if score < 4 else 0
            scores.append(Score(domain, score, "", own, network, professional))
        typed = AssessmentInput(
            person_id=person["id"],
            scores=scores,
            strengths="Heeft een dochter in de buurt",
            network="Dochter, buurvrouw",
            carer_load=rng.choice(list(CarerLoad)),
            wishes="Zo lang mogelijk thuis wonen",
            expert_by_experience=rng.random() < 0.1,
        ).validate(completed)
        assessment_id = new_id(rng)
        self.rows[Assessment].append(
            {
                "id": assessment_id,
                "household_id": household["id"],
                "request_id": request_id,
                "person_id": typed.person_id,
                "held_on": held,
                "status": "completed" if completed else "draft",
                "strengths": typed.strengths,
                "network": typed.network,
                "carers": typed.carers,
                "carer_load": typed.carer_load,
                "respite_wishes": typed.respite_wishes,
                "wishes": typed.wishes,
                "root_causes": typed.root_causes,
                "expert_by_experience": typed.expert_by_experience,
                "created_by": "intake",
                "created_at": household["created_at"],
                "updated_at": household["created_at"],
                "version": 1,
            }
        )
        for s in typed.scores:
            self.rows[AssessmentScore].append(
                {
                    "id": new_id(rng),
                    "assessment_id": assessment_id,
                    "household_id": household["id"],
                    "life_domain": s.life_domain,
                    "score": s.score,
                    "notes": s.notes,
                    "own_share": s.own_share,
                    "network_share": s.network_share,
                    "professional_share": s.professional_share,
                }
            )
        return typed.scores

    def _route(self, household, request_id, scores, held, person) -> None:  # type: ignore[no-untyped-def]
        rng, rules = self.rng, self.reference.triage_rules
        advised = advise(scores, rules).overall
        chosen = advised
        if rng.random() < 0.15 and advised != Route.SPECIALIST:
            chosen = next(r for r in Route if ROUTE_WEIGHT[r] == ROUTE_WEIGHT[advised] + 1)
        motivation = MOTIVATION if chosen != advised or chosen == Route.SPECIALIST else ""
        problem = motivation_problem(advised, chosen, motivation, rules)
        if problem:  # the demo's own text no longer satisfies the municipality's rules
            raise ValueError(f"Demo: {problem}")
        self.rows[RouteDecision].append(
            {
                "id": new_id(rng),
                "household_id": household["id"],
                "request_id": request_id,
                "life_domain": None,
                "advised_route": advised,
                "chosen_route": chosen,
                "motivation": motivation,
                "decided_by": "intake",
                "decided_on": held,
                "created_at": household["created_at"],
            }
        )
        if chosen == Route.SPECIALIST and rng.random() < 0.7:
            target = f"Specialistisch team {household['district']}"
            self._referral(household["id"], request_id, target, None, held)
        if chosen == Route.SOCIAL_BASE:
            age = age_on(person["birth_date"], held)  # only offers that fit this resident
            people = AdviceFor(age, carer_ages=(age,) if person["is_carer"] else ())
            found = advice_offers(
                household["district"],
                {s.life_domain: s.score for s in scores if s.score},
                people,
                self.reference.catalogue,
            )
            offers = list({o.code: o for each in found.values() for o in each}.values())
            if offers:
                offer = rng.choice(offers)
                self._referral(household["id"], request_id, offer.organisation, offer.code, held)

    def _referral(self, hid, request_id, target: str, code: str | None, held: dt.date) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        follow_up = held + dt.timedelta(days=rng.randint(7, 42))
        status = (
            rng.choice(["finished", "finished", "finished", "declined"])
            if follow_up < self.today - dt.timedelta(days=30)
            else rng.choice(["sent", "accepted", "started"])
        )
        self.rows[Referral].append(
            {
                "id": new_id(rng),
                "household_id": hid,
                "request_id": request_id,
                "target": target,
                "offer_code": code,
                "status": status,
                "follow_up_on": follow_up,
                "notes": "",
                "made_on": held,
                "created_by": "intake",
                "created_at": at(held),
                "updated_at": at(held),
                "version": 1,
            }
        )
