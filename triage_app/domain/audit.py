"""What the audit log records (NEN 7513 practice) and how its hash chain is computed."""

import enum
import hashlib
import json
from dataclasses import dataclass


class AuditAction(enum.StrEnum):
    SEARCHED = "searched"
    VIEWED = "viewed"
    CREATED = "created"
    CHANGED = "changed"
    ISSUED = "issued"
    PRINTED = "printed"
    EXPORTED = "exported"
    DESTROYED = "destroyed"
    BSN_SHOWN = "bsn_shown"
    LOGGED_IN = "logged_in"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    ACCOUNT_CHANGED = "account_changed"
    RESTORED = "restored"


ACTION_LABELS = {
    AuditAction.SEARCHED: "gezocht",
    AuditAction.VIEWED: "bekeken",
    AuditAction.CREATED: "aangemaakt",
    AuditAction.CHANGED: "gewijzigd",
    AuditAction.ISSUED: "vastgesteld",
    AuditAction.PRINTED: "afgedrukt",
    AuditAction.EXPORTED: "geëxporteerd",
    AuditAction.DESTROYED: "vernietigd",
    AuditAction.BSN_SHOWN: "BSN getoond",
    AuditAction.LOGGED_IN: "ingelogd",
    AuditAction.LOGIN_FAILED: "inloggen mislukt",
    AuditAction.LOCKED_OUT: "account geblokkeerd",
    AuditAction.ACCOUNT_CHANGED: "account gewijzigd",
    AuditAction.RESTORED: "back-up teruggezet",
}

OBJECT_TYPE_LABELS = {
    "assessment": "gesprek",
    "audit_log": "auditlog",
    "backup": "back-up",
    "catalogue": "productcatalogus",
    "checkout": "uitchecken",
    "decision": "beschikking",
    "dossier": "dossier",
    "evaluation": "evaluatie",
    "figures": "cijfers",
    "household": "huishouden",
    "intake_timeline": "tijdlijn toegang",
    "iwmo": "iWmo-bericht",
    "objection": "bezwaar",
    "person": "bewoner",
    "plan": "plan",
    "plan_version": "versie van het plan",
    "referral": "verwijzing",
    "request": "aanvraag",
    "route_decision": "routebesluit",
    "settings": "instellingen",
    "sync_conflict": "synchronisatieconflict",
    "triage_advice": "triage-advies",
    "worker": "medewerker",
    "work_queue": "werkvoorraad",
}


DETAIL_LABELS = {
    "search": "zoekopdracht",
    "results": "resultaten",
    "shown": "getoond",
    "number": "nummer",
    "outcome": "uitkomst",
    "what": "wat",
    "since": "vanaf",
    "until": "tot en met",
    "reason": "reden",
    "failed_before": "eerder mislukt",
    "chosen": "gekozen",
    "change": "wijziging",
    "username": "gebruikersnaam",
    "status": "status",
    "revoked": "ingetrokken",
    "result": "resultaat",
    "records": "records",
    "members": "bewoners",
    "lines": "regels",
    "life_domain": "leefgebied",
    "households": "huishoudens",
    "format": "formaat",
    "file": "bestand",
    "fields": "velden",
    "field": "veld",
    "district": "wijk",
    "decision": "besluit",
    "completed": "afgerond",
    "advised": "geadviseerd",
}


def detail_text(details: dict) -> str:
    """Logged details as a worker reads them: Dutch names, "ja"/"nee" for yes and no."""
    parts = []
    for key, value in details.items():
        if isinstance(value, bool):
            shown = "ja" if value else "nee"
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = value
        parts.append(f"{DETAIL_LABELS.get(key, key)}: {shown}")
    return "; ".join(parts)


def action_label(code: str) -> str:
    """The Dutch word for a logged action code; an unknown code is shown as it is."""
    try:
        return ACTION_LABELS[AuditAction(code)]
    except ValueError:
        return code


def object_type_label(code: str | None) -> str:
    """The Dutch word for a logged object type; an unknown code is shown as it is."""
    return OBJECT_TYPE_LABELS.get(code, code) if code else ""


GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log as it is hashed and shown."""

    seq: int
    at: str  # ISO timestamp, UTC
    actor: str
    on_behalf_of: str | None
    action: str
    household_id: str | None
    object_type: str | None
    object_id: str | None
    details: str  # JSON: search text, changed fields, reason

    def canonical(self, digest: str | None = None) -> str:
        """What the chain hashes: every field, with ``details`` as its digest."""
        return json.dumps(
            [
                self.seq,
                self.at,
                self.actor,
                self.on_behalf_of,
                self.action,
                self.household_id,
                self.object_type,
                self.object_id,
                digest if digest is not None else details_digest(self.details),
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )


def details_digest(details: str) -> str:
    return hashlib.sha256(details.encode("utf-8")).hexdigest()


def chain_hash(previous_hash: str, entry: AuditEntry, digest: str | None = None) -> str:
    """The link of one row: the previous hash and the row (its details as a digest)."""
    return hashlib.sha256((previous_hash + entry.canonical(digest)).encode("utf-8")).hexdigest()
