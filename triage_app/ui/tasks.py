"""One way to run long work off the UI thread: the job gets plain inputs (never widgets),
reports progress, and its result or its Dutch error comes back on the main thread by signal.
A job may stop early when ``cancelled()`` becomes true."""

import functools
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from triage_app.domain.errors import DomainError

GENERIC_ERROR = (
    "Er ging iets mis bij dit werk. Er is niets half opgeslagen; "
    "probeer het opnieuw of meld het aan de beheerder."
)


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's result
    failed = Signal(str)  # a Dutch message


class Task(QRunnable):
    """Runs ``job(progress, cancelled)``; ``progress(done, total)`` may be called any time."""

    def __init__(self, job: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]):
        super().__init__()
        self.job = job
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.job(self.signals.progress.emit, self.cancelled)
        except DomainError as exc:
            self.signals.failed.emit(exc.message)
        except Exception:  # noqa: BLE001 - shown to the worker, details to the log
            traceback.print_exc()
            self.signals.failed.emit(GENERIC_ERROR)
        else:
            try:
                self.signals.finished.emit(result)
            except RuntimeError:
                pass  # the window that asked for it was closed meanwhile


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task


@functools.cache
def interactive_pool() -> QThreadPool:
    """Threads for what a worker waits on (search, opening a dossier, the work queue), apart
    from the global pool where long jobs run, so a batch never queues a search behind it."""
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    return pool


class Runner(QObject):
    """Runs ``job()`` calls off the UI thread and hands each answer to ``on_result`` (or a
    Dutch message to ``on_error``) on the UI thread.

    With ``latest_only`` a newer job makes every older one stale: a stale job that has not
    started is skipped, and a stale answer is dropped, never shown over a newer one (each job
    carries a sequence number). Without it every job runs and every answer is delivered (e.g.
    audit lines that must all be written). The runner keeps its tasks alive until they end.
    """

    def __init__(
        self,
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None],
        parent: QObject | None = None,
        latest_only: bool = True,
    ) -> None:
        super().__init__(parent)
        self.on_result = on_result
        self.on_error = on_error
        self.latest_only = latest_only
        self._seq = 0
        self._answered = 0
        self._running: dict[int, Task] = {}
        self._started: dict[int, float] = {}
        self.last_ms = 0.0  # how long the newest answered job took, start to answer

    @property
    def busy(self) -> bool:
        """A job has been asked for whose answer has not been shown yet."""
        return bool(self._running) if not self.latest_only else self._answered < self._seq

    def cancel(self) -> None:
        """Make every job asked for so far stale."""
        self._seq += 1
        self._answered = self._seq
        for task in self._running.values():
            task.cancel()

    def run(self, job: Callable[[], Any]) -> int:
        self._seq += 1
        seq = self._seq
        if self.latest_only:
            for task in self._running.values():
                task.cancel()

        def wrapped(_progress, cancelled):  # type: ignore[no-untyped-def]
            if self.latest_only and cancelled():
                return seq, None, None
            try:
                return seq, True, job()
            except DomainError as exc:
                return seq, False, exc.message
            except Exception:  # noqa: BLE001 - shown to the worker, details to the log
                traceback.print_exc()
                return seq, False, GENERIC_ERROR

        task = Task(wrapped)
        task.signals.finished.connect(self._answer)
        self._running[seq] = task
        self._started[seq] = time.perf_counter()
        interactive_pool().start(task)
        return seq

    def _answer(self, answer) -> None:  # type: ignore[no-untyped-def]
        seq, ok, value = answer
        self._running.pop(seq, None)
        started = self._started.pop(seq, None)
        if ok is None or (self.latest_only and seq < self._seq):
            return  # stale: a newer job's answer is on its way (or was cancelled)
        self._answered = max(self._answered, seq)
        if started is not None:
            self.last_ms = (time.perf_counter() - started) * 1000
        (self.on_result if ok else self.on_error)(value)
