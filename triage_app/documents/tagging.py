"""Tagged PDF for the layout kit: what each flowable draws is wrapped in marked content (a
heading as H1/H2/H3, text as P, a table as Table/TR/TH/TD), page furniture is an Artifact, and
after the build a structure tree in reading order ties it together, so a screen reader reads a
letter the way it is printed. ReportLab has no tagging of its own; this adds it cheaply while
the pages are drawn (no second pass over the PDF)."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObject, PDFPage, PDFtrue
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Frame, KeepTogether, Paragraph, Table

# A paragraph style's name -> its structure type; every other paragraph is a P.
HEADINGS = {"title": "H1", "heading": "H2", "subheading": "H3"}
_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents"]


@dataclass(slots=True)
class Node:
    """One structure element: marked content (``marks``: page number and MCID of each part,
    more than one when a paragraph runs over a page) or a group of elements (``kids``)."""

    role: str
    marks: list[tuple[int, int]] = field(default_factory=list)
    kids: list["Node"] = field(default_factory=list)
    scope: str = ""  # a header cell's: Column or Row


class Tagging:
    """Mixed into the canvas: the structure of the page being drawn, and its marked content.
    MCIDs count from 0 on every page."""

    _code: list[str]
    _pageNumber: int  # noqa: N815 - reportlab's

    def start_tags(self) -> None:
        self.tags: list[Node] = []  # elements that start on this page, in drawing order
        self.mcids = 0
        self.table: Node | None = None
        self.cell: tuple[str, str, int] = ("TD", "", 0)  # the open cell: role, scope, start

    def marked(
        self,
        start: int,
        role: str,
        into: list[Node] | None = None,
        scope: str = "",
        continues: Node | None = None,
    ) -> Node | None:
        """Wrap what was drawn since code position ``start`` as one ``role`` element, or as
        the next part of ``continues`` (a paragraph going on from the page before). Nothing
        when nothing was drawn."""
        code = self._code
        if not _paints(code, start):
            return None
        mcid = self.mcids
        self.mcids += 1
        code.insert(start, f"/{role} <</MCID {mcid}>> BDC")
        code.append("EMC")
        if continues is not None:
            continues.marks.append((self._pageNumber, mcid))
            return continues
        node = Node(role, [(self._pageNumber, mcid)], scope=scope)
        if into is None:
            self.tags.append(node)
            self.last = node
        else:
            into.append(node)
        return node

    def furniture(self, start: int) -> None:
        """What was drawn since code position ``start`` is an artifact (a table's header
        repeated on the next page)."""
        if _paints(self._code, start):
            self._code.insert(start, "/Artifact BMC")
            self._code.append("EMC")

    def beginText(self, x: float = 0, y: float = 0, direction=None) -> "SpacedText":  # type: ignore[no-untyped-def] # noqa: N802 - reportlab API
        return SpacedText(self, x, y, direction=direction)

    @contextmanager
    def artifact(self, subtype: str = "") -> Iterator[None]:
        """Page furniture (letterhead, footer, watermark, rules): not read aloud."""
        self._code.append(
            f"/Artifact <</Type /Pagination /Subtype /{subtype}>> BDC"
            if subtype
            else "/Artifact BMC"
        )
        yield
        self._code.append("EMC")


class SpacedText(PDFTextObject):
    """Ends every printed line with a space: reportlab drops the space where it breaks a
    line, so a screen reader reading the tagged text (not the layout) would join the last
    word of a line to the first of the next. The space is past the end of the line, unseen."""

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803 - reportlab API
        super()._textOut(f"{text} " if TStar else text, TStar)

    def textLine(self, text: str = "") -> None:  # noqa: N802 - reportlab API
        super().textLine(f"{text} " if text else text)


def _paints(code: list[str], start: int) -> bool:
    """Whether the code from ``start`` draws anything: a spacer's drawing is only a saved
    and restored graphics state around a move."""
    for i in range(start, len(code)):
        op = code[i]
        if op not in ("q", "Q") and not op.endswith(" cm"):
            return True
    return False


def role_of(flowable: Flowable) -> str:
    if isinstance(flowable, Paragraph):
        return getattr(flowable, "tag_role", None) or HEADINGS.get(flowable.style.name, "P")
    return "P"


def _paragraphs(story: Sequence[Flowable]) -> Iterator[Paragraph]:
    for flowable in story:
        if isinstance(flowable, Paragraph):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _paragraphs(flowable._content)


def title_first(story: Sequence[Flowable]) -> None:
    """A part without a title (a letter, whose subject is its first heading) has that first
    heading read as its H1, so every part's outline starts at the top level."""
    first = None
    for p in _paragraphs(story):
        if p.style.name == "title":
            return
        if first is None and p.style.name == "heading":
            first = p
    if first is not None:
        first.tag_role = "H1"


class TableTags:
    """A Table's render callback (``renderCB``): rows and cells as TR and TH/TD, backgrounds
    and grid lines as artifacts. The repeated header rows are column headers; the first
    ``header_columns`` cells of a row are row headers (a label table's labels). Split tables
    keep the callback, so every part is tagged."""

    def __init__(self, header_columns: int = 0) -> None:
        self.header_columns = header_columns
        self.node: Node | None = None  # the Table element, once its first part is drawn
        self.goes_on = False  # this part continues the table from the page before

    def __call__(self, table: Table, event: str, *args: object) -> None:
        canv = table.canv
        if event == "startCell":
            row, column = int(args[0]), int(args[1])  # type: ignore[call-overload]
            if row < table.repeatRows:
                canv.cell = ("TH", "Column", len(canv._code))
            elif column < self.header_columns:
                canv.cell = ("TH", "Row", len(canv._code))
            else:
                canv.cell = ("TD", "", len(canv._code))
            self.row_repeated = self.goes_on and row < table.repeatRows
        elif event == "endCell":
            role, scope, start = canv.cell
            if self.row_repeated:
                canv.furniture(start)
            else:
                canv.marked(start, role, canv.table.kids[-1].kids, scope)
        elif event == "startRow":
            if not (self.goes_on and int(args[0]) < table.repeatRows):  # type: ignore[call-overload]
                canv.table.kids.append(Node("TR"))
        elif event in ("startBG", "startLines"):
            canv._code.append("/Artifact BMC")
        elif event in ("endBG", "endLines"):
            canv._code.append("EMC")
        elif event == "startTable":
            # A table split over pages is one Table element: the parts share this callback
            # and follow each other; the header repeated on the next page is not read again.
            self.goes_on = self.node is not None and getattr(canv, "last", None) is self.node
            if not self.goes_on:
                self.node = Node("Table")
                canv.tags.append(self.node)
                canv.last = self.node
            canv.table = self.node


class TaggedFrame(Frame):
    """A frame that wraps what each flowable draws in marked content of its structure type; a
    paragraph split over pages stays one element. A table built with ``TableTags`` tags its
    own rows and cells."""

    def __deepcopy__(self, memo: dict) -> "TaggedFrame":
        """reportlab copies the frame to measure each block kept together (a heading with
        what follows): a frame holds numbers, its id, a list of backgrounds and perhaps its
        saved geometry (a dict of numbers), so copying those (the list and dict as new ones)
        is that deep copy without walking each value."""
        new = object.__new__(type(self))
        new.__dict__.update(
            {k: copy(v) if isinstance(v, (list, dict)) else v for k, v in self.__dict__.items()}
        )
        return new

    def add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:  # type: ignore[no-untyped-def, override] # noqa: N803 - reportlab API
        if isinstance(getattr(flowable, "_renderCB", None), TableTags):
            canv.continued = None
            return Frame.add(self, flowable, canv, trySplit)
        start = len(canv._code)
        done = Frame.add(self, flowable, canv, trySplit)
        if done:
            is_text = isinstance(flowable, Paragraph)
            continues = getattr(canv, "continued", None) if is_text else None
            node = canv.marked(start, role_of(flowable), continues=continues)
            # reportlab marks the first part of a split paragraph; the rest comes next.
            canv.continued = node if is_text and getattr(flowable, "_splitpara", 0) else None
        return done


class _Raw(PDFObject):
    """An indirect PDF object whose bytes are written directly: a structure tree has an
    element per paragraph and table cell, and reportlab's generic dictionaries (sorted keys,
    a format call per value) would cost more than the layout they describe."""

    def __init__(self) -> None:
        self.data = b""

    def format(self, document) -> bytes:  # type: ignore[no-untyped-def]
        return self.data


def write_structure(doc, pages: Sequence[tuple[int, list[Node]]]) -> None:  # type: ignore[no-untyped-def]
    """The structure tree of a built document: ``pages`` are (letter, elements) per written
    page, in order. A Document element holds every element in reading order (one Part per
    letter in a batch); a parent tree maps each page's MCIDs to their elements; the catalog
    says the document is marked."""
    numbers = doc.idToObjectNumberAndVersion
    page_numbers = [numbers[doc.Reference(page).name][0] for page in doc.Pages.pages]
    owners: dict[int, dict[int, int]] = {}  # page index -> MCID -> element number

    def new() -> tuple[_Raw, int]:
        raw = _Raw()
        return raw, numbers[doc.Reference(raw).name][0]

    def element(raw: _Raw, node: Node, parent: int, kids: str, page: int = 0) -> None:
        on_page = f" /Pg {page} 0 R" if page else ""
        scope = f" /A << /O /Table /Scope /{node.scope} >>" if node.scope else ""
        raw.data = (
            f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R{on_page}{scope} /K {kids} >>"
        ).encode()

    def made(node: Node, parent: int, index: int) -> int:
        raw, number = new()
        if node.marks:
            content = []
            for page, mcid in node.marks:
                owners.setdefault(page - 1, {})[mcid] = number
                content.append(
                    str(mcid)
                    if page - 1 == index
                    else f"<< /Type /MCR /Pg {page_numbers[page - 1]} 0 R /MCID {mcid} >>"
                )
            kids = content[0] if len(content) == 1 else f"[{' '.join(content)}]"
        else:
            kids = _refs([made(kid, number, index) for kid in node.kids])
        element(raw, node, parent, kids, page_numbers[index])
        return number

    root, root_number = new()
    document, document_number = new()
    top: list[int] = []
    batch = len({letter for letter, _ in pages}) > 1
    parts: dict[int, tuple[_Raw, int, list[int]]] = {}
    for index, (letter, tags) in enumerate(pages):
        if not tags:
            continue
        parent, kids = document_number, top
        if batch:
            if letter not in parts:
                parts[letter] = (*new(), [])
                top.append(parts[letter][1])
            _, parent, kids = parts[letter]
        kids += [made(node, parent, index) for node in tags]
    nums = []
    for index, mcids in sorted(owners.items()):
        doc.Pages.pages[index].StructParents = index
        doc.Pages.pages[index].__NoDefault__ = _PAGE_KEYS
        nums.append(f"{index} {_refs([mcids[m] for m in range(len(mcids))])}")
    for raw, _, kids in parts.values():
        element(raw, Node("Part"), document_number, _refs(kids))
    element(document, Node("Document"), root_number, _refs(top))
    tree, tree_number = new()
    tree.data = f"<< /Nums [{' '.join(nums)}] >>".encode()
    root.data = (
        f"<< /Type /StructTreeRoot /K {document_number} 0 R /ParentTree {tree_number} 0 R"
        f" /ParentTreeNextKey {len(pages)} >>"
    ).encode()
    doc.Catalog.StructTreeRoot = root
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": PDFtrue})


def _refs(numbers: list[int]) -> str:
    return "[" + " ".join(f"{n} 0 R" for n in numbers) + "]"
