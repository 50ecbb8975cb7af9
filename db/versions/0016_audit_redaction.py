"""The audit log allows one change: after a dossier is destroyed, the details of the rows that
named it are replaced by keyed hashes (retention), inside the destroying transaction only
(a destruction permit exists) and never any other column. The chain covers a digest of the
details and the destruction's own row lists the new digests, so ``audit verify`` still checks
every row.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEPT = (
    'seq', 'at', 'actor', 'on_behalf_of', 'action', 'household_id', 'object_type', 'object_id',
    'details_digest', 'prev_hash', 'hash', 'signer_key_id', 'signature',
)
SQLITE_STRICT = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
SQLITE_REDACT = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ("
    "EXISTS (SELECT 1 FROM destruction_permit) AND "
    + " AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT)
    + ") BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
PG_FUNCTION = """
CREATE FUNCTION audit_log_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM destruction_permit)
       AND (to_jsonb(NEW) - 'details') = (to_jsonb(OLD) - 'details') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END $$
"""
PG_TRIGGER = (
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION {function}()"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute(SQLITE_REDACT)
    else:
        op.execute(PG_FUNCTION)
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute(PG_TRIGGER.format(function='audit_log_redact_only'))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute(SQLITE_STRICT)
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute(PG_TRIGGER.format(function='audit_log_append_only'))
        op.execute("DROP FUNCTION audit_log_redact_only()")
