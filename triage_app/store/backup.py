"""Consistent backups of a live local store, and their verified restore.

A backup is one file (``triage-YYYYMMDD-HHMMSS.triagebackup``): an uncompressed zip holding
the encrypted database copied with SQLite's online backup API (consistent while others keep
working), the key file without which it cannot be opened, and a manifest with a SHA-256 of
each. Restore checks the checksums and the database's integrity before it replaces anything,
and keeps the replaced store aside.
"""

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from triage_app.domain.errors import DomainError
from triage_app.store.engine import Store, restore_in_progress, restore_marker, store_lock
from triage_app.store.keyfile import key_file_for

SUFFIX = ".triagebackup"
DB_NAME, KEYS_NAME, MANIFEST_NAME = "triage.db", "triage.db.keys", "manifest.json"


class BackupInvalid(DomainError):
    pass


@dataclass(frozen=True)
class Manifest:
    created_at: str
    revision: str | None
    app_version: str
    checksums: dict[str, str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _keyed(path: Path, key: bytes) -> sqlcipher3.dbapi2.Connection:
    connection = sqlcipher3.dbapi2.connect(str(path))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("PRAGMA cipher_log_level = NONE")
    return connection


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def make_backup(
    store: Store,
    key: bytes,
    dest_dir: Path,
    revision: str | None,
    app_version: str,
    now: dt.datetime | None = None,
) -> Path:
    """Copy the live store (and its key file) into one checksummed backup file."""
    if store.path is None:
        raise DomainError(
            "Een back-up hier maken kan alleen van lokale gegevens; de server "
            "van een team heeft zijn eigen back-up."
        )
    now = now or dt.datetime.now()
    dest_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = dest_dir / f"triage-{now:%Y%m%d-%H%M%S}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = dest_dir / f"triage-{now:%Y%m%d-%H%M%S}-{counter}{SUFFIX}"
    with tempfile.TemporaryDirectory(dir=dest_dir) as tmp:
        copy = Path(tmp) / DB_NAME
        destination = _keyed(copy, key)
        source = store.engine.raw_connection()
        try:
            source.driver_connection.backup(destination)
        finally:
            source.close()
            destination.close()
        shutil.copy2(key_file_for(store.path), Path(tmp) / KEYS_NAME)
        manifest = {
            "created_at": now.isoformat(timespec="seconds"),
            "revision": revision,
            "app_version": app_version,
        }
        _pack(target, copy, Path(tmp) / KEYS_NAME, manifest)
    return target


def _pack(target: Path, db: Path, keys: Path, manifest: dict) -> None:
    """Write the backup file under a temporary name, 0600, synced, then move it into place."""
    manifest = {**manifest, "checksums": {DB_NAME: _sha256(db), KEYS_NAME: _sha256(keys)}}
    partial = target.with_name(target.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
        archive.write(db, DB_NAME)
        archive.write(keys, KEYS_NAME)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
    os.chmod(partial, 0o600)
    _fsync(partial)
    os.replace(partial, target)


def repack(path: Path, db: Path, keys: Path, revision: str | None, note: dict) -> None:
    """Replace an existing backup by a changed copy of its database and key file (after a
    destruction): new checksums, the same name and time, so the schedule and the order of
    backups stay as they were."""
    old = read_manifest(path)
    times = path.stat()
    manifest = {
        "created_at": old.created_at,
        "revision": revision or old.revision,
        "app_version": old.app_version,
        **note,
    }
    _pack(path, db, keys, manifest)
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))


def folder_for(store_path: str | Path) -> Path:
    """The folder of a local store's own backups."""
    return Path(store_path).parent / "backups"


def read_manifest(path: Path) -> Manifest:
    """Open a backup and check every checksum; raises BackupInvalid with a Dutch reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST_NAME))
            for name, expected in manifest["checksums"].items():
                digest = hashlib.sha256()
                with archive.open(name) as fh:
                    for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                        digest.update(block)
                if digest.hexdigest() != expected:
                    raise BackupInvalid(
                        f"Het back-upbestand is beschadigd: {name} klopt niet "
                        "met de controlesom. Kies een andere back-up."
                    )
    except FileNotFoundError:
        raise BackupInvalid("Dit back-upbestand bestaat niet.") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BackupInvalid(
            "Dit is geen (volledig) back-upbestand van deze app "
            f"({type(exc).__name__}). Kies een andere back-up."
        ) from None
    return Manifest(
        manifest["created_at"],
        manifest.get("revision"),
        manifest.get("app_version", ""),
        manifest["checksums"],
    )


def extract(path: Path, into: Path) -> tuple[Path, Path]:
    """Unpack a verified backup; returns the database and key file paths."""
    read_manifest(path)
    with zipfile.ZipFile(path) as archive:
        archive.extract(DB_NAME, into)
        archive.extract(KEYS_NAME, into)
    return into / DB_NAME, into / KEYS_NAME


def integrity_problems(db_path: Path, key: bytes) -> list[str]:
    connection = _keyed(db_path, key)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlcipher3.dbapi2.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


@contextmanager
def exclusive(store_path: Path, wait_seconds: float = 30.0) -> Iterator[None]:
    """Announce a restore and wait until every other process of the app has let go of the
    store (each stops at its next read or write with a clear message); then hold it alone."""
    marker = Path(restore_marker(store_path))
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if restore_in_progress(store_path):
            raise DomainError("Er wordt al een back-up teruggezet.") from None
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, str(os.getpid()).encode("ascii"))
    os.close(fd)
    lock = os.open(store_lock(store_path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DomainError(
                        "De gegevens zijn nog open in een ander venster of programma dat niet "
                        "stopt. Sluit de app overal en probeer het opnieuw; er is niets "
                        "veranderd."
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
        marker.unlink(missing_ok=True)


def store_identity(keys: dict) -> str:
    """What names one store across its backups: the id in its key file, or (for a key file
    from before that id) the salt of the recovery wrap, which never changes."""
    return str(keys.get("store_id") or keys["wraps"].get("__recovery__", {}).get("salt", ""))


def replace_store(
    store_path: Path, db_copy: Path, keys_copy: Path, now: dt.datetime | None = None
) -> Path:
    """Move the current store (with WAL and key file) aside and put the copy in its place."""
    now = now or dt.datetime.now()
    aside = store_path.parent / f"{store_path.name}.replaced-{now:%Y%m%d-%H%M%S}"
    aside.mkdir(mode=0o700, parents=True)
    for suffix in ("", "-wal", "-shm", ".keys"):
        current = Path(f"{store_path}{suffix}")
        if current.exists():
            shutil.move(current, aside / current.name)
    shutil.move(db_copy, store_path)
    shutil.move(keys_copy, key_file_for(store_path))
    return aside
