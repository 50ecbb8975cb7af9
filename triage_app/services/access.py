"""Right of access (inzageverzoek, AVG art. 15): everything stored about a person, as JSON for
completeness and as a PDF in plain Dutch, including who looked at or changed the dossier.

Only what concerns this person is included, table by table (``SCOPE``): rows that name them
(their decisions, applications, arrangements, conversations and the scores and notes in them),
and household facts that concern every member (address, the household's plan and goals, the
melding and route decisions for the whole household). Another member's rows, notes, scores and
unsaved drafts are never included. A table that refers to a household or a person but is not in
``SCOPE`` is left out (tests/integration/test_access_export.py fails until it is placed), so a
new table can never leak a housemate's data. Allowed for a casemanager or an administrator;
every export is logged.
"""

import datetime as dt
import decimal
import json
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import select

from triage_app.documents import glossary
from triage_app.domain.accounts import ROLE_LABELS, Role
from triage_app.domain.arrangement import kinds, providers, segments
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import NotFound
from triage_app.domain.household import full_name
from triage_app.domain.letters import long_date, money
from triage_app.domain.representative import representative_from
from triage_app.services import audit
from triage_app.services.context import ServiceContext
from triage_app.store.schema import metadata
from triage_app.store.tables import AuditLog, Household, Person, Worker

CODE = re.compile(r"[a-z][a-z0-9_]*|[A-Z]\d{2,4}")  # a stored code, such as "in_kind" or "P099"
SKIPPED = {
    "id",
    "household_id",
    "person_id",
    "plan_id",
    "plan_version_id",
    "version",
    "position",
    "replaces_version_id",
    "replaces_decision_id",
    "new_decision_id",
    "decision_id",
    "content",
    "payload",
    "dossier_seq",
}
ACTION_WORDS = {
    "searched": "gezocht",
    "viewed": "bekeken",
    "created": "aangemaakt",
    "changed": "gewijzigd",
    "issued": "een besluit genomen",
    "printed": "afgedrukt",
    "exported": "geëxporteerd",
    "bsn_shown": "uw BSN bekeken",
    "destroyed": "vernietigd",
}


# How the rows of each table are chosen for one person:
#   "person": the row's person_id is theirs;
#   "person_or_all": theirs, or the household's as a whole (person_id empty);
#   "household": a household fact that concerns every member;
#   ("via", column, table): the row belongs to a row of ``table`` chosen for them;
#   ("via_or_none", column, table): the same, or ``column`` is empty (about the whole household);
#   None: never included (unsaved drafts, sync bookkeeping, the destruction permit).
SCOPE: dict[str, object] = {
    "request": "person_or_all",
    "assessment": "person",
    "assessment_score": ("via", "assessment_id", "assessment"),
    "route_decision": "person_or_all",
    "referral": ("via", "request_id", "request"),
    "plan": "household",
    "plan_version": "household",
    "goal": "household",
    "provision": "person",
    "application": "person",
    "decision": "person",
    "objection": ("via", "decision_id", "decision"),
    "evaluation": ("via_or_none", "assessment_id", "assessment"),
    "plan_handover": "household",
    "dossier_closure": "household",
    "form_draft": None,
    "sync_base": None,
    "sync_conflict": None,
    "sync_mark": None,
    "dossier_change": None,
    "destruction_permit": None,
}


def _rows_for(session, table, rule, household_id, person_id, chosen):  # type: ignore[no-untyped-def]
    """The rows of ``table`` that concern the person, by ``rule`` (see ``SCOPE``)."""
    query = sa_select(table)
    if "household_id" in table.c:
        query = query.where(table.c.household_id == household_id)
    if rule == "person":
        query = query.where(table.c.person_id == person_id)
    elif rule == "person_or_all":
        query = query.where((table.c.person_id == person_id) | table.c.person_id.is_(None))
    elif isinstance(rule, tuple):
        kind, column, parent = rule
        ids = [row["id"] for row in chosen.get(parent, [])]
        condition = table.c[column].in_(ids)
        if kind == "via_or_none":
            condition = condition | table.c[column].is_(None)
        query = query.where(condition)
    elif rule != "household":
        return []
    return [dict(row._mapping) for row in session.execute(query)]


def _about_someone_else(entry: AuditLog, person_id: uuid.UUID) -> bool:
    """An audit row about another member (their BSN shown, their record changed)."""
    return entry.object_type == "person" and entry.object_id not in (None, str(person_id))


@dataclass(frozen=True)
class AccessExport:
    person_name: str
    json: str
    sections: list[tuple[str, list[str]]]  # readable: (title, lines)
    access: list[str]  # "Op 12 november 2026 om 10:42 heeft … uw dossier bekeken."


def _plain(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def _readable(value, names: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """A stored value in plain Dutch: dates written out, codes in words (``names`` holds the
    reference's codes: life domains, result areas, providers)."""
    if isinstance(value, dt.datetime):
        return f"{long_date(value.date())} {value.astimezone():%H:%M}"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, decimal.Decimal):
        return money(value)
    if isinstance(value, dict):
        return ", ".join(f"{_readable(k, names)}: {_readable(v, names)}" for k, v in value.items())
    if isinstance(value, str) and CODE.fullmatch(value):
        return names.get(value) or glossary.value(value)
    return str(value)


def _line(row: dict, names: dict[str, str]) -> str:
    shown = []
    for key, value in row.items():
        label = glossary.field(key)
        if key in SKIPPED or label is None or value in (None, "", {}):
            continue
        if key == "score" and isinstance(value, int):
            shown.append(f"{label}: {glossary.level(value)}")
        else:
            shown.append(f"{label}: {_readable(value, names)}")
    return "; ".join(shown)


def export_person(ctx: ServiceContext, person_id: uuid.UUID) -> AccessExport:
    ctx.require(Role.CASEMANAGER, Role.ADMIN, action="een inzageverzoek uitvoeren")
    with ctx.store.write() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound("Deze bewoner bestaat niet (meer).")
        household = session.get(Household, person.household_id)
        members = session.exec(select(Person).where(Person.household_id == household.id)).all()
        chosen: dict[str, list[dict]] = {}
        for table in metadata.sorted_tables:  # parents before children, as "via" needs
            rule = SCOPE.get(table.name)
            if rule is None or table.name in ("household", "person", "audit_log"):
                continue
            chosen[table.name] = _rows_for(session, table, rule, household.id, person.id, chosen)
        records = {name: rows for name, rows in chosen.items() if rows}
        workers = {w.username: w for w in session.exec(select(Worker))}
        log = session.exec(
            select(AuditLog)
            .where(AuditLog.household_id == str(household.id))
            .order_by(AuditLog.seq)
        ).all()
        log = [entry for entry in log if not _about_someone_else(entry, person.id)]
        audit.record(
            session,
            ctx,
            AuditAction.EXPORTED,
            household_id=household.id,
            object_type="person",
            object_id=person.id,
            what="inzageverzoek",
        )
    own = {k: _plain(v) for k, v in person.model_dump().items()}
    data = {
        "made_on": ctx.today().isoformat(),
        "person": own,
        "household": {k: _plain(v) for k, v in household.model_dump().items()},
        "other_members": [
            full_name(m.first_name, m.prefix, m.last_name) for m in members if m.id != person.id
        ],
        "records": {
            name: [{k: _plain(v) for k, v in row.items()} for row in rows]
            for name, rows in records.items()
        },
        "access_log": [
            {"at": e.at, "worker": e.actor, "action": e.action, "on_behalf_of": e.on_behalf_of}
            for e in log
        ],
    }
    return AccessExport(
        person_name=full_name(person.first_name, person.prefix, person.last_name),
        json=json.dumps(data, ensure_ascii=False, indent=1, default=str),
        sections=_sections(person, household, members, records, _names(ctx)),
        access=[_access_line(entry, workers) for entry in log],
    )


def _sections(person, household, members, records, names) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    own = [
        f"Naam: {full_name(person.first_name, person.prefix, person.last_name)}",
        f"Geboortedatum: {long_date(person.birth_date)}",
        f"BSN: {person.bsn or 'niet vastgelegd'}",
        f"Telefoon: {person.phone or '-'}",
        f"E-mail: {person.email or '-'}",
        f"Mantelzorger: {'ja' if person.is_carer else 'nee'}",
    ]
    representative = representative_from(person.representative_values())
    if representative is not None:
        own.append(
            f"Vertegenwoordiger: {representative.label} {representative.called}, "
            f"{representative.street}, {representative.postcode} {representative.city}"
        )
    home = [
        f"Dossiernummer: {household.dossier_number}",
        f"Adres: {household.street} {household.house_number}{household.house_number_addition}"
        f", {household.postcode} {household.city}",
        f"Wijk: {household.district}",
        "Andere bewoners: "
        + (
            ", ".join(
                full_name(m.first_name, m.prefix, m.last_name) for m in members if m.id != person.id
            )
            or "geen"
        ),
    ]
    sections = [("Uw gegevens", own), ("Uw huishouden", home)]
    for name, rows in records.items():
        sections.append((glossary.table(name), [_line(row, names) for row in rows]))
    return sections


def _names(ctx: ServiceContext) -> dict[str, str]:
    reference = ctx.reference
    names = glossary.life_domains(reference.life_domain_names())
    names |= {area.code: area.name for area in reference.result_areas}
    for options in (kinds, segments, providers):
        names |= {option.code: option.name for option in options(reference.tariffs)}
    return names


def _access_line(entry: AuditLog, workers: dict) -> str:  # type: ignore[no-untyped-def]
    at = dt.datetime.fromisoformat(entry.at).astimezone()
    worker = workers.get(entry.actor)
    who = entry.actor
    if worker is not None:
        roles = ", ".join(ROLE_LABELS[Role(r)].lower() for r in worker.roles.split(",") if r)
        who = f"{worker.display_name} ({roles})"
    what = ACTION_WORDS.get(entry.action, entry.action)
    return f"Op {long_date(at.date())} om {at:%H:%M} heeft {who} uw dossier {what}."


def access_files(
    ctx: ServiceContext, person_id: uuid.UUID, large_print: bool | None = None
) -> tuple[str, bytes]:
    """The JSON text and the PDF of a request for access (large print as the resident
    prefers, unless chosen)."""
    from triage_app.documents.access_report import render_access_report
    from triage_app.services.printing import prefers_large_print

    export = export_person(ctx, person_id)
    if large_print is None:
        large_print = prefers_large_print(ctx, person_id=person_id)
    pdf = render_access_report(
        export.person_name,
        long_date(ctx.today()),
        export.sections,
        export.access,
        ctx.reference.profile,
        large_print,
    )
    return export.json, pdf
