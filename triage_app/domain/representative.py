"""A resident's representative (wettelijk vertegenwoordiger or gemachtigde) and to whom a
beschikking about that resident is sent.

Who gets the letter, decided here once:

- a **curator**, **mentor**, **gemachtigde** or **ouder met gezag** acts for the resident in
  care matters: the decision is addressed to them, at their own address (window envelope),
  and says for whom it is ("Aan de heer Jan de Vries, curator van Fenna Zwanenburg");
- a **bewindvoerder** manages only money: the letter stays addressed to the resident, and the
  bewindvoerder gets a copy only when the decision has a money part: an eigen bijdrage due
  (the CAK will collect it) or a granted pgb (a budget to account for). The letter then
  names the copy ("Een kopie van deze brief gaat naar ...") so the resident knows, and the
  batch print adds the copy addressed to the bewindvoerder (services/printing.py).
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage_app.domain.bounds import check_text
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.values import parse_postcode


class RepresentativeKind(enum.StrEnum):
    PARENT = "parent"  # ouder met gezag
    CURATOR = "curator"
    MENTOR = "mentor"
    ADMINISTRATOR = "administrator"  # bewindvoerder: money matters only
    AUTHORISED = "authorised"  # gemachtigde


KIND_LABELS = {
    RepresentativeKind.PARENT: "ouder met gezag",
    RepresentativeKind.CURATOR: "curator",
    RepresentativeKind.MENTOR: "mentor",
    RepresentativeKind.ADMINISTRATOR: "bewindvoerder",
    RepresentativeKind.AUTHORISED: "gemachtigde",
}
# Who receives the decision itself instead of the resident.
ADDRESSED_KINDS = frozenset(
    {
        RepresentativeKind.PARENT,
        RepresentativeKind.CURATOR,
        RepresentativeKind.MENTOR,
        RepresentativeKind.AUTHORISED,
    }
)
FORMS_OF_ADDRESS = {"heer": "de heer", "mevrouw": "mevrouw", "": ""}
FORM_LABELS = {"heer": "de heer", "mevrouw": "mevrouw", "": "(geen aanhef)"}


@dataclass(frozen=True)
class Representative:
    kind: RepresentativeKind
    form: str  # "heer", "mevrouw" or "" (FORMS_OF_ADDRESS)
    name: str
    street: str  # street and house number, as on the envelope
    postcode: str
    city: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def called(self) -> str:
        """ "de heer Jan de Vries", "mevrouw Anna Smit" or just the name."""
        return " ".join(filter(None, [FORMS_OF_ADDRESS[self.form], self.name]))


@dataclass(frozen=True)
class RepresentativeInput:
    """A representative as typed in the dialog; ``validate`` gives Dutch messages per field."""

    kind: str = ""
    form: str = ""
    name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""

    def validate(self) -> Representative:
        errors: dict[str, str] = {}
        try:
            kind = RepresentativeKind(self.kind)
        except ValueError:
            errors["kind"] = "Kies wat voor vertegenwoordiger het is."
            kind = RepresentativeKind.CURATOR
        if self.form not in FORMS_OF_ADDRESS:
            errors["form"] = "Kies de aanhef: de heer, mevrouw of geen."
        texts = {}
        for field, label, size in (
            ("name", "De naam", 120),
            ("street", "Het adres", 160),
            ("city", "De plaats", 80),
        ):
            value = " ".join((getattr(self, field) or "").split())
            try:
                check_text(value, size, label)
            except InvalidValue as exc:
                errors[field] = exc.message
            if not value and field not in errors:
                errors[field] = {
                    "name": "Vul de naam van de vertegenwoordiger in.",
                    "street": "Vul de straat en het huisnummer in.",
                    "city": "Vul de plaats in.",
                }[field]
            texts[field] = value
        postcode = ""
        try:
            postcode = parse_postcode(self.postcode)
        except InvalidValue as exc:
            errors["postcode"] = exc.message
        if errors:
            raise ValidationFailed(errors)
        return Representative(
            kind, self.form, texts["name"], texts["street"], postcode, texts["city"]
        )


def representative_from(values: Mapping[str, Any] | None) -> Representative | None:
    """A stored representative (plain values) back as one, or None."""
    if not values or not values.get("kind"):
        return None
    return Representative(
        RepresentativeKind(values["kind"]),
        values.get("form", ""),
        values["name"],
        values["street"],
        values["postcode"],
        values["city"],
    )


def letter_routing(
    representative: Representative | None, person_name: str, money_part: bool
) -> dict[str, str]:
    """What changes in a decision letter about ``person_name`` because of a representative:
    the addressee and address (addressed kinds), the for-whom line, and a copy line for a
    bewindvoerder when the decision has a money part. Empty when nothing changes."""
    if representative is None:
        return {}
    r = representative
    if r.kind in ADDRESSED_KINDS:
        return {
            "addressee": r.name,
            "recipient": r.called[:1].upper() + r.called[1:],
            "address": r.street,
            "postcode": r.postcode,
            "city": r.city,
            "for_whom": (
                f"Aan {r.called}, {r.label} van {person_name}. Dit besluit gaat over "
                f"{person_name}. Wij sturen deze brief aan u, omdat u de {r.label} van "
                f"{person_name} bent."
            ),
        }
    if r.kind == RepresentativeKind.ADMINISTRATOR and money_part:
        return {
            "copy_recipient": [
                r.called[:1].upper() + r.called[1:],
                r.street,
                f"{r.postcode}  {r.city.upper()}",
            ],
            "copy_to": (
                f"Een kopie van deze brief gaat naar {r.called}, bewindvoerder van "
                f"{person_name}, {r.street}, {r.postcode} {r.city}. Dit besluit gaat ook "
                f"over geld."
            ),
        }
    return {}
