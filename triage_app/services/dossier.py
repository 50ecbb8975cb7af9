"""Opening a dossier in one go: the household, whether a melding is open, its history and the
members about to turn 18. Everything is read, and every viewing logged, in ONE transaction
(one commit, one fsync), and handed back as plain values, so the screen asks for it off the UI
thread and paints it at once."""

import uuid
from dataclasses import dataclass

from triage_app.domain.household import HouseholdView
from triage_app.domain.intake import TimelineEntry
from triage_app.services import households, intake, intake_history, offline
from triage_app.services.context import ServiceContext


@dataclass(frozen=True)
class IntakeSection:
    """The dossier's intake part: the button text and the history shown below the members."""

    has_open_melding: bool
    timeline: list[TimelineEntry]
    turning_18: list[str]  # names of members who turn 18 within a year
    acute: str = ""  # why the open melding is acute ("spoed, Huisvesting"), "" when it is not


@dataclass(frozen=True)
class Dossier:
    household: HouseholdView
    intake: IntakeSection
    taken_along: str | None = None  # "Meegenomen door … sinds …" (team store)


def _intake_section(session, ctx: ServiceContext, household_id: uuid.UUID) -> IntakeSection:  # type: ignore[no-untyped-def]
    melding = intake.open_request(session, ctx, household_id)
    return IntakeSection(
        has_open_melding=melding is not None,
        timeline=intake_history.timeline_in(session, ctx, household_id),
        turning_18=intake_history.turning_18_in(session, ctx, household_id),
        acute=intake_history.acute_reasons(session, ctx, [melding])[melding.id] if melding else "",
    )


def open_dossier(ctx: ServiceContext, household_id: uuid.UUID) -> Dossier:
    """The dossier as the screen shows it; the viewing is logged."""
    ctx.require(*households.WORK_ROLES, action="een dossier openen")
    with ctx.store.write() as session:
        household = households.view_household(session, ctx, household_id)
        return Dossier(
            household,
            _intake_section(session, ctx, household_id),
            offline.taken_along_note_in(session, household_id),
        )


def intake_section(ctx: ServiceContext, household_id: uuid.UUID) -> IntakeSection:
    """Only the intake part again, after a melding was worked on."""
    ctx.require(*intake.READ_ROLES, action="een dossier bekijken")
    with ctx.store.write() as session:
        return _intake_section(session, ctx, household_id)
