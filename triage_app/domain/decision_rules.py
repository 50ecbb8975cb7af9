"""Rules of a beschikking: its legal terms, its outcome, the personal contribution on a date,
and the checklist of elements it must hold before it may be issued (Wmo 2015, Awb)."""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from triage_app.domain.deadlines import Term, due_date
from triage_app.domain.errors import DomainError
from triage_app.domain.plan import DecisionOutcome, DeliveryForm, ProvisionData

DECISION_TERM = dt.timedelta(weeks=2)  # Wmo 2015 art. 2.3.5: decide within 2 weeks


def decision_due(application_date: dt.date) -> dt.date:
    return application_date + DECISION_TERM


def objection_deadline(send_date: dt.date, extra: Collection[dt.date] = ()) -> dt.date:
    """The last day on which an objection is on time: 6 weeks after the day of sending
    (Awb 6:7, 6:8), moved to the next working day by the Algemene termijnenwet; ``extra``
    holds the profile's extra days off (deadlines.extra_days_off)."""
    return due_date(Term.OBJECTION, send_date, extra)


def objection_on_time(received_on: dt.date, send_date: dt.date, stored_deadline: dt.date) -> bool:
    """Whether an objection came in on time: by the deadline printed in the letter, or by the
    Atw deadline when that is later (letters issued before the Atw rule was applied)."""
    return received_on <= max(stored_deadline, objection_deadline(send_date))


def decision_outcome(provisions: list[ProvisionData]) -> DecisionOutcome:
    granted = [p.granted for p in provisions]
    if granted and all(granted):
        return DecisionOutcome.GRANTED
    if any(granted):
        return DecisionOutcome.PARTLY_GRANTED
    return DecisionOutcome.REFUSED


def personal_contribution(on: dt.date, profile: Mapping) -> Decimal:
    """The abonnementstarief per month for a decision taken ``on``: year-dated settings in
    the profile (``ctx.reference.profile``)."""
    amounts = profile["personal_contribution"]
    amount = amounts.get(str(on.year))
    if amount is None:
        raise DomainError(
            f"De eigen bijdrage (abonnementstarief) voor {on.year} is nog niet ingesteld. "
            "Vraag de beheerder om het bedrag in te vullen."
        )
    return Decimal(str(amount))


@dataclass(frozen=True)
class DecisionFacts:
    """What a decision would hold if it were issued now; input to the checklist."""

    addressee: str
    application_date: dt.date | None
    provisions: list[ProvisionData]
    motivation: str
    lighter_routes: str
    contribution: Decimal | None
    decision_date: dt.date | None
    send_date: dt.date | None
    decider: str | None  # the mandated worker, None if the issuer is not mandated
    objection_address: str
    resident_motivation: str = ""  # what the letter prints as the motivation, to "u"
    minor: bool = False  # under 18 on the decision date: addressed to the parents
    for_whom: str = ""  # "Dit besluit gaat over ..." when the addressee is not the applicant


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def resident_motivation_problems(resident: str, internal: str) -> list[str]:
    """What is wrong with the motivation the letter prints: it must be there, be written to
    the resident ("u"), and not be the casemanager's internal note copied."""
    if len(resident.strip()) < 20:
        return ["motivering voor de bewoner (in de brief, gericht aan 'u')"]
    if _words(resident) == _words(internal):
        return ["een eigen motivering voor de bewoner, niet de interne notitie"]
    if not {"u", "uw"} & set(_words(resident)):
        return ["een motivering die de bewoner aanspreekt met 'u'"]
    return []


# What to do next for each missing element: what is missing and which tab, button or field
# fixes it. The plan window's tabs are Doelen, Maatwerk and Aanvragen; the decision dialog
# holds the two dates.
_ON_APPLICATION = "tabblad Aanvragen, kies de aanvraag en Wijzigen"
_ON_PROVISION = "tabblad Maatwerk, kies de voorziening en Wijzigen"
NEXT_STEPS = {
    "addressee": "Vul de naam van de aanvrager in bij het huishouden; het besluit heeft een "
    "geadresseerde nodig.",
    "application_date": f"Vul de datum van de aanvraag in ({_ON_APPLICATION}).",
    "provision": "Voeg op het tabblad Maatwerk de gevraagde voorziening toe (Toevoegen), "
    "ook als u die afwijst.",
    "motivation": "Schrijf de motivering van het besluit bij Motivering (intern): waarom "
    f"deze ondersteuning nodig is, in minstens 20 tekens ({_ON_APPLICATION}).",
    "lighter_routes": "Schrijf bij Lichtere hulp waarom eigen netwerk, sociale basis, groep of "
    f"digitale hulp niet genoeg is ({_ON_APPLICATION}).",
    "kind": f"Kies de Soort ondersteuning (aard van de voorziening; {_ON_PROVISION}).",
    "extent": f"Vul de Omvang in: hoeveel, de eenheid en hoe vaak ({_ON_PROVISION}).",
    "duration": f"Vul de duur in: Begindatum en Einddatum ({_ON_PROVISION}).",
    "provider": f"Kies de Aanbieder die de zorg in natura levert ({_ON_PROVISION}).",
    "pgb_amount": f"Vul het bedrag van het pgb per maand in ({_ON_PROVISION}).",
    "stop_date": f"Vul de Einddatum in: de datum waarop de ondersteuning stopt ({_ON_PROVISION}).",
    "contribution": "De eigen bijdrage (abonnementstarief) voor het jaar van het besluit is "
    "niet ingesteld: vraag de beheerder dit in te vullen bij Beheer, Instellingen.",
    "objection_address": "Het adres voor bezwaar (bezwaarclausule: waar en hoe bezwaar maken) "
    "ontbreekt: vraag de beheerder dit in te vullen bij Beheer, Instellingen.",
    "decision_date": "Vul de Datum besluit in als dd-mm-jjjj.",
    "send_date": "Vul de Verzenddatum in als dd-mm-jjjj.",
    "send_after_decision": "Kies een Verzenddatum op of na de besluitdatum.",
    "decider": "Bied het plan aan ter besluitvorming (knop Ter besluitvorming…); een "
    "gemandateerde neemt het besluit.",
}


def _resident_motivation_step(problem: str) -> str:
    what = {
        "motivering voor de bewoner (in de brief, gericht aan 'u')": (
            "de motivering voor de bewoner, gericht aan 'u', in minstens 20 tekens"
        ),
    }.get(problem, problem)
    return f"Schrijf bij Motivering in de brief {what} ({_ON_APPLICATION})."


def missing_elements(facts: DecisionFacts, elements: Mapping) -> list[str]:
    """What is still missing, each as a Dutch sentence that says what to do next (which tab,
    button or field fixes it); issuing is blocked while any are.

    ``elements`` is the municipality's choice of optional elements (decision_elements in the
    profile), e.g. whether the extent (omvang) is part of the beschikking.
    """
    missing = []
    if not facts.addressee.strip():
        missing.append(NEXT_STEPS["addressee"])
    if facts.application_date is None:
        missing.append(NEXT_STEPS["application_date"])
    if not facts.provisions:
        missing.append(NEXT_STEPS["provision"])
    if len(facts.motivation.strip()) < 20:
        missing.append(NEXT_STEPS["motivation"])
    missing += [
        _resident_motivation_step(p)
        for p in resident_motivation_problems(facts.resident_motivation, facts.motivation)
    ]
    if len(facts.lighter_routes.strip()) < 20:
        missing.append(NEXT_STEPS["lighter_routes"])
    for p in facts.provisions:
        if not p.granted:
            continue
        if not p.kind:
            missing.append(NEXT_STEPS["kind"])
        if elements.get("extent_in_decision", True) and (
            p.volume is None or p.unit is None or p.frequency is None
        ):
            missing.append(NEXT_STEPS["extent"])
        if p.start_date is None or p.end_date is None:
            missing.append(NEXT_STEPS["duration"])
        if (
            p.delivery_form == DeliveryForm.IN_KIND
            and elements.get("provider_in_decision", True)
            and not p.provider
        ):
            missing.append(NEXT_STEPS["provider"])
        if p.delivery_form == DeliveryForm.PGB and not p.pgb_amount:
            missing.append(NEXT_STEPS["pgb_amount"])
    notice = int(elements.get("ending_notice_weeks", 0))
    for p in facts.provisions:
        if p.terminate and p.end_date is None:
            missing.append(NEXT_STEPS["stop_date"])
        elif p.terminate and facts.send_date and notice:
            if p.end_date < facts.send_date + dt.timedelta(weeks=notice):
                missing.append(
                    f"Kies een einddatum minstens {notice} weken na de verzenddatum "
                    f"(opzegtermijn): schuif de Einddatum op ({_ON_PROVISION}) of kies een "
                    "eerdere Verzenddatum."
                )
    if facts.contribution is None and any(p.granted for p in facts.provisions) and not facts.minor:
        missing.append(NEXT_STEPS["contribution"])
    if not facts.objection_address.strip():
        missing.append(NEXT_STEPS["objection_address"])
    if facts.decision_date is None:
        missing.append(NEXT_STEPS["decision_date"])
    if facts.send_date is None:
        missing.append(NEXT_STEPS["send_date"])
    elif facts.decision_date and facts.send_date < facts.decision_date:
        missing.append(NEXT_STEPS["send_after_decision"])
    if not facts.decider:
        missing.append(NEXT_STEPS["decider"])
    return list(dict.fromkeys(missing))
