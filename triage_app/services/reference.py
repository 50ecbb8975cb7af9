"""Load the Reference (domain/reference.py) that every service call carries as ``ctx.reference``.

It is read from resources/ (shipped), a municipality's own ``life_domains.json`` in the data
folder (e.g. licensed ZRM level texts; used only when it checks out), and the profile and
social-base catalogue kept in the store (changed in the app). Logging in loads it; a change of
the settings or the catalogue, and any call that must see another desk's changes (issuing a
decision, the triage advice), refreshes it. The UI reads ``ctx.reference`` or ``current(ctx)``.
"""

import json
from typing import Any, Protocol

from sqlmodel import Session

from triage_app import paths
from triage_app.domain.errors import DomainError
from triage_app.domain.reference import Reference, build_reference, parse_life_domains
from triage_app.resources import load_json
from triage_app.store.tables import Setting


class _Carrier(Protocol):
    """What carries the Reference: the ServiceContext (not imported: it imports this module)."""

    reference: Reference


PROFILE = "profile"  # Setting key: the profile as changed in the settings dialog
CATALOGUE = "catalogue"  # Setting key: the social-base catalogue as edited or imported
OWN_LIFE_DOMAINS = "life_domains.json"  # in the data folder


def own_life_domains() -> dict[str, Any] | None:
    """The municipality's own life domains from the data folder, or None when there are
    none; raises DomainError (in Dutch) when the file cannot be read or does not check out."""
    path = paths.data_dir() / OWN_LIFE_DOMAINS
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError(f"Het bestand met leefgebieden is niet te lezen: {exc}.") from None
    parse_life_domains(data)
    return data


def _own_or_shipped_life_domains() -> dict[str, Any]:
    try:
        own = own_life_domains()
    except DomainError:
        own = None  # the CLI says so at start; the shipped domains are used
    return own if own is not None else load_json("life_domains.json")


def _build(
    settings: dict[str, Any], catalogue: dict[str, Any], life_domains: dict[str, Any]
) -> Reference:
    return build_reference(
        profile=load_json("municipality.json"),
        life_domains=life_domains,
        arrangements=load_json("arrangements.json"),
        catalogue=catalogue,
        triage_rules=load_json("triage_rules.json"),
        settings=settings,
        letters={
            "decision_legal": load_json("letters", "decision_legal.json"),
            "decision_kinds": load_json("letters", "decision_kinds.json"),
            "decision_extra": load_json("letters", "decision_extra.json"),
        },
    )


def shipped() -> Reference:
    """The Reference from resources/ alone (the default of a context that was not opened
    by logging in, e.g. in tests); reads nothing in the data folder."""
    return _build({}, load_json("social_base_catalogue.json"), load_json("life_domains.json"))


def stored(session: Session, key: str) -> dict[str, Any] | None:
    """A settings block kept in the store (PROFILE or CATALOGUE), or None."""
    row = session.get(Setting, key)
    return dict(row.value) if row else None


def stored_catalogue(session: Session) -> dict[str, Any]:
    """The catalogue kept in the store, else the shipped demo catalogue."""
    return stored(session, CATALOGUE) or dict(load_json("social_base_catalogue.json"))


def load(session: Session) -> Reference:
    """The Reference with the municipality's own life domains (if any) and the store's
    profile settings and catalogue."""
    return _build(
        stored(session, PROFILE) or {},
        stored_catalogue(session),
        _own_or_shipped_life_domains(),
    )


def refresh(ctx: _Carrier, session: Session) -> Reference:
    """Load the Reference again (another desk may have changed it) and carry it on ``ctx``."""
    ctx.reference = load(session)
    return ctx.reference


def current(ctx: _Carrier) -> Reference:
    """The Reference the worker's context carries (for the UI)."""
    return ctx.reference
