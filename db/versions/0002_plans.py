"""Plans, versions, goals, arrangements, applications, decisions, objections, evaluations;
kept drafts of forms.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Issued plan versions and decisions never change; deleting them is allowed only while a
# destruction permit for the household exists (retention, see triage_app/store/immutability.py).
# Written out here, not imported, so this migration stays as it was when it ran.
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
]
POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) THEN RETURN OLD; END IF; RAISE EXCEPTION 'issued plan version or decision cannot change'; END $$",
    "CREATE FUNCTION refuse_issued_child_change() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE parent uuid; BEGIN IF TG_OP = 'INSERT' THEN parent := NEW.plan_version_id; ELSE parent := OLD.plan_version_id; END IF; IF (SELECT status FROM plan_version WHERE id = parent) = 'issued' THEN IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM destruction_permit WHERE household_id = OLD.household_id) THEN RETURN OLD; END IF; RAISE EXCEPTION 'issued plan version or decision cannot change'; END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER plan_version_issued BEFORE UPDATE OR DELETE ON plan_version FOR EACH ROW WHEN (OLD.status = 'issued') EXECUTE FUNCTION refuse_issued_change()",
    'CREATE TRIGGER decision_issued BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION refuse_issued_change()',
    'CREATE TRIGGER goal_issued BEFORE INSERT OR UPDATE OR DELETE ON goal FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()',
    'CREATE TRIGGER provision_issued BEFORE INSERT OR UPDATE OR DELETE ON provision FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()',
    'CREATE TRIGGER application_issued BEFORE INSERT OR UPDATE OR DELETE ON application FOR EACH ROW EXECUTE FUNCTION refuse_issued_child_change()',
]


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('destruction_permit',
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('household_id')
    )
    op.create_table('form_draft',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('worker', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('form_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=True),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('saved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('form_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_draft_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_draft_worker'), ['worker'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_reason', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('closure_notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('aftercare_date', sa.Date(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ux_plan_active_household', ['household_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))

    op.create_table('plan_version',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('case_lead', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('question', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('main_provider', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('evaluation_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('replaces_version_id', sa.Uuid(), nullable=True),
    sa.Column('change_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('issued_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('issued_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], ),
    sa.ForeignKeyConstraint(['replaces_version_id'], ['plan_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_version_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_version_evaluation_date'), ['evaluation_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_version_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_version_plan_id'), ['plan_id'], unique=False)

    op.create_table('application',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_version_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('application_date', sa.Date(), nullable=False),
    sa.Column('motivation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lighter_routes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_application_date'), ['application_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_plan_version_id'), ['plan_version_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('plan_version_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('application_date', sa.Date(), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('send_date', sa.Date(), nullable=False),
    sa.Column('objection_deadline', sa.Date(), nullable=False),
    sa.Column('motivation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lighter_routes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('contribution', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('decided_by_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('replaces_decision_id', sa.Uuid(), nullable=True),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], ),
    sa.ForeignKeyConstraint(['replaces_decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_decision_date'), ['decision_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_plan_version_id'), ['plan_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_send_date'), ['send_date'], unique=False)

    op.create_table('evaluation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('plan_version_id', sa.Uuid(), nullable=False),
    sa.Column('evaluation_date', sa.Date(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], ),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_plan_id'), ['plan_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_version_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('life_domain', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('result', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('actions', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('performer', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('responsible', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_plan_version_id'), ['plan_version_id'], unique=False)

    op.create_table('provision',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_version_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('segment', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('intensities', sa.JSON(), nullable=False),
    sa.Column('size_class', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('monthly_cost', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('delivery_form', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('product_category', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('product_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('volume', sa.Float(), nullable=True),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('frequency', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('pgb_amount', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('granted', sa.Boolean(), nullable=False),
    sa.Column('preferred_provider', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('choice_notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('terminate', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('provision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provision_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_provision_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provision_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provision_plan_version_id'), ['plan_version_id'], unique=False)

    op.create_table('objection',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('decision_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('new_decision_id', sa.Uuid(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
    sa.ForeignKeyConstraint(['new_decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('objection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objection_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_objection_household_id'), ['household_id'], unique=False)

    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)
    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    if op.get_bind().dialect.name != "sqlite":
        for table in ("plan_version", "decision", "goal", "provision", "application"):
            op.execute(f"DROP TRIGGER {table}_issued ON {table}")
        op.execute("DROP FUNCTION refuse_issued_change()")
        op.execute("DROP FUNCTION refuse_issued_child_change()")
    with op.batch_alter_table('objection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objection_household_id'))
        batch_op.drop_index(batch_op.f('ix_objection_decision_id'))

    op.drop_table('objection')
    with op.batch_alter_table('provision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provision_plan_version_id'))
        batch_op.drop_index(batch_op.f('ix_provision_person_id'))
        batch_op.drop_index(batch_op.f('ix_provision_household_id'))
        batch_op.drop_index(batch_op.f('ix_provision_end_date'))

    op.drop_table('provision')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_plan_version_id'))
        batch_op.drop_index(batch_op.f('ix_goal_household_id'))

    op.drop_table('goal')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_plan_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_household_id'))

    op.drop_table('evaluation')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_send_date'))
        batch_op.drop_index(batch_op.f('ix_decision_plan_version_id'))
        batch_op.drop_index(batch_op.f('ix_decision_person_id'))
        batch_op.drop_index(batch_op.f('ix_decision_household_id'))
        batch_op.drop_index(batch_op.f('ix_decision_decision_date'))

    op.drop_table('decision')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_plan_version_id'))
        batch_op.drop_index(batch_op.f('ix_application_person_id'))
        batch_op.drop_index(batch_op.f('ix_application_household_id'))
        batch_op.drop_index(batch_op.f('ix_application_application_date'))

    op.drop_table('application')
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_version_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_version_household_id'))
        batch_op.drop_index(batch_op.f('ix_plan_version_evaluation_date'))
        batch_op.drop_index(batch_op.f('ix_plan_version_end_date'))

    op.drop_table('plan_version')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index('ux_plan_active_household', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index(batch_op.f('ix_plan_household_id'))

    op.drop_table('plan')
    with op.batch_alter_table('form_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_draft_worker'))
        batch_op.drop_index(batch_op.f('ix_form_draft_household_id'))

    op.drop_table('form_draft')
    op.drop_table('destruction_permit')
    # ### end Alembic commands ###
