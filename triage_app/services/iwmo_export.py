"""Granted provisions for the municipality's back office, in the shape of the national iWmo
toewijzing message (WMO301: client, product category and code, start and end,
volume/unit/frequency, form of delivery), as JSON or CSV. The app sends no messages itself.
Needs the administrator's or decider's role; every export is logged."""

import datetime as dt
import json

from sqlmodel import select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.csv_text import write_dicts
from triage_app.resources import load_json
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.store.plan_tables import Decision, PlanVersion, Provision
from triage_app.store.tables import Household, Person

FIELDS = [
    "toewijzingnummer",
    "bsn",
    "geboortedatum",
    "achternaam",
    "voornaam",
    "postcode",
    "huisnummer",
    "productcategorie",
    "productcode",
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "leveringsvorm",
    "aanbieder",
    "besluit",
    "besluitdatum",
]


def toewijzingen(ctx: ServiceContext, since: dt.date | None = None) -> list[dict]:
    """Granted provisions of issued decisions (decided on or after ``since``)."""
    ctx.require(Role.ADMIN, Role.DECIDER, action="toewijzingen exporteren")
    codes = load_json("iwmo_codes.json")
    query = (
        select(Provision, Decision, Person, Household)
        .join(PlanVersion, PlanVersion.id == Provision.plan_version_id)
        .join(
            Decision,
            (Decision.plan_version_id == PlanVersion.id)
            & (Decision.person_id == Provision.person_id),
        )
        .join(Person, Person.id == Provision.person_id)
        .join(Household, Household.id == Provision.household_id)
        .where(PlanVersion.status == "issued", Provision.granted)
        .order_by(Decision.number, Provision.position)
    )
    if since is not None:
        query = query.where(Decision.decision_date >= since)
    records = []
    with ctx.store.write() as session:
        for p, d, person, household in session.exec(query):
            records.append(
                {
                    "toewijzingnummer": f"{d.number}-{p.position + 1}",
                    "bsn": person.bsn or "",
                    "geboortedatum": person.birth_date.isoformat(),
                    "achternaam": " ".join(filter(None, [person.prefix, person.last_name])),
                    "voornaam": person.first_name,
                    "postcode": household.postcode.replace(" ", ""),
                    "huisnummer": f"{household.house_number}{household.house_number_addition}",
                    "productcategorie": p.product_category,
                    "productcode": p.product_code or "",
                    "ingangsdatum": p.start_date.isoformat() if p.start_date else "",
                    "einddatum": p.end_date.isoformat() if p.end_date else "",
                    "volume": p.volume if p.volume is not None else "",
                    "eenheid": codes["unit"].get(p.unit or "", ""),
                    "frequentie": codes["frequency"].get(p.frequency or "", ""),
                    "leveringsvorm": codes["delivery_form"].get(p.delivery_form, ""),
                    "aanbieder": p.provider or "",
                    "besluit": d.number,
                    "besluitdatum": d.decision_date.isoformat(),
                }
            )
        audit.record(
            session,
            ctx,
            AuditAction.EXPORTED,
            object_type="iwmo",
            records=len(records),
            since=since.isoformat() if since else None,
        )
    return records


def as_json(records: list[dict]) -> str:
    return json.dumps(
        {"bericht": "WMO301-toewijzingen", "toewijzingen": records},
        ensure_ascii=False,
        indent=1,
        default=str,
    )


def as_csv(records: list[dict]) -> str:
    """Semicolon CSV; a cell a spreadsheet would run as a formula is neutralised."""
    return write_dicts(records, FIELDS)
