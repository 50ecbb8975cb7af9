"""What an issued beschikking always prints: its content with every name resolved, built once.

Issuing a decision (services/plans.py) and the demo (triage_app/demo/) both build the stored
content here, so a demo letter is a real letter.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from triage_app.domain.arrangement import kinds, name_of, providers, segments
from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_changes import change_rows
from triage_app.domain.decision_legal import LetterKind, legal_basis, letter_kind, remedies
from triage_app.domain.decision_rules import DecisionFacts, objection_deadline
from triage_app.domain.household import address_line
from triage_app.domain.letters import long_date, money
from triage_app.domain.plan import DELIVERY_LABELS, FREQUENCY_LABELS, UNIT_LABELS, ProvisionData
from triage_app.domain.reference import Reference
from triage_app.domain.values import age_on, format_date


class Address(Protocol):
    """Where the letter goes: a household row, or anything with these attributes."""

    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str
    dossier_number: str


@dataclass(frozen=True)
class CaseFacts:
    """The case a decision rests on: melding, onderzoek, plan goals and the consulent."""

    results: tuple[str, ...] = ()
    melding_date: dt.date | None = None
    assessment_date: dt.date | None = None
    consultant: str = ""
    consultant_phone: str = ""
    consultant_email: str = ""


def case_lines(
    case: CaseFacts,
    facts: DecisionFacts,
    plan_version: int,
    dossier: str,
    profile: Mapping,
    texts: Mapping,
) -> list[str]:
    """What every decision also carries: heading, then result, melding, aanvraag, onderzoek
    with the verslag and plan, contact, cliëntondersteuner, changes and privacy."""
    t = texts["case"]
    lines = [t["heading"]]
    if case.results:
        lines.append(t["result"].format(results=" ".join(case.results)))
    for key, date in (
        ("melding", case.melding_date),
        ("application", facts.application_date),
    ):
        if date:
            lines.append(t[key].format(date=long_date(date)))
    if case.assessment_date:
        lines.append(
            t["research"].format(
                date=long_date(case.assessment_date), plan_version=plan_version, dossier=dossier
            )
        )
    lines.append(
        t["contact"].format(
            name=case.consultant or profile.get("department", ""),
            phone=case.consultant_phone or profile.get("phone", ""),
            email=case.consultant_email or profile.get("email", ""),
        )
    )
    support = profile.get("client_support") or {}
    if support.get("name"):
        lines.append(t["client_support"].format_map(_Keep(support)))
    lines += [t["changes"], t["privacy"].format(website=profile.get("website", ""))]
    return lines


class Size(Protocol):
    """The size class and monthly cost stored with a provision."""

    size_class: str
    monthly_cost: Decimal


def objection_text(profile: Any, send_date: dt.date | None) -> str:
    """Where and how to object; with the last day when the send date is known."""
    address = profile.get("objection_address") or {}
    if not address.get("name"):
        return ""
    when = (
        "binnen 6 weken na de verzenddatum van deze brief"
        if send_date is None
        else f"binnen 6 weken na de verzenddatum, dus uiterlijk "
        f"{format_date(send_date + dt.timedelta(weeks=6))}"
    )
    return (
        f"Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken, {when}. "
        f"Stuur een brief naar {address['name']}, {address.get('street', '')}, "
        f"{address.get('postcode', '')} {address.get('city', '')}, of maak bezwaar via "
        f"{address.get('online', '')}."
    )


def addressed(
    name: str, birth_date: dt.date | None, parents: list[str], on: dt.date, texts: Mapping
) -> dict[str, Any]:
    """Who the letter goes to: the applicant, or for a minor the parents (the adults of the
    household with parental authority), saying for whom the decision is."""
    minor = birth_date is not None and age_on(birth_date, on) < 18
    if not minor or not parents:
        return {"addressee": name, "minor": minor, "for_whom": ""}
    return {
        "addressee": " en ".join(sorted(parents)),
        "minor": True,
        "for_whom": texts["for_whom"].format(name=name, birth_date=long_date(birth_date)),
    }


def contribution_text(facts: DecisionFacts, profile: Mapping, texts: Mapping) -> str:
    """The eigen bijdrage as a rule, never a bare fact: who determines it and the maximum,
    or why none is due (the profile's contribution_rules)."""
    t = texts["contribution"]
    if not any(p.granted for p in facts.provisions):
        return t["refused"]
    rules = profile.get("contribution_rules") or {}
    if facts.minor and "minor" in rules.get("none_for", ()):
        return t["none"]["minor"]
    if facts.contribution is None or facts.decision_date is None:
        return ""
    return t["due"].format(
        collector=rules.get("collector", "Het CAK"),
        amount=money(facts.contribution),
        year=facts.decision_date.year,
    )


def pgb_rules(facts: DecisionFacts, texts: Mapping) -> list[str]:
    """The pgb insert when a personal budget is granted, with why the resident chose it."""
    pgb = [p for p in facts.provisions if p.granted and p.delivery_form == "pgb"]
    if not pgb:
        return []
    t = texts["pgb"]
    why = pgb[0].choice_notes.strip() or t["why_default"]
    return [t["heading"], *(text.format(why=why) for text in t["paragraphs"])]


def wording(which: LetterKind, facts: DecisionFacts, reference: Reference) -> dict[str, str]:
    """The subject, intro, outcome and headings of this kind of letter, filled in."""
    texts = dict(reference.letters["decision_kinds"][str(which)])
    ends = [p.end_date for p in facts.provisions if p.terminate and p.end_date]
    weeks = reference.profile.get("decision_elements", {}).get("ending_notice_weeks", 0)
    values = {
        "application_date": long_date(facts.application_date),
        "end_date": long_date(min(ends)) if ends else "",
        "weeks": weeks,
    }
    if not weeks:
        texts.pop("notice", None)
    return {key: text.format_map(_Keep(values)) for key, text in texts.items()}


class _Keep(dict):
    """Leaves a placeholder that is filled in later (e.g. {until} of a change) as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def decision_content(
    reference: Reference,
    address: Address,
    addressee: str,
    facts: DecisionFacts,
    sizes: Sequence[Size],
    plan_version: int,
    replaces_number: str | None,
    number: str,
    kind: str,
    outcome: str,
    was: ProvisionData | None = None,
    keeps_others: bool = False,
    case: CaseFacts | None = None,
) -> dict:
    """The decision as issued; ``sizes`` holds the stored size of each of ``facts.provisions``.

    The legal basis and the remedies clause are stored as worded at issue, so a reprint
    says exactly what the resident received."""
    table, profile = reference.tariffs, reference.profile
    which = letter_kind(kind, outcome)
    texts = reference.letters["decision_legal"]
    deadline = (
        objection_deadline(facts.send_date, extra_days_off(profile)) if facts.send_date else None
    )
    pgb = any(p.granted and p.delivery_form == "pgb" for p in facts.provisions)
    kind_options, segment_options = kinds(table), segments(table)
    provider_options = providers(table)
    lines = []
    for p, size in zip(facts.provisions, sizes, strict=True):
        lines.append(
            {
                "kind": name_of(kind_options, p.kind),
                "segment": name_of(segment_options, p.segment),
                "size_class": size.size_class,
                "monthly_cost": str(size.monthly_cost),
                "product_category": p.product_category,
                "product_code": p.product_code,
                "extent": (
                    f"{p.volume:g} {UNIT_LABELS[p.unit]} {FREQUENCY_LABELS[p.frequency]}"
                    if p.volume is not None and p.unit and p.frequency
                    else ""
                ),
                "start_date": p.start_date.isoformat() if p.start_date else None,
                "end_date": p.end_date.isoformat() if p.end_date else None,
                "delivery_form": DELIVERY_LABELS[p.delivery_form],
                "provider": name_of(provider_options, p.provider),
                "pgb_amount": str(p.pgb_amount) if p.pgb_amount is not None else None,
                "granted": p.granted,
                "terminate": p.terminate,
                "preferred_provider": p.preferred_provider,
            }
        )
    content = {
        "addressee": addressee,
        "address": address_line(
            address.street, address.house_number, address.house_number_addition
        ),
        "postcode": address.postcode,
        "city": address.city,
        "dossier_number": address.dossier_number,
        "plan_version": plan_version,
        "provisions": lines,
        "replaces": replaces_number,
        "objection": objection_text(profile, facts.send_date),
        "letter_kind": str(which),
        "wording": wording(which, facts, reference),
        "resident_motivation": facts.resident_motivation,
        "legal_basis": legal_basis(which, pgb, profile, texts),
        "remedies": remedies(which, profile, texts, number, deadline),
        "municipality": profile.get("name", ""),
        "provision_codes": [p.kind for p in facts.provisions],
        "contribution_text": contribution_text(facts, profile, reference.letters["decision_extra"]),
        "pgb_rules": pgb_rules(facts, reference.letters["decision_extra"]),
        "for_whom": facts.for_whom,
        "case_lines": case_lines(
            case or CaseFacts(),
            facts,
            plan_version,
            address.dossier_number,
            profile,
            reference.letters["decision_extra"],
        ),
    }
    if was is not None and which == LetterKind.CHANGE:
        content.update(_change(reference, facts, was, replaces_number, keeps_others))
    return content


def _change(
    reference: Reference,
    facts: DecisionFacts,
    was: ProvisionData,
    replaces: str | None,
    keeps_others: bool,
) -> dict:
    """What a wijziging adds: the was → wordt rows, and until when the old decision holds
    when the change starts later (so there is no gap in cover)."""
    now = facts.provisions[0]
    texts = reference.letters["decision_kinds"][LetterKind.CHANGE]
    areas = {a.code: a.name for a in reference.result_areas}
    lines = [texts["others_stay"]] if keeps_others else []
    later = max(filter(None, [was.start_date, facts.decision_date]), default=None)
    if now.start_date and later and now.start_date > later:
        until = long_date(now.start_date - dt.timedelta(days=1))
        lines.insert(0, texts["continues"].format(until=until, number=replaces or ""))
    return {
        "changes": change_rows(was, now, reference.tariffs, areas),
        "change_notes": lines,
    }
