"""Contact sheet: every document kind a resident (or partner) receives, from a small demo
store, rendered to PNG with pdftoppm and put side by side per document, so a person can look
at all of them in one minute. Also prints how long the decision and the plan take against a
bare reportlab document of the same text.

    .venv/bin/python -m bench.contact_sheet [--out DIR] [--households N] [--large-print]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from bench.print_figures import _bare, _text_lines
from bench.stats import summarise, timings
from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.documents import sample_documents
from triage_app.demo.generate import generate_demo
from triage_app.services import accounts

PASSWORD = "Contactvel-wachtwoord-2026"


def sheet(pdf: Path, out: Path, dpi: int) -> Path:
    """All pages of ``pdf`` in one row (duplex back pages too), as ``out``."""
    prefix = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
    images = [Image.open(p) for p in pages]
    width = sum(i.width for i in images) + 10 * (len(images) - 1)
    row = Image.new("RGB", (width, max(i.height for i in images)), "#888888")
    x = 0
    for image in images:
        row.paste(image, (x, 0))
        x += image.width + 10
    row.save(out)
    for page in pages:
        page.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="bench/.data/contact-sheet", metavar="DIR")
    parser.add_argument("--households", type=int, default=150)
    parser.add_argument("--dpi", type=int, default=40)
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--repeat", type=int, default=10, help="timing runs for the ratio")
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        admin, _, _ = create_demo_accounts(url, PASSWORD)
        generate_demo(admin, args.households, seed=7)
        admin.store.dispose()
        ctx = accounts.login(url, "casemanager", PASSWORD)
        documents = sample_documents(ctx, args.large_print)
        for name, pdf in documents.items():
            path = out / f"{name}.pdf"
            path.write_bytes(pdf)
            print(f"{sheet(path, out / f'{name}.png', args.dpi)}")
        for name, make in _renderers(ctx, args.large_print).items():
            lines = _text_lines(make())
            ours = summarise(timings(make, args.repeat))[0]
            bare = summarise(timings(lambda lines=lines: _bare(lines), args.repeat))[0]
            print(
                f"{name:<10} ours {ours:7.1f} ms, bare reportlab (same text) {bare:7.1f} ms,"
                f" ratio {ours / bare:.2f}"
            )
        ctx.store.dispose()
    return 0


def _renderers(ctx, large_print: bool) -> dict:  # type: ignore[no-untyped-def]
    """The decision letter and the plan renderers with the data the app gives them (caught
    from one service call), so the ratio compares layout with layout, not with database work."""
    from sqlmodel import select

    from triage_app.services import printing
    from triage_app.store.plan_tables import Decision

    with ctx.store.read() as session:
        number, household = session.exec(
            select(Decision.number, Decision.household_id)
            .where(Decision.outcome == "granted")
            .order_by(Decision.number)
        ).first()
    caught = {}
    renderers = {"besluit": "render_decision_letter", "plan": "render_plan"}
    for name, function in renderers.items():
        real = getattr(printing, function)

        def catch(*args, name=name, real=real):  # type: ignore[no-untyped-def]
            caught[name] = (real, args)
            return real(*args)

        setattr(printing, function, catch)
        try:
            if name == "plan":
                printing.plan_pdf(ctx, household, large_print)
            else:
                printing.decision_pdf(ctx, number, large_print)
        finally:
            setattr(printing, function, real)
    return {
        name: (lambda real=real, args=args: real(*args)) for name, (real, args) in caught.items()
    }


if __name__ == "__main__":
    sys.exit(main())
