"""Acute first: the ordering rule, the acute term in working days, who turns 18 within a year,
and the queue as CSV and as a table."""

import csv
import datetime as dt
import io
import uuid

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.deadlines import add_working_days
from triage_app.domain.triage import (
    Score,
    acuteness,
    turning_18_born_between,
    turning_18_within,
)
from triage_app.domain.work_queue import (
    CSV_COLUMNS,
    Urgency,
    WorkItem,
    WorkKind,
    as_csv,
    as_table,
    sort_by_urgency,
)

TODAY = dt.date(2026, 11, 23)
RULES = {"acute_score": 1, "acute_note_words": ["uitzetting", "dakloos"]}


def _item(offset: int, acute: bool = False, n: int = 0, **fields) -> WorkItem:  # type: ignore[no-untyped-def]
    values = {
        "kind": WorkKind.ACUTE_MELDING if acute else WorkKind.EVALUATION_DUE,
        "due": TODAY + dt.timedelta(days=offset),
        "household_id": uuid.uuid4(),
        "dossier_number": f"H-2026-{n:06d}",
        "household_name": "Huishouden X",
        "worker": "",
        "detail": "",
        "acute": acute,
    }
    return WorkItem(**{**values, **fields})


GROUP = {Urgency.ACUTE: 0, Urgency.LATE: 1, Urgency.TODAY: 2, Urgency.SOON: 2, Urgency.LATER: 3}


@given(st.lists(st.tuples(st.integers(-60, 400), st.booleans()), min_size=1, max_size=30))
def test_acute_before_late_before_due_before_later(specs):
    items = [_item(offset, acute, n) for n, (offset, acute) in enumerate(specs)]
    ordered = sort_by_urgency(items, TODAY)
    groups = [GROUP[i.urgency(TODAY)] for i in ordered]
    assert groups == sorted(groups)  # acute < late < due (today, soon) < later
    assert sum(1 for i in ordered if i.acute) == groups.count(0)  # however far its date
    within = [(GROUP[i.urgency(TODAY)], i.due) for i in ordered]
    assert within == sorted(within)  # by date inside each group


def test_acuteness_from_the_tick_a_score_of_1_or_a_word_in_the_notes():
    assert not acuteness(False, [Score("housing", 2)], RULES).acute
    assert acuteness(True, [], RULES).text({}) == "spoed"
    found = acuteness(
        False, [Score("housing", 1), Score("finances", 3, "Dreigt uitzetting")], RULES
    )
    assert found.acute and found.text({"housing": "Huisvesting"}) == "Huisvesting, finances"
    assert acuteness(False, [Score("social_network", None, "Is dakloos")], RULES).acute


def test_acute_term_in_working_days():
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)  # Monday
    assert add_working_days(friday + dt.timedelta(days=1), 1) == dt.date(2026, 11, 23)
    assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)  # Christmas
    assert add_working_days(dt.date(2026, 12, 24), 0) == dt.date(2026, 12, 24)
    extra = [dt.date(2026, 11, 23)]
    assert add_working_days(friday, 1, extra) == dt.date(2026, 11, 24)


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_birth_date_range_holds_everyone_turning_18_within_a_year(born, today):
    first, last = turning_18_born_between(today, 12)
    if turning_18_within(born, today, 12):
        assert first <= born <= last


def test_csv_has_the_exact_header_and_neutralises_formulas():
    items = [
        _item(-2, n=1, household_name="=HYPERLINK(1)", detail="+31 6"),
        _item(3, acute=True, n=2, kind=WorkKind.TURNING_18, detail="Wordt 18 op 3 maart 2027"),
    ]
    text = as_csv(sort_by_urgency(items, TODAY), TODAY)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert CSV_COLUMNS == (
        "urgentie",
        "wanneer",
        "datum",
        "wat",
        "dossier",
        "huishouden",
        "wie",
        "toelichting",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["urgentie"] for r in rows] == ["Acuut", "Te laat"]
    assert rows[0]["wat"] == "Wordt 18" and rows[0]["wanneer"] == "nog 3 dagen"
    assert rows[1]["huishouden"] == "'=HYPERLINK(1)" and rows[1]["toelichting"] == "'+31 6"
    table = as_table(sort_by_urgency(items, TODAY), TODAY).splitlines()
    assert table[0].split() == [c.capitalize() for c in CSV_COLUMNS]
    assert table[1].startswith("Acuut") and "2 dagen te laat" in table[2]
    assert as_table([], TODAY) == "Er staat geen werk klaar."
