"""The household and its members as plain data: input to validate, views to show."""

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

from triage_app.domain.bounds import check_text
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.values import (
    parse_birth_date,
    parse_bsn,
    parse_email,
    parse_house_number,
    parse_phone,
    parse_postcode,
)


class MemberRole(enum.StrEnum):
    """A member's place in the household."""

    MAIN = "main"  # hoofdbewoner / aanvrager
    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    HOUSEMATE = "housemate"
    OTHER = "other"


MEMBER_ROLE_LABELS = {
    MemberRole.MAIN: "Hoofdbewoner",
    MemberRole.PARTNER: "Partner",
    MemberRole.CHILD: "Kind",
    MemberRole.PARENT: "Ouder",
    MemberRole.HOUSEMATE: "Huisgenoot",
    MemberRole.OTHER: "Anders",
}


def dossier_number(year: int, seq: int) -> str:
    """The human dossier number of a household, e.g. ``H-2026-000123``."""
    return f"H-{year}-{seq:06d}"


def full_name(first_name: str, prefix: str, last_name: str) -> str:
    return " ".join(part for part in (first_name, prefix, last_name) if part)


def household_name(prefix: str, last_name: str) -> str:
    """How a household is named in lists: ``Huishouden van den Berg``."""
    return "Huishouden " + " ".join(part for part in (prefix, last_name) if part)


@dataclass
class PersonInput:
    """A member as typed in the dialog: raw strings, validated by ``validate``."""

    first_name: str = ""
    prefix: str = ""
    last_name: str = ""
    birth_date: str = ""
    bsn: str = ""
    role: MemberRole = MemberRole.MAIN
    phone: str = ""
    email: str = ""
    is_carer: bool = False
    id: uuid.UUID | None = None
    version: int | None = None

    def validate(self, today: dt.date | None = None) -> "PersonData":
        errors: dict[str, str] = {}

        def check(name: str, parse, raw: str, required: bool = False):
            raw = (raw or "").strip()
            if not raw:
                if required:
                    errors[name] = "Dit veld is verplicht."
                return None
            try:
                return parse(raw)
            except InvalidValue as exc:
                errors[name] = exc.message
                return None

        first = (self.first_name or "").strip()
        last = (self.last_name or "").strip()
        for name, raw in (
            ("first_name", first),
            ("prefix", self.prefix or ""),
            ("last_name", last),
        ):
            try:
                check_text(raw, 80 if name != "prefix" else 20, "Deze naam")
            except InvalidValue as exc:
                errors[name] = exc.message
        if not first:
            errors["first_name"] = "Vul de voornaam in."
        if not last:
            errors["last_name"] = "Vul de achternaam in."
        birth = check("birth_date", lambda s: parse_birth_date(s, today), self.birth_date, True)
        bsn = check("bsn", parse_bsn, self.bsn)
        phone = check("phone", parse_phone, self.phone)
        email = check("email", parse_email, self.email)
        if errors:
            raise ValidationFailed(errors)
        assert birth is not None
        return PersonData(
            first_name=first,
            prefix=(self.prefix or "").strip(),
            last_name=last,
            birth_date=birth,
            bsn=bsn,
            role=MemberRole(self.role),
            phone=phone,
            email=email,
            is_carer=bool(self.is_carer),
            id=self.id,
            version=self.version,
        )


@dataclass(frozen=True)
class PersonData:
    """A validated member."""

    first_name: str
    prefix: str
    last_name: str
    birth_date: dt.date
    bsn: str | None
    role: MemberRole
    phone: str | None
    email: str | None
    is_carer: bool
    id: uuid.UUID | None = None
    version: int | None = None


@dataclass
class HouseholdInput:
    """A household as typed in the dialog."""

    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    district: str = ""
    phone: str = ""
    members: list[PersonInput] = field(default_factory=list)
    id: uuid.UUID | None = None
    version: int | None = None

    def validate(self, districts: list[str], today: dt.date | None = None) -> "HouseholdData":
        errors: dict[str, str] = {}
        street = (self.street or "").strip()
        city = (self.city or "").strip()
        for name, raw in (("street", street), ("city", city)):
            try:
                check_text(raw, 120 if name == "street" else 80)
            except InvalidValue as exc:
                errors[name] = exc.message
        if not street:
            errors["street"] = "Vul de straat in."
        if not city:
            errors["city"] = "Vul de woonplaats in."
        number, addition = 0, ""
        try:
            number, addition = parse_house_number(self.house_number)
        except InvalidValue as exc:
            errors["house_number"] = exc.message
        postcode = ""
        try:
            postcode = parse_postcode(self.postcode)
        except InvalidValue as exc:
            errors["postcode"] = exc.message
        if self.district not in districts:
            errors["district"] = "Kies de wijk."
        phone = None
        if (self.phone or "").strip():
            try:
                phone = parse_phone(self.phone)
            except InvalidValue as exc:
                errors["phone"] = exc.message
        members: list[PersonData] = []
        if not self.members:
            errors["members"] = "Voeg minstens één bewoner toe."
        for index, member in enumerate(self.members):
            try:
                members.append(member.validate(today))
            except ValidationFailed as exc:
                for key, message in exc.errors.items():
                    errors[f"members.{index}.{key}"] = message
        bsns = [m.bsn for m in members if m.bsn]
        if len(bsns) != len(set(bsns)):
            errors["members"] = "Hetzelfde BSN staat bij twee bewoners."
        if errors:
            raise ValidationFailed(errors)
        return HouseholdData(
            street=street,
            house_number=number,
            house_number_addition=addition,
            postcode=postcode,
            city=city,
            district=self.district,
            phone=phone,
            members=members,
            id=self.id,
            version=self.version,
        )


@dataclass(frozen=True)
class HouseholdData:
    """A validated household with its members."""

    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str
    district: str
    phone: str | None
    members: list[PersonData]
    id: uuid.UUID | None = None
    version: int | None = None


def address_line(street: str, number: int, addition: str) -> str:
    return (
        f"{street} {number}{addition}"
        if addition.isalpha()
        else (f"{street} {number}-{addition}" if addition else f"{street} {number}")
    )


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    first_name: str
    prefix: str
    last_name: str
    birth_date: dt.date
    bsn_masked: str
    has_bsn: bool
    role: MemberRole
    phone: str | None
    email: str | None
    is_carer: bool
    version: int
    representative: str = ""  # "curator Jan de Vries" (domain/representative.py), or ""

    @property
    def name(self) -> str:
        return full_name(self.first_name, self.prefix, self.last_name)


@dataclass(frozen=True)
class HouseholdSummary:
    """One row of the search results."""

    id: uuid.UUID
    dossier_number: str
    name: str
    address: str
    postcode: str
    city: str
    district: str
    members: str  # "Jan (12-03-1980), Els (01-01-1982)"


@dataclass(frozen=True)
class HouseholdView:
    """A household as the household screen shows it."""

    id: uuid.UUID
    dossier_number: str
    name: str
    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str
    district: str
    phone: str | None
    members: list[PersonView]
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @property
    def address(self) -> str:
        return address_line(self.street, self.house_number, self.house_number_addition)


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing household that looks like the one being registered, and why."""

    household: HouseholdSummary
    reason: str


def household_changes(before: HouseholdView, after: HouseholdView) -> list[str]:
    """What changed between two views of a household, in Dutch lines for the worker."""
    labels = {
        "street": "straat",
        "house_number": "huisnummer",
        "house_number_addition": "toevoeging",
        "postcode": "postcode",
        "city": "woonplaats",
        "district": "wijk",
        "phone": "telefoon",
    }
    lines = [
        f"{label}: was '{getattr(before, f) or ''}', nu '{getattr(after, f) or ''}'"
        for f, label in labels.items()
        if getattr(before, f) != getattr(after, f)
    ]
    old = {m.id: m for m in before.members}
    member_labels = {
        "first_name": "voornaam",
        "prefix": "tussenvoegsel",
        "last_name": "achternaam",
        "birth_date": "geboortedatum",
        "role": "rol",
        "phone": "telefoon",
        "email": "e-mail",
        "is_carer": "mantelzorger",
        "bsn_masked": "BSN",
    }
    for member in after.members:
        if member.id not in old:
            lines.append(f"bewoner toegevoegd: {member.name}")
            continue
        for f, label in member_labels.items():
            was, now = getattr(old[member.id], f), getattr(member, f)
            if was != now:
                lines.append(f"{member.first_name}, {label}: was '{was or ''}', nu '{now or ''}'")
    return lines
