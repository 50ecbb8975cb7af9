"""Which of a plan's decisions the Beschikkingen tab shows under each filter: all, in force
(geldend), ended (afgelopen) and those with an objection.

A decision is **in force** on a day when it grants support that has not ended and has not
been replaced: a later decision that replaces it takes over on the day its support starts (a
change that starts later leaves the old decision in force until then). It has **ended** when
it granted support that has since ended or been replaced. A refusal or a beslissing op
bezwaar grants nothing by itself and shows under "all" (and "with objection" when it has
one). **With objection**: an objection was recorded against it, or it decides on one.
"""

import datetime as dt
import enum
from collections.abc import Sequence

from triage_app.domain.plan_views import DecisionView


class DecisionFilter(enum.StrEnum):
    ALL = "all"
    IN_FORCE = "in_force"
    ENDED = "ended"
    OBJECTED = "objected"


FILTER_LABELS = {
    DecisionFilter.ALL: "Alle besluiten",
    DecisionFilter.IN_FORCE: "Geldend",
    DecisionFilter.ENDED: "Afgelopen",
    DecisionFilter.OBJECTED: "Met bezwaar",
}


def _dates(decision: DecisionView, key: str) -> list[dt.date]:
    return [
        dt.date.fromisoformat(p[key])
        for p in decision.content.get("provisions", [])
        if p.get(key) and p.get("granted", True)
    ]


def _grants(decision: DecisionView) -> bool:
    return decision.kind != "objection" and any(
        p.get("granted", True) for p in decision.content.get("provisions", [])
    )


def _taken_over_on(decision: DecisionView, history: Sequence[DecisionView]) -> dt.date | None:
    """The day a later decision that replaces ``decision`` takes over, if there is one."""
    days = []
    for later in history:
        if later.replaces_number == decision.number:
            starts = _dates(later, "start_date")
            days.append(min(starts) if starts else later.decision_date)
    return min(days) if days else None


def in_force(decision: DecisionView, history: Sequence[DecisionView], on: dt.date) -> bool:
    if not _grants(decision):
        return False
    taken_over = _taken_over_on(decision, history)
    if taken_over is not None and taken_over <= on:
        return False
    ends = _dates(decision, "end_date")
    return not ends or max(ends) >= on


def filtered(
    history: Sequence[DecisionView], which: DecisionFilter, on: dt.date
) -> list[DecisionView]:
    """The decisions of ``history`` (newest first, kept in that order) under ``which``."""
    if which == DecisionFilter.IN_FORCE:
        return [d for d in history if in_force(d, history, on)]
    if which == DecisionFilter.ENDED:
        return [d for d in history if _grants(d) and not in_force(d, history, on)]
    if which == DecisionFilter.OBJECTED:
        return [d for d in history if d.objections or d.on_objection]
    return list(history)
