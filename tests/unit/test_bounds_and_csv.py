"""Input bounds in the domain and CSV safety, by property: what a worker can type never
stores an absurd value, and no exported cell runs as a spreadsheet formula."""

import codecs
import csv
import datetime as dt
import io
import math
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_app.domain import bounds
from triage_app.domain.csv_text import decode, neutralise, write_dicts
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.household import PersonInput
from triage_app.domain.plan import DeliveryForm, ExtentUnit, PlanDraft, ProvisionData
from triage_app.domain.values import parse_date


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([*ExtentUnit, None]))
def test_a_volume_is_accepted_only_when_finite_positive_and_sane(volume, unit):
    ceiling = bounds.MAX_VOLUME.get(unit or "", bounds.DEFAULT_MAX_VOLUME)
    if math.isfinite(volume) and 0 < volume <= ceiling:
        assert bounds.check_volume(volume, unit) == volume
    else:
        with pytest.raises(InvalidValue):
            bounds.check_volume(volume, unit)


@pytest.mark.parametrize("volume", [math.inf, -math.inf, math.nan, 0, -3, 1e12])
def test_a_plan_with_an_absurd_volume_is_refused_at_the_field(volume):
    person = uuid.uuid4()
    draft = PlanDraft(
        case_lead="cm",
        question="Hulp",
        main_provider=None,
        evaluation_date=None,
        end_date=None,
        provisions=[
            ProvisionData(
                person_id=person,
                kind="begeleiding",
                segment="",
                intensities={},
                delivery_form=DeliveryForm.IN_KIND,
                provider=None,
                start_date=None,
                end_date=None,
                product_category="02",
                volume=volume,
                unit=ExtentUnit.DAY_PART,
            )
        ],
    )
    with pytest.raises(ValidationFailed) as failed:
        draft.validate()
    assert "provisions.0.volume" in failed.value.errors


@given(st.dates())
def test_dates_outside_1900_to_2100_are_refused(date):
    text = f"{date.day:02d}-{date.month:02d}-{date.year:04d}"
    if dt.date(1900, 1, 1) <= date <= dt.date(2100, 12, 31):
        assert parse_date(text) == date
    else:
        with pytest.raises(InvalidValue, match="1900 en 2100"):
            parse_date(text)


def test_send_date_9999_is_a_message_not_an_overflow():
    with pytest.raises(InvalidValue):
        parse_date("31-12-9999")


@given(st.text(max_size=300))
def test_text_with_nul_or_a_lone_surrogate_or_too_long_is_refused(text):
    bad = (
        "\x00" in text
        or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        or len(text) > bounds.SHORT_TEXT
    )
    if bad:
        with pytest.raises(InvalidValue):
            bounds.check_text(text)
    else:
        assert bounds.check_text(text) == text


@pytest.mark.parametrize("name", ["Fen\x00na", "Fenna\ud800", "F" * 81])
def test_a_member_name_with_bad_characters_is_refused_at_the_field(name):
    member = PersonInput(first_name=name, last_name="Zwanenburg", birth_date="14-05-1951")
    with pytest.raises(ValidationFailed) as failed:
        member.validate()
    assert "first_name" in failed.value.errors


@given(st.text())
def test_no_exported_cell_starts_as_a_formula(text):
    cell = neutralise(text)
    assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert str(cell).endswith(text)


def test_csv_injection_cells_are_neutralised_in_the_file():
    out = write_dicts(
        [{"a": '=HYPERLINK("http://x","klik")', "b": "=cmd|' /C calc'!A0", "c": 12}],
        ["a", "b", "c"],
    )
    row = list(csv.reader(io.StringIO(out), delimiter=";"))[1]
    assert row == ['\'=HYPERLINK("http://x","klik")', "'=cmd|' /C calc'!A0", "12"]


# Dutch text: plain letters and the accented ones a municipality's file holds. (A cp1252 byte
# string that is also valid UTF-8 is ambiguous by nature; these letters never form one.)
DUTCH = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABC 0123;,.'|éëïöüçÉ"))


@given(DUTCH)
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1252"],
)
def test_csv_text_is_decoded_whatever_its_encoding(encode, text):
    text = "code;organisatie\n" + text.replace("\r", "")
    try:
        data = encode(text)
    except UnicodeEncodeError:
        return
    assert decode(data) == text
