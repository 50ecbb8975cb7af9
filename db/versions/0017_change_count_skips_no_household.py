"""A change trigger counts a write only for a row that belongs to a dossier: a form draft of a
new household (``household:new``) has no household yet, and counting it tried to store an empty
household id, so the draft was refused and a crash lost what was typed (0015's triggers).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# form_draft is the one dossier table whose household_id may be empty.
TABLE = 'form_draft'
BUMP = (
    "INSERT INTO dossier_change (household_id, counter) SELECT {hid}, 1 WHERE {hid} IS NOT NULL "
    "ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1"
)
OLD_BUMP = (
    "INSERT INTO dossier_change (household_id, counter) VALUES ({hid}, 1) "
    "ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1"
)
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION dossier_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND (to_jsonb(OLD) ->> TG_ARGV[0]) IS NOT NULL THEN
        INSERT INTO dossier_change (household_id, counter)
        VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::uuid, 1)
        ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS NOT NULL THEN
        INSERT INTO dossier_change (household_id, counter)
        VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::uuid, 1)
        ON CONFLICT (household_id) DO UPDATE SET counter = dossier_change.counter + 1;
    END IF;
    RETURN NULL;
END $$
"""
PG_OLD_FUNCTION = """
CREATE OR REPLACE FUNCTION dossier_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
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


def _sqlite_triggers(bump: str) -> None:
    for verb, statements in (
        ('INSERT', [bump.format(hid='NEW.household_id')]),
        ('UPDATE', [bump.format(hid='OLD.household_id'), bump.format(hid='NEW.household_id')]),
        ('DELETE', [bump.format(hid='OLD.household_id')]),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_change_{verb.lower()}")
        op.execute(
            f"CREATE TRIGGER {TABLE}_change_{verb.lower()} AFTER {verb} ON {TABLE} "
            f"FOR EACH ROW BEGIN {'; '.join(statements)}; END"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_triggers(BUMP)
    else:
        op.execute(PG_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_triggers(OLD_BUMP)
    else:
        op.execute(PG_OLD_FUNCTION)
