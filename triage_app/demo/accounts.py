"""Demo accounts for a new store: an administrator and one worker per role."""

from triage_app.domain.accounts import Role, generate_password
from triage_app.services import accounts
from triage_app.services.context import ServiceContext

DEMO_ACCOUNTS = [
    ("admin", "Anne Beheerder", frozenset({Role.ADMIN})),
    ("intake", "Ilse Intake", frozenset({Role.INTAKE})),
    ("casemanager", "Karim Casemanager", frozenset({Role.CASEMANAGER})),
    ("decider", "Dirk Gemandateerde", frozenset({Role.DECIDER, Role.CASEMANAGER})),
]


def create_demo_accounts(
    url: str, password: str | None = None
) -> tuple[ServiceContext, dict[str, str], str | None]:
    """Set up a new store with the demo accounts. Returns the admin's context, each
    account's password (the given one, or generated ones to show once) and the recovery key."""
    passwords = {name: password or generate_password() for name, _, _ in DEMO_ACCOUNTS}
    (admin, admin_name, _), *others = DEMO_ACCOUNTS
    ctx, recovery = accounts.create_first_admin(url, admin, admin_name, passwords[admin])
    for username, name, roles in others:
        accounts.add_worker(ctx, username, name, roles, passwords[username], temporary=False)
    return ctx, passwords, recovery
