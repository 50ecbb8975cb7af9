# ruff: noqa: E501 - the trigger statements are kept verbatim, one per line
"""Issued plan versions and decisions never change; the audit log and the signed grants only
grow.

The triggers that enforce this are made by migrations 0001, 0002, 0006, 0016 and 0018: UPDATE and DELETE of
an issued version, a decision, or a goal, arrangement or application of an issued version are
refused, as are changes to audit rows, role grants, keys and the laptops' chain heads. A key holder can drop a trigger
with plain SQL, so every login checks they are all there (``restore_missing_triggers``) and puts
back what is missing. This module also holds the one sanctioned exception: destroying a dossier
whose retention period has passed, inside the transaction that destroys it (which may also
replace the personal details of audit rows by keyed hashes, and change nothing else of them).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlmodel import Session

# Frozen copies of the migrations' trigger statements (0001, 0002, 0006, 0016, 0018).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER plan_version_issued_no_update BEFORE UPDATE ON plan_version WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER plan_version_issued_no_delete BEFORE DELETE ON plan_version WHEN OLD.status = 'issued' AND NOT EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision WHEN NOT EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER goal_issued_no_insert BEFORE INSERT ON goal WHEN (SELECT status FROM plan_version WHERE id = NEW.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER goal_issued_no_update BEFORE UPDATE ON goal WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER goal_issued_no_delete BEFORE DELETE ON goal WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' AND NOT EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER provision_issued_no_insert BEFORE INSERT ON provision WHEN (SELECT status FROM plan_version WHERE id = NEW.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER provision_issued_no_update BEFORE UPDATE ON provision WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER provision_issued_no_delete BEFORE DELETE ON provision WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' AND NOT EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER application_issued_no_insert BEFORE INSERT ON application WHEN (SELECT status FROM plan_version WHERE id = NEW.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER application_issued_no_update BEFORE UPDATE ON application WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER application_issued_no_delete BEFORE DELETE ON application WHEN (SELECT status FROM plan_version WHERE id = OLD.plan_version_id) = 'issued' AND NOT EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) BEGIN SELECT RAISE(ABORT, 'issued plan version or decision cannot change'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT (EXISTS (SELECT 1 FROM destruction_permit) AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.on_behalf_of IS OLD.on_behalf_of AND NEW.action IS OLD.action AND NEW.household_id IS OLD.household_id AND NEW.object_type IS OLD.object_type AND NEW.object_id IS OLD.object_id AND NEW.details_digest IS OLD.details_digest AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash AND NEW.signer_key_id IS OLD.signer_key_id AND NEW.signature IS OLD.signature) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER role_grant_no_update BEFORE UPDATE ON role_grant BEGIN SELECT RAISE(ABORT, 'role_grant is append-only'); END",
    "CREATE TRIGGER role_grant_no_delete BEFORE DELETE ON role_grant BEGIN SELECT RAISE(ABORT, 'role_grant is append-only'); END",
    "CREATE TRIGGER worker_key_no_update BEFORE UPDATE OF key_id, username, public_key, created_at ON worker_key BEGIN SELECT RAISE(ABORT, 'worker_key is append-only'); END",
    "CREATE TRIGGER worker_key_no_delete BEFORE DELETE ON worker_key BEGIN SELECT RAISE(ABORT, 'worker_key is append-only'); END",
    "CREATE TRIGGER chain_head_no_update BEFORE UPDATE ON chain_head BEGIN SELECT RAISE(ABORT, 'chain_head is append-only'); END",
    "CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head BEGIN SELECT RAISE(ABORT, 'chain_head is append-only'); END",
]

POSTGRESQL_TRIGGERS = [
    "CREATE TRIGGER plan_version_issued BEFORE UPDATE OR DELETE ON plan_version FOR EACH ROW WHEN (OLD.status = 'issued') EXECUTE FUNCTION refuse_issued_change()",
    "CREATE TRIGGER decision_issued BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION refuse_issued_change()",
    "CREATE TRIGGER goal_issued BEFORE INSERT OR UPDATE OR DELETE ON goal FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()",
    "CREATE TRIGGER provision_issued BEFORE INSERT OR UPDATE OR DELETE ON provision FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()",
    "CREATE TRIGGER application_issued BEFORE INSERT OR UPDATE OR DELETE ON application FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_redact_only()",
    "CREATE TRIGGER role_grant_append_only BEFORE UPDATE OR DELETE ON role_grant FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER worker_key_append_only BEFORE UPDATE OF key_id, username, public_key, created_at OR DELETE ON worker_key FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER chain_head_append_only BEFORE UPDATE OR DELETE ON chain_head FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def _name(statement: str) -> str:
    return statement.split()[2]


def restore_missing_triggers(connection: Connection) -> list[str]:
    """Put back every immutability trigger that is missing; returns their names."""
    if connection.dialect.name == "sqlite":
        statements = SQLITE_TRIGGERS
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        statements = POSTGRESQL_TRIGGERS
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    present = {row[0] for row in connection.execute(text(query))}
    missing = [s for s in statements if _name(s) not in present]
    for statement in missing:
        connection.execute(text(statement))
    return [_name(s) for s in missing]


@contextmanager
def destruction_permitted(session: Session, household_id: uuid.UUID) -> Iterator[None]:
    """Allow deleting the issued records of one household inside the caller's transaction."""
    params = {"h": household_id.hex}
    session.execute(text("INSERT INTO destruction_permit (household_id) VALUES (:h)"), params)
    yield
    session.execute(text("DELETE FROM destruction_permit WHERE household_id = :h"), params)
