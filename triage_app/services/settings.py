"""The municipality profile as changed in the settings dialog: kept in the store (so every desk
of a team sees it), laid over resources/municipality.json. A change gives the worker's context
a new Reference (``ctx.reference``)."""

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import check_backup_keep
from triage_app.domain.errors import InvalidValue
from triage_app.domain.reference import thaw
from triage_app.services import audit, reference
from triage_app.services.context import ServiceContext
from triage_app.services.reference import PROFILE
from triage_app.store.tables import Setting, utcnow


def profile(ctx: ServiceContext) -> dict:
    """The full profile as it is now in the store (a plain copy to show in a form)."""
    with ctx.store.read() as session:
        return thaw(reference.refresh(ctx, session).profile)


def save_profile(ctx: ServiceContext, changes: dict) -> dict:
    """Store changes to the profile (administrator only); logged with the keys changed."""
    ctx.require(Role.ADMIN, action="de instellingen wijzigen")
    amounts = changes.get("personal_contribution", {})
    for year, amount in amounts.items():
        if not str(year).isdigit() or float(amount) < 0 or float(amount) > 1000:
            raise InvalidValue(
                "Vul een bedrag per maand in, bijvoorbeeld 21,80.", field="personal_contribution"
            )
    if "backup_keep" in changes:
        changes = {**changes, "backup_keep": check_backup_keep(changes["backup_keep"])}
    minutes = changes.get("idle_lock_minutes")
    if minutes is not None and not 1 <= float(minutes) <= 120:
        raise InvalidValue("Kies 1 tot 120 minuten.", field="idle_lock_minutes")
    with ctx.store.write() as session:
        row = session.get(Setting, PROFILE, with_for_update=True)
        merged = dict(row.value) if row else {}
        for key, value in changes.items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
        if row is None:
            row = Setting(key=PROFILE, value=merged, updated_by=ctx.actor.username)
        row.value, row.updated_by, row.updated_at = merged, ctx.actor.username, utcnow()
        row.version += 1
        session.add(row)
        audit.record(
            session, ctx, AuditAction.CHANGED, object_type="settings", fields=sorted(changes)
        )
        session.flush()
        fresh = reference.load(session)
    ctx.reference = fresh  # only once the change is stored
    return thaw(fresh.profile)
