"""Document, batch-print and figures: a beschikking and a plan against a bare reportlab document
of the same content; 1,000 decisions printed and a year's figures computed in the background
while a scripted worker types in the search box (the UI stall is what that worker feels).

The floor for a document ("bare reportlab, same content") is built from the very flowables the
app laid out (caught from one print): the same paragraphs (same text and markup, font, size and
leading) and the same tables (same cells, the column widths the app chose), the letterhead,
address and "Pagina x van y" lines drawn as plain strings, on A4 with the app's margins and its
two embedded TTF fonts (regular and bold). It leaves out what the kit adds on top: colours,
rules and cell backgrounds, keep-together and heading rules, widow control, bookmarks, duplex
back pages, and everything the service does (role check, signature check, audit line, commit).
Until 6 December 2026 the floor was the PDF's extracted text lines as one-line paragraphs in the
regular font only: no tables and no bold font, so it embedded one font subset where the letter
embeds two and laid out no table; the ratio then also counted content, not only the app's cost.

The app side is a worker's reprint: the service call (decision_pdf / plan_pdf) until the PDF's
bytes. App and floor are timed in turns (app, floor, app, ...) so load on the machine from
other work falls on both alike.
"""

import io
import time

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import text

from bench.stats import Felt, summarise, timings
from triage_app.documents import base
from triage_app.documents.base import FONT, FONT_BOLD, MARGIN, register_fonts
from triage_app.services import batch_printing, printing


def _cell(value) -> tuple:  # type: ignore[no-untyped-def]
    """A table cell: its paragraph, or its plain text in the regular font."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if isinstance(value, Paragraph):
        return _describe(value)[0]
    return ("p", base.text(value or ""), (FONT, 10, 12, 0, 0))


def _describe(flowable) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What a flowable holds, as plain values: paragraphs, tables, spaces, page breaks."""
    if isinstance(flowable, Paragraph):
        st = flowable.style
        return [
            (
                "p",
                flowable.text,
                (st.fontName, st.fontSize, st.leading, st.spaceBefore, st.spaceAfter),
            )
        ]
    if isinstance(flowable, Table):
        rows = [[_cell(cell) for cell in row] for row in flowable._cellvalues]
        return [("t", rows, list(flowable._argW))]
    if isinstance(flowable, KeepTogether):
        return [d for f in flowable._content for d in _describe(f)]
    if isinstance(flowable, Spacer):
        return [("s", flowable.width, flowable.height)]
    if isinstance(flowable, PageBreak):
        return [("b",)]
    return []  # the kit's own: page-break conditions, template switches, markers


def _catch(make) -> tuple[list, base.Letterhead, str, int]:  # type: ignore[no-untyped-def]
    """One real print, with the parts handed to the layout kit caught on the way."""
    from triage_app.documents import plan_document

    caught: list = []
    real = base.render_parts

    def catch(parts, **kwargs):  # type: ignore[no-untyped-def]
        # Described before layout: laying out a table rewrites its cells.
        caught.append(
            [
                (
                    [d for f in part.story for d in _describe(f)],
                    part.reference,
                    None
                    if part.recipient is None
                    else (part.recipient.name, part.recipient.street, part.recipient.postcode_city),
                )
                for part in parts
            ]
        )
        caught.append(kwargs)
        return real(parts, **kwargs)

    base.render_parts = plan_document.render_parts = catch
    try:
        pdf = make()
    finally:
        base.render_parts = plan_document.render_parts = real
    content, kwargs = caught
    return content, kwargs["letterhead"], kwargs["title"], len(PdfReader(io.BytesIO(pdf)).pages)


def bare_document(content: list, letterhead: base.Letterhead, title: str, pages: int) -> bytes:
    """The floor: ``content`` (from ``_catch``) in plain reportlab, see the module docstring."""
    register_fonts()
    width, height = A4
    styles: dict[tuple, ParagraphStyle] = {}

    def style(key: tuple) -> ParagraphStyle:
        if key not in styles:
            font, size, leading, before, after = key
            styles[key] = ParagraphStyle(
                f"s{len(styles)}",
                fontName=font,
                fontSize=size,
                leading=leading,
                spaceBefore=before,
                spaceAfter=after,
            )
        return styles[key]

    def flowables(described: list) -> list:
        made: list = []
        for d in described:
            if d[0] == "p":
                made.append(Paragraph(d[1], style(d[2])))
            elif d[0] == "t":
                cells = [[Paragraph(c[1], style(c[2])) for c in row] for row in d[1]]
                table = Table(cells, colWidths=d[2], hAlign="LEFT", splitInRow=1)
                table.setStyle(
                    TableStyle(
                        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT)]
                    )
                )
                made.append(table)
            elif d[0] == "s":
                made.append(Spacer(d[1], d[2]))
            else:
                made.append(PageBreak())
        return made

    starts: dict[int, int] = {}  # page -> the part that starts on it
    current = [0]  # the part being laid out

    class Starts(Spacer):
        def __init__(self, index: int) -> None:
            super().__init__(0, 0)
            self.index = index

        def draw(self) -> None:
            starts[self.canv.getPageNumber()] = current[0] = self.index

    def page_end(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        number = canvas.getPageNumber()
        part = starts.get(number)
        canvas.setFont(FONT, 9)
        canvas.drawString(MARGIN, 14 * mm, content[current[0]][1])
        canvas.drawRightString(width - MARGIN, 14 * mm, f"Pagina {number} van {pages}")
        if part is None:
            return
        canvas.setFont(FONT_BOLD, 15)
        canvas.drawString(MARGIN, height - 17 * mm, letterhead.name)
        canvas.setFont(FONT, 10)
        canvas.drawString(MARGIN, height - 22 * mm, letterhead.department)
        for i, line in enumerate(letterhead.lines):
            canvas.drawRightString(width - MARGIN, height - 15 * mm - i * 11, line)
        recipient = content[part][2]
        if recipient is not None:
            y = height - 55 * mm
            canvas.setFont(FONT, 7)
            canvas.drawString(base.WINDOW_LEFT, y, letterhead.return_address)
            canvas.setFont(FONT, 11)
            for line in recipient:
                y -= 13
                canvas.drawString(base.WINDOW_LEFT, y, line)

    doc = BaseDocTemplate(
        io.BytesIO(),
        pagesize=A4,
        title=title,
        initialFontName=FONT,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=base.BOTTOM,
    )
    frame = Frame(MARGIN, base.BOTTOM, width - 2 * MARGIN, height - MARGIN - base.BOTTOM)
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=page_end)])
    story: list = []
    for index, (described, _reference, recipient) in enumerate(content):
        if index:
            story.append(PageBreak())
        if recipient is not None:  # room for the address, as the letter leaves it
            story.append(Spacer(1, base.FIRST_PAGE_TOP - MARGIN))
        story += [Starts(index), *flowables(described)]
    doc.build(story)
    return doc.filename.getvalue()


def bench_documents(ctx, repeat: int) -> list[Felt]:  # type: ignore[no-untyped-def]
    """Each document's time (a worker's reprint) as a ratio to the bare reportlab document of
    the same content, timed in turns."""
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
        caught = _catch(make)
        floor = lambda caught=caught: bare_document(*caught)  # noqa: E731
        ours, bare = [], []
        for _ in range(repeat):
            for call, samples in ((make, ours), (floor, bare)):
                started = time.perf_counter()
                call()
                samples.append((time.perf_counter() - started) * 1000)
        med, _ = summarise(ours)
        floor_med, _ = summarise(bare)
        figures.append(
            Felt.single(
                name,
                med / floor_med,
                1.5,
                "x",
                {"document ms": med, "bare reportlab ms": floor_med},
            )
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
