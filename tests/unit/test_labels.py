"""Counted nouns read right: one is singular, every other number plural."""

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.labels import counted


def test_one_is_singular_and_zero_and_two_are_plural():
    assert counted(1, "besluit", "besluiten") == "1 besluit"
    assert counted(2, "besluit", "besluiten") == "2 besluiten"
    assert counted(0, "besluit", "besluiten") == "0 besluiten"


@given(st.integers(min_value=0, max_value=10**6).filter(lambda n: n != 1))
def test_any_other_count_is_plural(n):
    assert counted(n, "regel", "regels") == f"{n} regels"


def test_audit_details_read_in_dutch_without_true_or_false():
    from triage_app.domain.audit import detail_text

    text = detail_text({"completed": True, "revoked": False, "fields": ["telefoon", "e-mail"]})
    assert text == "afgerond: ja; ingetrokken: nee; velden: telefoon, e-mail"
    assert "True" not in text and "completed" not in text
