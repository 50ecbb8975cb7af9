"""Hand-over from casemanager to decider: a draft offered "ter besluitvorming" to a named
decider or the team's pool, sent back with a note or issued.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'plan_handover',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('plan_version_id', sa.Uuid(), nullable=False),
        sa.Column('household_id', sa.Uuid(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('offered_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('offered_to', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column('offered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('offered_on', sa.Date(), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('returned_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column('returned_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('return_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['household_id'], ['household.id']),
        sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('plan_handover') as batch:
        batch.create_index('ix_plan_handover_household_id', ['household_id'], unique=False)
        batch.create_index('ix_plan_handover_plan_version_id', ['plan_version_id'], unique=False)
        batch.create_index('ix_plan_handover_open', ['status', 'offered_to'], unique=False)


def downgrade() -> None:
    op.drop_table('plan_handover')
