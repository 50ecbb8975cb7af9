"""Document, batch-print and figures: a beschikking and a plan against a bare reportlab document
of the same text; 1,000 decisions printed and a year's figures computed in the background while
a scripted worker types in the search box (the UI stall is what that worker feels)."""

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import text

from bench.stats import Felt, summarise, timings
from triage_app.documents.base import FONT, register_fonts
from triage_app.services import batch_printing, printing


def _bare(lines: list[str]) -> bytes:
    """The same text, the same embedded font, no letterhead, tables or page numbering."""
    register_fonts()
    style = ParagraphStyle("bare", fontName=FONT, fontSize=11, leading=15)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(line, style) for line in lines])
    return buffer.getvalue()


def _text_lines(pdf: bytes) -> list[str]:
    lines = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines += [line for line in page.extract_text().splitlines() if line.strip()]
    return [line.replace("&", "&amp;").replace("<", "&lt;") for line in lines]


def bench_documents(ctx, repeat: int) -> list[Felt]:  # type: ignore[no-untyped-def]
    """Each document's time as a ratio to a bare reportlab document of the same text."""
    with ctx.store.read() as session:
        number = session.execute(
            text("SELECT number FROM decision ORDER BY number LIMIT 1")
        ).scalar()
        household = session.execute(
            text("SELECT household_id FROM plan_version WHERE status = 'issued' LIMIT 1")
        ).scalar()
    import uuid

    household = uuid.UUID(hex=household) if isinstance(household, str) else household
    figures = []
    for name, make in (
        ("beschikking PDF / bare reportlab", lambda: printing.decision_pdf(ctx, number)),
        ("plan PDF / bare reportlab", lambda: printing.plan_pdf(ctx, household)),
    ):
        lines = _text_lines(make())
        samples = timings(make, repeat)
        floor = timings(lambda lines=lines: _bare(lines), repeat)
        med, _ = summarise(samples)
        bare, _ = summarise(floor)
        figures.append(
            Felt.single(name, med / bare, 1.5, "x", {"document ms": med, "bare reportlab ms": bare})
        )
    return figures


def bench_batch(ctx, count: int = 1000) -> list[Felt]:  # type: ignore[no-untyped-def]
    """Print ``count`` decisions as the app does (laid out in a child process, waited for by a
    background thread) while a worker types in the search box; the total and the longest UI
    stall."""
    from bench.felt import while_typing
    from triage_app.ui import tasks

    with ctx.store.read() as session:
        numbers = list(
            session.execute(
                text("SELECT number FROM decision ORDER BY number LIMIT :n"), {"n": count}
            ).scalars()
        )
    result: list = []

    def start() -> None:
        task = tasks.Task(batch_printing.BatchInChild(ctx, numbers, False).run)
        task.signals.finished.connect(result.append)
        task.signals.failed.connect(result.append)
        result.append(task)  # kept alive while it runs
        tasks.start(task)

    total, stall = while_typing(ctx, start, lambda: len(result) > 1)
    pages = len(PdfReader(io.BytesIO(result[1])).pages) if isinstance(result[1], bytes) else 0
    name = f"batch print {len(numbers)} decisions ({pages} pages)"
    return [
        Felt.single(name + ": total", total, 30, "s"),
        Felt.single(name + ": UI stall, worker typing", stall, 100, "ms"),
    ]


def bench_figures(ctx) -> list[Felt]:  # type: ignore[no-untyped-def]
    """The team lead's figures for a year over all wijken, computed in the background while a
    worker types; beside one aggregate query."""
    import datetime as dt

    from bench.felt import while_typing
    from triage_app.services import figures
    from triage_app.ui import tasks

    year = (dt.date(ctx.today().year, 1, 1), ctx.today())
    result: list = []

    def start() -> None:
        task = tasks.Task(lambda progress, _c: figures.compute(ctx, *year, "", progress))
        task.signals.finished.connect(result.append)
        task.signals.failed.connect(result.append)
        result.append(task)
        tasks.start(task)

    total, stall = while_typing(ctx, start, lambda: len(result) > 1)
    with ctx.store.engine.connect() as connection:
        floor = timings(
            lambda: connection.execute(
                text("SELECT chosen_route, count(*) FROM route_decision GROUP BY chosen_route")
            ).all(),
            5,
        )
    return [
        Felt.single(
            "figures over a year: total", total, 2, "s", {"one aggregate ms": summarise(floor)[0]}
        ),
        Felt.single("figures over a year: UI stall, worker typing", stall, 100, "ms"),
    ]
