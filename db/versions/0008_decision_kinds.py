"""Beschikkingen that hold up in bezwaar: the motivation written to the resident.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy), so the immutability triggers stay in place.
    op.add_column(
        'application',
        sa.Column(
            'resident_motivation',
            sqlmodel.sql.sqltypes.AutoString(),
            nullable=False, server_default=''),
    )


def downgrade() -> None:
    with op.batch_alter_table('application') as batch:
        batch.drop_column('resident_motivation')
