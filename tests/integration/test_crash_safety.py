"""Nothing lost: a writer killed at random moments leaves a sound store with every reported
write whole, and two processes can write to one store at once. The writers are processes of
their own, forked by a server that imported the app once (tests/fork_server.py)."""

import queue
import random
import signal
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from tests.fork_server import PATIENCE, fork_server
from triage_app.services import accounts
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.tables import Household, Person

PASSWORD = "Sterk-wachtwoord-2026"
WRITER = Path(__file__).with_name("crash_writer.py")


class Writer:
    """A crash_writer.py child, forked by the session's fork server (tests/fork_server.py):
    a process of its own, killed on its own. Its lines are read as they come (a thread), so
    the test waits for what the child reports instead of for a stretch of time."""

    def __init__(self, url: str, key: bytes, start: int, count: int = 0) -> None:
        self.child = fork_server().run(WRITER, url, key.hex(), str(start), str(count), stdin=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.done: list[str] = []  # dossier numbers reported as committed
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        assert self._next() == "ready"

    def _read(self) -> None:
        for line in self.child.stdout:
            self.lines.put(line.strip())
        self.lines.put("")  # end of output

    def _next(self) -> str:
        return self.lines.get(timeout=PATIENCE)

    def go(self) -> None:
        """Let the child start writing."""
        self.child.stdin.write("go\n")
        self.child.stdin.flush()

    def wait_for_writes(self, n: int) -> None:
        """Wait (bounded) until the child has reported ``n`` more commits."""
        for _ in range(n):
            line = self._next()
            assert line.startswith("ok "), f"writer stopped: {line!r}"
            self.done.append(line.split()[1])

    def finish(self, sig: int | None = None) -> set[str]:
        """Stop the child (with ``sig``, or let it end) and return every reported commit."""
        if sig is not None:
            self.child.kill(sig)
        self.reader.join(timeout=PATIENCE)  # its output ends when the child does
        self.child.wait(timeout=PATIENCE)
        while (line := self._next()) != "":
            if line.startswith("ok "):
                self.done.append(line.split()[1])
        return set(self.done)


def _check(url, reported):
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    try:
        with ctx.store.read() as session:
            assert [r[0] for r in session.execute(text("PRAGMA integrity_check"))] == ["ok"]
            sizes = dict(
                session.exec(
                    select(Household.dossier_number, func.count(Person.id))
                    .join(Person, Person.household_id == Household.id)
                    .group_by(Household.dossier_number)
                ).all()
            )
            households = session.exec(select(func.count()).select_from(Household)).one()
            indexed = session.execute(text("SELECT count(*) FROM household_search")).scalar()
        assert reported <= set(sizes), "a write reported as done is missing"
        assert set(sizes.values()) <= {3}, "a household is half-present"
        assert households == len(sizes) == indexed
        assert verify_audit_log(ctx) == []
    finally:
        ctx.store.dispose()
    return households


def _store(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    admin = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    admin.store.dispose()
    return url, admin.db_key


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path, store_templates):
    url, key = _store(tmp_path, store_templates)
    rng = random.Random(7)
    reported: set[str] = set()
    for kill in range(50):
        writer = Writer(url, key, kill * 10_000)
        writer.go()
        writer.wait_for_writes(rng.randint(1, 3))  # it is writing: now kill it mid-way
        time.sleep(rng.uniform(0, 0.05))  # where in the next write the kill lands
        reported |= writer.finish(signal.SIGKILL)
        if kill % 10 == 9:
            _check(url, reported)
    assert len(reported) >= 50  # every writer got work done before its kill
    assert _check(url, reported) >= len(reported)


def test_two_processes_write_to_one_store(tmp_path, store_templates):
    url, key = _store(tmp_path, store_templates)
    writers = [Writer(url, key, 0, count=25), Writer(url, key, 50_000, count=25)]
    for writer in writers:  # both ready: start them together
        writer.go()
    done = [writer.finish() for writer in writers]
    assert [w.child.returncode for w in writers] == [0, 0]
    assert [len(d) for d in done] == [25, 25], "both instances got all their writes in"
    assert not done[0] & done[1], "dossier numbers stay unique across instances"
    _check(url, done[0] | done[1])
