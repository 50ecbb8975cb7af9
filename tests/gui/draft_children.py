"""What the kill -9 draft tests share: run a child that types into a form until its draft is
kept, kill it with SIGKILL, and answer "Ja" when the form offers the draft back."""

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

from triage_app.ui import autosave

ROOT = Path(__file__).resolve().parents[2]


def typed_then_killed(killer: Path, store_path: Path, *args: str) -> None:
    """Run ``killer`` on the store until it prints "kept", then kill it (never saved)."""
    child = subprocess.Popen(
        [sys.executable, str(killer), f"sqlite:///{store_path}", *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready, "the child never reported its draft as kept"
        assert child.stdout.readline().strip() == "kept"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def yes_to_restore(monkeypatch) -> list[str]:
    """Answer "Ja" to every offered draft; the texts asked are listed."""
    asked: list[str] = []
    monkeypatch.setattr(
        autosave.QMessageBox,
        "question",
        lambda _parent, _title, text, *_: (
            asked.append(text) or autosave.QMessageBox.StandardButton.Yes
        ),
    )
    return asked
