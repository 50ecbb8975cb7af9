"""What every printed document shares: the embedded font, normal or large print, the
municipality's letterhead, an address placed for a window envelope, "Pagina x van y" with the
reference on every page, and PDF metadata without personal data."""

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from triage_app.resources import resource_path

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 22 * mm
WINDOW_TOP = 50 * mm  # the address window of a Dutch window envelope (C5/EA5), from the top
FIRST_PAGE_TOP = 100 * mm
INK, GREY = "#1a1a1a", "#555555"


@functools.cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    for family in (FONT, FONT_BOLD):
        pdfmetrics.registerFontFamily(
            family, normal=family, bold=FONT_BOLD, italic=family, boldItalic=FONT_BOLD
        )


def text(value: object) -> str:
    """Plain text made safe for a Paragraph (names may hold & or <)."""
    return escape(str(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    grid: ParagraphStyle  # table cells: a point smaller, so words fit their column
    grid_bold: ParagraphStyle

    @classmethod
    def make(cls, large_print: bool = False) -> "Styles":
        register_fonts()  # paragraphs look their fonts up when they are made
        size = 14 if large_print else 11
        grid = size if large_print else size - 1.5
        body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=size,
            leading=size * 1.4,
            textColor=INK,
            spaceAfter=size * 0.6,
        )
        return cls(
            body=body,
            small=ParagraphStyle(
                "small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.35, textColor=GREY
            ),
            heading=ParagraphStyle(
                "heading",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=size + 2,
                leading=(size + 2) * 1.3,
                spaceBefore=size * 0.8,
                spaceAfter=size * 0.4,
                keepWithNext=True,
            ),
            title=ParagraphStyle(
                "title",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=size + 6,
                leading=(size + 6) * 1.25,
                spaceAfter=size,
            ),
            cell=ParagraphStyle("cell", parent=body, spaceAfter=0),
            cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, spaceAfter=0),
            grid=ParagraphStyle(
                "grid", parent=body, spaceAfter=0, fontSize=grid, leading=grid * 1.3
            ),
            grid_bold=ParagraphStyle(
                "grid_bold",
                parent=body,
                spaceAfter=0,
                fontName=FONT_BOLD,
                fontSize=grid,
                leading=grid * 1.3,
            ),
        )


@dataclass(frozen=True)
class Letterhead:
    """The sender, from the municipality profile."""

    name: str
    department: str
    lines: tuple[str, ...]  # postal address, phone, website
    logo: str = ""  # an image file; the coloured bar stands in when there is none

    @classmethod
    def from_profile(cls, profile: Mapping) -> "Letterhead":
        lines = (
            profile.get("postal_address", ""),
            f"{profile.get('postal_postcode', '')} {profile.get('city', '')}".strip(),
            f"Telefoon {profile['phone']}" if profile.get("phone") else "",
            profile.get("website", ""),
        )
        return cls(
            profile.get("name", ""),
            profile.get("department", ""),
            tuple(line for line in lines if line),
            str(profile.get("logo", "") or ""),
        )


def label_table(rows: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """Two columns: a bold label and its value, both wrapping."""
    data = [
        [Paragraph(text(k), styles.cell_bold), Paragraph(text(v), styles.cell)] for k, v in rows
    ]
    table = Table(data, colWidths=[width * 0.36, width * 0.64], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#cccccc"),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], styles: Styles, widths: Sequence[float]
) -> Table:
    data = [[Paragraph(text(h), styles.grid_bold) for h in header]]
    data += [[Paragraph(text(c), styles.grid) for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e8eef4"),
                ("GRID", (0, 0), (-1, -1), 0.25, "#b8c4d0"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so each can say "Pagina x van y" of its own letter."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int, int], None], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer
        self.letter_index = 0  # the letter the current page belongs to (set by the template)
        self.pending_letter = 0  # the letter whose first page comes next

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        per_letter: dict[int, int] = {}
        for page in self._pages:
            per_letter[page["letter_index"]] = per_letter.get(page["letter_index"], 0) + 1
        seen: dict[int, int] = {}
        for page in self._pages:
            letter = page["letter_index"]
            seen[letter] = seen.get(letter, 0) + 1
            self.__dict__.update(page)
            self._footer(self, letter, seen[letter], per_letter[letter])
            super().showPage()
        super().save()


class _StartsLetter(Flowable):
    """Invisible: tells the canvas that the next first page belongs to letter ``index``, and
    reports that the letters before it are laid out (``on_letter`` may raise to stop)."""

    def __init__(self, index: int, on_letter: Callable[[int], None] | None) -> None:
        super().__init__()
        self.index = index
        self.on_letter = on_letter
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.pending_letter = self.index
        if self.on_letter is not None:
            self.on_letter(self.index)


@dataclass(frozen=True)
class Recipient:
    name: str
    street: str
    postcode_city: str


@dataclass(frozen=True)
class Part:
    """One letter (or plan) in a document: its content, addressee and page reference."""

    story: list[Flowable]
    reference: str
    recipient: Recipient | None


def render_parts(
    parts: Sequence[Part],
    *,
    title: str,
    letterhead: Letterhead,
    large_print: bool = False,
    on_letter: Callable[[int], None] | None = None,
) -> bytes:
    """Lay out each part from a new first page with the letterhead and, for a letter, the
    recipient's address where a window envelope shows it; pages count per part."""
    register_fonts()
    width, height = A4
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=letterhead.name,
        subject=title,
        creator="triage_app",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=24 * mm,
    )
    frame_width = width - 2 * MARGIN
    small = 14 if large_print else 9

    def letterhead_page(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        canvas.letter_index = canvas.pending_letter
        recipient = parts[canvas.letter_index].recipient
        canvas.saveState()
        if letterhead.logo and Path(letterhead.logo).is_file():
            canvas.drawImage(
                letterhead.logo,
                MARGIN - 1 * mm,
                height - 25 * mm,
                width=7 * mm,
                height=14 * mm,
                preserveAspectRatio=True,
                mask="auto",
            )
        else:
            canvas.setFillColor("#1f4e79")
            canvas.rect(MARGIN, height - 24 * mm, 4 * mm, 12 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 15)
        canvas.drawString(MARGIN + 7 * mm, height - 17 * mm, letterhead.name)
        canvas.setFont(FONT, 10)
        canvas.drawString(MARGIN + 7 * mm, height - 22.5 * mm, letterhead.department)
        canvas.setFont(FONT, small)
        canvas.setFillColor(GREY)
        for i, line in enumerate(letterhead.lines):
            canvas.drawRightString(width - MARGIN, height - 15 * mm - i * (small + 2), line)
        if recipient is not None:
            canvas.setFillColor(INK)
            size = 14 if large_print else 11
            canvas.setFont(FONT, size)
            y = height - WINDOW_TOP - size
            for line in (recipient.name, recipient.street, recipient.postcode_city):
                canvas.drawString(MARGIN, y, line)
                y -= size * 1.35
        canvas.restoreState()

    def footer(canvas: Canvas, letter: int, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, small)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 14 * mm, parts[letter].reference)
        canvas.drawRightString(width - MARGIN, 14 * mm, f"Pagina {page} van {total}")
        canvas.restoreState()

    def template(name: str, top: float, on_page=None) -> PageTemplate:  # type: ignore[no-untyped-def]
        frame = Frame(MARGIN, 24 * mm, frame_width, height - top - 24 * mm, id=name)
        return (
            PageTemplate(name, [frame], onPage=on_page) if on_page else PageTemplate(name, [frame])
        )

    first_of = {True: "letter", False: "document"}
    templates = {
        "letter": template("letter", FIRST_PAGE_TOP, letterhead_page),
        "document": template("document", 45 * mm, letterhead_page),
        "later": template("later", MARGIN),
    }
    first = first_of[parts[0].recipient is not None]
    # The document's first page uses the first template in the list.
    doc.addPageTemplates([templates[first]] + [t for n, t in templates.items() if n != first])
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story += [
                _StartsLetter(index, on_letter),
                NextPageTemplate(first_of[part.recipient is not None]),
                PageBreak(),
            ]
        story += [NextPageTemplate("later"), *part.story]
    doc.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


def render(
    story: list[Flowable],
    *,
    title: str,
    reference: str,
    letterhead: Letterhead,
    recipient: Recipient | None,
    large_print: bool = False,
) -> bytes:
    """One letter or document."""
    return render_parts(
        [Part(story, reference, recipient)],
        title=title,
        letterhead=letterhead,
        large_print=large_print,
    )


def content_width() -> float:
    return A4[0] - 2 * MARGIN


def paragraph(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)
