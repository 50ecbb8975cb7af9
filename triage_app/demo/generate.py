"""Fill a store with fictional demo households and their dossiers, deterministic per seed.

Each part of the dossier is its own module (households, intake, plans with decisions) built
through the domain's own rules; rows go in with Core bulk inserts per chunk of households, so
100,000 households take about a minute. A new part: a ``Part`` subclass (demo/rows.py) added
at the end of ``PARTS`` (the earlier parts keep their data for a seed).
"""

import random
from collections.abc import Callable

from triage_app.demo.acute import AcuteDemo
from triage_app.demo.households import HouseholdDemo
from triage_app.demo.intake import IntakeDemo
from triage_app.demo.kinds import add_decision_kinds
from triage_app.demo.plans import PlanDemo
from triage_app.demo.rows import Part
from triage_app.domain.accounts import Role
from triage_app.services import signatures
from triage_app.services.context import ServiceContext
from triage_app.store.intake_tables import Request

CHUNK = 5_000
PARTS: tuple[type[Part], ...] = (PlanDemo, IntakeDemo, AcuteDemo)  # each sees every household


def generate_demo(
    ctx: ServiceContext,
    households: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``households`` demo households; returns how many were added."""
    ctx.require(Role.ADMIN, action="demogegevens aanmaken")
    today, reference = ctx.today(), ctx.reference
    homes = HouseholdDemo(random.Random(seed), today, reference)
    parts = [part(random.Random(seed + i), today, reference) for i, part in enumerate(PARTS, 1)]
    for part in parts:
        if isinstance(part, PlanDemo) and ctx.signer is not None:
            part.decisions.decider = (ctx.actor.username, ctx.actor.display_name)
            part.decisions.sign = lambda row: signatures.sign_decision_row(ctx, row)
    intake = next(part for part in parts if isinstance(part, IntakeDemo))
    for part in parts:
        if isinstance(part, AcuteDemo):  # no second open melding in one household
            part.intake_rows = intake.rows[Request]
    with ctx.store.read() as session:
        for part in (homes, *parts):
            part.prepare(session)
    done = 0
    while done < households:
        size = min(CHUNK, households - done)
        for _ in range(size):
            row, members = homes.next()
            for part in parts:
                part.household(row, members)
        with ctx.store.write() as session:
            for part in (homes, *parts):
                part.write(session)
        done += size
        if progress:
            progress(done, households)
    add_decision_kinds(ctx)
    ctx.store.analyze()
    return done
