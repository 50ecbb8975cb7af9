"""Data minimisation rules: which domains a question points at, the reason asked for any other
domain, and what the verslag says was assessed and not asked."""

import uuid

import pytest

from triage_app.domain.errors import ValidationFailed
from triage_app.domain.intake import (
    AssessmentInput,
    Score,
    question_domains,
    scope_summary,
)

CODES = ["finances", "housing", "mental_health", "social_network", "justice"]


def test_the_questions_words_point_at_domains_in_reference_order():
    assert question_domains("Mijn vrouw vergeet veel en de huur is te laat", CODES) == [
        "housing",
        "mental_health",
    ]
    assert question_domains("Ik voel me EENZAAM", CODES) == ["social_network"]
    assert question_domains("Hoe vraag ik een parkeervergunning aan?", CODES) == []
    assert question_domains("De postcode klopt niet", CODES) == ["finances"]  # a start of word


def test_a_domain_outside_the_question_needs_a_reason_when_anything_is_recorded():
    person = uuid.uuid4()
    outside = Score("justice", 3)
    with pytest.raises(ValidationFailed) as caught:
        AssessmentInput(person, [Score("finances", 2), outside], scope=["finances"]).validate(
            complete=True
        )
    assert list(caught.value.errors) == ["reason.justice"]
    assert "Waarom is dit nodig voor deze vraag?" in caught.value.errors["reason.justice"]
    with pytest.raises(ValidationFailed):  # a note alone is recorded data too
        AssessmentInput(person, [Score("justice", None, "reclassering")], scope=[]).validate(False)
    AssessmentInput(
        person, [Score("justice", 3, reason="Taakstraf bepaalt de dag")], scope=[]
    ).validate(True)
    AssessmentInput(person, [outside], scope=None).validate(True)  # before scopes: all asked
    AssessmentInput(person, [Score("justice", None, reason="x")], scope=[]).validate(False)


def test_the_summary_lists_assessed_with_why_and_not_asked():
    scores = [
        Score("finances", 2),
        Score("justice", 3, reason="Taakstraf bepaalt de dag"),
        Score("housing", None),  # nothing recorded: not assessed
    ]
    assessed, not_asked = scope_summary(["finances", "social_network"], scores, CODES)
    assert assessed == [
        ("finances", ""),
        ("social_network", ""),  # in the question, even without a score
        ("justice", "Taakstraf bepaalt de dag"),
    ]
    assert not_asked == ["housing", "mental_health"]
    assert scope_summary(None, scores, CODES) == ([(c, "") for c in CODES], [])
