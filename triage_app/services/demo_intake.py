"""Demo meldingen for demo households: assessments (some repeated), routes and referrals.

About half the households asked for help. Most meldingen were routed (the worker mostly
follows the advice; sometimes heavier, with a motivation), some were helped on the spot or
took the short track, and recent ones are still open so the 6-week term is due or late.
"""

import datetime as dt
import random
import uuid

from sqlalchemy import insert
from sqlmodel import Session

from triage_app.domain.intake import ROUTE_WEIGHT, Route, Score, advise, offers_for
from triage_app.domain.reference import Reference
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


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class IntakeDemo:
    def __init__(self, rng: random.Random, today: dt.date, reference: Reference) -> None:
        self.rng, self.today = rng, today
        self.domains = [d.code for d in reference.life_domains]
        self.rules = reference.triage_rules
        self.catalogue = reference.catalogue
        self.rows: dict[type, list[dict]] = {
            t: [] for t in (Request, Assessment, AssessmentScore, RouteDecision, Referral)
        }

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
        request_id = _uuid(rng)
        if recent and rng.random() < 0.5:
            outcome = "open"
        else:
            roll = rng.random()
            outcome = (
                "helped_directly" if roll < 0.15 else "short_track" if roll < 0.22 else "routed"
            )
        self.rows[Request].append(
            {
                "id": request_id,
                "household_id": hid,
                "person_id": person["id"],
                "received_on": day,
                "source": rng.choices(
                    ["resident", "network", "professional", "signal"], [60, 15, 20, 5]
                )[0],
                "channel": rng.choice(["desk", "phone", "home_visit"]),
                "question": rng.choice(QUESTIONS),
                "urgent": rng.random() < 0.05,
                "referrer": "",
                "consent": "Delen met de aanbieder en de huisarts",
                "told_client_support": True,
                "told_personal_plan": True,
                "outcome": outcome,
                "created_by": "intake",
                "created_at": _at(day),
                "updated_at": _at(day),
                "version": 1,
            }
        )
        if outcome in ("helped_directly", "short_track"):
            return
        held = min(self.today, day + dt.timedelta(days=rng.randint(3, 30)))
        completed = outcome == "routed" or rng.random() < 0.5
        assessment_id = _uuid(rng)
        self.rows[Assessment].append(
            {
                "id": assessment_id,
                "household_id": hid,
                "request_id": request_id,
                "person_id": person["id"],
                "held_on": held,
                "status": "completed" if completed else "draft",
                "strengths": "Heeft een dochter in de buurt",
                "network": "Dochter, buurvrouw",
                "carers": "",
                "carer_load": rng.choice(["not", "heavy", "overburdened"]),
                "respite_wishes": "",
                "wishes": "Zo lang mogelijk thuis wonen",
                "root_causes": "",
                "expert_by_experience": rng.random() < 0.1,
                "created_by": "intake",
                "created_at": household["created_at"],
                "updated_at": household["created_at"],
                "version": 1,
            }
        )
        scores = [
            Score(d, rng.choices([1, 2, 3, 4, 5], [3, 17, 35, 30, 15])[0])
            for d in rng.sample(self.domains, rng.randint(3, 7))
        ]
        for s in scores:
            own = rng.choice([10, 30, 50, 70])
            network = rng.choice([0, 10, 20, 30])
            self.rows[AssessmentScore].append(
                {
                    "id": _uuid(rng),
                    "assessment_id": assessment_id,
                    "household_id": hid,
                    "life_domain": s.life_domain,
                    "score": s.score,
                    "notes": "",
                    "own_share": own,
                    "network_share": network,
                    "professional_share": 100 - own - network if s.score < 4 else 0,
                }
            )
        if outcome != "routed":
            return
        advised = advise(scores, self.rules).overall
        chosen = advised
        if rng.random() < 0.15 and advised != Route.SPECIALIST:
            chosen = max(
                Route,
                key=lambda r: (ROUTE_WEIGHT[r] == ROUTE_WEIGHT[advised] + 1, -ROUTE_WEIGHT[r]),
            )
        self.rows[RouteDecision].append(
            {
                "id": _uuid(rng),
                "household_id": hid,
                "request_id": request_id,
                "life_domain": None,
                "advised_route": advised,
                "chosen_route": chosen,
                "motivation": MOTIVATION if chosen != advised or chosen == Route.SPECIALIST else "",
                "decided_by": "intake",
                "decided_on": held,
                "created_at": household["created_at"],
            }
        )
        if chosen == Route.SPECIALIST and rng.random() < 0.7:
            self._referral(
                hid, request_id, f"Specialistisch team {household['district']}", None, held
            )
        if chosen == Route.SOCIAL_BASE:
            offers = offers_for(
                household["district"], [s.life_domain for s in scores], self.catalogue
            )
            if offers:
                offer = rng.choice(offers)
                self._referral(hid, request_id, offer.organisation, offer.code, held)

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
                "id": _uuid(rng),
                "household_id": hid,
                "request_id": request_id,
                "target": target,
                "offer_code": code,
                "status": status,
                "follow_up_on": follow_up,
                "notes": "",
                "created_by": "intake",
                "created_at": _at(held),
                "updated_at": _at(held),
                "version": 1,
            }
        )

    def write(self, session: Session) -> None:
        for table, rows in self.rows.items():
            if rows:
                session.execute(insert(table), rows)
            rows.clear()
