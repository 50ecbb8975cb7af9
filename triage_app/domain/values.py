"""Validated value types: BSN, postcode, house number, phone, e-mail and dates.

Each ``parse_*`` takes what a worker typed and returns the normalised value, or raises
``InvalidValue`` with a short Dutch message fit to show beside the field.
"""

import datetime as dt
import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from triage_app.domain.bounds import check_date
from triage_app.domain.errors import InvalidValue

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def parse_bsn(text: str) -> str:
    """A BSN as nine digits; the elfproef is checked. Dots and spaces are allowed in input."""
    digits = re.sub(r"[\s.\-]", "", text or "")
    if not digits.isdigit():
        raise InvalidValue("Een BSN bestaat alleen uit cijfers.")
    if len(digits) not in (8, 9):
        raise InvalidValue("Een BSN heeft 9 cijfers.")
    try:
        return stdnum_bsn.validate(digits)
    except StdnumError:
        raise InvalidValue(
            "Dit BSN klopt niet (de elfproef faalt). Controleer het nummer."
        ) from None


def mask_bsn(bsn: str | None) -> str:
    """Show only the last four digits: ``*****1234``."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 4) + bsn[-4:]


def parse_postcode(text: str) -> str:
    """A Dutch postcode, normalised to ``1234 AB``."""
    compact = re.sub(r"\s", "", text or "").upper()
    if not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", compact):
        raise InvalidValue("Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3511 AB.")
    try:
        return stdnum_postcode.validate(compact)
    except StdnumError:
        raise InvalidValue(
            "Deze postcode bestaat niet (SA, SD en SS worden niet gebruikt)."
        ) from None


def parse_house_number(text: str) -> tuple[int, str]:
    """A house number with an optional addition: ``12``, ``12a``, ``12-2``, ``12 bis``."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[-\s]?\s*([A-Za-z0-9]{0,4})\s*", text or "")
    if not match or int(match.group(1)) == 0:
        raise InvalidValue("Vul een huisnummer in, bijvoorbeeld 12 of 12a.")
    return int(match.group(1)), match.group(2).upper()


def parse_phone(text: str) -> str:
    """A phone number, normalised without spaces: ``0612345678``, ``0301234567`` or ``+32…``."""
    raw = re.sub(r"[\s\-().]", "", text or "")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if raw.startswith("+31"):
        raw = "0" + raw[3:]
    if re.fullmatch(r"0[1-9][0-9]{8}", raw):
        return raw
    if re.fullmatch(r"\+[1-9][0-9]{7,14}", raw):
        return raw
    raise InvalidValue("Een telefoonnummer heeft 10 cijfers, bijvoorbeeld 06 12345678.")


def format_phone(phone: str) -> str:
    if phone.startswith("06") and len(phone) == 10:
        return f"06 {phone[2:]}"
    if len(phone) == 10 and phone.startswith("0"):
        return f"{phone[:3]} {phone[3:]}"
    return phone


def parse_email(text: str) -> str:
    value = (text or "").strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", value):
        raise InvalidValue("Dit e-mailadres klopt niet, bijvoorbeeld naam@voorbeeld.nl.")
    return value.lower()


_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y", "%d-%m-%y")


def parse_date(text: str) -> dt.date:
    """A date as a worker types it: ``12-03-1980``, ``12031980``, ``1980-03-12``."""
    value = (text or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            date = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        return check_date(date)
    raise InvalidValue("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1980.")


def check_not_future(date: dt.date, today: dt.date | None = None) -> dt.date:
    if date > (today or dt.date.today()):
        raise InvalidValue("Deze datum ligt in de toekomst.")
    return date


def parse_birth_date(text: str, today: dt.date | None = None) -> dt.date:
    """A birth date: a real date, not in the future and not before 1900."""
    date = check_not_future(parse_date(text), today)
    if date < EARLIEST_BIRTH_DATE:
        raise InvalidValue("Deze geboortedatum ligt voor 1900.")
    return date


def format_date(date: dt.date | None) -> str:
    return date.strftime("%d-%m-%Y") if date else ""


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
