"""A change counter per dossier, kept by triggers on every dossier table, and the laptop's
marks of the counters at its last sync: a sync skips a dossier neither side changed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The dossier tables today (triage_app.sync.records.dossier_tables); a sync checks that each
# has its trigger and compares every record of a dossier when one is missing.
DOSSIER_TABLES = (
    'household', 'dossier_closure', 'form_draft', 'person', 'plan', 'plan_version', 'request',
    'application', 'assessment', 'decision', 'evaluation', 'goal', 'plan_handover', 'provision',
    'referral', 'route_decision', 'assessment_score', 'objection',
)
BUMP = (
    "INSERT INTO dossier_change (household_id, counter) VALUES ({hid}, 1) "
    "ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1"
)
PG_FUNCTION = """
CREATE FUNCTION dossier_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO dossier_change (household_id, counter)
        VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::uuid, 1)
        ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO dossier_change (household_id, counter)
        VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::uuid, 1)
        ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1;
    END IF;
    RETURN NULL;
END $$
"""


def _column(table: str) -> str:
    return 'id' if table == 'household' else 'household_id'


def upgrade() -> None:
    op.create_table(
        'dossier_change',
        sa.Column('household_id', sa.Uuid(), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('household_id'),
    )
    op.create_table(
        'sync_mark',
        sa.Column('household_id', sa.Uuid(), nullable=False),
        sa.Column('laptop_counter', sa.Integer(), nullable=False),
        sa.Column('team_counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('household_id'),
    )
    op.execute("INSERT INTO dossier_change (household_id, counter) SELECT id, 1 FROM household")
    if op.get_bind().dialect.name == 'sqlite':
        for table in DOSSIER_TABLES:
            col = _column(table)
            for verb, statements in (
                ('INSERT', [BUMP.format(hid=f'NEW.{col}')]),
                ('UPDATE', [BUMP.format(hid=f'OLD.{col}'), BUMP.format(hid=f'NEW.{col}')]),
                ('DELETE', [BUMP.format(hid=f'OLD.{col}')]),
            ):
                body = '; '.join(statements)
                op.execute(
                    f"CREATE TRIGGER {table}_change_{verb.lower()} AFTER {verb} ON {table} "
                    f"FOR EACH ROW BEGIN {body}; END"
                )
    else:
        op.execute(PG_FUNCTION)
        for table in DOSSIER_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION dossier_change_bump('{_column(table)}')"
            )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in DOSSIER_TABLES:
        if sqlite:
            for verb in ('insert', 'update', 'delete'):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_change_{verb}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_change ON {table}")
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS dossier_change_bump()")
    op.drop_table('sync_mark')
    op.drop_table('dossier_change')
