"""A resident's representative (curator, mentor, bewindvoerder, gemachtigde, ouder met
gezag) with name and address, on the person.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ('representative_kind', 20),
    ('representative_form', 10),
    ('representative_name', 120),
    ('representative_street', 160),
    ('representative_postcode', 7),
    ('representative_city', 80),
)


def upgrade() -> None:
    with op.batch_alter_table('person') as batch:
        for name, length in COLUMNS:
            batch.add_column(
                sa.Column(
                    name,
                    sqlmodel.sql.sqltypes.AutoString(length=length),
                    nullable=False,
                    server_default='',
                )
            )


def downgrade() -> None:
    with op.batch_alter_table('person') as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
