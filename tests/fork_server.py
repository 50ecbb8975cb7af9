"""A fork server for the tests' child scripts (kill -9, concurrency and screen tests).

Each child script imported Qt and the app (~1 s) before it did anything. This server imports
them once and, per request, forks a child that runs the script as ``python SCRIPT ARGS``
would (``__main__``, ``sys.argv``, the test's environment and working folder; standard input
from /dev/null or a pipe, standard output to a pipe to the test, standard error to the
test's). The child is a process of its own, with no QApplication and nothing of a store open
before its script starts; the test kills it on its own and gets its exit code.

Server: ``python tests/fork_server.py FD``; requests on the Unix socket FD (JSON):
``{"run": SCRIPT, "argv": [...], "env": {...}, "cwd": DIR}`` with three file descriptors
(standard input, output and error) answers ``{"pid": PID}``; ``{"wait": PID, "seconds": S}``
answers ``{"exit": CODE}`` (minus the signal if killed) or ``{"exit": null}`` after S seconds.
"""

import atexit
import functools
import importlib
import json
import os
import runpy
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATIENCE = 120  # seconds: a bound for a loaded machine, not a measurement
PRELOAD = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtTest",
    "tests.conftest",
    "triage_app.services.drafts",
    "triage_app.ui.main_window",
    "triage_app.ui.household_dialog",
    "triage_app.ui.intake.intake_flow",
    "triage_app.ui.plan.plan_window",
    "triage_app.ui.plan.decision_dialog",
    "triage_app.ui.admin.catalogue_view",
    "triage_app.ui.admin.settings_view",
    "triage_app.ui.admin.users_view",
)


class Child:
    """A forked child: its pid, its standard output (a pipe) and, if asked for, its standard
    input (a pipe); its exit code once waited for."""

    def __init__(
        self, server: "ForkServer", pid: int, stdout_fd: int, stdin_fd: int | None
    ) -> None:
        self.server, self.pid = server, pid
        self.stdout = open(stdout_fd, encoding="utf-8")  # noqa: SIM115 - closed in wait()
        self.stdin = None
        if stdin_fd is not None:
            self.stdin = open(stdin_fd, "w", encoding="utf-8")  # noqa: SIM115 - as stdout
        self.returncode: int | None = None

    def kill(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def wait(self, timeout: float = PATIENCE) -> int:
        answer = self.server.ask({"wait": self.pid, "seconds": timeout})
        assert answer["exit"] is not None, f"child {self.pid} did not end in {timeout} s"
        self.returncode = answer["exit"]
        self.stdout.close()
        if self.stdin is not None:
            self.stdin.close()
        return self.returncode


class ForkServer:
    def __init__(self) -> None:
        self.socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.socket.settimeout(PATIENCE + 30)
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__)), str(theirs.fileno())],
            stdin=subprocess.DEVNULL,
            pass_fds=[theirs.fileno()],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
        )
        theirs.close()

    def ask(self, request: dict, fds: tuple[int, ...] = ()) -> dict:
        socket.send_fds(self.socket, [json.dumps(request).encode()], fds)
        answer = self.socket.recv(65536)
        assert answer, "the fork server stopped"
        return json.loads(answer)

    def run(
        self, script: Path, *args: str, env: dict[str, str] | None = None, stdin: bool = False
    ) -> Child:
        """Start ``python script args`` (forked) with ``env`` (else this process's); with
        ``stdin``, its standard input is a pipe from this process (else /dev/null)."""
        stdin_write = None
        if stdin:
            stdin, stdin_write = os.pipe()
        else:
            stdin = os.open(os.devnull, os.O_RDONLY)
        stdout_read, stdout_write = os.pipe()
        try:
            answer = self.ask(
                {
                    "run": str(script),
                    "argv": list(args),
                    "env": dict(os.environ if env is None else env),
                    "cwd": os.getcwd(),
                },
                (stdin, stdout_write, sys.stderr.fileno()),
            )
        finally:
            os.close(stdin)  # the child has its own copies now
            os.close(stdout_write)
        return Child(self, answer["pid"], stdout_read, stdin_write)

    def close(self) -> None:
        self.socket.close()  # the server ends when its end of the socket closes
        self.process.wait(timeout=PATIENCE)


@functools.cache
def fork_server() -> ForkServer:
    """The session's fork server, started on first use and stopped when the tests end."""
    server = ForkServer()
    atexit.register(server.close)
    return server


def _child(request: dict, *fds: int) -> None:
    code = 0
    try:
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        script = request["run"]
        sys.argv = [script, *request["argv"]]
        sys.path[0] = str(Path(script).parent)
        runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported like an uncaught error, then exit 1
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _wait(pid: int, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.005)
    return None


def serve(fd: int) -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    server = socket.socket(fileno=fd)
    while True:
        message, fds, _flags, _address = socket.recv_fds(server, 1 << 20, 3)
        if not message:
            return  # the tests closed their end
        request = json.loads(message)
        if "run" in request:
            pid = os.fork()
            if not pid:
                server.close()
                _child(request, *fds)
            for fd_ in fds:
                os.close(fd_)
            answer = {"pid": pid}
        else:
            answer = {"exit": _wait(request["wait"], request["seconds"])}
        server.send(json.dumps(answer).encode())


if __name__ == "__main__":
    serve(int(sys.argv[1]))
