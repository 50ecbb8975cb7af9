"""Whether the last session on a local store ended cleanly.

A marker file beside the store (``triage.db.open``) exists while the app has the store open.
Found at start, it means the app or the machine stopped without closing, so the store check
runs. A restore leaves one too, so a restored store is checked at its first start. A normal
start therefore skips the check (3 s on 100,000 households, growing with the file).
"""

import os
from pathlib import Path


def _marker(store_path: str | Path) -> Path:
    return Path(f"{store_path}.open")


def needs_check(store_path: str | Path) -> bool:
    return _marker(store_path).exists()


def opened(store_path: str | Path, by: str | None = None) -> None:
    """Mark the store open (``by``: this process, or e.g. "restored" to force a check)."""
    _marker(store_path).write_text(by or str(os.getpid()), encoding="utf-8")


def closed(store_path: str | Path) -> None:
    """This process closes the store cleanly. A marker left by a restore, or by another app
    that has the store open too, stays: the next start checks."""
    marker = _marker(store_path)
    try:
        if marker.read_text(encoding="utf-8") == str(os.getpid()):
            marker.unlink()
    except FileNotFoundError:
        pass
