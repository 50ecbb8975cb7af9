"""The layout kit in documents/base.py, read back from the PDF: the address stays inside the
envelope window, long text flows over pages, words and dates are not split, duplex batches
start every letter on a front side."""

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak

from triage_app.documents.base import (
    FONT,
    WINDOW_HEIGHT,
    WINDOW_LEFT,
    WINDOW_TOP,
    WINDOW_WIDTH,
    Letterhead,
    Part,
    Recipient,
    Styles,
    content_width,
    fit_address,
    grid_table,
    label_table,
    paragraph,
    render,
    render_parts,
)

PROFILE = {
    "name": "Gemeente Utrecht",
    "department": "Sociaal Wijkteam",
    "postal_address": "Postbus 16200",
    "postal_postcode": "3500 CE",
    "city": "Utrecht",
    "phone": "14 030",
    "website": "www.utrecht.nl",
}
LONG_NAME = "Wilhelmina Alexandra Johanna Cornelia van Oldenbarnevelt-Casemanager J"
A4_HEIGHT = 297 * mm


def runs(pdf: bytes, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size) of each text run on a page, in PDF points."""
    found = []

    def visitor(text, cm, tm, font_dict, font_size):  # noqa: ARG001
        if text.strip():
            size = font_size * tm[0]
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visitor)
    return found


def letter(recipient: Recipient | None, large: bool, story=None) -> bytes:  # type: ignore[no-untyped-def]
    s = Styles.make(large)
    return render(
        story or [paragraph("Beste bewoner,", s.body)],
        title="Brief",
        reference="Brief 1",
        letterhead=Letterhead.from_profile(PROFILE),
        recipient=recipient,
        large_print=large,
    )


def all_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("large", [False, True])
def test_a_70_character_name_stays_inside_the_window(large):
    assert len(LONG_NAME) == 70
    pdf = letter(
        Recipient(LONG_NAME, "Burgemeester van Tuyllkade 120 bis", "3553 AZ  UTRECHT"), large
    )
    left, right = WINDOW_LEFT, WINDOW_LEFT + WINDOW_WIDTH
    top, bottom = A4_HEIGHT - WINDOW_TOP, A4_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT
    in_window = [r for r in runs(pdf) if left <= r[1] <= right and bottom <= r[2] <= top]
    shown = " ".join(r[0] for r in in_window)
    for word in LONG_NAME.split() + ["3553", "UTRECHT", "Tuyllkade"]:
        assert word in shown, word
    for text, x, y, size in in_window:
        assert x + stringWidth(text, FONT, size) <= right, text
        assert y - size * 0.25 >= bottom, text
    assert "Postbus 16200" in in_window[0][0]  # the return address is the window's first line
    assert in_window[0][3] < min(r[3] for r in in_window[1:])
    if large:
        assert min(r[3] for r in in_window[1:]) >= 12  # the name wrapped, not shrunk to nothing


@given(
    st.lists(st.text(alphabet="abcdefghij KLMN-", min_size=1, max_size=120), min_size=1, max_size=4)
)
@settings(max_examples=60, deadline=None)
def test_any_address_fits_the_window(lines):
    block = fit_address(lines, 16)
    for line in block.lines:
        assert stringWidth(line, FONT, block.size) <= WINDOW_WIDTH
    assert len(block.lines) * block.leading <= WINDOW_HEIGHT


def test_a_2000_character_goal_in_large_print_flows_over_pages():
    s = Styles.make(True)
    goal = ("Ik wil weer zelf mijn post openen en mijn rekeningen betalen. " * 40)[:2000]
    story = grid_table(
        ["Wat u wilt bereiken", "Wat er gebeurt", "Wie doet het", "Wie let erop", "Klaar op"],
        [(goal, goal, "Karim Casemanager", "Wijkteam", "25 december 2026")],
        s,
        content_width(),
        whole=(4,),
    )
    story.append(label_table([("Toelichting", goal)], s, content_width()))
    pdf = letter(None, True, story)
    text = all_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert "25 december 2026" in text and "Karim Casemanager" in text
    assert text.count("rekeningen betalen") >= 3 * 31


def test_table_columns_keep_words_and_dates_whole():
    s = Styles.make(False)
    story = grid_table(
        ["Wat u wilt bereiken", "Wat er gebeurt", "Wie doet het", "Wie let erop", "Klaar op"],
        [("Schulden op orde", "Budgetcursus", "Karim Casemanager", "Wijkteam", "25 december 2026")],
        s,
        content_width(),
        whole=(4,),
    )
    texts = [r[0] for r in runs(letter(None, False, story))]
    assert "25 december 2026" in texts
    assert any("Casemanager" in t for t in texts)


def test_large_print_tables_become_label_value_blocks_without_split_words():
    s = Styles.make(True)
    story = grid_table(
        ["Wat u wilt bereiken", "Wat er gebeurt", "Wie doet het", "Wie let erop", "Klaar op"],
        [("Schulden op orde", "Budgetcursus", "Karim Casemanager", "Wijkteam", "25 december 2026")],
        s,
        content_width(),
        whole=(4,),
    )
    texts = [r[0] for r in runs(letter(None, True, story))]
    assert "Karim Casemanager" in texts and "25 december 2026" in texts


def test_heading_never_alone_at_the_foot_of_a_page():
    s = Styles.make(False)
    filler = [paragraph(f"Regel {i} met wat tekst.", s.body) for i in range(33)]
    story = [*filler, paragraph("Kop onderaan", s.heading), paragraph("Tekst na de kop.", s.body)]
    pdf = letter(None, False, story)
    for page in range(len(PdfReader(io.BytesIO(pdf)).pages)):
        texts = [r[0] for r in runs(pdf, page)]
        if "Kop onderaan" in texts:
            assert "Tekst na de kop." in texts


def test_a_kept_paragraph_breaks_its_lines_once_and_prints_the_same(monkeypatch):
    """A heading's next paragraph is measured with it and then laid out at the same width:
    its lines are broken once, and the letter is the same as when they are broken twice."""
    from reportlab.platypus.paragraph import Paragraph

    from triage_app.documents.base import KitParagraph

    s = Styles.make(False)
    long = " ".join(f"woord{i}" for i in range(300))

    def story() -> list:
        return [paragraph("Kop", s.heading), paragraph(long, s.body)]

    calls: list[int] = []
    real = Paragraph.breakLines

    def counted(self, widths):  # type: ignore[no-untyped-def]
        if self.getPlainText().startswith("woord0"):
            calls.append(1)
        return real(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    once = letter(None, False, story())
    assert len(calls) == 1
    monkeypatch.setattr(KitParagraph, "wrap", Paragraph.wrap)  # without remembering
    calls.clear()
    twice = letter(None, False, story())
    assert len(calls) == 2
    assert [runs(once, p) for p in range(len(PdfReader(io.BytesIO(once)).pages))] == [
        runs(twice, p) for p in range(len(PdfReader(io.BytesIO(twice)).pages))
    ]


def _part(pages: int, n: int) -> Part:
    s = Styles.make(False)
    story = [paragraph(f"Brief {n}", s.title)]
    for i in range(pages - 1):
        story += [PageBreak(), paragraph(f"Brief {n} blad {i + 2}", s.body)]
    return Part(
        story, f"Brief {n}", Recipient(f"Bewoner {n}", "Straat 1", "1234 AB  STAD"), f"Brief {n}"
    )


def test_a_duplex_batch_starts_every_letter_on_a_front_side():
    counts = [1, 3, 2, 1, 1]
    pdf = render_parts(
        [_part(c, i) for i, c in enumerate(counts)],
        title="Besluiten",
        letterhead=Letterhead.from_profile(PROFILE),
    )
    reader = PdfReader(io.BytesIO(pdf))
    firsts = [i + 1 for i, p in enumerate(reader.pages) if "Pagina 1 van" in p.extract_text()]
    assert len(firsts) == len(counts)
    assert all(n % 2 == 1 for n in firsts), firsts
    for i, c in enumerate(counts):
        assert f"Brief {i}" in all_text(pdf) and f"Pagina {c} van {c}" in all_text(pdf)
    blanks = [p for p in reader.pages if not p.extract_text().strip()]
    assert len(blanks) == 3  # after the 1-page, the 3-page and the fourth (1-page) letter
    letters = [o.title for o in reader.outline if not isinstance(o, list)]
    assert letters == [f"Brief {i}" for i in range(len(counts))]


def test_content_that_cannot_be_laid_out_is_a_dutch_error_not_a_traceback():
    from reportlab.platypus import Spacer, Table

    from triage_app.documents.base import LayoutFailed
    from triage_app.domain.errors import DomainError

    with pytest.raises(LayoutFailed) as caught:
        letter(None, False, [Table([[Spacer(100, 2000)]])])
    assert isinstance(caught.value, DomainError)  # the screens show a DomainError's message
    assert "past niet" in caught.value.message
