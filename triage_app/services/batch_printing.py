"""A batch of decisions laid out in a child process, so the window keeps its own interpreter
(and its GIL) while thousands of pages are made; Stop ends the child.

The parent (``BatchInChild.run``, called from a background thread of the app) starts
``python -m triage_app.services.batch_printing`` and hands it the job over the child's stdin:
the store URL and, for an encrypted SQLite store, its database key (never on the command line
or in the environment). The child opens the store itself, read-only in intent, lays out the
letters, reports progress as JSON lines on its stdout and writes the PDF to a temporary file
only the worker can read (0600). The parent reads that file and, only when the whole batch was
made, logs every print in one transaction. Cancel terminates the child (then kills it) and
nothing is logged as printed.
"""

import contextlib
import dataclasses
import gc
import json
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable

from triage_app.domain.errors import DomainError
from triage_app.domain.reference import freeze, thaw
from triage_app.services import printing
from triage_app.services.context import ServiceContext
from triage_app.services.reference import shipped
from triage_app.store.keyfile import KeyFile

# Tests set this to hold the child at its first progress report until the parent lets go
# (closes the child's stdin), so a Stop can be pressed while the child is surely running.
HOLD_ENV = "TRIAGE_BATCH_CHILD_HOLD"

GENERIC_ERROR = (
    "Het afdrukken ging mis. Er is niets afgedrukt; probeer het opnieuw of meld het aan de "
    "beheerder."
)
CHILD_STOPPED = (
    "Het afdrukken is onverwacht gestopt. Er is niets afgedrukt; probeer het opnieuw of meld "
    "het aan de beheerder."
)
POLL_SECONDS = 0.05
TERMINATE_GRACE_SECONDS = 2.0


class BatchInChild:
    """One batch: ``run(progress, cancelled)`` blocks until the PDF is there (its bytes), the
    worker stopped it (None), or it failed (a DomainError with a Dutch message)."""

    def __init__(
        self, ctx: ServiceContext, numbers: list[str], large_print: bool | None = None
    ) -> None:
        self.ctx = ctx
        self.numbers = list(numbers)
        self.large_print = large_print
        self.process: subprocess.Popen | None = None
        self.last_progress: tuple[int, int] | None = None  # the child's latest report

    @property
    def pid(self) -> int | None:
        """The child's process id while it has been started (for tests and the bench)."""
        return self.process.pid if self.process is not None else None

    def run(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> bytes | None:
        self.ctx.require(*printing.PRINT_ROLES, action="besluiten afdrukken")
        if not self.numbers:
            raise DomainError("Er zijn geen besluiten gekozen om af te drukken.")
        fd, pdf_path = tempfile.mkstemp(prefix="triage-besluiten-", suffix=".pdf")  # 0600
        os.close(fd)
        try:
            outcome = self._run_child(pdf_path, progress, cancelled)
            if outcome is None:
                return None
            if outcome[0] == "error":
                raise DomainError(outcome[1])
            with open(pdf_path, "rb") as file:
                pdf = file.read()
            if not pdf.startswith(b"%PDF"):
                raise DomainError(CHILD_STOPPED)
        finally:
            self._end_child()
            with contextlib.suppress(OSError):
                os.unlink(pdf_path)
        printing.log_printed_decisions(self.ctx, self.numbers)
        if progress:
            progress(len(self.numbers), len(self.numbers))
        return pdf

    def _job(self, pdf_path: str) -> bytes:
        return pickle.dumps(
            {
                "url": self.ctx.store.url,
                "key": self.ctx.db_key,
                # Of the key file only the trusted root keys, to check the decisions'
                # signatures; the child never writes it.
                "keyfile": None
                if self.ctx.keyfile is None
                else KeyFile(
                    self.ctx.keyfile.path, {"roots": self.ctx.keyfile.data.get("roots", [])}
                ),
                "actor": self.ctx.actor,
                "profile": thaw(self.ctx.reference.profile),  # what a letter uses of it
                "numbers": self.numbers,
                "large_print": self.large_print,
                "pdf_path": pdf_path,
            }
        )

    def _run_child(
        self,
        pdf_path: str,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> tuple | None:
        """The child's final message (("done",) or ("error", message)); None when cancelled."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        messages: queue.Queue = queue.Queue()
        reader = threading.Thread(
            target=_read_lines, args=(self.process.stdout, messages), daemon=True
        )
        reader.start()
        job = self._job(pdf_path)
        try:
            self.process.stdin.write(len(job).to_bytes(8, "big") + job)
            self.process.stdin.flush()
        except OSError:
            return ("error", CHILD_STOPPED)
        while True:
            if cancelled and cancelled():
                self._end_child(stop=True)
                return None
            try:
                message = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if message is None:  # the child's stdout closed: it ended
                return ("error", CHILD_STOPPED)
            if message[0] == "progress":
                self.last_progress = (message[1], message[2])
                if progress:
                    progress(message[1], message[2])
            elif message[0] in ("done", "error"):
                return tuple(message)

    def _end_child(self, stop: bool = False) -> None:
        """Stop the child (``stop``: terminate it, then kill it), or let one that has said
        its last word end by itself (killed only if it does not)."""
        process = self.process
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()
        if not stop and process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=TERMINATE_GRACE_SECONDS)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=TERMINATE_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with contextlib.suppress(OSError):
            process.stdout.close()


def _read_lines(stream, messages: queue.Queue) -> None:  # type: ignore[no-untyped-def]
    """The child's messages, one JSON list per line; None at the end."""
    try:
        for line in stream:
            with contextlib.suppress(ValueError):
                messages.put(json.loads(line))
    except (OSError, ValueError):
        pass
    messages.put(None)


def _child() -> int:
    """The child's side: read the job from stdin, lay out, report, write the PDF."""
    # Messages go to the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    stdin = sys.stdin.buffer

    def send(*message: object) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    # Laying out thousands of pages makes millions of short-lived objects; this process ends
    # after one batch, so the cycle collector has nothing worth its pauses here.
    gc.disable()
    store = None
    try:
        size = int.from_bytes(stdin.read(8), "big")
        job = pickle.loads(stdin.read(size))
        from triage_app.store.engine import open_store

        store = open_store(job["url"], job["key"], upgrade=False)
        reference = dataclasses.replace(shipped(), profile=freeze(job["profile"]))
        ctx = ServiceContext(
            store=store, actor=job["actor"], keyfile=job["keyfile"], reference=reference
        )
        hold = [bool(os.environ.get(HOLD_ENV))]

        def report(done: int, total: int) -> None:
            send("progress", done, total)
            if hold[0]:
                hold[0] = False
                stdin.readline()  # until the parent lets go

        pdf = printing.lay_out_decisions(ctx, job["numbers"], job["large_print"], report)
        target = os.open(job["pdf_path"], os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(target, "wb") as file:
            file.write(pdf or b"")
        send("done")
    except DomainError as exc:
        send("error", exc.message)
    except Exception:  # noqa: BLE001 - the worker gets a Dutch message, the log the details
        traceback.print_exc()
        send("error", GENERIC_ERROR)
    finally:
        if store is not None:
            store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(_child())
