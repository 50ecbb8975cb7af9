"""Contact sheet: every document kind a resident (or partner) receives, from a small demo
store, rendered to PNG with pdftoppm and put side by side per document, so a person can look
at all of them in one minute. Also prints how long a beschikking and a plan take against a
bare reportlab document of the same content (the bench's own figure).

    .venv/bin/python -m bench.contact_sheet [--out DIR] [--households N] [--large-print]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from bench.print_figures import bench_documents
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
        for figure in bench_documents(ctx, args.repeat):
            ours, bare = figure.floors["document ms"], figure.floors["bare reportlab ms"]
            print(f"{figure.name}: {figure.median:.2f} ({ours:.1f} against {bare:.1f} ms)")
        ctx.store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
