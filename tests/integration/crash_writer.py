"""Child process for the crash test: once told "go" on standard input, register households
(COUNT of them, or until killed when COUNT is 0), reporting each commit.

Usage: python crash_writer.py URL KEY_HEX START [COUNT]
   or: python crash_writer.py --fork-server FD

A fork server imports the app once and, for each request on the Unix socket FD ("spawn URL
KEY_HEX START COUNT" with the writer's standard input and output as two file descriptors),
forks a writer: a process of its own, with nothing open on the store before it starts, that
the test kills on its own, but that starts in milliseconds instead of importing the app
(~0.5 s) again. "wait PID SECONDS" answers "exit CODE" (minus the signal if killed) or
"timeout".
"""

import os
import socket
import sys
import time
import traceback

from triage_app.domain.accounts import Actor, Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services.context import ServiceContext
from triage_app.services.households import register_household
from triage_app.store.engine import open_store


def main(argv: list[str]) -> None:
    url, key_hex, start = argv[0], argv[1], int(argv[2])
    count = int(argv[3]) if len(argv) > 3 else 0
    store = open_store(url, bytes.fromhex(key_hex), upgrade=False)
    ctx = ServiceContext(store, Actor("crash", "Crash Test", frozenset({Role.INTAKE})))
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return
    n = start
    while not count or n < start + count:
        view = register_household(
            ctx,
            HouseholdInput(
                street="Crashlaan",
                house_number=str(n % 999 + 1),
                postcode="3511 AB",
                city="Utrecht",
                district="Binnenstad",
                members=[
                    PersonInput(first_name=f"Een{n}", last_name="Crash", birth_date="01-01-1970"),
                    PersonInput(
                        first_name=f"Twee{n}",
                        last_name="Crash",
                        birth_date="02-02-1972",
                        role=MemberRole.PARTNER,
                    ),
                    PersonInput(
                        first_name=f"Drie{n}",
                        last_name="Crash",
                        birth_date="03-03-2010",
                        role=MemberRole.CHILD,
                    ),
                ],
            ),
            allow_duplicate=True,
        )
        print(f"ok {view.dossier_number}", flush=True)
        n += 1


def _spawn(server: socket.socket, argv: list[str], stdin_fd: int, stdout_fd: int) -> int:
    pid = os.fork()
    if pid:
        os.close(stdin_fd)
        os.close(stdout_fd)
        return pid
    code = 0
    try:  # the writer: the test's pipes become its standard input and output
        server.close()
        os.dup2(stdin_fd, 0)
        os.dup2(stdout_fd, 1)
        os.close(stdin_fd)
        os.close(stdout_fd)
        main(argv)
    except BaseException:  # noqa: BLE001 - reported like an uncaught error, then exit 1
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)


def _wait(pid: int, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return f"exit {os.waitstatus_to_exitcode(status)}"
        time.sleep(0.005)
    return "timeout"


def fork_server(fd: int) -> None:
    server = socket.socket(fileno=fd)
    while True:
        message, fds, _flags, _address = socket.recv_fds(server, 4096, 2)
        if not message:
            return  # the test closed its end
        command, *args = message.decode().split()
        if command == "spawn":
            answer = f"pid {_spawn(server, args, *fds)}"
        else:
            answer = _wait(int(args[0]), float(args[1]))
        server.send(answer.encode())


if __name__ == "__main__":
    if sys.argv[1] == "--fork-server":
        fork_server(int(sys.argv[2]))
    else:
        main(sys.argv[1:])
