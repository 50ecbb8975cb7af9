"""The layout kit makes tagged PDFs: read back with pypdf, a screen reader finds the headings,
paragraphs and tables in the order they are printed, and the letterhead, return line, footers
and watermark are page furniture it skips."""

import io

from pypdf import PdfReader

from tests.tagged_pdf import Element, assert_tagged, headings, pdfinfo, pdfinfo_tagged
from tests.unit.test_layout_kit import LONG_NAME, PROFILE, _part
from triage_app.documents.base import (
    Letterhead,
    Part,
    Recipient,
    Styles,
    content_width,
    grid_table,
    label_table,
    paragraph,
    render,
    render_parts,
)

ADDRESS = Recipient("Karim el Amrani", "Kanaalstraat 12", "3531 CJ  Utrecht")
ROWS = [[f"Doel {i}: zelf de boodschappen doen", "Karim", "25 december 2026"] for i in range(40)]


def _story(large: bool) -> list:
    s = Styles.make(large)
    width = content_width()
    return [
        paragraph("Besluit over uw aanvraag", s.title),
        paragraph("Beste meneer El Amrani,", s.body),
        paragraph("Wat u krijgt", s.heading),
        label_table([("Wat", "Hulp bij het huishouden"), ("Hoe lang", "1 jaar")], s, width),
        paragraph("Uw doelen", s.heading),
        paragraph("Wonen", s.subheading),
        *grid_table(["Doel", "Wie", "Wanneer"], ROWS, s, width, whole=(2,)),
        paragraph("Met vriendelijke groet,", s.body),
    ]


def _letter(large: bool = False, recipient: Recipient | None = ADDRESS) -> bytes:
    return render(
        _story(large),
        title="Besluit",
        reference="Besluit 2026-0001",
        letterhead=Letterhead.from_profile(PROFILE),
        recipient=recipient,
        large_print=large,
    )


def _tables(element: Element) -> list[Element]:
    found = [element] if element.role == "Table" else []
    for kid in element.kids:
        found += _tables(kid)
    return found


def test_a_letter_reads_headings_paragraphs_and_tables_in_printed_order():
    pdf = _letter()
    tagged = assert_tagged(pdf)
    assert pdfinfo_tagged(pdf) in (True, None)  # poppler says "Tagged: yes" where installed
    assert headings(tagged) == [
        ("H1", "Besluit over uw aanvraag"),
        ("H2", "Wat u krijgt"),
        ("H2", "Uw doelen"),
        ("H3", "Wonen"),
    ]
    # The addressee is read first, then the letter.
    first = tagged.elements[0]
    assert first.role == "P"
    assert first.text.split() == "Karim el Amrani Kanaalstraat 12 3531 CJ Utrecht".split()
    assert tagged.elements[1].role == "H1"
    assert tagged.elements[-1].text.strip() == "Met vriendelijke groet,"
    # The label table, then the grid table over pages as one Table: each row a TR, the
    # header cells TH (read once: where the table goes on, the repeated header is furniture).
    tables = _tables(tagged.tree)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 2 and len(tables) == 2
    labels = tables[0]
    assert [[(c.role, c.scope) for c in row.kids] for row in labels.kids] == [
        [("TH", "Row"), ("TD", "")]
    ] * 2
    assert [c.text.strip() for c in labels.kids[0].kids] == ["Wat", "Hulp bij het huishouden"]
    grid_rows = [row for table in tables[1:] for row in table.kids]
    header = [c.text.strip() for c in grid_rows[0].kids]
    assert header == ["Doel", "Wie", "Wanneer"]
    assert {(c.role, c.scope) for c in grid_rows[0].kids} == {("TH", "Column")}
    body = [row for row in grid_rows if row.kids[0].role == "TD"]
    assert [" ".join(c.text.split()) for c in body[7].kids] == [
        "Doel 7: zelf de boodschappen doen",
        "Karim",
        "25 december 2026",
    ]
    assert len(body) == len(ROWS) and len(grid_rows) == len(ROWS) + 1
    furniture = " ".join(" ".join(tagged.artifacts).split())
    printed = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    on_pages = sum("Doel Wie Wanneer" in page for page in printed)
    assert on_pages >= 2 and furniture.count("Doel Wie Wanneer") == on_pages - 1
    # Page furniture is not read aloud: letterhead, return line, reference and page numbers.
    furniture = " ".join(" ".join(tagged.artifacts).split())
    for text in ("Gemeente Utrecht", "Postbus 16200", "Besluit 2026-0001", f"Pagina 1 van {pages}"):
        assert text in furniture
    read_aloud = " ".join(e.text for e in tagged.elements)
    assert "Pagina" not in read_aloud and "Postbus" not in read_aloud


def test_large_print_and_a_long_name_are_tagged_too():
    pdf = _letter(large=True, recipient=Recipient(LONG_NAME, "Kanaalstraat 12", "3531 CJ  X"))
    tagged = assert_tagged(pdf)
    assert [role for role, _ in headings(tagged)] == ["H1", "H2", "H2", "H3"]
    # Large print stacks the tables' labels above their values: still a Table of rows.
    assert all(row.role == "TR" for table in _tables(tagged.tree) for row in table.kids)


def test_a_duplex_batch_has_one_part_per_letter_and_untagged_blank_pages():
    counts = [1, 3, 2, 1]
    pdf = render_parts(
        [_part(c, i) for i, c in enumerate(counts)],
        title="Besluiten",
        letterhead=Letterhead.from_profile(PROFILE),
    )
    tagged = assert_tagged(pdf)
    parts = tagged.tree.kids
    assert [p.role for p in parts] == ["Part"] * len(counts)
    assert [(p.kids[1].role, p.kids[1].text.strip()) for p in parts] == [
        ("H1", f"Brief {i}") for i in range(len(counts))
    ]
    reader = PdfReader(io.BytesIO(pdf))
    blanks = [p for p in reader.pages if not p.extract_text().strip()]
    assert blanks and all("/StructParents" not in p for p in blanks)


def test_a_concepts_watermark_is_furniture():
    s = Styles.make(False)
    pdf = render_parts(
        [Part([paragraph("Uw plan", s.title)], "Plan 1", None, "Plan")],
        title="Plan",
        letterhead=Letterhead.from_profile(PROFILE),
        watermark="CONCEPT - nog niet vastgesteld",
    )
    tagged = assert_tagged(pdf)
    assert "CONCEPT" in " ".join(tagged.artifacts)
    assert [e.text.strip() for e in tagged.elements] == ["Uw plan"]


def test_a_paragraph_over_two_pages_is_read_as_one():
    s = Styles.make(True)
    goal = " ".join(f"Karim wil stap {i} zelf kunnen zetten." for i in range(70))
    assert len(goal) > 2000
    pdf = render(
        [
            paragraph("Uw plan", s.title),
            paragraph(goal, s.body),
            paragraph("Hamza Kok\nJoanna Kok", s.body),  # one name a line
        ],
        title="Plan",
        reference="Plan 1",
        letterhead=Letterhead.from_profile(PROFILE),
        recipient=None,
        large_print=True,
    )
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    tagged = assert_tagged(pdf)
    assert [e.role for e in tagged.elements] == ["H1", "P", "P"]
    assert " ".join(tagged.elements[1].text.split()) == goal
    assert len({page for page, _ in tagged.reached}) >= 2
    # Read from the structure alone (poppler, no layout), words at line ends stay apart.
    structure = pdfinfo(pdf, "-struct-text")
    if structure is not None:
        read = " ".join(structure.replace('"', " ").split())
        assert goal in read and "Hamza Kok Joanna Kok" in read


def test_pages_are_compressed_binary_and_still_read_back():
    """Each page's drawing is Flate-compressed without reportlab's ASCII85 text encoding
    (smaller, and cheaper to write); every page still reads back as text."""
    reader = PdfReader(io.BytesIO(_letter()))
    assert len(reader.pages) > 1
    for page in reader.pages:
        contents = page["/Contents"].get_object()
        assert list(contents["/Filter"]) == ["/FlateDecode"]
        assert page.extract_text().strip()
    assert "Met vriendelijke groet" in "".join(p.extract_text() for p in reader.pages)


def test_a_frame_measured_for_a_kept_block_is_a_copy_of_its_own():
    """reportlab measures a block kept together in a copy of the frame: the kit's quick copy
    changes nothing in the frame the page is drawn in."""
    import copy

    from triage_app.documents.tagging import TaggedFrame

    frame = TaggedFrame(10, 20, 300, 400, id="letter")
    frame._frameBGs = [("a", 1)]
    measured = copy.deepcopy(frame)
    measured._y -= 50
    measured._atTop = 0
    measured._frameBGs.append(("b", 2))
    assert (frame._y, frame._atTop, frame._frameBGs) == (frame._y2 - 6, 1, [("a", 1)])
    assert (measured._aW, measured._aH, measured.id) == (frame._aW, frame._aH, "letter")
