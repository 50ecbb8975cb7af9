"""Signatures: workers' keys, signed role grants, signed decisions and audit rows; the audit
chain now covers a digest of each row's details.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64
# Grants never change; a key's identity never changes (its sealed private half may be re-sealed
# when the worker changes their password).
APPEND_ONLY = {"role_grant": "", "worker_key": " OF key_id, username, public_key, created_at"}


def _rechain(bind) -> None:  # type: ignore[no-untyped-def]
    """Hash every existing row again over the digest of its details (frozen copy of
    domain/audit.py's chain_hash at this revision)."""
    prev = GENESIS
    rows = bind.execute(
        sa.text(
            "SELECT seq, at, actor, on_behalf_of, action, household_id, object_type, "
            "object_id, details FROM audit_log ORDER BY seq"
        )
    ).all()
    for row in rows:
        digest = hashlib.sha256(row.details.encode("utf-8")).hexdigest()
        canonical = json.dumps(
            [row.seq, row.at, row.actor, row.on_behalf_of, row.action, row.household_id,
             row.object_type, row.object_id, digest],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        new = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
        bind.execute(
            sa.text(
                "UPDATE audit_log SET details_digest = :d, prev_hash = :p, hash = :h "
                "WHERE seq = :s"
            ),
            {"d": digest, "p": prev, "h": new, "s": row.seq},
        )
        prev = new


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        'worker_key',
        sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('public_key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('wrapped', sa.JSON(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.PrimaryKeyConstraint('key_id'),
    )
    op.create_index('ix_worker_key_username', 'worker_key', ['username'])
    op.create_table(
        'role_grant',
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('roles', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column('granted_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('signer_key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('granted_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint('seq'),
    )
    op.create_index('ix_role_grant_username', 'role_grant', ['username'])
    op.add_column('decision', sa.Column('signer_key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.add_column('decision', sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column(
        'audit_log',
        sa.Column('details_digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=''),
    )
    op.add_column('audit_log', sa.Column('signer_key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.add_column('audit_log', sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    if sqlite:
        op.execute("DROP TRIGGER audit_log_no_update")
        _rechain(op.get_bind())
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
        for table, columns in APPEND_ONLY.items():
            for verb in ("UPDATE" + columns, "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.split()[0].lower()} BEFORE {verb} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    else:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        _rechain(op.get_bind())
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        for table, columns in APPEND_ONLY.items():
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE{columns} OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
            )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            op.execute(f"DROP TRIGGER {table}_no_update")
            op.execute(f"DROP TRIGGER {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.drop_table('role_grant')
    op.drop_table('worker_key')
    with op.batch_alter_table('decision') as batch_op:
        batch_op.drop_column('signature')
        batch_op.drop_column('signer_key_id')
