"""Issue 14 (intake): the life domains the question touches and the reason for scoring any
other; a route for one member; the day a referral was made (a second one that day asks first).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('assessment') as batch:
        # Comma-separated life domain codes; NULL: held before domains were marked (all asked).
        batch.add_column(sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table('assessment_score') as batch:
        batch.add_column(
            sa.Column(
                'reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''
            )
        )
    with op.batch_alter_table('route_decision') as batch:
        batch.add_column(sa.Column('person_id', sa.Uuid(), nullable=True))
        batch.create_foreign_key('fk_route_decision_person', 'person', ['person_id'], ['id'])
    with op.batch_alter_table('referral') as batch:
        batch.add_column(sa.Column('made_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('referral') as batch:
        batch.drop_column('made_on')
    with op.batch_alter_table('route_decision') as batch:
        batch.drop_constraint('fk_route_decision_person', type_='foreignkey')
        batch.drop_column('person_id')
    with op.batch_alter_table('assessment_score') as batch:
        batch.drop_column('reason')
    with op.batch_alter_table('assessment') as batch:
        batch.drop_column('scope')
