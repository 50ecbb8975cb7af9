"""Workers and their roles, as the services see the one who acts."""

import enum
import uuid
from dataclasses import dataclass


class Role(enum.StrEnum):
    INTAKE = "intake"  # medewerker toegang
    CASEMANAGER = "casemanager"
    DECIDER = "decider"  # gemandateerde: may issue beschikkingen
    ADMIN = "admin"  # teamleider / beheerder


ROLE_LABELS = {
    Role.INTAKE: "Medewerker toegang",
    Role.CASEMANAGER: "Casemanager",
    Role.DECIDER: "Gemandateerde",
    Role.ADMIN: "Teamleider / beheerder",
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
