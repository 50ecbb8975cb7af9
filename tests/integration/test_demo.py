"""Demo data: households with plans and beschikkingen in realistic shares, consistent with
the store's own rules."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, text
from sqlmodel import select

from tests.conftest import TODAY, make_actor
from tests.store_templates import demo_households
from triage_app.demo.generate import generate_demo
from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import category_for_kind, compute_arrangement
from triage_app.domain.decision_rules import decision_outcome, missing_elements
from triage_app.domain.work_queue import WorkKind
from triage_app.services import plans, printing, work_queue
from triage_app.services.context import ServiceContext
from triage_app.services.plan_mapping import decision_content, draft_of
from triage_app.store.engine import open_store
from triage_app.store.plan_tables import Decision, Plan, PlanVersion, Provision
from triage_app.store.tables import Household, Person


@pytest.fixture
def demo_of(backend, request, tmp_path, store_templates):
    """``demo_of(households, seed)``: the ``ctx`` fixture's worker on a store in which
    ``generate_demo(ctx, households, seed=seed)`` ran. Two tests look at the same demo, so it
    is generated once per session and backend and each test gets a copy of the store."""
    opened = []

    def make(households: int, seed: int) -> ServiceContext:
        build = demo_households(households, seed=seed, today=TODAY)
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path / 'demo.db'}"
            store_templates.copy(url, build)
        else:
            url, _ = request.getfixturevalue("postgres_store_built")(build)
        opened.append(open_store(url))
        return ServiceContext(store=opened[-1], actor=make_actor(*Role), today=lambda: TODAY)

    yield make
    for store in opened:
        store.dispose()


def test_demo_has_plans_decisions_and_due_work(demo_of):
    ctx = demo_of(600, seed=11)
    with ctx.store.read() as session:
        plans = session.exec(select(func.count()).select_from(Plan)).one()
        outcomes = dict(
            session.exec(select(Decision.outcome, func.count()).group_by(Decision.outcome)).all()
        )
        numbers = session.exec(select(Decision.number)).all()
        drafts = session.execute(
            text("SELECT count(*) FROM plan_version WHERE status = 'draft'")
        ).scalar()
    assert 40 <= plans <= 140
    # A beslissing op bezwaar has the objection's outcome (demo/kinds.py).
    assert set(outcomes) == {"granted", "partly_granted", "refused", "dismissed", "inadmissible"}
    assert outcomes["granted"] > outcomes["refused"]
    assert len(numbers) == len(set(numbers))
    assert drafts > 0
    kinds = {item.kind for item in work_queue.work_queue(ctx)}
    assert {WorkKind.DECISION_DUE, WorkKind.OBJECTION_TERM, WorkKind.ONDERZOEK_DUE} <= kinds
    with ctx.store.read() as session:
        outcomes = dict(
            session.execute(text("SELECT outcome, count(*) FROM request GROUP BY outcome")).all()
        )
        repeated = session.execute(
            text(
                "SELECT count(*) FROM (SELECT person_id FROM assessment GROUP BY person_id "
                "HAVING count(*) > 1) AS twice"
            )
        ).scalar()
        referrals = session.execute(text("SELECT count(*) FROM referral")).scalar()
    assert set(outcomes) == {"open", "routed", "helped_directly", "short_track"}
    assert outcomes["routed"] > outcomes["helped_directly"] and repeated > 0 and referrals > 0
    first = sorted(numbers)[0]
    assert printing.decision_pdf(ctx, first)[:4] == b"%PDF"


def test_demo_twice_continues_the_numbers(ctx):
    generate_demo(ctx, 200, seed=1)
    generate_demo(ctx, 200, seed=2)
    with ctx.store.read() as session:
        numbers = session.exec(select(Decision.number)).all()
    assert len(numbers) == len(set(numbers))


def test_every_demo_decision_passes_the_checks_of_issuing(ctx):
    """A demo beschikking is what a decider would have issued from the same plan version:
    complete by the legal checklist, sized by the tariff table, the product category of its
    kind, and the very content the issuing service builds."""
    generate_demo(ctx, 500, seed=5)
    table = ctx.reference.tariffs
    elements = ctx.reference.profile["decision_elements"]
    units = {}
    with ctx.store.read() as session:
        rows = session.exec(select(Decision).order_by(Decision.number)).all()
        assert len(rows) > 20
        # Endings and decisions on objection are made by the services themselves
        # (demo/kinds.py); a representative recorded afterwards leaves an issued letter as it
        # was (tests/integration/test_representative.py).
        represented = set(
            session.exec(select(Person.id).where(Person.representative_kind != "")).all()
        )
        for row in rows:
            if row.kind not in ("first", "change") or row.person_id in represented:
                continue
            version = session.get(PlanVersion, row.plan_version_id)
            draft_of(session, version).validate()
            facts = plans._facts(session, ctx, version, row.decision_date, row.send_date)
            f = facts[row.person_id]
            assert missing_elements(f, elements) == [], row.number
            assert (row.outcome, row.contribution) == (
                decision_outcome(f.provisions),
                f.contribution,
            )
            earlier = session.exec(
                select(Decision)
                .join(PlanVersion)
                .where(PlanVersion.plan_id == version.plan_id, PlanVersion.number < version.number)
                .order_by(Decision.decision_date, Decision.number)
            ).all()
            replaced = {d.person_id: d for d in earlier}.get(row.person_id)
            assert row.replaces_decision_id == (replaced.id if replaced else None)
            assert row.kind == ("change" if replaced else "first")
            household = session.get(Household, row.household_id)
            number = replaced.number if replaced else None
            built = decision_content(
                session,
                ctx.reference,
                household,
                row.person_id,
                f,
                version,
                number,
                row.number,
                row.kind,
                row.outcome,
            )
            assert row.content == built, row.number
            stored = session.exec(
                select(Provision).where(Provision.plan_version_id == version.id)
            ).all()
            for p, kept in zip(f.provisions, stored, strict=True):
                size = compute_arrangement(p.segment, p.intensities, table)
                assert (kept.size_class, kept.monthly_cost) == (size.size_class, size.monthly_cost)
                assert p.product_category == category_for_kind(p.kind, table)
                units[p.kind] = (p.unit, p.frequency)
    assert units["short_stay"] == ("etmaal", "month")
    assert units["day_activities"] == ("day_part", "week")
    assert units["household_help"] == ("hour", "week")
    short_stay = next(
        r for r in rows if r.content["provisions"][0]["kind"].startswith("Kortdurend")
    )
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(printing.decision_pdf(ctx, short_stay.number))).pages
    )
    assert "etmalen per maand" in text
    assert "Productcode" not in text  # the iWmo code stays in the back-office export


def test_every_demo_letter_names_the_law_and_a_working_day_deadline(demo_of):
    import re

    from triage_app.domain.deadlines import is_working_day
    from triage_app.domain.decision_legal import weekday_date

    ctx = demo_of(200, seed=3)
    with ctx.store.read() as session:
        rows = session.exec(select(Decision)).all()
    assert rows
    for row in rows:
        raw = printing.decision_pdf(ctx, row.number)
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(raw)).pages
        )
        assert "van de Wet maatschappelijke ondersteuning 2015 (Wmo 2015)" in text, row.number
        assert "Verordening maatschappelijke ondersteuning Utrecht" in text
        assert "voorlopige voorziening" in text
        match = re.search(r"uiterlijk (\w+dag) (\d+ \w+ \d{4})", text)
        assert match, row.number
        assert is_working_day(row.objection_deadline)
        assert f"{match[1]} {match[2]}" == weekday_date(row.objection_deadline)


def test_demo_has_plans_waiting_for_a_decision(demo_of):
    """Drafts offered ter besluitvorming to the demo decider and to the pool, some sent back;
    they are in the decider's and the casemanager's queue, and complete enough to issue."""
    import dataclasses
    import datetime as dt

    from triage_app.services.issue_preview import issue_preview_pdf
    from triage_app.store.plan_tables import PlanHandover
    from triage_app.store.tables import Worker

    ctx = demo_of(600, seed=11)
    with ctx.store.write() as session:  # the demo's accounts are made at the first start
        session.add(
            Worker(username="decider", display_name="Demo", roles="decider", password_hash="")
        )
    with ctx.store.read() as session:
        offers = session.exec(select(PlanHandover)).all()
        drafts = {o.plan_version_id: session.get(PlanVersion, o.plan_version_id) for o in offers}
    waiting = [o for o in offers if o.status == "open"]
    assert {o.offered_to for o in waiting} == {"decider", None}
    assert all(drafts[o.plan_version_id].status == "draft" for o in offers)
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="decider"))
    mine = [i for i in work_queue.work_queue(decider, "decider") if i.kind == "decision_offered"]
    assert len(mine) == len(waiting)
    assert any("(pool)" in i.detail for i in mine) and all("wacht" in i.detail for i in mine)
    offer = waiting[0]
    today = ctx.today()
    checklist = plans.decision_checklist(decider, offer.plan_version_id, today, today)
    assert checklist and not any(checklist.values())
    pdf = issue_preview_pdf(decider, offer.plan_version_id, today, today + dt.timedelta(days=1))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "CONCEPT" in text and "Besluit CONCEPT" in text
    from tests.tagged_pdf import assert_tagged

    tagged = assert_tagged(pdf, "concept")  # the watermark is furniture, not read aloud
    assert "CONCEPT" in " ".join(tagged.artifacts)


def test_demo_holds_every_kind_and_representatives(demo_of):
    """Grants, partial grants, refusals, changes, endings and decisions on objection; a
    resident with a curator and one with a mentor, whose ending letter goes to them."""
    from triage_app.store.tables import Person

    ctx = demo_of(200, seed=3)
    with ctx.store.read() as session:
        rows = session.exec(select(Decision).order_by(Decision.number)).all()
        kinds = {(r.kind, r.outcome) for r in rows}
        represented = {
            p.id: p.representative_kind
            for p in session.exec(select(Person).where(Person.representative_kind != ""))
        }
    assert {k for k, _ in kinds} == {"first", "change", "termination", "objection"}
    assert {("first", "granted"), ("first", "partly_granted"), ("first", "refused")} <= kinds
    assert sorted(represented.values()) == ["curator", "mentor"]
    rulings = [r for r in rows if r.kind == "objection"]
    assert len(rulings) == 2
    for ruling in rulings:
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(printing.decision_pdf(ctx, ruling.number))).pages
        )
        assert "beroep" in text and "rechtbank" in text, ruling.number
    for row in (r for r in rows if r.kind == "termination" and r.person_id in represented):
        label = represented[row.person_id]
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(printing.decision_pdf(ctx, row.number))).pages
        )
        assert f", {label} van " in text and "Uw ondersteuning stopt op" in text, row.number
    # A beschikking of every kind and outcome is a tagged PDF: its subject the H1.
    from tests.tagged_pdf import assert_tagged, headings

    for kind, outcome in sorted(kinds):
        row = next(r for r in rows if (r.kind, r.outcome) == (kind, outcome))
        tagged = assert_tagged(printing.decision_pdf(ctx, row.number), f"{kind} {outcome}")
        assert [role for role, _ in headings(tagged)][:2] == ["H1", "H2"], (kind, outcome)
