"""Workers and their roles, as the services see the one who acts."""

import enum
import secrets
import uuid
from dataclasses import dataclass


class Role(enum.StrEnum):
    INTAKE = "intake"  # medewerker toegang
    CASEMANAGER = "casemanager"
    DECIDER = "decider"  # gemandateerde: may issue beschikkingen
    ADMIN = "admin"  # teamleider / beheerder


ROLE_LABELS = {
    Role.INTAKE: "Intakemedewerker",
    Role.CASEMANAGER: "Casemanager",
    Role.DECIDER: "Gemandateerde (besluit)",
    Role.ADMIN: "Teamleider / beheer",
}


@dataclass(frozen=True)
class Actor:
    """The worker on whose account a service call runs."""

    username: str
    display_name: str
    roles: frozenset[Role]
    id: uuid.UUID | None = None

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)


MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is too weak (Dutch), or None when it is strong enough.

    At least 10 characters with three of: lower case, upper case, digit, other; or a
    passphrase of 16 characters or more. Never the username.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens hebben."
    if username and username.lower() in password.lower():
        return "Het wachtwoord mag uw gebruikersnaam niet bevatten."
    if len(password) >= 16:
        return None
    kinds = sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )
    if kinds < 3:
        return (
            "Gebruik kleine letters, hoofdletters, cijfers of leestekens door elkaar "
            "(minstens drie soorten), of een zin van 16 tekens of meer."
        )
    return None


def login_delay_seconds(failures: int) -> float:
    """The pause before answering after ``failures`` wrong passwords in a row."""
    return 0.0 if failures <= 0 else float(min(2 ** (failures - 1), 8))


def parse_roles(text: str) -> frozenset[Role]:
    """Roles from ``intake,casemanager``; unknown codes raise ValueError with the valid ones."""
    roles = set()
    for code in filter(None, (part.strip().lower() for part in text.split(","))):
        try:
            roles.add(Role(code))
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise ValueError(f"onbekende rol '{code}' (kies uit: {valid})") from None
    return frozenset(roles)


@dataclass(frozen=True)
class WorkerView:
    id: uuid.UUID
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked: bool
    must_change_password: bool


def generate_password() -> str:
    """A random passphrase of 19 characters: strong enough, readable aloud."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))
