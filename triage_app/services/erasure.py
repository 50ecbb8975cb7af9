"""Erase one household from a store, and the signed ledger of destructions that outlives it.

``erase`` is the one way a household's personal data leaves a store: every table that refers
to it (found through the schema, so tables added later are covered), the search index, and
the names in audit rows (replaced by keyed hashes, domain/redaction.py). It runs on the live
store when a dossier is destroyed (services/retention.py), on every backup made before that
(services/backup_cleaning.py), and on a restored backup (``apply_ledger``).

The **destruction ledger** is a list in the key file, outside the store: per destroyed
dossier its household id, dossier number, date and who destroyed it, signed by that
administrator (no name of a resident). It travels with every later backup, is carried over
by every restore, and a restore erases every dossier it lists again, so a backup copied
somewhere else still cannot bring a destroyed person back.
"""

import json
import secrets
import uuid

from sqlalchemy import delete, inspect, or_, text
from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction, details_digest
from triage_app.domain.redaction import (
    PersonFacts,
    pattern_for,
    personal_terms,
    redact,
    redact_search,
)
from triage_app.services import audit, signatures
from triage_app.services.context import ServiceContext
from triage_app.store.immutability import destruction_permitted
from triage_app.store.keyfile import KeyFile
from triage_app.store.schema import metadata
from triage_app.store.signing import canonical, unb64, verify
from triage_app.store.tables import AuditLog, Household, Person

LEDGER = "destroyed"


def _tables_referring_to_households(session: Session):  # type: ignore[no-untyped-def]
    """Every table of this store with the personal data of a household, children first."""
    present = set(inspect(session.connection()).get_table_names())
    for table in reversed(metadata.sorted_tables):
        if table.name in ("audit_log", "household", "destruction_permit"):
            continue
        if table.name not in present:
            continue
        if "household_id" in table.c:
            yield table, "household_id"
        elif "person_id" in table.c:
            yield table, "person_id"


def erase(
    session: Session, ctx: ServiceContext, household: Household, key: bytes
) -> dict[str, str]:
    """Delete every record of ``household`` and redact the audit rows that name its people;
    returns seq -> the new details' digest of each redacted row (for the destruction's row)."""
    household_id = household.id
    people = session.exec(select(Person).where(Person.household_id == household_id)).all()
    persons = [p.id for p in people]
    terms = personal_terms(
        [PersonFacts(p.first_name, p.prefix, p.last_name, p.birth_date, p.bsn, p.phone, p.email)
         for p in people],
        household.street,
        household.postcode,
        household.phone,
    )  # fmt: skip
    with destruction_permitted(session, household_id):
        for table, column in _tables_referring_to_households(session):
            if column == "household_id":
                session.execute(delete(table).where(table.c.household_id == household_id))
            elif persons:
                session.execute(delete(table).where(table.c.person_id.in_(persons)))
        redacted = _redact_audit_rows(session, household_id, household.dossier_number, terms, key)
    session.execute(
        text("DELETE FROM household_search WHERE rowid = :seq"), {"seq": household.dossier_seq}
    )
    session.execute(delete(Household).where(Household.id == household_id))
    if ctx.store.is_sqlite:  # the search index keeps deleted words until it is merged
        session.execute(text("INSERT INTO household_search(household_search) VALUES('optimize')"))
    return redacted


def pseudonym_key(ctx: ServiceContext) -> bytes:
    return ctx.keyfile.pseudonym_key() if ctx.keyfile is not None else secrets.token_bytes(32)


def _redact_audit_rows(
    session: Session, household_id: uuid.UUID, number: str, terms: list[str], key: bytes
) -> dict[str, str]:
    """Replace the household's personal details in every audit row that holds them, and the
    typed text of every search that showed this dossier. Only inside
    ``destruction_permitted``."""
    pattern = pattern_for(terms)
    if pattern is None:
        return {}
    candidates = or_(
        AuditLog.household_id == str(household_id),
        AuditLog.details.like(f"%{number}%"),
        *(AuditLog.details.ilike(f"%{term}%") for term in terms),
    )
    redacted: dict[str, str] = {}
    for seq, details in session.execute(
        select(AuditLog.seq, AuditLog.details).where(candidates).order_by(AuditLog.seq)
    ):
        try:
            found = redact(json.loads(details), pattern, key)
            if isinstance(found, dict) and number in json.dumps(found.get("shown", [])):
                found = redact_search(found, key)
            new = json.dumps(found, ensure_ascii=False, sort_keys=True, default=str)
        except ValueError:
            new = json.dumps({"details": redact(details, pattern, key)}, ensure_ascii=False)
        if new != details:
            session.execute(
                text("UPDATE audit_log SET details = :d WHERE seq = :s"), {"d": new, "s": seq}
            )
            redacted[str(seq)] = details_digest(new)
    return redacted


def rewrite_file(ctx: ServiceContext) -> None:
    """SQLite keeps deleted rows in free pages and the WAL until they are reused: rewrite the
    file and empty the WAL, so the destroyed names are gone from the disk too."""
    if not ctx.store.is_sqlite:
        return
    raw = ctx.store.engine.raw_connection()
    try:
        connection = raw.driver_connection
        if connection.in_transaction:
            connection.commit()
        before, connection.isolation_level = connection.isolation_level, None
        try:
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - busy elsewhere: the next destruction rewrites it
            pass
        finally:
            connection.isolation_level = before
    finally:
        raw.close()


# --- the ledger ----------------------------------------------------------------------------


def _entry_message(entry: dict) -> bytes:
    return canonical(
        [LEDGER, entry["household_id"], entry["dossier"], entry["destroyed_on"], entry["by"]]
    )


def ledger_entry(ctx: ServiceContext, household_id: uuid.UUID, dossier: str) -> dict:
    """A signed line for the ledger; unsigned (and so never replayed) without a signer."""
    entry = {
        "household_id": str(household_id),
        "dossier": dossier,
        "destroyed_on": ctx.today().isoformat(),
        "by": ctx.actor.username,
        "key_id": ctx.signer.key_id if ctx.signer else None,
        "public": None,
        "signature": None,
    }
    if ctx.signer is not None:
        from triage_app.store.signing import b64

        entry["public"] = b64(ctx.signer.public)
        entry["signature"] = ctx.signer.sign(_entry_message(entry))
    return entry


def add_to_ledger(keyfile: KeyFile, entries: list[dict]) -> None:
    """Merge ``entries`` into the key file's ledger (once per household), under its lock."""

    def change(data: dict) -> None:
        ledger = data.setdefault(LEDGER, [])
        known = {e.get("household_id") for e in ledger}
        ledger.extend(e for e in entries if e.get("household_id") not in known)

    if entries:
        keyfile.update(change)


def ledger(keyfile: KeyFile | None) -> list[dict]:
    return list(keyfile.data.get(LEDGER, [])) if keyfile is not None else []


def admin_keys(session: Session, keyfile: KeyFile | None) -> set[str]:
    """Key ids of the roots and of every administrator's certified key in this store."""
    state = signatures.trust(session, keyfile)
    admins = {kid for kid, (user, _) in state.keys.items() if user == signatures.ROOT}
    for grant in state.latest.values():
        if grant.key_id and Role.ADMIN.value in grant.roles.split(","):
            admins.add(grant.key_id)
    return admins


def entry_is_genuine(entry: dict, known: set[str] | frozenset[str]) -> bool:
    """Signed, unaltered, and by a key this store certifies as an administrator's."""
    try:
        public = unb64(entry["public"])
    except (KeyError, TypeError, ValueError):
        return False
    return (
        entry.get("key_id") in known
        and signatures.key_id(public) == entry.get("key_id")
        and verify(public, _entry_message(entry), entry.get("signature"))
    )


def apply_ledger(
    ctx: ServiceContext,
    entries: list[dict],
    reason: str,
    trusted_keys: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """Erase every household in ``entries`` still present in ``ctx``'s store (a backup or a
    restored copy), each with its own audited destruction row. A ledger line counts when an
    administrator's key certified in this store (or one of ``trusted_keys``) signed it.
    Returns the dossier numbers erased and those refused (their line is not genuine)."""
    erased: list[str] = []
    refused: list[str] = []
    if not entries:
        return erased, refused
    key = pseudonym_key(ctx)
    with ctx.store.write() as session:
        known = admin_keys(session, ctx.keyfile) | trusted_keys
        for entry in entries:
            try:
                household = session.get(Household, uuid.UUID(str(entry.get("household_id"))))
            except ValueError:
                continue
            if household is None:
                continue
            if not entry_is_genuine(entry, known):
                refused.append(household.dossier_number)
                continue
            redacted = erase(session, ctx, household, key)
            audit.record(
                session,
                ctx,
                AuditAction.DESTROYED,
                object_type="dossier",
                object_id=household.id,
                dossier=household.dossier_number,
                destroyed_on=entry.get("destroyed_on"),
                destroyed_by=entry.get("by"),
                again=reason,
                redacted=redacted,
            )
            erased.append(household.dossier_number)
    if erased:
        rewrite_file(ctx)
    return erased, refused
