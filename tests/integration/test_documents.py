"""Printed beschikkingen and plans, read back from the PDF: every legal element, the right
addressee, page numbers, and long content that still lays out."""

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from tests.conftest import TODAY, make_actor
from tests.integration.test_plans import draft_for, issue, rewritten
from tests.tagged_pdf import assert_tagged, headings
from triage_app.domain.accounts import Role
from triage_app.domain.plan import GoalData, Performer
from triage_app.services import plans, printing


def pdf_text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), reader  # lines wrap where the layout wants


@pytest.fixture
def issued(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(
        ctx,
        actor=dataclasses.replace(
            make_actor(Role.DECIDER, username="gm"), display_name="Gea Mandaat"
        ),
    )
    plan = plans.start_plan(cm, household.id)
    plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))
    return issue(decider, plan)


def test_decision_letter_holds_every_legal_element(ctx, issued):
    decision = next(d for d in issued.current.decisions if d.addressee == "Fenna Zwanenburg")
    text, reader = pdf_text(printing.decision_pdf(ctx, decision.number))
    for element in (
        "Fenna Zwanenburg",
        "Zamenhofdreef 12",
        "3562 AB UTRECHT",  # name and address
        decision.number,
        "23 november 2026",  # number and date
        "Dagbesteding / dagactiviteiten",  # nature (aard)
        "3 dagdelen per week",  # extent (omvang)
        "van 1 december 2026 tot en met 30 november 2027",  # duration (duur)
        "Zorg in natura",
        "Careyn Dagbesteding",  # form of delivery, provider
        "dementie overdag niet meer alleen",  # motivation
        "Waarom lichtere hulp niet genoeg is",
        "buurthuisgroep",
        "€ 21,80",  # personal contribution
        "binnen 6 weken",
        "bezwaar",  # objection clause
        "Gea Mandaat, gemandateerd medewerker",  # who decided under mandate
        "beschikking: een officieel besluit",  # the term explained
    ):
        assert element in text, element
    assert "Pagina 1 van" in text and f"Besluit {decision.number}" in text
    assert reader.metadata.title == "Besluit over uw aanvraag voor ondersteuning"
    assert reader.metadata.author == "Gemeente Utrecht"  # no personal data
    assert "Zwanenburg" not in str(reader.metadata)


def test_changed_decision_says_what_it_replaces(ctx, household, issued):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    draft = plans.new_version(cm, issued.id, "Een dagdeel meer").draft
    more = dataclasses.replace(draft.draft.provisions[0], volume=4)
    changed = dataclasses.replace(draft.draft, provisions=[more, *draft.draft.provisions[1:]])
    plan = plans.save_draft(cm, draft.id, draft.version, rewritten(changed))
    new = issue(decider, plan).current.decisions[0]
    text, _ = pdf_text(printing.decision_pdf(ctx, new.number))
    assert f"vervangt ons eerdere besluit met nummer {new.replaces_number}" in text


def text_sizes(pdf: bytes) -> dict[str, float]:
    """The smallest size of each text run outside the envelope window (where an address may
    be smaller to fit), and leaving out the return-address line for the postal service."""
    from tests.unit.test_layout_kit import runs
    from triage_app.documents.base import WINDOW_HEIGHT, WINDOW_TOP

    window = (297 * mm - WINDOW_TOP - WINDOW_HEIGHT, 297 * mm - WINDOW_TOP)
    sizes: dict[str, float] = {}
    reader = PdfReader(io.BytesIO(pdf))
    for page in range(len(reader.pages)):
        first = "Pagina 1 van" in reader.pages[page].extract_text()
        for text, _x, y, size in runs(pdf, page):
            if first and window[0] <= y <= window[1]:
                continue
            sizes[text] = min(size, sizes.get(text, size))
    return sizes


def intake_done(ctx, household, consent="Mag gedeeld worden met het buurthuis"):
    """A melding of Fenna with a finished assessment and a route; returns the request id."""
    from tests.unit.test_triage_rules import FULL
    from triage_app.domain.intake import (
        AssessmentInput,
        Channel,
        RequestInput,
        Route,
        Score,
        Source,
    )
    from triage_app.services import intake

    fenna = next(m for m in household.members if m.first_name == "Fenna")
    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            dt.date(2026, 11, 2),
            Source.RESIDENT,
            Channel.DESK,
            "Ik vergeet steeds meer",
            asked_by=fenna.id,
            consent=consent,
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    intake.save_assessment(
        ctx,
        view.request_id,
        AssessmentInput(
            fenna.id,
            [Score("social_network", 3, "weinig contact")],
            strengths="Kookt graag",
            wishes="Thuis blijven wonen",
        ),
        complete=True,
    )
    intake.decide_route(ctx, view.request_id, Route.SPECIALIST, FULL)
    return view.request_id


def test_large_print_is_at_least_16_points_in_every_document_kind(ctx, household, issued):
    from triage_app.services import access, intake

    request_id = intake_done(ctx, household)
    referral = intake.create_referral(
        ctx, request_id, "Buurthuis De Dreef", TODAY + dt.timedelta(days=7), "SB02"
    )
    fenna = next(m for m in household.members if m.first_name == "Fenna")
    kinds = {
        "besluit": printing.decision_pdf(ctx, issued.current.decisions[0].number, True),
        "batch": printing.decisions_pdf(ctx, printing.decisions_issued_on(ctx, TODAY), True),
        "plan": printing.plan_pdf(ctx, household.id, True),
        "verslag": printing.assessment_report_pdf(ctx, request_id, True),
        "verwijzing": printing.referral_letter_pdf(ctx, referral, True),
        "inzage": access.access_files(ctx, fenna.id, True)[1],
    }
    for kind, pdf in kinds.items():
        sizes = text_sizes(pdf)
        small = {t: s for t, s in sizes.items() if s < 15.9}
        assert not small, (kind, small)
        assert sizes.get("Sociaal Wijkteam", 0) >= 16, kind
        headings = [s for t, s in sizes.items() if t == "Uw vraag"]
        assert all(s > 16 for s in headings), kind


def test_large_print_is_kept_as_the_residents_preference(ctx, household, issued):
    number = next(d.number for d in issued.current.decisions if d.addressee == "Fenna Zwanenburg")
    other = next(d.number for d in issued.current.decisions if d.number != number)
    assert min(text_sizes(printing.decision_pdf(ctx, number)).values()) < 16
    assert not printing.prefers_large_print(ctx, decision=number)
    printing.decision_pdf(ctx, number, large_print=True)  # chosen once, for this print
    assert printing.prefers_large_print(ctx, decision=number)
    assert min(text_sizes(printing.decision_pdf(ctx, number)).values()) >= 16  # and kept
    # A batch prints each letter as its addressee prefers: Fenna's large, Kees's not.
    batch = printing.decisions_pdf(ctx, [number, other])
    reader = PdfReader(io.BytesIO(batch))
    firsts = [i for i, p in enumerate(reader.pages) if "Pagina 1 van" in p.extract_text()]
    from tests.unit.test_layout_kit import runs

    body = [[r[3] for r in runs(batch, i) if r[0].startswith("Beste")] for i in firsts]
    assert body[0][0] >= 16 and body[1][0] < 16
    printing.decision_pdf(ctx, number, large_print=False)
    assert not printing.prefers_large_print(ctx, decision=number)


def test_a_2000_character_goal_in_large_print_lays_out(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    plan = plans.start_plan(cm, household.id)
    goal = ("Ik wil weer zelf mijn post openen en mijn rekeningen op tijd betalen. " * 30)[:2000]
    draft = dataclasses.replace(
        draft_for(household),
        goals=[GoalData("finances", goal, goal, Performer.NETWORK, "Karim Casemanager", TODAY)],
    )
    plans.save_draft(cm, plan.draft.id, plan.draft.version, draft)
    text, reader = pdf_text(printing.plan_pdf(ctx, household.id, large_print=True))
    assert len(reader.pages) >= 3
    assert text.count("rekeningen op tijd betalen") >= 2 * 27  # one may straddle a page end
    assert "Karim Casemanager" in text


def test_plan_with_long_names_and_twenty_goals_lays_out(ctx, household):
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    plan = plans.start_plan(cm, household.id)
    long_name = "Wilhelmina-Alexandra Johanna Cornelia " * 3
    goals = [
        GoalData(
            ["finances", "housing", "mental_health", "social_network"][i % 4],
            f"Doel {i + 1}: {long_name}bereikt een stabiele situatie",
            "Gesprekken, begeleiding en afspraken met het netwerk " * 2,
            Performer.NETWORK,
            f"Wijkteam {i + 1}",
            TODAY + dt.timedelta(days=30 * i),
        )
        for i in range(20)
    ]
    draft = dataclasses.replace(draft_for(household), goals=goals, provisions=[], applications=[])
    plans.save_draft(cm, plan.draft.id, plan.draft.version, draft)
    text, reader = pdf_text(printing.plan_pdf(ctx, household.id))
    flat = text
    for i in range(20):
        assert f"Doel {i + 1}:" in flat
    assert "Wijkteam 20" in flat
    assert len(reader.pages) >= 2
    last = int(re.findall(r"Pagina (\d+) van \1", text)[-1])
    assert last >= 2
    assert "concept, nog niet vastgesteld" in text


def test_plan_carries_its_decisions(ctx, household, issued):
    text, _ = pdf_text(printing.plan_pdf(ctx, household.id))
    assert "Ondersteuningsplan — Huishouden Zwanenburg" in text
    assert "Financiën" in text and "Kees houdt het vol" in text
    for decision in issued.current.decisions:
        assert decision.number in text


def test_a_print_reads_nothing_the_document_does_not_show(ctx, household, issued):
    """A plan print reads its version's goals and decisions, not the provisions,
    applications, objections, evaluations or hand-overs it does not print; a beschikking
    reads no objections. What is printed is still all there."""
    from sqlalchemy import event

    read: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        read.append(statement)

    event.listen(ctx.store.engine, "before_cursor_execute", note)
    try:
        plan_text, _ = pdf_text(printing.plan_pdf(ctx, household.id))
        plan_reads = list(read)
        read.clear()
        number = issued.current.decisions[0].number
        letter_text, _ = pdf_text(printing.decision_pdf(ctx, number))
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", note)
    unshown = ("objection", "application", "provision", "evaluation", "plan_handover")
    for table in unshown:
        assert not [s for s in plan_reads if re.search(rf"FROM \"?{table}\b", s)], table
    assert not [s for s in read if re.search(r"FROM \"?objection\b", s)]
    assert any(re.search(r"FROM \"?goal\b", s) for s in plan_reads)  # the check sees reads
    assert "Kees houdt het vol" in plan_text
    for decision in issued.current.decisions:
        assert decision.number in plan_text
    assert number in letter_text


def test_batch_of_decisions_one_pdf_each_letter_numbered(ctx, issued):
    numbers = printing.decisions_issued_on(ctx, TODAY)
    assert numbers == ["B-2026-000001", "B-2026-000002"]
    seen = []
    pdf = printing.decisions_pdf(ctx, numbers, progress=lambda d, t: seen.append((d, t)))
    text, reader = pdf_text(pdf)
    assert "Fenna Zwanenburg" in text and "Kees Zwanenburg" in text
    assert text.count("Pagina 1 van") == 2
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert printing.decisions_pdf(ctx, numbers, cancelled=lambda: True) is None


def test_assessment_report_and_referral_letter(ctx, household):
    from tests.unit.test_triage_rules import FULL
    from triage_app.domain.intake import (
        AssessmentInput,
        Channel,
        RequestInput,
        Route,
        Score,
        Source,
    )
    from triage_app.services import intake

    fenna = next(m for m in household.members if m.first_name == "Fenna")
    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            dt.date(2026, 11, 2),
            Source.RESIDENT,
            Channel.DESK,
            "Ik vergeet steeds meer",
            asked_by=fenna.id,
            consent="Mag gedeeld worden met het buurthuis",
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    intake.save_assessment(
        ctx,
        view.request_id,
        AssessmentInput(
            fenna.id,
            [Score("social_network", 3, "weinig contact")],
            strengths="Kookt graag",
            wishes="Thuis blijven wonen",
        ),
        complete=True,
    )
    intake.decide_route(ctx, view.request_id, Route.SPECIALIST, FULL)
    text, _ = pdf_text(printing.assessment_report_pdf(ctx, view.request_id))
    for element in (
        "Verslag van ons gesprek",
        "Fenna Zwanenburg",
        "2 november 2026",
        "Ik vergeet steeds meer",
        "Sociaal netwerk",
        "Het lukt u met moeite of met wat hulp",  # level 3, in plain words
        "weinig contact",
        "Kookt graag",
        "Samen kozen we voor: hulp op maat (maatwerkvoorziening)",
        "Pagina 1 van",
    ):
        assert element in text, element

    referral = intake.create_referral(
        ctx, view.request_id, "Buurthuis De Dreef", TODAY + dt.timedelta(days=7), "SB02"
    )
    text, _ = pdf_text(printing.referral_letter_pdf(ctx, referral))
    assert "Verwijzing naar Buurthuis De Dreef" in text and "Koffieochtend" in text
    assert "Ik vergeet steeds meer" in text  # consent given: the question is shared
    assert "Datum 23 november 2026" in text
    assert "Ons kenmerk H-2026-000001 / verwijzing 1" in text


def test_referral_letter_without_consent_shares_nothing_more(ctx, household):
    from triage_app.domain.intake import Channel, RequestInput, Source
    from triage_app.services import intake

    view = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            TODAY,
            Source.RESIDENT,
            Channel.PHONE,
            "Geheime vraag over schulden",
            asked_by=household.members[0].id,
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    referral = intake.create_referral(ctx, view.request_id, "Buurtteam Geld", TODAY, "SB01")
    text, _ = pdf_text(printing.referral_letter_pdf(ctx, referral))
    assert "Geheime vraag" not in text and "geen toestemming" in text


def test_the_plan_goes_to_each_adult_with_only_their_own_decisions(ctx, household, issued):
    from triage_app.store.tables import Person

    with ctx.store.write() as session:  # a lodger: in the household, not in the plan
        session.add(
            Person(
                household_id=household.id,
                first_name="Ruud",
                last_name="Kamer",
                birth_date=dt.date(1980, 1, 1),
                role="housemate",
            )
        )
    pdf = printing.plan_pdf(ctx, household.id)
    reader = PdfReader(io.BytesIO(pdf))
    copies = [o.title for o in reader.outline if not isinstance(o, list)]
    assert copies == [
        "Ondersteuningsplan voor Kees Zwanenburg",
        "Ondersteuningsplan voor Fenna Zwanenburg",
    ]
    starts = [i for i, p in enumerate(reader.pages) if "Pagina 1 van" in p.extract_text()]
    assert all(i % 2 == 0 for i in starts)  # each copy on a front side
    texts = [
        re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages[a:b]))
        for a, b in zip(starts, [*starts[1:], len(reader.pages)], strict=True)
    ]
    by_person = {d.addressee: d.number for d in issued.current.decisions}
    for text, me, other in zip(texts, ["Kees", "Fenna"], ["Fenna", "Kees"], strict=True):
        assert by_person[f"{me} Zwanenburg"] in text
        assert by_person[f"{other} Zwanenburg"] not in text  # not the other adult's decision
        assert "Ruud Kamer" not in text  # a housemate is not in the plan
        assert "Kees houdt het vol" in text  # the shared parts are in every copy


def test_referral_letter_carries_only_what_consent_covers(ctx, household):
    from triage_app.services import intake

    fenna = next(m for m in household.members if m.first_name == "Fenna")
    request_id = intake_done(
        ctx, household, consent="Vraag en telefoonnummer mogen naar het buurthuis"
    )
    with ctx.store.write() as session:
        from triage_app.store.tables import Person

        row = session.get(Person, fenna.id)
        row.phone, row.email = "0612345678", "fenna@example.nl"
    referral = intake.create_referral(ctx, request_id, "Buurthuis De Dreef", TODAY, "SB02")
    text, _ = pdf_text(printing.referral_letter_pdf(ctx, referral))
    assert "0612345678" in text and "Ik vergeet steeds meer" in text
    assert "fenna@example.nl" not in text  # the consent did not name e-mail


def test_no_code_or_field_name_in_any_resident_document_of_the_demo(ctx):
    from triage_app.demo.documents import sample_documents
    from triage_app.demo.generate import generate_demo

    generate_demo(ctx, 150, seed=7)
    documents = sample_documents(ctx)
    assert {"besluit-granted", "plan", "verslag", "verwijzing", "inzage"} <= set(documents)
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    product = re.compile(r"\b\d{2} \d{2}[A-Z]\d{2}\b|Productcode|\bP\d{3}\b")
    english = re.compile(
        r"\b(request|assessment|referral|decision|provision|completed|None|True|False)\b"
    )
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    for name, pdf in documents.items():
        text, reader = pdf_text(pdf)
        for pattern in (snake, product, english, uuid):
            assert not pattern.search(text), (name, pattern.search(text))
        for banned in ("casusregisseur", "Hoofdaanbieder", "zelfredzaam", "ADL"):
            assert banned not in text, (name, banned)
        # Accessible as far as reportlab goes: language, title, bookmarks, embedded fonts.
        assert reader.trailer["/Root"]["/Lang"] == "nl-NL", name
        assert reader.metadata.title and reader.outline, name
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, (name, font.get_object()["/BaseFont"])
        assert b"Helvetica" not in pdf, name
        # Tagged: headings, paragraphs and tables in printed order; furniture as artifacts.
        tagged = assert_tagged(pdf, name)
        assert headings(tagged)[0][0] == "H1", name
        assert any(role == "H2" for role, _ in headings(tagged)), name
    # The demo's figures report too (not for residents; the concept shown before issuing is
    # checked in tests/integration/test_demo.py).
    from triage_app.services import figures, figures_export

    result = figures.compute(ctx, TODAY - dt.timedelta(days=365), TODAY)
    tagged = assert_tagged(figures_export.pdf(ctx, result, "Cijfers", "Het afgelopen jaar"))
    assert headings(tagged)[0] == ("H1", "Cijfers")
    assert any(e.role == "TD" and e.text.strip() for e in tagged.elements)


def test_the_mantelzorgers_load_is_printed_in_words_in_the_verslag_and_the_plan(
    ctx, household, issued
):
    from triage_app.domain.intake import AssessmentInput, CarerLoad, Score
    from triage_app.services import intake

    request_id = intake_done(ctx, household)
    fenna = next(m for m in household.members if m.first_name == "Fenna")
    intake.save_assessment(
        ctx,
        request_id,
        AssessmentInput(
            fenna.id,
            [Score("social_network", 3, "weinig contact")],
            carers="Kees (partner)",
            carer_load=CarerLoad.OVERBURDENED,
            respite_wishes="Een dag per week naar de dagbesteding",
        ),
        complete=True,
    )
    for pdf in (
        printing.assessment_report_pdf(ctx, request_id),
        printing.plan_pdf(ctx, household.id),
    ):
        text, _ = pdf_text(pdf)
        assert "Mantelzorg Wie zorgt er voor u (mantelzorg): Kees (partner)" in text
        assert "De mantelzorger is overbelast: de zorg is te zwaar geworden." in text
        assert "respijtzorg): Een dag per week naar de dagbesteding" in text
        assert "overburdened" not in text


def test_a_carer_who_copes_is_said_so_and_no_carer_prints_nothing(ctx, household):
    from triage_app.domain.intake import AssessmentInput, Score
    from triage_app.services import intake

    request_id = intake_done(ctx, household)
    text, _ = pdf_text(printing.assessment_report_pdf(ctx, request_id))
    assert "Mantelzorg" not in text  # nothing was said about it
    fenna = next(m for m in household.members if m.first_name == "Fenna")
    intake.save_assessment(
        ctx,
        request_id,
        AssessmentInput(fenna.id, [Score("social_network", 3)], carers="Kees"),
        complete=True,
    )
    text, _ = pdf_text(printing.assessment_report_pdf(ctx, request_id))
    assert "De mantelzorger kan de zorg nu goed aan." in text
    assert not re.search(r"\bnot\b", text)


def _audit_actions(ctx) -> list[tuple[str, str]]:
    from sqlalchemy import text as sql

    with ctx.store.read() as session:
        return [
            tuple(r)
            for r in session.execute(sql("SELECT action, object_type FROM audit_log ORDER BY seq"))
        ]


def test_a_print_is_rendered_then_logged_in_one_commit(ctx, household, issued, monkeypatch):
    """A plan print is one commit with one audit row (the print, not also two views); a
    letter that cannot be laid out is neither logged as printed nor keeps the large print."""
    from sqlalchemy import event

    from triage_app.documents.base import LayoutFailed

    before = _audit_actions(ctx)
    commits: list[int] = []
    event.listen(ctx.store.engine, "commit", lambda _conn: commits.append(1))
    printing.plan_pdf(ctx, household.id)
    assert len(commits) == 1
    assert _audit_actions(ctx)[len(before) :] == [("printed", "plan_version")]

    number = issued.current.decisions[0].number
    before = _audit_actions(ctx)

    def cannot_lay_out(*_args, **_kwargs):
        raise LayoutFailed("Dit document past niet op de pagina's.")

    monkeypatch.setattr(printing, "render_decision_letter", cannot_lay_out)
    with pytest.raises(LayoutFailed):
        printing.decision_pdf(ctx, number, large_print=True)
    assert _audit_actions(ctx) == before
    assert not printing.prefers_large_print(ctx, decision=number)


def test_a_plan_with_a_new_draft_prints_the_version_in_force(ctx, household, issued):
    """The print reads only the version it shows: the issued one, not a newer concept."""
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    draft = plans.new_version(cm, issued.id, "Mevrouw heeft meer hulp nodig.").draft
    changed = dataclasses.replace(draft.draft, question="Een nieuwe vraag in het concept.")
    plans.save_draft(cm, draft.id, draft.version, changed)
    text, _ = pdf_text(printing.plan_pdf(ctx, household.id))
    assert "Versie 1, vastgesteld op" in text
    assert "Zorg voor mevrouw en rust voor meneer." in text
    assert "Een nieuwe vraag in het concept." not in text
    for decision in issued.current.decisions:
        assert decision.number in text
