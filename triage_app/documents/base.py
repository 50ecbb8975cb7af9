"""What every printed document shares (the layout kit): the embedded font, normal or large
print, the municipality's letterhead, an address fitted to the window of an envelope, tables
whose columns come from their content, headings kept with what follows, "Pagina x van y" per
letter, blank back pages for duplex batches, bookmarks, and PDF metadata without personal data."""

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFPage, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from triage_app.documents.tagging import (
    Node,
    TableTags,
    TaggedFrame,
    Tagging,
    title_first,
    write_structure,
)
from triage_app.domain.errors import DomainError
from triage_app.resources import resource_path

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 22 * mm
# The address field of a Dutch window envelope (NEN 1026 style, fits C5/EA5 and C5/6):
# 22 mm from the left, 50 mm from the top, 85 x 45 mm. Nothing else is printed in it.
WINDOW_LEFT, WINDOW_TOP = 22 * mm, 50 * mm
WINDOW_WIDTH, WINDOW_HEIGHT = 85 * mm, 45 * mm
WINDOW_PAD = 2 * mm  # kept clear inside the window edge, for the letter shifting in the envelope
RETURN_SIZE = 7  # the return-address line, for the postal service
FIRST_PAGE_TOP = 100 * mm
BOTTOM = 24 * mm
# Colours as reportlab objects, made once: a colour given as a string is parsed again (through
# reportlab's safe eval) every time it is used, a few dozen times per letter.
INK, GREY = HexColor("#1a1a1a"), HexColor("#555555")
RULE, GRID, HEADER_FILL, LOGO_BLUE = (
    HexColor("#cccccc"),
    HexColor("#b8c4d0"),
    HexColor("#e8eef4"),
    HexColor("#1f4e79"),
)
CELL_PAD = 6  # reportlab's default left and right padding in a table cell
LARGE_SIZE = 16  # large print: no text a resident reads is smaller


class LayoutFailed(DomainError):
    """The content could not be laid out on A4 (reportlab's LayoutError, in Dutch)."""


@functools.cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    for family in (FONT, FONT_BOLD):
        pdfmetrics.registerFontFamily(
            family, normal=family, bold=FONT_BOLD, italic=family, boldItalic=FONT_BOLD
        )


class KitParagraph(Paragraph):
    """A paragraph that remembers how it broke into lines at the last width: reportlab wraps
    a paragraph again at the same width after measuring a block kept together (a heading and
    what follows, a letter's last lines and signature), and once more in a table it measured;
    the lines only depend on the width (the style and text never change once made)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        known = self.__dict__.get("_wrapped")
        if known is not None and known[0] == availWidth and known[1] is self.__dict__.get("blPara"):
            self.width = availWidth
            return known[2]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.blPara, size)
        return size


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
    grid: ParagraphStyle  # table cells: a point smaller in normal print, so words fit
    grid_bold: ParagraphStyle
    subheading: ParagraphStyle  # bold, kept with what follows (a life domain in the plan)
    large: bool = False

    @classmethod
    def make(cls, large_print: bool = False) -> "Styles":
        """The styles for normal or large print, made once per process (nothing changes a
        style once made)."""
        return _styles(cls, bool(large_print))

    @classmethod
    def _build(cls, large_print: bool) -> "Styles":
        register_fonts()  # paragraphs look their fonts up when they are made
        size = LARGE_SIZE if large_print else 11
        grid = size if large_print else size - 1.5
        small = size if large_print else size - 2
        body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=size,
            leading=size * 1.4,
            textColor=INK,
            spaceAfter=size * 0.6,
            allowWidows=0,  # never one line of a paragraph alone at the top of a page
            allowOrphans=0,  # nor alone at the foot
        )
        return cls(
            body=body,
            small=ParagraphStyle(
                "small", parent=body, fontSize=small, leading=small * 1.35, textColor=GREY
            ),
            heading=ParagraphStyle(
                "heading",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=size + 3,
                leading=(size + 3) * 1.3,
                spaceBefore=size * 0.8,
                spaceAfter=size * 0.4,
                keepWithNext=True,
            ),
            title=ParagraphStyle(
                "title",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=size + 7,
                leading=(size + 7) * 1.25,
                spaceAfter=size,
                keepWithNext=True,
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
            subheading=ParagraphStyle(
                "subheading",
                parent=body,
                fontName=FONT_BOLD,
                spaceBefore=size * 0.5,
                spaceAfter=size * 0.3,
                keepWithNext=True,
            ),
            large=large_print,
        )


@functools.cache
def _styles(cls: type[Styles], large_print: bool) -> Styles:
    return cls._build(large_print)


@dataclass(frozen=True)
class Letterhead:
    """The sender, from the municipality profile."""

    name: str
    department: str
    lines: tuple[str, ...]  # postal address, phone, website
    logo: str = ""  # an image file; the coloured bar stands in when there is none
    return_address: str = ""  # one line above the address, for the postal service

    @classmethod
    def from_profile(cls, profile: Mapping) -> "Letterhead":
        postcode_city = f"{profile.get('postal_postcode', '')} {profile.get('city', '')}".strip()
        lines = (
            profile.get("postal_address", ""),
            postcode_city,
            f"Telefoon {profile['phone']}" if profile.get("phone") else "",
            profile.get("website", ""),
        )
        sender = (profile.get("name", ""), profile.get("postal_address", ""), postcode_city)
        return cls(
            profile.get("name", ""),
            profile.get("department", ""),
            tuple(line for line in lines if line),
            str(profile.get("logo", "") or ""),
            ", ".join(part for part in sender if part),
        )


# --- words and widths ---------------------------------------------------------------------


def width_of(value: str, font: str, size: float) -> float:
    return stringWidth(value, font, size)


def _longest_word(value: str, style: ParagraphStyle) -> float:
    return max((width_of(w, style.fontName, style.fontSize) for w in value.split()), default=0)


def wrap_words(line: str, font: str, size: float, width: float) -> list[str]:
    """``line`` broken between words to fit ``width``; only a word wider than the whole width
    is cut (there is nowhere else to break it)."""
    lines: list[str] = []
    current = ""
    for whole_word in line.split():
        word = whole_word
        while width_of(word, font, size) > width:
            cut = len(word) - 1
            while cut > 1 and width_of(word[:cut], font, size) > width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if width_of(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def shorten(line: str, font: str, size: float, width: float) -> str:
    """``line`` cut at a word and ended with "…" so it fits ``width``."""
    if width_of(line, font, size) <= width:
        return line
    words = line.split()
    while len(words) > 1 and width_of(" ".join(words) + " …", font, size) > width:
        words.pop()
    kept = " ".join(words)
    while kept and width_of(kept + "…", font, size) > width:
        kept = kept[:-1]
    return kept.rstrip() + "…"


@dataclass(frozen=True)
class AddressBlock:
    """The recipient's lines as they fit in the envelope window, and their size."""

    size: float
    leading: float
    lines: tuple[str, ...]


def fit_address(lines: Sequence[str], size: float) -> AddressBlock:
    """Wrap the address to the window's width; when that makes it too tall, use a smaller
    size (down to 8 pt), and as a last resort shorten the name, never street or postcode."""
    width = WINDOW_WIDTH - 2 * WINDOW_PAD
    height = WINDOW_HEIGHT - 2 * WINDOW_PAD - RETURN_SIZE * 1.6
    lines = [line for line in lines if line.strip()]
    current = size
    while True:
        leading = current * 1.2
        wrapped = [w for line in lines for w in wrap_words(line, FONT, current, width)]
        if len(wrapped) * leading <= height or current <= 8:
            break
        current -= 1
    room = int(height // leading)
    if len(wrapped) > room:  # keep the last lines whole (street, postcode and city)
        tail = [w for line in lines[1:] for w in wrap_words(line, FONT, current, width)]
        head = max(1, room - len(tail))
        name = wrap_words(lines[0], FONT, current, width)
        first = name[:head]
        first[-1] = shorten(first[-1] + " " + " ".join(name[head:]), FONT, current, width)
        wrapped = (first + tail)[:room]
    return AddressBlock(current, leading, tuple(wrapped))


# --- tables -------------------------------------------------------------------------------


def _stacked(rows: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """Label above value, one column: for large print and narrow room. A one-column table
    whose rows may split across pages, so it can stand where a single flowable is expected."""
    data = []
    for k, v in rows:
        data += [[KitParagraph(text(k), styles.cell_bold)], [KitParagraph(text(v), styles.cell)]]
    table = Table(data, colWidths=[width], hAlign="LEFT", splitInRow=1, renderCB=TableTags())
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else Helvetica, not embedded
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i in range(1, len(data), 2):
        commands += [
            ("BOTTOMPADDING", (0, i), (-1, i), styles.body.fontSize * 0.6),
            ("LINEBELOW", (0, i), (-1, i), 0.25, RULE),
        ]
    table.setStyle(TableStyle(commands))
    return table


def label_table(rows: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """Two columns, a bold label and its value, both wrapping between words; the label column
    as wide as its labels need (at most 40 %). When a word would not fit its column (large
    print, long names), labels go above their values instead."""
    label_natural = max(
        (width_of(k, FONT_BOLD, styles.cell_bold.fontSize) for k, _ in rows), default=0
    )
    label_word = max((_longest_word(k, styles.cell_bold) for k, _ in rows), default=0)
    label_width = max(min(label_natural, width * 0.4), label_word) + 2 * CELL_PAD
    value_word = max((_longest_word(v, styles.cell) for _, v in rows), default=0)
    if label_width + value_word + 2 * CELL_PAD > width:
        return _stacked(rows, styles, width)
    data = [
        [KitParagraph(text(k), styles.cell_bold), KitParagraph(text(v), styles.cell)]
        for k, v in rows
    ]
    table = Table(
        data,
        colWidths=[label_width, width - label_width],
        hAlign="LEFT",
        splitInRow=1,
        renderCB=TableTags(header_columns=1),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else Helvetica, not embedded
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Styles,
    width: float,
    whole: Sequence[int] = (),
) -> list[Flowable]:
    """A table with a header row repeated on every page, rows that split across pages, and
    column widths from the content (as a browser does): each column at least as wide as its
    longest word (a column in ``whole``, such as dates, as its longest value), the rest of the
    width shared by how much text each column holds. When even the minimum widths do not fit
    (large print), each row becomes a block of label/value lines instead."""
    minimum, natural = [], []
    for i, head in enumerate(header):
        cells = [str(row[i]) for row in rows]
        least = _longest_word(head, styles.grid_bold)
        most = width_of(head, FONT_BOLD, styles.grid_bold.fontSize)
        for cell in cells:
            full = width_of(cell, FONT, styles.grid.fontSize)
            least = max(least, full if i in whole else _longest_word(cell, styles.grid))
            most = max(most, full)
        minimum.append(least + 2 * CELL_PAD + 1)
        natural.append(max(most, least) + 2 * CELL_PAD + 1)
    if sum(minimum) > width:
        return [_stacked(list(zip(header, row, strict=True)), styles, width) for row in rows]
    if sum(natural) <= width:
        spare = width - sum(natural)
        widths = [n + spare * n / sum(natural) for n in natural]
    else:
        share = (width - sum(minimum)) / (sum(natural) - sum(minimum))
        widths = [m + (n - m) * share for m, n in zip(minimum, natural, strict=True)]
    data = [[KitParagraph(text(h), styles.grid_bold) for h in header]]
    data += [[KitParagraph(text(c), styles.grid) for c in row] for row in rows]
    table = Table(
        data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1, renderCB=TableTags()
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else Helvetica, not embedded
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.25, GRID),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table]


def signed(last: Sequence[Flowable], signature: Sequence[Flowable]) -> KeepTogether:
    """A letter's signature block together with its last paragraph(s), never alone on a page."""
    return KeepTogether([*last, *signature])


# --- pages --------------------------------------------------------------------------------


class _NumberedCanvas(Tagging, Canvas):
    """Holds every page until the end, so each can say "Pagina x van y" of its own letter;
    blank back pages get no number. Bookmarks are made while the pages are written out, so
    they point at the right page; so is the structure tree (tagging.py)."""

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, footer: Callable[["_NumberedCanvas", int, int, int], None], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer
        self.letter_index = 0  # the letter the current page belongs to (set by the template)
        self.pending_letter = 0  # the letter whose first page comes next
        self.blank = False  # a back page left empty so the next letter starts on a front
        self.marks: list[tuple[str, int]] = []  # outline entries (title, level) on this page
        self.start_tags()

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self.blank = False
        self.marks = []
        self.start_tags()
        self._startPage()

    def save(self) -> None:
        per_letter: dict[int, int] = {}
        for page in self._pages:
            if not page["blank"]:
                per_letter[page["letter_index"]] = per_letter.get(page["letter_index"], 0) + 1
        seen: dict[int, int] = {}
        count = 0
        written: list[tuple[int, list[Node]]] = []
        for page in self._pages:
            self.__dict__.update(page)
            for title, level in page["marks"]:
                count += 1
                key = f"m{count}"
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=level, closed=level == 0)
            if not page["blank"]:
                letter = page["letter_index"]
                seen[letter] = seen.get(letter, 0) + 1
                self._footer(self, letter, seen[letter], per_letter[letter])
            super().showPage()
            _flate_only(self._doc.Pages.pages[-1])
            written.append((page["letter_index"], page["tags"]))
        write_structure(self._doc, written)
        super().save()


def _flate_only(page: PDFPage) -> None:
    """A page's drawing compressed as binary (Flate), as most PDF writers do, not also
    encoded as ASCII text (ASCII85), reportlab's default for old 7-bit mail: that encoding
    makes a page stream a quarter larger and took ~2 ms of a letter's ~23 ms, in pure
    Python."""
    if page.compression and page.stream and not page.Contents:
        contents = PDFStream(content=page.stream, filters=[PDFZCompress])
        contents.__Comment__ = "page stream"
        page.Contents = contents


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


class _ToFrontSide(ActionFlowable):
    """Before a letter in a duplex batch: when the previous letter ended on a front side (an
    odd page), leave its back page blank, so the next letter starts on a front side."""

    def apply(self, doc) -> None:  # type: ignore[no-untyped-def]
        if doc.page % 2 == 1:
            doc.handle_pageBreak()
            doc.canv.blank = True


class _Document(BaseDocTemplate):
    """Adds an outline entry (a bookmark) for every title and heading."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        if isinstance(flowable, Paragraph) and flowable.style.name in ("title", "heading"):
            self.canv.marks.append((flowable.getPlainText(), 1))


@dataclass(frozen=True)
class Recipient:
    name: str
    street: str
    postcode_city: str


@dataclass(frozen=True)
class Part:
    """One letter (or plan) in a document: its content, addressee, page reference and the
    name of its bookmark."""

    story: list[Flowable]
    reference: str
    recipient: Recipient | None
    bookmark: str = field(default="")
    large_print: bool | None = None  # None: as the whole document


def _keep_headings(story: Sequence[Flowable], body: float) -> list[Flowable]:
    """Before each heading, a page break when less than the heading and three lines of what
    follows fit; a heading followed by a block kept together joins that block. No heading is
    left alone at the foot of a page."""
    kept: list[Flowable] = []
    for flowable in story:
        previous = kept[-1] if kept else None
        if (
            isinstance(flowable, KeepTogether)
            and isinstance(previous, Paragraph)
            and getattr(previous.style, "keepWithNext", 0)
        ):
            kept[-1] = KeepTogether([previous, *flowable._content])
            continue
        if isinstance(flowable, Paragraph) and getattr(flowable.style, "keepWithNext", 0):
            style = flowable.style
            kept.append(CondPageBreak(style.spaceBefore + style.leading * 2 + body * 1.4 * 3))
        kept.append(flowable)
    return kept


def render_parts(
    parts: Sequence[Part],
    *,
    title: str,
    letterhead: Letterhead,
    large_print: bool = False,
    on_letter: Callable[[int], None] | None = None,
    duplex: bool = True,
    subject: str = "",
    watermark: str = "",
) -> bytes:
    """Lay out each part from a new first page with the letterhead and, for a letter, the
    recipient's address where a window envelope shows it; pages count per part. With
    ``duplex`` each part starts on an odd page. A ``watermark`` (e.g. a concept's "CONCEPT -
    nog niet vastgesteld") is printed large across and small at the foot of every page.
    Raises LayoutFailed (a DomainError) when reportlab cannot lay the content out."""
    register_fonts()
    width, height = A4
    buffer = BytesIO()
    doc = _Document(
        buffer,
        pagesize=A4,
        title=title,
        author=letterhead.name,
        subject=subject or title,
        creator="triage_app",
        lang="nl-NL",
        displayDocTitle=True,
        initialFontName=FONT,  # no Helvetica, not even in the page set-up
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
    )
    frame_width = width - 2 * MARGIN

    def large(part: Part) -> bool:
        return large_print if part.large_print is None else part.large_print

    def letterhead_page(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        canvas.letter_index = canvas.pending_letter
        part = parts[canvas.letter_index]
        large_print = large(part)
        size = LARGE_SIZE if large_print else 11
        small = LARGE_SIZE if large_print else 9
        canvas.marks.append((part.bookmark or title, 0))
        canvas.saveState()
        with canvas.artifact("Header"):
            _draw_letterhead(canvas, large_print, size, small)
        if part.recipient is not None:
            _draw_address(canvas, part.recipient, size, height)
        canvas.restoreState()

    def _draw_letterhead(canvas, large_print: bool, size: float, small: float) -> None:  # type: ignore[no-untyped-def]
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
            canvas.setFillColor(LOGO_BLUE)
            canvas.rect(MARGIN, height - 24 * mm, 4 * mm, 12 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        name_size = 22 if large_print else 15
        canvas.setFont(FONT_BOLD, name_size)
        canvas.drawString(MARGIN + 7 * mm, height - 17 * mm, letterhead.name)
        canvas.setFont(FONT, size if large_print else 10)
        canvas.drawString(
            MARGIN + 7 * mm, height - (25 if large_print else 22.5) * mm, letterhead.department
        )
        canvas.setFont(FONT, small)
        canvas.setFillColor(GREY)
        for i, line in enumerate(letterhead.lines):
            canvas.drawRightString(width - MARGIN, height - 15 * mm - i * (small + 2), line)

    def _draw_address(canvas, recipient: Recipient, size: float, height: float) -> None:  # type: ignore[no-untyped-def]
        left = WINDOW_LEFT + WINDOW_PAD
        room = WINDOW_WIDTH - 2 * WINDOW_PAD
        y = height - WINDOW_TOP - WINDOW_PAD - RETURN_SIZE
        with canvas.artifact():  # the return line is for the postal service
            canvas.setFillColor(GREY)
            canvas.setFont(FONT, RETURN_SIZE)
            canvas.drawString(left, y, shorten(letterhead.return_address, FONT, RETURN_SIZE, room))
            canvas.setStrokeColor(GREY)
            canvas.setLineWidth(0.3)
            canvas.line(left, y - 2, left + room, y - 2)
        block = fit_address((recipient.name, recipient.street, recipient.postcode_city), size)
        start = len(canvas._code)
        canvas.setFillColor(INK)
        canvas.setFont(FONT, block.size)
        y -= RETURN_SIZE * 0.6 + block.leading
        for line in block.lines:
            canvas.drawString(left, y, line)
            y -= block.leading
        canvas.marked(start, "P")  # the addressee is read, as one paragraph

    def footer(canvas: _NumberedCanvas, letter: int, page: int, total: int) -> None:
        small = LARGE_SIZE if large(parts[letter]) else 9
        canvas.saveState()
        with canvas.artifact("Footer"):
            canvas.setFont(FONT, small)
            canvas.setFillColor(GREY)
            canvas.drawString(MARGIN, 14 * mm, parts[letter].reference)
            canvas.drawRightString(width - MARGIN, 14 * mm, f"Pagina {page} van {total}")
        if watermark:
            with canvas.artifact("Watermark"):
                canvas.setFont(FONT_BOLD, small)
                canvas.drawCentredString(width / 2, 9 * mm, watermark)
                canvas.setFillColorRGB(0.6, 0.6, 0.6, alpha=0.25)  # the letter stays readable
                canvas.setFont(FONT_BOLD, 72)
                canvas.translate(width / 2, height / 2)
                canvas.rotate(45)
                canvas.drawCentredString(0, 0, watermark.split(maxsplit=1)[0])
        canvas.restoreState()

    def template(name: str, top: float, on_page=None) -> PageTemplate:  # type: ignore[no-untyped-def]
        frame = TaggedFrame(MARGIN, BOTTOM, frame_width, height - top - BOTTOM, id=name)
        return (
            PageTemplate(name, [frame], onPage=on_page) if on_page else PageTemplate(name, [frame])
        )

    first_of = {True: "letter", False: "document"}
    templates = {
        "letter": template("letter", FIRST_PAGE_TOP, letterhead_page),
        "document": template("document", (50 if large_print else 45) * mm, letterhead_page),
        "later": template("later", MARGIN),
    }
    first = first_of[parts[0].recipient is not None]
    # The document's first page uses the first template in the list.
    doc.addPageTemplates([templates[first]] + [t for n, t in templates.items() if n != first])
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            if duplex:
                story.append(_ToFrontSide())
            story += [
                _StartsLetter(index, on_letter),
                NextPageTemplate(first_of[part.recipient is not None]),
                PageBreak(),
            ]
        size = LARGE_SIZE if large(part) else 11
        title_first(part.story)
        story += [NextPageTemplate("later"), *_keep_headings(part.story, size)]
    try:
        doc.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=footer))
    except LayoutError as exc:
        raise LayoutFailed(
            "Dit document past niet op de pagina's: een stuk tekst is te groot om op te "
            "maken. Maak die tekst korter of verdeel hem, en probeer het opnieuw."
        ) from exc
    return buffer.getvalue()


def render(
    story: list[Flowable],
    *,
    title: str,
    reference: str,
    letterhead: Letterhead,
    recipient: Recipient | None,
    large_print: bool = False,
    subject: str = "",
) -> bytes:
    """One letter or document."""
    return render_parts(
        [Part(story, reference, recipient, title)],
        title=title,
        letterhead=letterhead,
        large_print=large_print,
        subject=subject,
    )


def content_width() -> float:
    return A4[0] - 2 * MARGIN


def paragraph(value: str, style: ParagraphStyle) -> Paragraph:
    return KitParagraph(text(value), style)
