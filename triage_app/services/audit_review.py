"""Read the audit log: verify its chain, list it per dossier or per worker, export it."""

from triage_app.domain.accounts import Role
from triage_app.services.context import ServiceContext
from triage_app.store import audit_log


def verify_audit_log(ctx: ServiceContext) -> list[str]:
    """Problems found in the hash chain (Dutch), empty when the log is intact."""
    ctx.require(Role.ADMIN, action="het auditlog controleren")
    with ctx.store.read() as session:
        return list(audit_log.verify(session))
