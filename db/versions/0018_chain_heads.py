"""The team store keeps the signed head of every laptop's audit chain at each sync
(``chain_head``, append-only), so a laptop's log cut or rewritten afterwards is reported.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'chain_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('checkout_id', sa.Uuid(), nullable=False),
        sa.Column('laptop', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column('deposited_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('chain_head', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chain_head_checkout_id'), ['checkout_id'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            "CREATE TRIGGER chain_head_no_update BEFORE UPDATE ON chain_head "
            "BEGIN SELECT RAISE(ABORT, 'chain_head is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head "
            "BEGIN SELECT RAISE(ABORT, 'chain_head is append-only'); END"
        )
    else:
        op.execute(
            "CREATE TRIGGER chain_head_append_only BEFORE UPDATE OR DELETE ON chain_head "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    with op.batch_alter_table('chain_head', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chain_head_checkout_id'))
    op.drop_table('chain_head')
