"""Child process for the concurrency test: edits its own household, races for a shared one,
and issues decisions; prints one line per outcome.

Usage: python concurrency_worker.py URL OWN_ID SHARED_ID TAG PLAN_ID[,PLAN_ID...]
"""

import datetime as dt
import random
import sys
import time
import uuid

from triage_app.domain.accounts import Actor, Role
from triage_app.domain.errors import Conflict
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import households, plans
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store

ROUNDS = 5


def edit(view, phone: str) -> HouseholdInput:  # type: ignore[no-untyped-def]
    return HouseholdInput(
        street=view.street,
        house_number=str(view.house_number),
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        phone=phone,
        id=view.id,
        version=view.version,
        members=[
            PersonInput(
                first_name=m.first_name,
                last_name=m.last_name,
                birth_date=m.birth_date.strftime("%d-%m-%Y"),
                role=m.role,
                id=m.id,
                version=m.version,
            )
            for m in view.members
        ],
    )


def main() -> None:
    url, own, shared, tag, plan_ids = sys.argv[1:6]
    store = open_store(url, upgrade=False)
    actor = Actor(f"desk{tag}", f"Balie {tag}", frozenset({Role.CASEMANAGER, Role.DECIDER}))
    ctx = ServiceContext(store, actor, today=lambda: dt.date(2026, 11, 23))
    rng = random.Random(int(tag))
    for n in range(ROUNDS):
        view = households.get_household(ctx, uuid.UUID(own))
        households.update_household(ctx, edit(view, f"06{int(tag):02d}{n:06d}"))
        print(f"own 06{int(tag):02d}{n:06d}", flush=True)
        view = households.get_household(ctx, uuid.UUID(shared))
        time.sleep(rng.uniform(0, 0.05))
        phone = f"030{int(tag):02d}{n:05d}"
        try:
            households.update_household(ctx, edit(view, phone))
            print(f"shared-ok {phone}", flush=True)
        except Conflict:
            print("shared-conflict", flush=True)
    for plan_id in plan_ids.split(","):
        plan = plans.get_plan(ctx, uuid.UUID(plan_id))
        issued = plans.issue_version(
            ctx, plan.draft.id, plan.draft.version, dt.date(2026, 11, 23), dt.date(2026, 11, 24)
        )
        for decision in issued.current.decisions:
            print(f"decision {decision.number}", flush=True)
    store.dispose()


if __name__ == "__main__":
    main()
