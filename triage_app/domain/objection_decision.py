"""The beslissing op bezwaar: what its letter says, built once when it is issued.

It names the objection and the day it came in, the decision objected to, the advice of the
bezwaarcommissie if there was one, the outcome (gegrond, deels gegrond, ongegrond,
niet-ontvankelijk), the motivation written to the resident, its legal basis, and that the
next remedy is beroep at the court within 6 weeks (domain/decision_legal.py).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_legal import LetterKind, legal_basis, remedies
from triage_app.domain.decision_rules import objection_deadline, resident_motivation_problems
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.letters import long_date
from triage_app.domain.plan import ObjectionOutcome
from triage_app.domain.reference import Reference

DECIDABLE = (
    ObjectionOutcome.UPHELD,
    ObjectionOutcome.PARTLY_UPHELD,
    ObjectionOutcome.DISMISSED,
    ObjectionOutcome.INADMISSIBLE,
)


@dataclass(frozen=True)
class ObjectionRuling:
    """What the decider fills in to decide on an objection."""

    outcome: ObjectionOutcome
    decision_date: dt.date
    send_date: dt.date
    motivation: str  # written to the resident ("u")
    advice: str = ""  # the bezwaarcommissie's advice, when asked

    def validate(self, received_on: dt.date) -> "ObjectionRuling":
        errors = {}
        if self.outcome not in DECIDABLE:
            errors["outcome"] = "Kies gegrond, deels gegrond, ongegrond of niet-ontvankelijk."
        if self.decision_date < received_on:
            errors["decision_date"] = "De beslisdatum ligt voor de ontvangst van het bezwaar."
        if self.send_date < self.decision_date:
            errors["send_date"] = "De verzenddatum ligt voor de beslisdatum."
        problems = resident_motivation_problems(self.motivation, "")
        if problems:
            errors["motivation"] = f"Er ontbreekt: {problems[0]}."
        if errors:
            raise ValidationFailed(errors)
        return self


def ruling_content(
    reference: Reference,
    objected: Mapping,
    objected_number: str,
    objected_date: dt.date,
    received_on: dt.date,
    ruling: ObjectionRuling,
    number: str,
) -> dict:
    """The stored content of the beslissing op bezwaar; ``objected`` is the content of the
    decision objected to (addressee and address are taken over)."""
    if ruling.outcome not in DECIDABLE:
        raise InvalidValue("Deze uitkomst heeft geen beslissing op bezwaar.", field="outcome")
    profile = reference.profile
    texts = reference.letters["decision_kinds"][LetterKind.ON_OBJECTION]
    values = {
        "received_on": long_date(received_on),
        "objected": objected_number,
        "objected_date": long_date(objected_date),
        "advice": ruling.advice.strip(),
    }
    deadline = objection_deadline(ruling.send_date, extra_days_off(profile))
    wording = {
        key: texts[key].format(**values)
        for key in ("title", "subject", "intro", "why_heading", "objection_heading")
    }
    wording["outcome"] = texts[str(ruling.outcome)].format(**values)
    advice = texts["advice" if ruling.advice.strip() else "no_advice"].format(**values)
    return {
        **{key: objected.get(key, "") for key in ("addressee", "address", "postcode", "city")},
        "dossier_number": objected.get("dossier_number", ""),
        "plan_version": objected.get("plan_version"),
        "provisions": [],
        "replaces": None,
        "objection": "",
        "municipality": profile.get("name", ""),
        "letter_kind": str(LetterKind.ON_OBJECTION),
        "wording": wording,
        "resident_motivation": ruling.motivation.strip(),
        "advice": advice,
        "legal_basis": legal_basis(
            LetterKind.ON_OBJECTION, False, profile, reference.letters["decision_legal"]
        ),
        "remedies": remedies(
            LetterKind.ON_OBJECTION, profile, reference.letters["decision_legal"], number, deadline
        ),
        "on_objection": {
            "received_on": received_on.isoformat(),
            "decision": objected_number,
            "advice": ruling.advice.strip(),
        },
    }
