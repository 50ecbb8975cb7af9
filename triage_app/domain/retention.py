"""How long a closed dossier is kept, by its result (periods from the municipality profile)."""

import datetime as dt
import enum
from collections.abc import Mapping


class ClosureResult(enum.StrEnum):
    PROVIDED_PLAN = "provided_plan"  # a support plan or provision was provided: 15 years
    NO_PLAN = "no_plan"  # a request that led to no plan or provision: 5 years
    BROKEN_OFF = "broken_off"  # withdrawn, moved, deceased: 6 weeks


RESULT_LABELS = {
    ClosureResult.PROVIDED_PLAN: "Plan of voorziening verstrekt",
    ClosureResult.NO_PLAN: "Geen plan of voorziening",
    ClosureResult.BROKEN_OFF: "Afgebroken (ingetrokken, verhuisd, overleden)",
}


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def destroy_after(result: ClosureResult, closed_on: dt.date, profile: Mapping) -> dt.date:
    """The first day the dossier may be destroyed (periods in ``ctx.reference.profile``)."""
    periods = profile["retention"]
    if result == ClosureResult.PROVIDED_PLAN:
        return _add_years(closed_on, int(periods["provided_plan_years"]))
    if result == ClosureResult.NO_PLAN:
        return _add_years(closed_on, int(periods["no_plan_years"]))
    return closed_on + dt.timedelta(weeks=int(periods["broken_off_weeks"]))
