"""Two desks lock two counter rows in opposite orders on the real PostgreSQL server: the server
cancels one as the deadlock victim, and the store runs that call again, so both succeed and
nothing is counted twice. A call that already committed something is never run again."""

import threading

import pytest
from sqlalchemy import text

from triage_app.store import retry
from triage_app.store.counters import next_value
from triage_app.store.engine import StorageProblem, open_store


@pytest.fixture
def store(postgres_store_url):
    store = open_store(postgres_store_url)
    with store.write() as session:
        for name in ("dossier-a", "dossier-b"):
            session.execute(text("INSERT INTO counter (name, value) VALUES (:n, 0)"), {"n": name})
    yield store
    store.dispose()


def _value(store, name: str) -> int:
    with store.read() as session:
        return session.execute(
            text("SELECT value FROM counter WHERE name = :n"), {"n": name}
        ).scalar_one()


def _two_desks(store, desk) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run ``desk(first, second, barrier)`` on two threads in opposite orders."""
    barrier = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def run(first: str, second: str) -> None:
        try:
            desk(first, second, barrier)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("dossier-a", "dossier-b")),
        threading.Thread(target=run, args=("dossier-b", "dossier-a")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_the_deadlock_victim_is_run_again_and_both_desks_succeed(store):
    attempts: list[str] = []
    retries_before = len(retry.retries)

    @retry.retry_on_deadlock
    def desk(first: str, second: str, barrier: threading.Barrier) -> None:
        attempts.append(first)
        with store.write() as session:
            next_value(session, first)  # this counter row stays locked until commit
            if attempts.count(first) == 1:
                barrier.wait()  # both hold their first row: now each wants the other's
            next_value(session, second)

    assert _two_desks(store, desk) == []
    assert sorted(attempts) == ["dossier-a", "dossier-a", "dossier-b"] or sorted(attempts) == [
        "dossier-a",
        "dossier-b",
        "dossier-b",
    ]
    assert list(retry.retries)[retries_before:] == [desk.__qualname__]
    # The victim's first try was rolled back whole: each counter went up once per desk.
    assert _value(store, "dossier-a") == _value(store, "dossier-b") == 2


def test_a_call_that_already_committed_is_not_run_again(store):
    @retry.retry_on_deadlock
    def desk(first: str, second: str, barrier: threading.Barrier) -> None:
        with store.write() as session:  # kept: running the call again would do it twice
            next_value(session, f"note-{first}")
        with store.write() as session:
            next_value(session, first)
            barrier.wait()
            next_value(session, second)

    (error,) = _two_desks(store, desk)
    assert isinstance(error, StorageProblem) and retry.is_retryable(error)
    assert "Een collega werkte op hetzelfde moment aan dezelfde gegevens" in error.message
    assert _value(store, "note-dossier-a") == _value(store, "note-dossier-b") == 1
    assert _value(store, "dossier-a") == _value(store, "dossier-b") == 1
