"""Merge rules for offline work (domain/sync_merge.py): nothing is ever lost or overwritten."""

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.sync_merge import (
    FieldConflict,
    PersonKey,
    Presence,
    changed_since,
    matches,
    merge_record,
    presence,
    reserve_block,
    same_person,
)

FIELDS = ["street", "phone", "city", "postcode", "notes"]
values = st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 5))
records = st.fixed_dictionaries({name: values for name in FIELDS})
edits = st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS))


@given(records, edits, edits)
def test_every_field_ends_with_a_side_value_or_a_conflict_holding_both(base, mine, theirs):
    laptop, team = {**base, **mine}, {**base, **theirs}
    result = merge_record(base, laptop, team)
    by_field = {c.field: c for c in result.conflicts}
    for name in FIELDS:
        if name in by_field:
            conflict = by_field[name]
            assert (conflict.laptop, conflict.team) == (laptop[name], team[name])
            assert laptop[name] != team[name]
            assert laptop[name] != base[name] and team[name] != base[name]
        elif laptop[name] != base[name]:
            assert result.merged[name] == laptop[name]  # a laptop change is never lost
        else:
            assert result.merged[name] == team[name]


@given(records, edits, edits)
def test_changes_to_different_fields_merge_without_a_question(base, mine, theirs):
    theirs = {k: v for k, v in theirs.items() if k not in mine}
    result = merge_record(base, {**base, **mine}, {**base, **theirs})
    assert result.conflicts == []
    assert result.merged == {**base, **mine, **theirs}


@given(records, edits)
def test_the_same_change_on_both_sides_is_no_conflict(base, change):
    result = merge_record(base, {**base, **change}, {**base, **change})
    assert result.conflicts == []
    assert result.merged == {**base, **change}
    assert not result.changes_team and not result.changes_laptop


@given(records, edits, edits)
def test_merging_again_after_the_team_took_the_result_changes_nothing_more(base, mine, theirs):
    """A sync cut off after writing the team store, run again: the same conflicts, no more."""
    laptop, team = {**base, **mine}, {**base, **theirs}
    first = merge_record(base, laptop, team)
    again = merge_record(base, laptop, first.merged)
    assert again.merged == first.merged
    assert again.conflicts == first.conflicts
    assert not again.changes_team


def test_one_field_changed_on_both_sides_keeps_both_values():
    base = {"phone": "0301111111", "city": "Utrecht", "version": 1}
    result = merge_record(
        base,
        {"phone": "0302222222", "city": "Utrecht", "version": 2},
        {"phone": "0303333333", "city": "Maarssen", "version": 3},
    )
    assert result.conflicts == [FieldConflict("phone", "0301111111", "0302222222", "0303333333")]
    assert result.merged == {"phone": "0303333333", "city": "Maarssen"}
    assert result.team_changed == ["city"]


def test_without_a_base_only_differences_conflict():
    result = merge_record(None, {"a": 1, "b": 2}, {"a": 1, "b": 3})
    assert [c.field for c in result.conflicts] == ["b"]


def test_presence_and_change_detection():
    assert presence(True, True, True) == Presence.BOTH
    assert presence(False, True, False) == Presence.LAPTOP_NEW
    assert presence(False, False, True) == Presence.TEAM_NEW
    assert presence(True, False, True) == Presence.LAPTOP_DELETED
    assert presence(True, True, False) == Presence.TEAM_DELETED
    assert changed_since({"a": 1, "version": 1}, {"a": 1, "version": 7}) is False
    assert changed_since({"a": 1}, {"a": 2}) is True


def _key(**kw):
    base = dict(
        bsn=None,
        first_name="Sanne",
        last_name="de Vries",
        birth_date="2010-04-01",
        postcode="3562 AB",
    )
    return PersonKey(**{**base, **kw})


def test_same_person_by_bsn_or_by_name_birth_date_and_postcode():
    assert same_person(_key(bsn="111222333"), _key(bsn="111222333", first_name="S."))
    assert not same_person(_key(bsn="111222333"), _key(bsn="123456782"))
    assert same_person(_key(), _key(first_name=" sanne ", postcode="3562ab"))
    assert not same_person(_key(), _key(birth_date="2010-04-02"))
    assert matches(_key(), [(1, _key(last_name="Jansen")), (2, _key(bsn="111222333"))]) == [2]


@given(st.integers(0, 10**6), st.lists(st.integers(1, 1000), min_size=1, max_size=20))
def test_blocks_reserved_one_after_another_never_share_a_number(start, sizes):
    counter, blocks = start, []
    for size in sizes:
        block, counter = reserve_block("decision-2026", counter, size)
        assert block.last - block.first + 1 == size
        blocks.append(block)
    assert counter == start + sum(sizes)
    for i, a in enumerate(blocks):
        for b in blocks[i + 1 :]:
            assert not a.overlaps(b)
