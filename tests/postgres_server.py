"""A throw-away PostgreSQL server on loopback for the test session.

Uses the Debian packages' binaries (``/usr/lib/postgresql/<v>/bin``); as root the server runs
as the ``postgres`` user. ``TRIAGE_TEST_POSTGRES_URL`` points the tests at an existing server
instead. Stopped when the session ends.

The server's files go to memory (``/dev/shm``) where the machine has it: every test clones a
database from a template (hundreds of small files), which on a disk costs ~0.25 s a test and in
memory ~0.03 s. The write-ahead log is kept small so the server holds little memory.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _base_dir() -> str | None:
    """Where to make the server's folder: memory if the machine offers it, else the temp dir."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.bin = _binaries()
        self.dir: Path | None = None
        self.port = _free_port()

    @property
    def available(self) -> bool:
        return self.bin is not None

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> str:
        assert self.bin is not None
        self.dir = Path(tempfile.mkdtemp(prefix="triage-pg-", dir=_base_dir()))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-locale",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_wal_size=256MB -c min_wal_size=64MB"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.1)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if self.dir is None:
            return
        assert self.bin is not None
        try:
            self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"
            )
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
