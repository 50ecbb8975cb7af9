"""Urgency and its words, at the boundaries: due today, late by one day."""

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.work_queue import (
    Urgency,
    WorkItem,
    WorkKind,
    sort_by_urgency,
    urgency,
    when_text,
)

TODAY = dt.date(2026, 11, 23)


def test_boundaries():
    assert urgency(TODAY, TODAY) == Urgency.TODAY
    assert urgency(TODAY - dt.timedelta(days=1), TODAY) == Urgency.LATE
    assert urgency(TODAY + dt.timedelta(days=7), TODAY) == Urgency.SOON
    assert urgency(TODAY + dt.timedelta(days=8), TODAY) == Urgency.LATER
    assert when_text(TODAY - dt.timedelta(days=1), TODAY) == "1 dag te laat"
    assert when_text(TODAY - dt.timedelta(days=4), TODAY) == "4 dagen te laat"
    assert when_text(TODAY, TODAY) == "vandaag"
    assert when_text(TODAY + dt.timedelta(days=1), TODAY) == "morgen"
    assert when_text(TODAY + dt.timedelta(days=9), TODAY) == "nog 9 dagen"


@given(st.lists(st.integers(-60, 60), min_size=1, max_size=30))
def test_sorted_late_first_then_by_date(offsets):
    items = [
        WorkItem(
            WorkKind.EVALUATION_DUE,
            TODAY + dt.timedelta(days=o),
            uuid.uuid4(),
            f"H-2026-{i:06d}",
            "Huishouden X",
            "",
            "",
        )
        for i, o in enumerate(offsets)
    ]
    ordered = sort_by_urgency(items, TODAY)
    keys = [(i.urgency(TODAY), i.due) for i in ordered]
    assert keys == sorted(keys)
    assert ordered[0].due == min(i.due for i in items)
