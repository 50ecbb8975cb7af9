"""Open a store and the context the services run in, for the GUI and the CLI alike."""

from triage_app.domain.accounts import Actor, Role
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store

# Until accounts exist (issue 3) every call runs as this local worker holding every role.
LOCAL_WORKER = Actor(username="lokaal", display_name="Lokale medewerker", roles=frozenset(Role))


def open_context(url: str) -> ServiceContext:
    return ServiceContext(store=open_store(url), actor=LOCAL_WORKER)
