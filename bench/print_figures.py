"""Document and batch-print figures: a beschikking and a plan against a bare reportlab document
of the same text, and 1,000 decisions printed in the background while the UI thread ticks."""

import io
import time

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import text

from bench.stats import Figure, summarise, timings
from triage_app.documents.base import FONT, register_fonts
from triage_app.services import printing


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


def bench_documents(ctx, repeat: int) -> list[Figure]:  # type: ignore[no-untyped-def]
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
        ("beschikking PDF", lambda: printing.decision_pdf(ctx, number)),
        ("plan PDF (with its decisions)", lambda: printing.plan_pdf(ctx, household)),
    ):
        lines = _text_lines(make())
        samples = timings(make, repeat)
        floor = timings(lambda lines=lines: _bare(lines), repeat)
        med, p95 = summarise(samples)
        figures.append(
            Figure(
                name,
                med,
                p95,
                "bare reportlab, same text",
                summarise(floor)[0],
                "<= 1.5x the bare document",
            )
        )
    return figures


def bench_batch(ctx, count: int = 1000) -> list[str]:  # type: ignore[no-untyped-def]
    """Print ``count`` decisions in a background task while a 5 ms timer runs on the UI
    thread; report the total and the longest gap between ticks (the UI stall)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from triage_app.ui import tasks

    app = QApplication.instance() or QApplication([])
    with ctx.store.read() as session:
        numbers = list(
            session.execute(
                text("SELECT number FROM decision ORDER BY number LIMIT :n"), {"n": count}
            ).scalars()
        )
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    task = tasks.Task(
        lambda progress, cancelled: printing.decisions_pdf(ctx, numbers, False, progress, cancelled)
    )
    result: list = []
    task.signals.finished.connect(lambda pdf: (result.append(pdf), loop.quit()))
    task.signals.failed.connect(lambda message: (result.append(message), loop.quit()))
    started = time.perf_counter()
    timer.start()
    tasks.start(task)
    loop.exec()
    total = time.perf_counter() - started
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    del app
    pages = len(PdfReader(io.BytesIO(result[0])).pages) if isinstance(result[0], bytes) else 0
    return [
        f"{'batch print ' + str(len(numbers)) + ' decisions (background)':<44} "
        f"{total:9.1f} s   {pages} pages; longest UI stall {max(gaps) * 1000:.0f} ms"
        f"{'':>8}<= 30 s, stall <= 100 ms"
    ]
