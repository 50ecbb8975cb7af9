"""What the kill -9 draft tests share: run a child that types into a form until its draft is
kept, kill it with SIGKILL, and answer "Ja" when the form offers the draft back."""

import select
import signal
from pathlib import Path

from tests.fork_server import PATIENCE, fork_server
from triage_app.ui import autosave


def typed_then_killed(killer: Path, store_path: Path, *args: str) -> None:
    """Run ``killer`` on the store until it prints "kept", then kill it (never saved).
    The child is forked by the session's fork server (tests/fork_server.py)."""
    child = fork_server().run(killer, f"sqlite:///{store_path}", *args)
    try:
        ready, _, _ = select.select([child.stdout], [], [], PATIENCE)
        assert ready, "the child never reported its draft as kept"
        assert child.stdout.readline().strip() == "kept"
    finally:
        child.kill(signal.SIGKILL)
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
