"""One way to run long work off the UI thread: the job gets plain inputs (never widgets),
reports progress, and its result or its Dutch error comes back on the main thread by signal.
A job may stop early when ``cancelled()`` becomes true."""

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from triage_app.domain.errors import DomainError


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
            self.signals.failed.emit(
                "Er ging iets mis bij dit werk. Er is niets half opgeslagen; "
                "probeer het opnieuw of meld het aan de beheerder."
            )
        else:
            try:
                self.signals.finished.emit(result)
            except RuntimeError:
                pass  # the window that asked for it was closed meanwhile


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task
