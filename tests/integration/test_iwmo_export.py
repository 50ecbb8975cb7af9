"""Granted provisions exported for the back office in iWmo shape; logged and role-checked."""

import dataclasses
import json

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tests.households import zwanenburg
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.errors import NotAllowed
from triage_app.services import households, iwmo_export, plans
from triage_app.store.tables import AuditLog


def test_export_of_granted_provisions(ctx):
    view = households.register_household(
        ctx,
        zwanenburg(fenna_bsn="111222333", house_number="12a"),
    )
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    plan = plans.start_plan(cm, view.id)
    draft = draft_for(view)
    refused = dataclasses.replace(draft.provisions[1], granted=False)
    plan = plans.save_draft(
        cm,
        plan.draft.id,
        plan.draft.version,
        dataclasses.replace(draft, provisions=[draft.provisions[0], refused]),
    )
    issue(dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm")), plan)

    with pytest.raises(NotAllowed):
        iwmo_export.toewijzingen(cm)
    records = iwmo_export.toewijzingen(ctx)
    assert len(records) == 1  # the refused one is not a toewijzing
    record = records[0]
    assert record["bsn"] == "111222333" and record["postcode"] == "3562AB"
    assert record["huisnummer"] == "12A"
    assert (
        record["productcategorie"],
        record["volume"],
        record["eenheid"],
        record["frequentie"],
        record["leveringsvorm"],
    ) == ("07", 3, "16", "2", "ZIN")
    assert record["ingangsdatum"] == "2026-12-01" and record["einddatum"] == "2027-11-30"
    assert (
        json.loads(iwmo_export.as_json(records))["toewijzingen"][0]["besluit"]
        == (record["besluit"])
    )
    lines = iwmo_export.as_csv(records).splitlines()
    assert lines[0].startswith("toewijzingnummer;bsn;") and len(lines) == 2
    with ctx.store.read() as session:
        assert session.exec(select(AuditLog).where(AuditLog.object_type == "iwmo")).first()
