"""Reading a tagged PDF back with pypdf, as a screen reader would: the structure tree in
order, the text of each element's marked content, what is marked as page furniture, and the
checks every document must pass (shared by the layout-kit and the demo-document tests)."""

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Element:
    role: str
    text: str = ""
    kids: list["Element"] = field(default_factory=list)
    scope: str = ""  # a header cell's /Scope


@dataclass
class Tagged:
    tree: Element  # the Document element
    elements: list[Element]  # every element that holds marked content, in tree order
    artifacts: list[str]  # the text of each artifact, per page in drawing order
    content: list[str]  # the text of each marked-content sequence, in drawing order
    untagged: list[str]  # text drawn outside any marked content (there should be none)
    pieces: list[tuple[str, str]]  # ("artifact" / "content" / "untagged", text) in page order
    reached: set[tuple[int, int]]  # (page, MCID) pairs the tree points at
    in_streams: set[tuple[int, int]]  # (page, MCID) pairs in the content streams
    parent_tree: dict[tuple[int, int], str]  # (page, MCID) -> role, from the ParentTree
    nested: list[bytes]  # marked content opened inside other marked content (none allowed)
    tags: dict[tuple[int, int], str]  # (page, MCID) -> its tag in the content stream


def _words(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def read(pdf: bytes) -> Tagged:
    reader = PdfReader(io.BytesIO(pdf))
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    texts: dict[tuple[int, int], str] = {}
    artifacts: list[str] = []
    content: list[str] = []
    untagged: list[str] = []
    pieces: list[tuple[str, str]] = []
    nested: list[bytes] = []
    tags: dict[tuple[int, int], str] = {}  # (page, MCID) -> the tag in the content stream
    for number, page in enumerate(reader.pages):
        stack: list[object] = []  # MCID (int), "artifact" or None per open sequence

        def before(op, args, cm, tm, stack=stack, number=number):  # type: ignore[no-untyped-def]  # noqa: ARG001
            if op in (b"BDC", b"BMC") and any(s is not None for s in stack):
                nested.append(op)  # marked content inside tagged content or an artifact
            if op == b"BDC":
                props = args[1] if isinstance(args[1], DictionaryObject) else {}
                if args[0] == "/Artifact":
                    stack.append("artifact")
                else:
                    mcid = int(props["/MCID"]) if "/MCID" in props else None
                    if mcid is not None:
                        tags[(number, mcid)] = str(args[0])[1:]
                    stack.append(mcid)
            elif op == b"BMC":
                stack.append("artifact" if args[0] == "/Artifact" else None)
            elif op == b"EMC":
                stack.pop()

        def on_text(text, cm, tm, font, size, stack=stack, number=number):  # type: ignore[no-untyped-def]  # noqa: ARG001
            owner = next((s for s in reversed(stack) if s is not None), None)
            if not text.strip():
                pieces.append(("space", text))
                return
            if owner == "artifact":
                pieces.append(("artifact", text))
                artifacts.append(text)
            elif owner is None:
                pieces.append(("untagged", text))
                untagged.append(text)
            else:
                pieces.append(("content", text))
                key = (number, owner)
                if key not in texts:
                    content.append("")
                texts[key] = texts.get(key, "") + text
                content[-1] = content[-1] + text

        page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    in_streams = set()
    for number, page in enumerate(reader.pages):
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        in_streams |= {(number, int(m)) for m in re.findall(rb"/MCID (\d+)", data)}

    root = reader.trailer["/Root"]
    tree_root = root["/StructTreeRoot"].get_object()
    elements: list[Element] = []
    reached: set[tuple[int, int]] = set()

    def walk(node: DictionaryObject) -> Element:
        made = Element(str(node["/S"])[1:])
        if "/A" in node:
            made.scope = str(node["/A"]["/Scope"])[1:]
        page = page_of.get(node.raw_get("/Pg").idnum) if "/Pg" in node else None
        kids = node.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        for item in kids:
            kid = item.get_object()
            if isinstance(kid, int):
                reached.add((page, kid))
                made.text += texts.get((page, kid), "")
            elif kid.get("/Type") == "/MCR":  # marked content on another page
                on = page_of[kid.raw_get("/Pg").idnum]
                reached.add((on, int(kid["/MCID"])))
                made.text += texts.get((on, int(kid["/MCID"])), "")
            else:
                made.kids.append(walk(kid))
        if made.text or not made.kids:
            elements.append(made)
        return made

    tree = walk(tree_root["/K"].get_object())
    nums = tree_root["/ParentTree"].get_object()["/Nums"]
    parent_tree = {}
    for i in range(0, len(nums), 2):
        for mcid, ref in enumerate(nums[i + 1]):
            parent_tree[(int(nums[i]), mcid)] = str(ref.get_object()["/S"])[1:]
    for i, page in enumerate(reader.pages):
        if any(key[0] == i for key in in_streams):
            assert page["/StructParents"] == i
    return Tagged(
        tree,
        elements,
        artifacts,
        content,
        untagged,
        pieces,
        reached,
        in_streams,
        parent_tree,
        nested,
        tags,
    )


def page_text(pdf: bytes) -> str:
    return _words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def assert_tagged(pdf: bytes, name: str = "") -> Tagged:
    """What every document of the app must be: marked, with a structure tree whose elements'
    text, in order, is the page text without the furniture; every MCID in the content streams
    in the tree and in the parent tree; no text outside marked content."""
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True, name
    tagged = read(pdf)
    assert tagged.tree.role == "Document", name
    assert not tagged.untagged, (name, tagged.untagged[:5])
    assert not tagged.nested, name
    assert tagged.in_streams and tagged.in_streams == tagged.reached, name
    assert set(tagged.parent_tree) == tagged.in_streams, name
    assert tagged.parent_tree == tagged.tags, name  # each element's type is its content's tag
    read_aloud = _words(" ".join(e.text for e in tagged.elements))
    assert read_aloud == _words(" ".join(tagged.content)), name  # tree order = drawing order
    # The page text is what is read aloud, in order, with the furniture in between.
    assert _words("".join(text for _, text in tagged.pieces)) == page_text(pdf), name
    said = _words("".join(text for kind, text in tagged.pieces if kind != "artifact"))
    assert said == read_aloud, name
    return tagged


def pdfinfo(pdf: bytes, *options: str) -> str | None:
    """What poppler's pdfinfo prints; None when it is not installed."""
    if not shutil.which("pdfinfo"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        found = subprocess.run(
            ["pdfinfo", *options, str(path)], capture_output=True, text=True, check=False
        )
    return found.stdout


def pdfinfo_tagged(pdf: bytes) -> bool | None:
    """Whether poppler's pdfinfo says "Tagged: yes"; None when pdfinfo is not installed."""
    info = pdfinfo(pdf)
    return None if info is None else bool(re.search(r"^Tagged:\s+yes", info, re.M))


def headings(tagged: Tagged) -> list[tuple[str, str]]:
    return [(e.role, _words(e.text)) for e in tagged.elements if e.role in ("H1", "H2", "H3")]
