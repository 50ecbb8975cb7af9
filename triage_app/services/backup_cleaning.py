"""Destroyed dossiers stay destroyed in backups: rewrite the backups on disk, and re-apply the
destruction ledger to a backup when it is restored.

A backup made before a destruction still holds the household. Two answers, both needed:

- ``clean_backups``: right after a destruction every backup this store knows about (its own
  backup folder and every folder a backup was made to with ``--to``) is opened, the household
  erased there too by the same code as in the live store (services/erasure.py, with an
  audited destruction row signed by the same administrator and the backup's chain-head
  anchor updated), and the file rewritten under a temporary name and moved into place (0600,
  new checksums, same name and time). A backup of another store is left alone.
- ``replay_ledger``: a backup that could not be rewritten (copied to a stick, a folder that
  was offline) still holds the names. The signed ledger of destructions is kept in the key
  file, outside the store (services/erasure.py); a restore carries it over to the restored
  key file and erases every dossier it lists from the restored copy before that copy is put
  in place, so the person never comes back, not even for a moment.
"""

import dataclasses
import tempfile
from pathlib import Path

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError
from triage_app.services import audit, erasure
from triage_app.services.context import ServiceContext
from triage_app.store import backup as backups
from triage_app.store.engine import create_store_engine, open_store
from triage_app.store.keyfile import KeyFile
from triage_app.store.schema_version import current

FOLDERS = "backup_folders"


def remember_folder(ctx: ServiceContext, folder: Path) -> None:
    """A backup was made to ``folder``: a later destruction cleans the backups there too."""
    if ctx.keyfile is None:
        return
    folder = folder.resolve()
    if ctx.store.path is not None and folder == backups.folder_for(ctx.store.path).resolve():
        return

    def change(data: dict) -> None:
        known = data.setdefault(FOLDERS, [])
        if str(folder) not in known:
            known.append(str(folder))

    if str(folder) not in ctx.keyfile.data.get(FOLDERS, []):
        ctx.keyfile.update(change)


def _folders(ctx: ServiceContext) -> list[Path]:
    assert ctx.store.path is not None
    found = [backups.folder_for(ctx.store.path)]
    if ctx.keyfile is not None:
        found += [Path(folder) for folder in ctx.keyfile.reload().data.get(FOLDERS, [])]
    return [folder for folder in dict.fromkeys(found) if folder.is_dir()]


def clean_backups(ctx: ServiceContext, entries: list[dict]) -> dict[str, list[str]]:
    """Erase the ledger ``entries`` from every backup of this store; audited. Returns the
    file names rewritten and those that could not be (with why)."""
    result: dict[str, list[str]] = {"cleaned": [], "failed": []}
    if ctx.store.path is None or ctx.db_key is None or ctx.keyfile is None:
        return result
    identity = backups.store_identity(ctx.keyfile.data)
    for folder in _folders(ctx):
        for path in sorted(folder.glob(f"*{backups.SUFFIX}")):
            try:
                if clean_one(ctx, path, entries, identity):
                    result["cleaned"].append(str(path))
            except (DomainError, OSError) as exc:
                result["failed"].append(f"{path}: {getattr(exc, 'message', exc)}")
    if result["cleaned"] or result["failed"]:
        with ctx.store.write() as session:
            audit.record(
                session,
                ctx,
                AuditAction.CHANGED,
                object_type="backup",
                change="vernietigde dossiers verwijderd",
                dossiers=[e["dossier"] for e in entries],
                **result,
            )
    return result


def clean_one(ctx: ServiceContext, path: Path, entries: list[dict], identity: str) -> bool:
    """Erase ``entries`` from one backup file and rewrite it; False when there was nothing
    to erase (or the backup is of another store), and then the file is left untouched."""
    assert ctx.db_key is not None and ctx.keyfile is not None
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        db_copy, keys_copy = backups.extract(path, Path(tmp))
        keys = KeyFile.load(keys_copy)
        if backups.store_identity(keys.data) != identity:
            return False
        pseudonyms = ctx.keyfile.data.get("pseudonym_key")
        if pseudonyms:  # the same keyed hashes as in the live store
            keys.update(lambda data: data.update(pseudonym_key=pseudonyms))
        erasure.add_to_ledger(keys, entries)
        copy = open_store(f"sqlite:///{db_copy}", ctx.db_key)
        try:
            copy_ctx = dataclasses.replace(ctx, store=copy, keyfile=keys, notices=[])
            trusted = frozenset({ctx.signer.key_id}) if ctx.signer is not None else frozenset()
            erased, _refused = erasure.apply_ledger(copy_ctx, entries, "back-up", trusted)
            with copy.engine.connect() as connection:
                revision = current(connection)
        finally:
            copy.dispose()
        if not erased:
            return False
        backups.repack(path, db_copy, keys_copy, revision, {"destroyed_since": erased})
    return True


def _current_admin_keys(store_path: Path, db_key: bytes) -> frozenset[str]:
    """The administrators' keys the store being replaced certifies, when it can still be
    read (it is not opened as a store: the restore holds it alone)."""
    current_keys = store_path.with_name(store_path.name + ".keys")
    if not store_path.exists() or not current_keys.exists():
        return frozenset()
    engine = create_store_engine(f"sqlite:///{store_path}", db_key)
    try:
        from sqlmodel import Session

        with Session(engine) as session:
            return frozenset(erasure.admin_keys(session, KeyFile.load(current_keys)))
    except Exception:  # noqa: BLE001 - a damaged store: trust only the backup's own keys
        return frozenset()
    finally:
        engine.dispose()


def replay_ledger(
    store_path: Path, db_copy: Path, keys_copy: Path, username: str, password: str
) -> tuple[list[str], list[str]]:
    """Before a restored copy is put in place: carry the current key file's ledger (and its
    pseudonym key) into the copy's key file, and erase every dossier it lists from the copy,
    as ``username`` (an administrator, logged in on the copy). Returns the dossier numbers
    erased and those whose ledger line was refused as not genuine."""
    from triage_app.services.accounts import login

    current_path = store_path.with_name(store_path.name + ".keys")
    keys = KeyFile.load(keys_copy)
    entries = erasure.ledger(keys)
    if current_path.exists():
        current_data = KeyFile.load(current_path).data
        if backups.store_identity(current_data) == backups.store_identity(keys.data):
            entries += erasure.ledger(KeyFile(current_path, current_data))
            pseudonyms = current_data.get("pseudonym_key")
            if pseudonyms:
                keys.update(lambda data: data.update(pseudonym_key=pseudonyms))
    erasure.add_to_ledger(keys, entries)
    if not entries:
        return [], []
    ctx = login(f"sqlite:///{db_copy}", username, password, sleep=lambda _s: None)
    try:
        ctx.require(Role.ADMIN, action="een back-up terugzetten")
        trusted = _current_admin_keys(store_path, ctx.db_key) if ctx.db_key else frozenset()
        return erasure.apply_ledger(ctx, entries, "terugzetten", trusted)
    finally:
        ctx.store.dispose()
