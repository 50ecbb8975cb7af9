"""What every service call knows: the store, the acting worker, today's date and the reference
data (``ctx.reference``, see domain/reference.py)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from triage_app.domain.accounts import ROLE_LABELS, Actor, Role
from triage_app.domain.errors import NotAllowed
from triage_app.domain.reference import Reference
from triage_app.services.reference import shipped
from triage_app.store.engine import Store
from triage_app.store.keyfile import KeyFile
from triage_app.store.signing import Signer


@dataclass
class ServiceContext:
    store: Store
    actor: Actor
    today: Callable[[], dt.date] = field(default=dt.date.today)
    on_behalf_of: str | None = None  # e.g. a worker acting for an absent colleague
    # An encrypted SQLite store: its key file and the unwrapped key, to wrap it for others.
    keyfile: KeyFile | None = None
    db_key: bytes | None = field(default=None, repr=False)
    # The worker's unwrapped signing key (services/signatures.py); None before signatures.
    signer: Signer | None = field(default=None, repr=False)
    # What the start-up checks found and repaired (Dutch), to show the worker once.
    notices: list[str] = field(default_factory=list)
    # Profile, life domains, catalogue, tariffs: loaded at login, refreshed after a change.
    reference: Reference = field(default_factory=shipped, repr=False)

    def store_location(self) -> str:
        """Where the data is, to show the worker: the local file, or the server (no password)."""
        if self.store.path is not None:
            return str(self.store.path)
        return self.store.engine.url.render_as_string(hide_password=True)

    def require(self, *roles: Role, action: str) -> None:
        """Refuse the call unless the worker holds one of ``roles``."""
        if not self.actor.has(*roles):
            needed = " of ".join(ROLE_LABELS[r].lower() for r in roles)
            raise NotAllowed(f"U mag niet {action}. Daarvoor is de rol {needed} nodig.")
