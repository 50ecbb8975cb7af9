"""Several desks at once, as separate processes on one store (SQLite file or PostgreSQL):
every committed change is present, every lost race is reported as a conflict, and decision
numbers are unique and gap-free."""

import dataclasses
from pathlib import Path

from tests.conftest import make_actor
from tests.fork_server import fork_server
from tests.integration.test_plans import draft_for
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import households, plans

WORKER = Path(__file__).with_name("concurrency_worker.py")
DESKS, PLANS_PER_DESK, ROUNDS = 4, 3, 5


def _household(ctx, n):
    return households.register_household(
        ctx,
        HouseholdInput(
            street="Vechtzoom",
            house_number=str(n),
            postcode="3545 AB",
            city="Utrecht",
            district="Leidsche Rijn",
            members=[
                PersonInput(first_name="Fenna", last_name=f"Balie{n}", birth_date="14-05-1951"),
                PersonInput(
                    first_name="Kees",
                    last_name=f"Balie{n}",
                    birth_date="02-02-1949",
                    role=MemberRole.PARTNER,
                ),
            ],
        ),
    )


def test_many_desks_at_once(ctx, store):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    own = [_household(ctx, n) for n in range(1, DESKS + 1)]
    shared = _household(ctx, 99)
    plan_households = []
    for n in range(DESKS * PLANS_PER_DESK):
        view = _household(ctx, 100 + n)
        plan = plans.start_plan(cm, view.id)
        plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(view))
        plan_households.append(view.id)
    children = []
    for desk in range(DESKS):  # forked by the session's fork server: each a process of its own
        mine = plan_households[desk * PLANS_PER_DESK : (desk + 1) * PLANS_PER_DESK]
        children.append(
            fork_server().run(
                WORKER,
                store.url,
                str(own[desk].id),
                str(shared.id),
                str(desk + 1),
                ",".join(map(str, mine)),
            )
        )
    outputs = []
    for child in children:
        out = child.stdout.read()
        assert child.wait() == 0, "a desk failed: see its standard error above"
        outputs.append(out.splitlines())
    lines = [line for out in outputs for line in out]

    for desk, view in enumerate(own):
        now = households.get_household(ctx, view.id)
        assert now.version == 1 + ROUNDS
        assert now.phone == f"06{desk + 1:02d}{ROUNDS - 1:06d}"
    won = [line.split()[1] for line in lines if line.startswith("shared-ok")]
    lost = [line for line in lines if line == "shared-conflict"]
    assert len(won) + len(lost) == DESKS * ROUNDS
    assert won, "some desk must win each round of the race"
    shared_now = households.get_household(ctx, shared.id)
    assert shared_now.version == 1 + len(won)
    assert shared_now.phone in won

    numbers = sorted(line.split()[1] for line in lines if line.startswith("decision"))
    expected = DESKS * PLANS_PER_DESK * 2
    assert numbers == [f"B-2026-{n:06d}" for n in range(1, expected + 1)]
