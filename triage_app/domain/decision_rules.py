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


def missing_elements(facts: DecisionFacts, elements: Mapping) -> list[str]:
    """The legal elements still missing (Dutch labels); issuing is blocked while any are.

    ``elements`` is the municipality's choice of optional elements (decision_elements in the
    profile), e.g. whether the extent (omvang) is part of the beschikking.
    """
    missing = []
    if not facts.addressee.strip():
        missing.append("aan wie het besluit is gericht")
    if facts.application_date is None:
        missing.append("datum van de aanvraag")
    if not facts.provisions:
        missing.append("de gevraagde voorziening")
    if len(facts.motivation.strip()) < 20:
        missing.append("motivering van het besluit")
    missing += resident_motivation_problems(facts.resident_motivation, facts.motivation)
    if len(facts.lighter_routes.strip()) < 20:
        missing.append(
            "waarom lichtere hulp (eigen netwerk, sociale basis, groep, digitaal) niet genoeg is"
        )
    for p in facts.provisions:
        if not p.granted:
            continue
        if not p.kind:
            missing.append("aard van de voorziening")
        if elements.get("extent_in_decision", True) and (
            p.volume is None or p.unit is None or p.frequency is None
        ):
            missing.append("omvang (hoeveel, eenheid en hoe vaak)")
        if p.start_date is None or p.end_date is None:
            missing.append("duur (begin- en einddatum)")
        if (
            p.delivery_form == DeliveryForm.IN_KIND
            and elements.get("provider_in_decision", True)
            and not p.provider
        ):
            missing.append("de aanbieder")
        if p.delivery_form == DeliveryForm.PGB and not p.pgb_amount:
            missing.append("het bedrag van het pgb")
    notice = int(elements.get("ending_notice_weeks", 0))
    for p in facts.provisions:
        if p.terminate and p.end_date is None:
            missing.append("de datum waarop de ondersteuning stopt")
        elif p.terminate and facts.send_date and notice:
            if p.end_date < facts.send_date + dt.timedelta(weeks=notice):
                missing.append(
                    f"een einddatum minstens {notice} weken na de verzenddatum (opzegtermijn)"
                )
    if facts.contribution is None and any(p.granted for p in facts.provisions) and not facts.minor:
        missing.append("eigen bijdrage (abonnementstarief)")
    if not facts.objection_address.strip():
        missing.append("bezwaarclausule (waar en hoe bezwaar maken)")
    if facts.decision_date is None:
        missing.append("datum van het besluit")
    if facts.send_date is None:
        missing.append("verzenddatum")
    elif facts.decision_date and facts.send_date < facts.decision_date:
        missing.append("een verzenddatum op of na de besluitdatum")
    if not facts.decider:
        missing.append("gemandateerde die besluit")
    return list(dict.fromkeys(missing))
