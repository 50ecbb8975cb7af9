"""Run a desk transaction again when PostgreSQL cancelled it as a deadlock victim.

Two desks can lock the same rows in opposite orders: a dossier's change counter
(``dossier_change``, bumped by a trigger on every dossier table), the audit log's counter
(``counter``, locked from the append until commit) and the household rows a sync locks. When
that happens PostgreSQL cancels one of the two (SQLSTATE 40P01; a serialization failure, 40001,
is the same kind of thing) and rolls it back whole; the other goes on. ``retry_on_deadlock``
wraps a service call: the cancelled call is run again from the start, at most ``ATTEMPTS``
times in all, after a short random pause, so the worker never sees the cancellation.

It is only safe while nothing of the call was kept: ``Store.write`` notes every commit
(``note_commit``), and a call that already committed a transaction is never run again (the
worker then gets the Dutch message ``Store.write`` makes of it: nothing of that transaction
was saved). Nested wrapped calls retry only at the outermost one.
"""

import collections
import contextvars
import functools
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError

ATTEMPTS = 3  # the first try and two more
RETRYABLE = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure

F = TypeVar("F", bound=Callable[..., Any])
_call: contextvars.ContextVar[dict | None] = contextvars.ContextVar("desk_call", default=None)


def is_retryable(exc: BaseException | None) -> bool:
    """A transaction PostgreSQL cancelled to break a deadlock (or a serialization failure);
    also when ``Store.write`` has turned it into its Dutch message (the cause)."""
    while exc is not None and not isinstance(exc, DBAPIError):
        exc = exc.__cause__
    if exc is None:
        return False
    return getattr(exc.orig, "sqlstate", None) in RETRYABLE


def note_commit() -> None:
    """A transaction of the current call committed: from now on it may not be run again."""
    state = _call.get()
    if state is not None:
        state["committed"] = True


def retry_on_deadlock(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _call.get() is not None:
            return function(*args, **kwargs)  # the outermost call retries
        state: dict = {"committed": False, "retried": 0}
        token = _call.set(state)
        try:
            while True:
                try:
                    return function(*args, **kwargs)
                except Exception as exc:
                    if (
                        not is_retryable(exc)
                        or state["committed"]
                        or state["retried"] >= ATTEMPTS - 1
                    ):
                        raise
                    state["retried"] += 1
                    retries.append(function.__qualname__)
                    time.sleep(random.uniform(0.01, 0.05) * state["retried"])
        finally:
            _call.reset(token)

    return wrapper  # type: ignore[return-value]


# The calls run again in this process (newest last), for tests and the curious; kept short.
retries: collections.deque[str] = collections.deque(maxlen=100)
