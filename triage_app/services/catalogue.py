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
from triage_app.domain.errors import InvalidValue
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


def check_offer(offer: dict, ref: Reference) -> dict:
    """A clean offer, or InvalidValue saying what is wrong (in Dutch)."""
    known_domains = {d.code for d in ref.life_domains}
    known_wijken = {d.name for d in ref.districts}
    code, organisation = (
        str(offer.get("code", "")).strip(),
        str(offer.get("organisation", "")).strip(),
    )
    if not code or not organisation or not str(offer.get("activity", "")).strip():
        raise InvalidValue("code, organisatie en activiteit zijn verplicht")
    domains = [d.strip() for d in offer.get("domains", []) if d.strip()]
    wrong = [d for d in domains if d not in known_domains]
    if not domains or wrong:
        raise InvalidValue(f"onbekend leefgebied: {', '.join(wrong) or '(geen)'}")
    wijken = [w.strip() for w in offer.get("wijken", []) if w.strip()]
    unknown = [w for w in wijken if w not in known_wijken]
    if unknown:
        raise InvalidValue(f"onbekende wijk: {', '.join(unknown)}")
    texts = {
        "code": code,
        "organisation": organisation,
        "activity": str(offer["activity"]).strip(),
        "target_group": str(offer.get("target_group", "")).strip(),
        "contact": str(offer.get("contact", "")).strip(),
    }
    for name, value in texts.items():
        check_text(value, SHORT_TEXT if name == "code" else 2000, name)
        # A spreadsheet formula (=HYPERLINK(...), =cmd|...) is kept as plain text only.
        texts[name] = str(neutralise(value))
    return {
        **texts,
        "domains": domains,
        "wijken": wijken,
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
    """Import offers (semicolon CSV with a header: code;organisation;activity;domains;
    target_group;contact;wijken;active — lists separated by '|'). Good rows are added or
    replace the offer with the same code; bad rows are reported and left out. The file's
    bytes may be UTF-8 (with or without BOM), UTF-16 or Windows-1252."""
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
    good, rejected = [], []
    for line, row in enumerate(reader, start=2):
        try:
            good.append(
                check_offer(
                    {
                        **row,
                        "domains": (row.get("domains") or "").split("|"),
                        "wijken": (row.get("wijken") or "").split("|"),
                        "active": (row.get("active") or "ja").strip().lower()
                        not in ("nee", "no", "0", "false"),
                    },
                    ctx.reference,
                )
            )
        except InvalidValue as exc:
            rejected.append((line, exc.message))
    with ctx.store.write() as session:
        existing = {o["code"]: o for o in _current(session)}
        updated = sum(1 for o in good if o["code"] in existing)
        existing.update({o["code"]: o for o in good})
        _store(
            session,
            ctx,
            list(existing.values()),
            f"import: {len(good)} goed, {len(rejected)} afgekeurd",
        )
        fresh = reference.load(session)
    ctx.reference = fresh  # only once the change is stored
    return ImportReport(len(good) - updated, updated, rejected)
