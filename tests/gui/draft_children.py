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


def say_kept_then_wait(app, is_kept) -> None:  # type: ignore[no-untyped-def]
    """In a killer child: print "kept" once ``is_kept()`` holds (the draft has reached the
    store), then run until killed (kill -9, never saved)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    while True:
        QCoreApplication.processEvents()
        if is_kept():
            print("kept", flush=True)
            break
        QTest.qWait(20)
    app.exec()


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
