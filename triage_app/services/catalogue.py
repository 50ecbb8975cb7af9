"""The social-base catalogue: offers per wijk, edited by the team lead or imported from CSV,
kept in the store (falling back to the demo catalogue in resources/). The advice uses it as
``ctx.reference.catalogue``; a change gives the worker's context a new Reference."""

import csv
import io
from dataclasses import dataclass

from sqlmodel import Session

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import SHORT_TEXT, check_text
from triage_app.domain.csv_text import decode, neutralise
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.offers import check_target
from triage_app.domain.reference import Reference, thaw
from triage_app.services import audit, reference
from triage_app.services.context import ServiceContext
from triage_app.store.tables import Setting, utcnow

KEY = reference.CATALOGUE
CSV_FIELDS = [
    "code",
    "organisation",
    "activity",
    "domains",
    "target_group",
    "contact",
    "wijken",
    "active",
    "for_whom",
    "age_from",
    "age_to",
    "score_from",
    "score_to",
]


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    rejected: list[tuple[int, str]]  # (line number, Dutch reason)


def _current(session: Session) -> list[dict]:
    return list(reference.stored_catalogue(session)["offers"])


def offers(ctx: ServiceContext) -> list[dict]:
    ctx.require(*tuple(Role), action="de sociale kaart bekijken")
    with ctx.store.read() as session:
        return thaw(reference.refresh(ctx, session).catalogue)["offers"]


TEXT_LABELS = {
    "code": "De code",
    "organisation": "De organisatie",
    "activity": "De activiteit",
    "target_group": "De doelgroep",
    "contact": "Het contact",
}
REQUIRED = {
    "code": "Vul een code in.",
    "organisation": "Vul de organisatie in.",
    "activity": "Vul de activiteit in.",
}


def _items(value: object) -> list[str]:
    """A list of codes or names, typed as a list or as text separated by '|' or ','."""
    if isinstance(value, str):
        value = value.replace("|", ",").split(",")
    return [str(v).strip() for v in (value or []) if str(v).strip()]  # type: ignore[attr-defined]


def check_offer(offer: dict, ref: Reference) -> dict:
    """A clean offer, or ValidationFailed with a Dutch message per wrong field (the keys are
    the offer's own: code, organisation, domains, age_to, for_whom, score_to, ...). Life
    domains may be given by code or by their Dutch name."""
    errors: dict[str, str] = {}
    by_name = {d.name.lower(): d.code for d in ref.life_domains}
    known_domains = {d.code for d in ref.life_domains}
    known_wijken = {d.name.lower(): d.name for d in ref.districts}
    texts = {key: str(offer.get(key) or "").strip() for key in TEXT_LABELS}
    for key, value in texts.items():
        if key in REQUIRED and not value:
            errors[key] = REQUIRED[key]
            continue
        try:
            check_text(value, SHORT_TEXT if key == "code" else 2000, TEXT_LABELS[key])
        except InvalidValue as exc:
            errors[key] = exc.message
        # A spreadsheet formula (=HYPERLINK(...), =cmd|...) is kept as plain text only.
        texts[key] = str(neutralise(value))
    domains = [
        d if d in known_domains else by_name.get(d.lower(), d) for d in _items(offer.get("domains"))
    ]
    wrong = [d for d in domains if d not in known_domains]
    if wrong:
        errors["domains"] = f"Onbekend leefgebied: {', '.join(wrong)}."
    elif not domains:
        errors["domains"] = "Noem minstens één leefgebied."
    wijken = [known_wijken.get(w.lower(), w) for w in _items(offer.get("wijken"))]
    unknown = [w for w in wijken if w not in known_wijken.values()]
    if unknown:
        errors["wijken"] = f"Onbekende wijk: {', '.join(unknown)}."
    target, target_errors = check_target(offer)
    errors.update(target_errors)
    if errors:
        raise ValidationFailed(errors)
    return {
        **texts,
        "domains": list(dict.fromkeys(domains)),
        "wijken": list(dict.fromkeys(wijken)),
        **target,
        "active": bool(offer.get("active", True)),
    }


def _store(session: Session, ctx: ServiceContext, offers_: list[dict], change: str) -> None:
    row = session.get(Setting, KEY, with_for_update=True) or Setting(
        key=KEY, value={}, updated_by=ctx.actor.username
    )
    row.value = {"offers": offers_}
    row.updated_by, row.updated_at, row.version = ctx.actor.username, utcnow(), row.version + 1
    session.add(row)
    audit.record(session, ctx, AuditAction.CHANGED, object_type="catalogue", change=change)
    session.flush()


def save_offer(ctx: ServiceContext, offer: dict) -> dict:
    """Add an offer or change the one with the same code."""
    ctx.require(Role.ADMIN, action="de sociale kaart wijzigen")
    clean = check_offer(offer, ctx.reference)
    with ctx.store.write() as session:
        existing = [o for o in _current(session) if o["code"] != clean["code"]]
        _store(session, ctx, [*existing, clean], f"aanbod {clean['code']}")
        fresh = reference.load(session)
    ctx.reference = fresh  # only once the change is stored
    return clean


def import_csv(ctx: ServiceContext, text: str | bytes) -> ImportReport:
    """Import offers from a semicolon CSV with a header: code;organisation;activity;domains;
    target_group;contact;wijken;active;for_whom;age_from;age_to;score_from;score_to (lists
    separated by '|'; for_whom is bewoner/resident, mantelzorger or huishouden/household;
    empty ages mean no limit, an empty score range is 1-5). The file's bytes may be UTF-8
    (with or without BOM), UTF-16 or Windows-1252.

    All or nothing (decided for issue #14): every row is checked first; when any row is
    wrong, nothing is imported and the report lists every wrong row with its line number and
    a Dutch reason, so the team lead fixes the file and imports it again. A file without
    wrong rows is stored in one transaction: new codes are added, known codes replaced."""
    ctx.require(Role.ADMIN, action="de sociale kaart importeren")
    if isinstance(text, bytes):
        text = decode(text)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    missing = [
        f
        for f in ("code", "organisation", "activity", "domains")
        if f not in (reader.fieldnames or [])
    ]
    if missing:
        raise InvalidValue("De kopregel mist: " + ", ".join(missing), field="file")
    good: list[dict] = []
    rejected: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        try:
            clean = check_offer(
                {
                    **row,
                    "domains": (row.get("domains") or "").split("|"),
                    "wijken": (row.get("wijken") or "").split("|"),
                    "active": (row.get("active") or "ja").strip().lower()
                    not in ("nee", "no", "0", "false"),
                },
                ctx.reference,
            )
        except ValidationFailed as exc:
            rejected.append((line, " ".join(exc.errors.values())))
            continue
        if clean["code"] in seen:
            rejected.append(
                (line, f"De code {clean['code']} staat al op regel {seen[clean['code']]}.")
            )
            continue
        seen[clean["code"]] = line
        good.append(clean)
    if rejected:
        return ImportReport(0, 0, rejected)  # nothing half-imported
    with ctx.store.write() as session:
        existing = {o["code"]: o for o in _current(session)}
        updated = sum(1 for o in good if o["code"] in existing)
        existing.update({o["code"]: o for o in good})
        _store(session, ctx, list(existing.values()), f"import: {len(good)} aanbod")
        fresh = reference.load(session)
    ctx.reference = fresh  # only once the change is stored
    return ImportReport(len(good) - updated, updated, rejected)
