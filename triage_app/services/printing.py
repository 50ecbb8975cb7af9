"""Print (render to PDF) beschikkingen and plans; every print is logged.

Renders from what was stored when a decision was issued, so a reprint is the same letter.
"""

import datetime as dt
import uuid
from collections.abc import Callable

from sqlmodel import select

from triage_app.documents.base import Letterhead, Part, Recipient, Styles, render_parts
from triage_app.documents.decision_letter import decision_story, render_decision_letter
from triage_app.documents.plan_document import render_plan
from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import name_of, providers
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError, NotFound
from triage_app.domain.letters import decision_letter, plan_document
from triage_app.domain.plan import PERFORMER_LABELS
from triage_app.domain.reference import life_domains, municipality
from triage_app.services import audit, households, plans
from triage_app.services.context import ServiceContext
from triage_app.services.plan_mapping import _decision_view
from triage_app.store.plan_tables import Decision
from triage_app.store.tables import Worker

PRINT_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER)


def _decision(session, number: str) -> Decision:  # type: ignore[no-untyped-def]
    row = session.exec(select(Decision).where(Decision.number == number)).first()
    if row is None:
        raise NotFound(f"Er is geen besluit met nummer {number}.")
    return row


def decision_pdf(ctx: ServiceContext, number: str, large_print: bool = False) -> bytes:
    ctx.require(*PRINT_ROLES, action="een besluit afdrukken")
    with ctx.store.write() as session:
        row = _decision(session, number)
        letter = decision_letter(_decision_view(session, row))
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=row.household_id,
            object_type="decision",
            object_id=row.id,
            number=number,
        )
    return render_decision_letter(letter, municipality(), large_print)


def decisions_issued_on(ctx: ServiceContext, day: dt.date) -> list[str]:
    ctx.require(*PRINT_ROLES, action="besluiten afdrukken")
    with ctx.store.read() as session:
        return list(
            session.exec(
                select(Decision.number)
                .where(Decision.decision_date == day)
                .order_by(Decision.number)
            ).all()
        )


class _Cancelled(Exception):
    pass


def decisions_pdf(
    ctx: ServiceContext,
    numbers: list[str],
    large_print: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes | None:
    """Many decisions in one PDF, each letter with its own address and page numbers.
    Progress counts letters laid out. Returns None when cancelled (nothing logged then)."""
    ctx.require(*PRINT_ROLES, action="besluiten afdrukken")
    if not numbers:
        raise DomainError("Er zijn geen besluiten gekozen om af te drukken.")
    styles = Styles.make(large_print)
    parts, printed = [], []
    with ctx.store.read() as session:
        for number in numbers:
            row = _decision(session, number)
            letter = decision_letter(_decision_view(session, row))
            parts.append(
                Part(
                    decision_story(letter, styles),
                    f"Besluit {number}",
                    Recipient(letter.addressee, letter.street, letter.postcode_city),
                )
            )
            printed.append(row)

    def laid_out(index: int) -> None:
        if cancelled and cancelled():
            raise _Cancelled
        if progress:
            progress(index, len(numbers))

    try:
        laid_out(0)
        pdf = render_parts(
            parts,
            title="Besluiten",
            letterhead=Letterhead.from_profile(municipality()),
            large_print=large_print,
            on_letter=laid_out,
        )
    except _Cancelled:
        return None
    with ctx.store.write() as session:
        for row in printed:
            audit.record(
                session,
                ctx,
                AuditAction.PRINTED,
                household_id=row.household_id,
                object_type="decision",
                object_id=row.id,
                number=row.number,
            )
    if progress:
        progress(len(numbers), len(numbers))
    return pdf


def plan_pdf(ctx: ServiceContext, household_id: uuid.UUID, large_print: bool = False) -> bytes:
    ctx.require(*PRINT_ROLES, action="een plan afdrukken")
    household = households.get_household(ctx, household_id)
    plan = plans.get_plan(ctx, household_id)
    if plan is None or (plan.current or plan.draft) is None:
        raise DomainError("Dit huishouden heeft nog geen plan om af te drukken.")
    version = plan.current or plan.draft
    with ctx.store.write() as session:
        lead = session.exec(
            select(Worker).where(Worker.username == version.draft.case_lead)
        ).first()
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=household_id,
            object_type="plan_version",
            object_id=version.id,
            number=version.number,
        )
    document = plan_document(
        plan,
        household,
        {d.code: d.name for d in life_domains()},
        PERFORMER_LABELS,
        lead.display_name if lead else version.draft.case_lead,
        name_of(providers(), version.draft.main_provider) if version.draft.main_provider else "",
    )
    return render_plan(document, municipality(), large_print)
