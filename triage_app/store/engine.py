"""Open a store: the engine, its SQLite settings, and one way to run a read or a write.

A write is one transaction: ``with store.write() as session: ...`` commits when the block ends
and rolls back when it raises. On SQLite a write starts with ``BEGIN IMMEDIATE`` so two writers
queue on the busy timeout instead of failing half-way; reads use a deferred transaction and,
in WAL mode, never block a writer. On PostgreSQL a desk call that was cancelled as a deadlock
victim is run again (store/retry.py); each committed write is noted for that.
"""

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from triage_app.domain.errors import DomainError
from triage_app.store import retry
from triage_app.store.planner import analyze

BUSY_TIMEOUT_MS = 10_000


class StoreUnreadable(DomainError):
    """The file is not a store this key opens: damaged, or a key file of another store."""


class StorageProblem(DomainError):
    """The store could not be written: full disk, read-only medium, a lock held too long.
    Nothing of the transaction was written."""


def _storage_problem(exc: OperationalError) -> StorageProblem | None:
    if retry.is_retryable(exc):  # run again by retry_on_deadlock while that is safe
        return StorageProblem(
            "Een collega werkte op hetzelfde moment aan dezelfde gegevens: er is niets "
            "opgeslagen. Probeer het opnieuw; wat u typte staat nog op het scherm."
        )
    text = str(exc.orig).lower()
    if "full" in text:
        return StorageProblem(
            "De schijf is vol: er is niets opgeslagen. Maak ruimte vrij en "
            "probeer het opnieuw; wat u typte staat nog op het scherm."
        )
    if "readonly" in text or "read-only" in text:
        return StorageProblem(
            "Op deze plek kan niet worden geschreven (alleen-lezen): er is "
            "niets opgeslagen. Wat u typte staat nog op het scherm."
        )
    if "locked" in text or "busy" in text:
        return StorageProblem(
            "De gegevens zijn te lang bezet door een ander programma: er is "
            "niets opgeslagen. Probeer het zo opnieuw."
        )
    if "disk i/o" in text:
        return StorageProblem("De schijf gaf een fout bij het opslaan: er is niets opgeslagen.")
    return None


class StoreBeingRestored(DomainError):
    """A backup is being put in place of this store: this process must stop using it."""


RESTORING = (
    "Er wordt nu een back-up teruggezet. Deze app stopt met deze gegevens: wat u nog niet "
    "had opgeslagen staat in uw concept of op het scherm. Log daarna opnieuw in."
)


def restore_marker(db_path: str | os.PathLike) -> str:
    return f"{db_path}.restoring"


def store_lock(db_path: str | os.PathLike) -> str:
    return f"{db_path}.lock"


def restore_in_progress(db_path: str | os.PathLike) -> bool:
    """True while a live restore process has announced itself (a stale marker is removed)."""
    marker = restore_marker(db_path)
    try:
        pid = int(open(marker, encoding="ascii").read().strip() or 0)
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        with contextlib.suppress(OSError):
            os.unlink(marker)
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Store:
    engine: Engine
    url: str
    # A shared lock on ``<store>.lock`` while this process has the store open; a restore
    # takes it exclusively (store/backup.py ``exclusive``).
    lock_fd: int | None = field(default=None, repr=False)

    def take_shared_lock(self) -> None:
        if self.path is None or self.lock_fd is not None:
            return
        if restore_in_progress(self.path):
            raise StoreBeingRestored(RESTORING)
        fd = os.open(store_lock(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreBeingRestored(RESTORING) from None
        self.lock_fd = fd

    def release_lock(self) -> None:
        if self.lock_fd is not None:
            fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
            os.close(self.lock_fd)
            self.lock_fd = None

    def check_not_restoring(self) -> None:
        """Every read and write starts here: during a restore this process stops."""
        if self.path is not None and self.lock_fd is not None and restore_in_progress(self.path):
            self.release_lock()
            self.engine.dispose()
            raise StoreBeingRestored(RESTORING)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> str | None:
        """The file of a SQLite store, ``None`` for a server store."""
        return make_url(self.url).database if self.is_sqlite else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        self.check_not_restoring()
        engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with Session(engine, expire_on_commit=False) as session:
                with session.begin():
                    yield session
            retry.note_commit()
        except OperationalError as exc:
            problem = _storage_problem(exc)
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        self.check_not_restoring()
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def analyze(self) -> None:
        analyze(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
        self.release_lock()


def own_only(path: str | os.PathLike) -> None:
    """Make the store file and its WAL/SHM readable by the owner only (0600). A missing store
    file is created empty with that mode first, so SQLite (which gives WAL and SHM the mode of
    the database file) never makes a world-readable one."""
    if str(path) in ("", ":memory:"):
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    for suffix in ("", "-wal", "-shm"):
        companion = f"{path}{suffix}"
        if os.path.exists(companion) and (os.stat(companion).st_mode & 0o077):
            os.chmod(companion, 0o600)


def _sqlite_engine(url: str, key: bytes | None) -> Engine:
    database = make_url(url).database
    if database:
        own_only(database)
    kwargs: dict = {
        "connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # The connection used last is handed out next: its page cache is warm (SQLCipher
        # decrypts every page it reads into it), where a round robin over the pool would
        # read the same pages into each connection in turn.
        "pool_use_lifo": True,
    }
    if key is not None:
        import sqlcipher3

        kwargs["module"] = sqlcipher3.dbapi2
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event emit BEGIN itself (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if key is not None:
            # A raw 256-bit key: no per-connection PBKDF2 (TECH-NOTES, SQLCipher).
            cursor.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a transaction reported as committed survives a power cut, at the cost of one
        # more fsync per commit; a worker's write rate makes that cost invisible.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # 8 MB of decrypted pages per connection. With 64 MB the app held 502 MB after the
        # bench's hour of work on 100,000 households (each connection of the pool filled its
        # own cache), with 16 MB 301 MB, with 8 MB 269 MB; the search was no slower within the
        # run-to-run noise (7-12 ms median in each case, 6 December 2026).
        cursor.execute("PRAGMA cache_size = -8192")
        cursor.close()
        if database:
            own_only(database)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_store_engine(url: str, key: bytes | None = None) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, key)
    return create_engine(url, pool_pre_ping=True)


def open_store(url: str, key: bytes | None = None, upgrade: bool = True) -> Store:
    """Open the store at ``url`` and bring its schema to this app's version."""
    store = Store(engine=create_store_engine(url, key), url=url)
    try:
        store.take_shared_lock()
        if upgrade and not _at_head(store.engine):
            from triage_app.store.migrations import upgrade as upgrade_schema

            upgrade_schema(store.engine, store.path)
    except DatabaseError as exc:
        store.dispose()
        if store.is_sqlite and "not a database" in str(exc.orig).lower():
            raise StoreUnreadable(
                "Deze gegevens zijn niet te lezen: het bestand is beschadigd, of het "
                "sleutelbestand hoort bij andere gegevens. Zet beide terug uit dezelfde "
                "back-up (triage-app restore)."
            ) from None
        raise
    except BaseException:
        store.dispose()
        raise
    return store


def _at_head(engine: Engine) -> bool:
    """The store has this app's schema already (the usual start: no Alembic import)."""
    from triage_app.store import schema_version

    with engine.connect() as connection:
        at_head = schema_version.current(connection) == schema_version.head()
        connection.rollback()
    return at_head
