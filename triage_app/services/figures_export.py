"""The team lead's figures as a file to keep or share: CSV for a spreadsheet, PDF to print.
Aggregates only (small counts already suppressed); the same roles as computing them; every
export is logged."""

import csv
import io

from triage_app.documents.figures_report import render_figures_report
from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.figures import Figures
from triage_app.services import audit
from triage_app.services.context import ServiceContext

ROLES = (Role.ADMIN, Role.CASEMANAGER)


def _log(ctx: ServiceContext, result: Figures, file_format: str) -> None:
    with ctx.store.write() as session:
        audit.record(
            session,
            ctx,
            AuditAction.EXPORTED,
            object_type="figures",
            format=file_format,
            since=result.since,
            until=result.until,
            district=result.district or "alle wijken",
        )


def csv_text(ctx: ServiceContext, result: Figures) -> str:
    """The figures as CSV (semicolons, as Dutch spreadsheets expect); logged."""
    ctx.require(*ROLES, action="de cijfers exporteren")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["onderdeel", "cijfer", "waarde"])
    writer.writerows(result.rows())
    _log(ctx, result, "csv")
    return buffer.getvalue()


def pdf(ctx: ServiceContext, result: Figures, title: str, subtitle: str) -> bytes:
    """The figures as a printable report on the municipality's letterhead; logged."""
    ctx.require(*ROLES, action="de cijfers exporteren")
    data = render_figures_report(title, subtitle, result.rows(), ctx.reference.profile)
    _log(ctx, result, "pdf")
    return data
