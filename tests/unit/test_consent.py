"""What a resident's consent lets a referral letter carry."""

from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain.intake import consent_covers


def test_no_consent_covers_nothing():
    assert consent_covers("") == consent_covers("   ") == frozenset()


def test_consent_naming_nothing_covers_the_question_and_the_phone_only():
    assert consent_covers("Mag gedeeld worden met het buurthuis") == {"question", "phone"}


def test_consent_covers_what_it_names():
    assert consent_covers("Alleen mijn telefoonnummer") == {"phone"}
    assert consent_covers("Vraag en e-mail mogen naar Humanitas") == {"question", "email"}
    assert consent_covers("Naam en adres voor een huisbezoek") == {"address"}


@given(st.text(max_size=80))
def test_email_and_address_only_when_named(consent):
    covered = consent_covers(consent)
    assert covered <= {"question", "phone", "email", "address"}
    if "email" in covered:
        assert "mail" in consent.lower()
    if "address" in covered:
        assert "adres" in consent.lower()
