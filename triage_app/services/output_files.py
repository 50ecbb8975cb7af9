"""Write an export, a printed PDF or a report to a file a worker chose, without destroying data.

The store, its WAL/SHM and lock files, its key file and anything in a backup folder (or any
backup file) are refused outright. Another existing file is overwritten only when asked
(``force``: the CLI's ``--force``, a save dialog's own overwrite question). The data goes to a
temporary name in the same folder first and is then moved into place, readable by the owner
only, so a crash never leaves half a file under the chosen name.
"""

import os
import tempfile
from pathlib import Path

from triage_app.domain.errors import DomainError
from triage_app.services.context import ServiceContext
from triage_app.store.backup import SUFFIX as BACKUP_SUFFIX
from triage_app.store.keyfile import key_file_for

STORE_COMPANIONS = ("", "-wal", "-shm", "-journal", ".keys", ".keys.lock", ".lock")


class OutputRefused(DomainError):
    """This file must not be written by an export: it holds the dossiers or their keys."""


class OutputExists(DomainError):
    """The chosen file exists; overwriting needs an explicit choice."""


def _protected(store_path: Path | None) -> tuple[set[Path], set[Path]]:
    if store_path is None:
        return set(), set()
    store = store_path.resolve()
    files = {Path(f"{store}{suffix}") for suffix in STORE_COMPANIONS}
    files.add(key_file_for(store))
    return files, {store.parent / "backups"}


def check_output(path: Path, store_path: Path | None, force: bool = False) -> Path:
    """The resolved target, or a Dutch refusal."""
    target = Path(path).expanduser().resolve()
    files, folders = _protected(Path(store_path) if store_path else None)
    if (
        target in files
        or any(folder == target or folder in target.parents for folder in folders)
        or target.name.endswith((BACKUP_SUFFIX, ".keys"))
    ):
        raise OutputRefused(
            f"{target.name} hoort bij de gegevens of de back-ups; daar schrijft een export "
            "nooit overheen. Kies een andere bestandsnaam."
        )
    if target.is_dir():
        raise OutputRefused(f"{target} is een map. Kies een bestandsnaam.")
    if target.exists() and not force:
        raise OutputExists(
            f"{target.name} bestaat al. Kies een andere naam, of geef --force om het te "
            "overschrijven."
        )
    return target


def write_output(path: Path, data: bytes, store_path: Path | None, force: bool = False) -> Path:
    """Write ``data`` to ``path`` safely (see the module docstring); returns the target."""
    target = check_output(path, store_path, force)
    if not target.parent.is_dir():
        raise OutputRefused(f"De map {target.parent} bestaat niet.")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def save(ctx: ServiceContext, path: Path | str, data: bytes, force: bool = False) -> Path:
    """``write_output`` for the store this context has open."""
    store_path = Path(ctx.store.path) if ctx.store.path else None
    return write_output(Path(path), data, store_path, force)
