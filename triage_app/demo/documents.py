"""One printed document of every kind a resident (or a partner) receives, taken from a demo
store: for the contact sheet (bench/contact_sheet.py) and the plain-language tests."""

from sqlalchemy import func
from sqlmodel import select

from triage_app.services import access, printing
from triage_app.services.context import ServiceContext
from triage_app.store.intake_tables import Assessment, Referral, Request
from triage_app.store.plan_tables import Decision, Plan
from triage_app.store.tables import Person


def sample_documents(ctx: ServiceContext, large_print: bool = False) -> dict[str, bytes]:
    """Name -> PDF: a decision of each outcome, a plan with decisions, a verslag, referral
    letters with and without consent, an inzage, and a batch of three decisions."""
    with ctx.store.read() as session:
        decisions = {
            outcome: session.exec(
                select(Decision.number).where(Decision.outcome == outcome).order_by(Decision.number)
            ).first()
            for outcome in ("granted", "partly_granted", "refused")
        }
        # The plan of the household with the most decisions shows most of the plan's parts.
        household = session.exec(
            select(Plan.household_id)
            .join(Decision, Decision.household_id == Plan.household_id)
            .group_by(Plan.household_id)
            .order_by(func.count().desc(), Plan.household_id)
        ).first()
        report = session.exec(select(Assessment.request_id).order_by(Assessment.request_id)).first()
        referrals = session.exec(
            select(Referral.id, Request.consent)
            .join(Request, Request.id == Referral.request_id)
            .order_by(Referral.id)
        ).all()
        # The inzage of someone with a plan and decisions holds the most kinds of records.
        person = (
            session.exec(
                select(Decision.person_id).where(Decision.household_id == household)
            ).first()
            or session.exec(select(Person.id).order_by(Person.id)).first()
        )
    documents: dict[str, bytes] = {}
    for outcome, number in decisions.items():
        if number:
            documents[f"besluit-{outcome}"] = printing.decision_pdf(ctx, number, large_print)
    numbers = [n for n in decisions.values() if n]
    if numbers:
        documents["besluiten-batch"] = printing.decisions_pdf(ctx, numbers, large_print) or b""
    if household:
        documents["plan"] = printing.plan_pdf(ctx, household, large_print)
    if report:
        documents["verslag"] = printing.assessment_report_pdf(ctx, report, large_print)
    with_consent = next((r for r, consent in referrals if consent.strip()), None)
    without = next((r for r, consent in referrals if not consent.strip()), None)
    for name, referral in (
        ("verwijzing", with_consent),
        ("verwijzing-zonder-toestemming", without),
    ):
        if referral:
            documents[name] = printing.referral_letter_pdf(ctx, referral, large_print)
    if person:
        documents["inzage"] = access.access_files(ctx, person, large_print)[1]
    return documents
