"""Print (render to PDF) beschikkingen and plans; every print is logged.

Renders from what was stored when a decision was issued, so a reprint is the same letter.
"""

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

from sqlmodel import select

from triage_app.documents import glossary
from triage_app.documents.base import Letterhead, Part, Recipient, Styles, render_parts
from triage_app.documents.decision_letter import decision_story, render_decision_letter
from triage_app.documents.plan_document import render_plan
from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import name_of, providers
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError, NotFound
from triage_app.domain.intake import CarerLoad, CarerNote
from triage_app.domain.letters import PlanDocument, decision_letter, plan_document
from triage_app.services import audit, households, plans, reference, signatures
from triage_app.services.context import ServiceContext
from triage_app.services.plan_mapping import _decision_view
from triage_app.store.plan_tables import Decision
from triage_app.store.tables import Person, Worker

PRINT_ROLES = (Role.INTAKE, Role.CASEMANAGER, Role.DECIDER)


def _decision(session, number: str) -> Decision:  # type: ignore[no-untyped-def]
    row = session.exec(select(Decision).where(Decision.number == number)).first()
    if row is None:
        raise NotFound(f"Er is geen besluit met nummer {number}.")
    return row


def _genuine(session, ctx: ServiceContext, row: Decision, state=None) -> Decision:  # type: ignore[no-untyped-def]
    """Refuse to print a decision whose content no longer matches the decider's signature."""
    state = state or signatures.trust_to_read(session, ctx.keyfile)
    problem = signatures.decision_problem(state, row)
    if problem:
        raise DomainError(
            f"Besluit {row.number} wordt niet afgedrukt: {problem}. Het is niet meer het "
            "besluit zoals het is vastgesteld; meld dit bij de beheerder."
        )
    return row


def _large_print(session, person_ids: list[uuid.UUID], chosen: bool | None) -> bool:  # type: ignore[no-untyped-def]
    """Large print as chosen for this print, which is then kept as the residents' preference;
    without a choice, as any of them prefers."""
    if chosen is None:  # read in one statement, not one per resident
        return bool(person_ids) and any(
            session.exec(select(Person.large_print).where(Person.id.in_(person_ids))).all()
        )
    people = [p for p in (session.get(Person, i) for i in person_ids) if p is not None]
    for person in people:
        if person.large_print != chosen:
            person.large_print = chosen  # a preference: no new version of the person
            session.add(person)
    return chosen


def prefers_large_print(
    ctx: ServiceContext,
    *,
    decision: str | None = None,
    household_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> bool:
    """Whether the resident(s) a print is for asked for large print (the preview's default)."""
    with ctx.store.read() as session:
        if decision is not None:
            ids = [_decision(session, decision).person_id]
        elif household_id is not None:
            ids = list(
                session.exec(select(Person.id).where(Person.household_id == household_id)).all()
            )
        else:
            ids = [person_id] if person_id else []
        return _large_print(session, ids, None)


def decision_pdf(ctx: ServiceContext, number: str, large_print: bool | None = None) -> bytes:
    """One decision letter; ``large_print`` None means as the addressee prefers. Checked,
    rendered and then logged in one transaction: a letter that cannot be laid out is not
    logged as printed, and the print costs one commit."""
    ctx.require(*PRINT_ROLES, action="een besluit afdrukken")
    with ctx.store.write() as session:
        row = _genuine(session, ctx, _decision(session, number))
        large_print = _large_print(session, [row.person_id], large_print)
        letter = decision_letter(_decision_view(session, row, with_objections=False))
        pdf = render_decision_letter(letter, ctx.reference.profile, large_print)
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=row.household_id,
            object_type="decision",
            object_id=row.id,
            number=number,
        )
    return pdf


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


def lay_out_decisions(
    ctx: ServiceContext,
    numbers: list[str],
    large_print: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes | None:
    """Many decisions in one PDF, each letter with its own address and page numbers, each
    starting on a front side (duplex), read-only: nothing is logged here. ``large_print``
    True prints every letter large; None prints each as its addressee prefers. Progress
    counts letters laid out. Returns None when cancelled."""
    ctx.require(*PRINT_ROLES, action="besluiten afdrukken")
    if not numbers:
        raise DomainError("Er zijn geen besluiten gekozen om af te drukken.")
    styles = {large: Styles.make(large) for large in (False, True)}
    parts = []
    with ctx.store.read() as session:
        state = signatures.trust_to_read(session, ctx.keyfile)
        for number in numbers:
            row = _genuine(session, ctx, _decision(session, number), state)
            letter = decision_letter(_decision_view(session, row, with_objections=False))
            large = large_print or _large_print(session, [row.person_id], None)
            parts.append(
                Part(
                    decision_story(letter, styles[large], ctx.reference.profile),
                    f"Besluit {number}",
                    Recipient(
                        letter.recipient or letter.addressee, letter.street, letter.postcode_city
                    ),
                    f"Besluit {number}",
                    large,
                )
            )
            if letter.copy_recipient:  # the bewindvoerder's copy, in its own envelope
                parts.append(
                    Part(
                        decision_story(letter, styles[large], ctx.reference.profile),
                        f"Kopie van besluit {number}",
                        Recipient(*letter.copy_recipient),
                        f"Kopie besluit {number}",
                        large,
                    )
                )

    def laid_out(index: int) -> None:
        if cancelled and cancelled():
            raise _Cancelled
        if progress:
            progress(min(index, len(numbers)), len(numbers))  # a copy is not a letter more

    try:
        laid_out(0)
        return render_parts(
            parts,
            title="Besluiten",
            letterhead=Letterhead.from_profile(ctx.reference.profile),
            on_letter=laid_out,
        )
    except _Cancelled:
        return None


def log_printed_decisions(ctx: ServiceContext, numbers: list[str]) -> None:
    """One audit row per printed decision, all in one transaction and one chain extension
    (after the whole batch): a batch of hundreds keeps the app's thread busy only briefly."""
    with ctx.store.write() as session:
        rows = {
            row.number: row
            for row in session.exec(select(Decision).where(Decision.number.in_(numbers))).all()
        }
        missing = [n for n in numbers if n not in rows]
        if missing:
            raise NotFound(f"Er is geen besluit met nummer {missing[0]}.")
        audit.record_many(
            session,
            ctx,
            AuditAction.PRINTED,
            [
                {
                    "household_id": rows[n].household_id,
                    "object_type": "decision",
                    "object_id": rows[n].id,
                    "number": n,
                }
                for n in numbers
            ],
        )


def decisions_pdf(
    ctx: ServiceContext,
    numbers: list[str],
    large_print: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes | None:
    """``lay_out_decisions`` in this process, then the prints logged (not when cancelled).
    The app's window prints batches in a child process instead (services/batch_printing.py)."""
    pdf = lay_out_decisions(ctx, numbers, large_print, progress, cancelled)
    if pdf is None:
        return None
    log_printed_decisions(ctx, numbers)
    if progress:
        progress(len(numbers), len(numbers))
    return pdf


def plan_pdf(
    ctx: ServiceContext, household_id: uuid.UUID, large_print: bool | None = None
) -> bytes:
    """The household's plan, read, rendered and logged as printed in one transaction (one
    commit; the print is the logged access, not also a view of the dossier and the plan)."""
    ctx.require(*PRINT_ROLES, action="een plan afdrukken")
    with ctx.store.write() as session:
        household = households.read_household(session, household_id)
        trusted: list = []  # the trust state, found once the plan holds a decision

        def check(row: Decision) -> None:  # the plan prints its decisions: each checked
            if not trusted:
                trusted.append(signatures.trust_to_read(session, ctx.keyfile))
            _genuine(session, ctx, row, trusted[0])

        plan = plans.read_plan(session, household_id, printed_only=True, check=check)
        if plan is None or (plan.current or plan.draft) is None:
            raise DomainError("Dit huishouden heeft nog geen plan om af te drukken.")
        version = plan.current or plan.draft
        large_print = _large_print(session, [m.id for m in household.members], large_print)
        document = plan_document_for(session, ctx, plan, household, version.draft, ctx.today())
        pdf = render_plan(document, ctx.reference.profile, large_print)
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=household_id,
            object_type="plan_version",
            object_id=version.id,
            number=version.number,
        )
    return pdf


def plan_document_for(session, ctx, plan, household, draft, on: dt.date) -> PlanDocument:  # type: ignore[no-untyped-def]
    """The plan as printed on ``on``: its lead by name, its main provider, and the mantelzorg
    from the household's latest gesprek. The print and the issue's preview share it."""
    lead = session.exec(
        select(Worker.display_name).where(Worker.username == draft.case_lead)
    ).first()
    document = plan_document(
        plan,
        household,
        glossary.life_domains(ctx.reference.life_domain_names()),
        glossary.performers(),
        lead if lead is not None else draft.case_lead,
        name_of(providers(ctx.reference.tariffs), draft.main_provider)
        if draft.main_provider
        else "",
        on,
    )
    return dataclasses.replace(document, carer=_latest_carer_note(session, household.id))


def _latest_carer_note(session, household_id: uuid.UUID) -> CarerNote | None:  # type: ignore[no-untyped-def]
    """The plan's mantelzorg comes from the household's latest gesprek (completed first)."""
    from triage_app.store.intake_tables import Assessment

    latest = session.exec(  # the three columns shown, not the whole gesprek
        select(Assessment.carers, Assessment.carer_load, Assessment.respite_wishes)
        .where(Assessment.household_id == household_id)
        .order_by(
            (Assessment.status == "completed").desc(),
            Assessment.held_on.desc(),
            Assessment.updated_at.desc(),
        )
    ).first()
    if latest is None:
        return None
    return CarerNote(latest.carers, CarerLoad(latest.carer_load), latest.respite_wishes)


def assessment_report_pdf(
    ctx: ServiceContext, request_id: uuid.UUID, large_print: bool | None = None
) -> bytes:
    """The written report of the onderzoek, for the resident."""
    from triage_app.documents import glossary
    from triage_app.documents.intake_documents import AssessmentReport, render_assessment_report
    from triage_app.domain.household import full_name
    from triage_app.domain.intake import advise
    from triage_app.domain.letters import long_date
    from triage_app.store.intake_tables import Assessment, AssessmentScore, Request, RouteDecision
    from triage_app.store.tables import Household

    ctx.require(*PRINT_ROLES, action="een verslag afdrukken")
    with ctx.store.write() as session:
        request = session.get(Request, request_id)
        assessment = (
            session.exec(select(Assessment).where(Assessment.request_id == request_id)).first()
            if request
            else None
        )
        if assessment is None:
            raise DomainError("Er is nog geen gesprek om een verslag van te maken.")
        household = session.get(Household, request.household_id)
        person = session.get(Person, assessment.person_id)
        large_print = _large_print(session, [person.id], large_print)
        scores = session.exec(
            select(AssessmentScore).where(AssessmentScore.assessment_id == assessment.id)
        ).all()
        route = session.exec(
            select(RouteDecision).where(RouteDecision.request_id == request_id)
        ).first()
        worker = session.exec(select(Worker).where(Worker.username == ctx.actor.username)).first()
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=household.id,
            object_type="assessment",
            object_id=assessment.id,
        )
    from triage_app.domain.intake import Score, scope_summary
    from triage_app.services.intake import scope_codes

    names = ctx.reference.life_domain_names()
    scored = [Score(s.life_domain, s.score) for s in scores]
    scope = scope_codes(assessment.scope)
    assessed, not_asked = scope_summary(
        scope,
        [Score(s.life_domain, s.score, s.notes, reason=s.reason) for s in scores],
        [d.code for d in ctx.reference.life_domains],
    )
    advised = advise(scored, ctx.reference.triage_rules).overall
    report = AssessmentReport(
        dossier_number=household.dossier_number,
        resident=full_name(person.first_name, person.prefix, person.last_name),
        street=f"{household.street} {household.house_number}{household.house_number_addition}",
        postcode_city=f"{household.postcode}  {household.city.upper()}",
        melding_date=long_date(request.received_on),
        held_on=long_date(assessment.held_on),
        question=request.question,
        scores=[
            (glossary.life_domain(s.life_domain, names), glossary.level(s.score), s.notes)
            for s in scores
            if s.score
        ],
        strengths=assessment.strengths,
        network=assessment.network,
        wishes=assessment.wishes,
        advice=glossary.route(str(advised)),
        route=glossary.route(route.chosen_route) if route else "",
        motivation=route.motivation if route else "",
        worker=worker.display_name if worker else ctx.actor.display_name,
        carer=CarerNote(
            assessment.carers, CarerLoad(assessment.carer_load), assessment.respite_wishes
        ),
        assessed=None
        if scope is None
        else [(glossary.life_domain(c, names), why) for c, why in assessed],
        not_asked=[glossary.life_domain(c, names) for c in not_asked],
    )
    return render_assessment_report(report, ctx.reference.profile, large_print)


def referral_letter_pdf(
    ctx: ServiceContext, referral_id: uuid.UUID, large_print: bool = False
) -> bytes:
    """The letter to the partner: contact details and the question only with consent. It goes
    to an organisation, so large print is chosen per print and not kept."""
    from triage_app.documents.intake_documents import ReferralLetter, render_referral_letter
    from triage_app.domain.household import full_name
    from triage_app.domain.intake import consent_covers
    from triage_app.domain.letters import long_date
    from triage_app.store.intake_tables import Referral, Request
    from triage_app.store.tables import Household

    ctx.require(*PRINT_ROLES, action="een verwijzing afdrukken")
    with ctx.store.write() as session:
        referral = session.get(Referral, referral_id)
        if referral is None:
            raise NotFound("Deze verwijzing bestaat niet (meer).")
        request = session.get(Request, referral.request_id)
        person = session.get(Person, request.person_id) if request.person_id else None
        audit.record(
            session,
            ctx,
            AuditAction.PRINTED,
            household_id=referral.household_id,
            object_type="referral",
            object_id=referral.id,
        )
        catalogue = reference.refresh(ctx, session).catalogue
        home = session.get(Household, referral.household_id)
        earlier = session.exec(
            select(Referral.id)
            .where(Referral.household_id == referral.household_id)
            .order_by(Referral.created_at, Referral.id)
        ).all()
        sequence = earlier.index(referral.id) + 1
    offers = {o["code"]: o for o in catalogue["offers"]}
    offer = offers.get(referral.offer_code or "", {})
    covers = consent_covers(request.consent)
    contact = []
    if person is not None:
        household = home
        if "phone" in covers and person.phone:
            contact.append(person.phone)
        if "email" in covers and person.email:
            contact.append(person.email)
        if "address" in covers:
            contact.append(
                f"{household.street} {household.house_number}{household.house_number_addition},"
                f" {household.postcode} {household.city}"
            )
    letter = ReferralLetter(
        reference=f"{home.dossier_number} / verwijzing {sequence}",
        date=long_date(ctx.today()),
        organisation=referral.target,
        activity=offer.get("activity", ""),
        resident=full_name(person.first_name, person.prefix, person.last_name) if person else "",
        contact=", ".join(contact) or ("via het wijkteam" if covers else ""),
        question=request.question if "question" in covers else "",
        consent=request.consent.strip(),
        follow_up=long_date(referral.follow_up_on),
        worker=ctx.actor.display_name,
    )
    return render_referral_letter(letter, ctx.reference.profile, large_print)
