"""Demo acute meldingen: a few households have a melding of the last days that cannot wait
(ticked Spoed, a life domain scored 1, or an acute word in the notes), still open, so the work
queue starts with acute work. The first household of a run that has no open melding always
gets one; after that about one in forty. Acute meldingen that were already handled come from
the intake part (its Spoed ticks and scores of 1).
"""

import datetime as dt
import random

from triage_app.demo.intake import request_row
from triage_app.demo.rows import Part, at, new_id
from triage_app.domain.intake import AssessmentInput, Channel, RequestInput, Score, Source
from triage_app.domain.reference import Reference
from triage_app.store.intake_tables import Assessment, AssessmentScore, Request

# (question, ticked Spoed, the domain scored 1 or None, its notes)
ACUTE = [
    (
        "De verhuurder heeft een ontruimingsvonnis; over twee weken staan we op straat.",
        True,
        "housing",
        "Dreigende ontruiming: de huur is vier maanden niet betaald.",
    ),
    ("Mijn vader is verward en eet al dagen niet.", True, None, ""),
    (
        "Er is thuis steeds ruzie en ik voel me niet veilig.",
        False,
        "domestic_relations",
        "Onveilige thuissituatie; huiselijk geweld genoemd.",
    ),
    (
        "Het energiebedrijf sluit volgende week gas en licht af.",
        False,
        "finances",
        "Afsluiting aangekondigd; geen geld voor de achterstand.",
    ),
]


class AcuteDemo(Part):
    tables = (Request, Assessment, AssessmentScore)

    intake_rows: list[dict] | None = None  # the intake part's meldingen of this chunk
    made = 0

    def __init__(self, rng: random.Random, today: dt.date, reference: Reference) -> None:
        # A stream of its own: a later run's part seeded seed + i must not repeat its ids.
        super().__init__(random.Random(f"acute-{rng.getrandbits(64)}"), today, reference)

    def household(self, household: dict, members: list[dict]) -> None:
        rng = self.rng
        roll = rng.random()
        if (self.made and roll >= 0.025) or self._has_open_melding(household["id"]):
            return
        self.made += 1
        question, urgent, domain, notes = rng.choice(ACUTE)
        created = household["created_at"].date()
        day = max(created, self.today - dt.timedelta(days=rng.randint(0, 3)))
        person = members[0]
        melding = RequestInput(
            received_on=day,
            source=Source.RESIDENT,
            channel=rng.choice([Channel.PHONE, Channel.DESK]),
            question=question,
            urgent=urgent,
            asked_by=person["id"],
            consent="Delen met de huisarts",
            told_client_support=True,
            told_personal_plan=True,
        ).validate(self.today)
        request_id = new_id(rng)
        self.rows[Request].append(request_row(request_id, household["id"], melding, "open", day))
        if domain is not None:
            self._assessment(household["id"], request_id, person["id"], day, domain, notes)

    def _has_open_melding(self, household_id) -> bool:  # type: ignore[no-untyped-def]
        """Whether the intake part just gave this household an open melding (its rows for
        the household are the last ones it added)."""
        for row in reversed(self.intake_rows or []):
            if row["household_id"] != household_id:
                return False
            if row["outcome"] == "open":
                return True
        return False

    def _assessment(self, hid, request_id, person_id, day, domain, notes) -> None:  # type: ignore[no-untyped-def]
        typed = AssessmentInput(
            person_id=person_id, scores=[Score(domain, 1, notes, 10, 0, 90)]
        ).validate(False)
        assessment_id = new_id(self.rng)
        self.rows[Assessment].append(
            {
                "id": assessment_id,
                "household_id": hid,
                "request_id": request_id,
                "person_id": typed.person_id,
                "held_on": day,
                "status": "draft",
                "scope": domain,
                "created_by": "intake",
                "created_at": at(day, 11),
                "updated_at": at(day, 11),
                "version": 1,
            }
        )
        for s in typed.scores:
            self.rows[AssessmentScore].append(
                {
                    "id": new_id(self.rng),
                    "assessment_id": assessment_id,
                    "household_id": hid,
                    "life_domain": s.life_domain,
                    "score": s.score,
                    "notes": s.notes,
                    "own_share": s.own_share,
                    "network_share": s.network_share,
                    "professional_share": s.professional_share,
                }
            )
