"""What an issued beschikking always prints: its content with every name resolved, built once.

Issuing a decision (services/plans.py) and the demo (triage_app/demo/) both build the stored
content here, so a demo letter is a real letter.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from triage_app.domain.arrangement import kinds, name_of, providers, segments
from triage_app.domain.deadlines import extra_days_off
from triage_app.domain.decision_legal import legal_basis, letter_kind, remedies
from triage_app.domain.decision_rules import DecisionFacts, objection_deadline
from triage_app.domain.household import address_line
from triage_app.domain.plan import DELIVERY_LABELS, FREQUENCY_LABELS, UNIT_LABELS
from triage_app.domain.reference import Reference
from triage_app.domain.values import format_date


class Address(Protocol):
    """Where the letter goes: a household row, or anything with these attributes."""

    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str
    dossier_number: str


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
    return {
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
        "legal_basis": legal_basis(which, pgb, profile, texts),
        "remedies": remedies(which, profile, texts, number, deadline),
        "municipality": profile.get("name", ""),
    }
