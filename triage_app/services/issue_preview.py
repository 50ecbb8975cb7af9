"""Preview what issuing a draft would print: every beschikking per applicant and the plan,
built like the issue builds them, marked "CONCEPT" and stored nowhere. Viewing it is logged."""

import dataclasses
import datetime as dt
import uuid

from sqlmodel import select

from triage_app.documents.issue_preview import render_issue_preview
from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import check_date
from triage_app.domain.errors import DomainError, NotFound
from triage_app.domain.letters import decision_letter
from triage_app.domain.plan import VersionStatus
from triage_app.services import audit, households, plans, printing
from triage_app.services.context import ServiceContext
from triage_app.services.plan_mapping import plan_view
from triage_app.store.plan_tables import Plan, PlanVersion
from triage_app.store.tables import Person


def issue_preview_pdf(
    ctx: ServiceContext,
    version_id: uuid.UUID,
    decision_date: dt.date,
    send_date: dt.date,
    large_print: bool | None = None,
) -> bytes:
    """The letters issuing this draft on these dates would print, as one PDF."""
    ctx.require(Role.CASEMANAGER, Role.DECIDER, action="een voorbeeld van het besluit bekijken")
    check_date(decision_date, "De besluitdatum")
    check_date(send_date, "De verzenddatum")
    with ctx.store.write() as session:
        version = session.get(PlanVersion, version_id)
        if version is None:
            raise NotFound("Deze planversie bestaat niet (meer).")
        if version.status != VersionStatus.DRAFT:
            raise DomainError("Deze versie is al vastgesteld: druk de besluiten zelf af.")
        decisions = plans.decisions_as_issued(session, ctx, version, decision_date, send_date)
        plan = plan_view(session, session.get(Plan, version.plan_id))
        if large_print is None:
            large_print = any(
                session.exec(
                    select(Person.large_print).where(Person.household_id == version.household_id)
                ).all()
            )
        audit.record(
            session,
            ctx,
            AuditAction.VIEWED,
            household_id=version.household_id,
            object_type="plan_version",
            object_id=version.id,
            number=version.number,
            what="voorbeeld van de besluiten (concept)",
        )
    draft = dataclasses.replace(plan.draft, decisions=decisions)
    # Only the draft, with the decisions it would carry: the plan as printed after the issue.
    as_issued = dataclasses.replace(plan, versions=[draft])
    household = households.get_household(ctx, version.household_id)
    with ctx.store.read() as session:
        document = printing.plan_document_for(
            session, ctx, as_issued, household, draft.draft, decision_date
        )
    letters = [decision_letter(d) for d in decisions]
    return render_issue_preview(letters, document, ctx.reference.profile, large_print)
