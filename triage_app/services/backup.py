"""Back up the local store (by hand or on a schedule), restore a backup, check the store."""

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from triage_app import __version__
from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.bounds import check_backup_keep
from triage_app.domain.errors import DomainError, NotAllowed
from triage_app.services import audit
from triage_app.services.accounts import local_store_path, login
from triage_app.services.context import ServiceContext
from triage_app.store import backup as backups
from triage_app.store import open_marker
from triage_app.store.engine import open_store
from triage_app.store.keyfile import KeyFile, WrongSecret, key_file_for
from triage_app.store.tables import Worker

ALL_ROLES = tuple(Role)


def backup_dir(ctx: ServiceContext) -> Path:
    path = ctx.store.path
    if path is None:
        raise DomainError("De gegevens staan op een server; daar wordt de back-up gemaakt.")
    return backups.folder_for(path)


def backup_now(
    ctx: ServiceContext, dest_dir: Path | None = None, now: dt.datetime | None = None
) -> Path:
    """Make a consistent, encrypted backup of the live store; logged."""
    ctx.require(*ALL_ROLES, action="een back-up maken")
    if ctx.db_key is None:
        raise DomainError("Deze gegevens zijn niet versleuteld geopend; log opnieuw in.")
    from triage_app.store.schema_version import current

    with ctx.store.engine.connect() as connection:
        revision = current(connection)
    target = backups.make_backup(
        ctx.store, ctx.db_key, dest_dir or backup_dir(ctx), revision, __version__, now
    )
    from triage_app.services import backup_cleaning  # not at start: erasure is large

    backup_cleaning.remember_folder(ctx, target.parent)
    with ctx.store.write() as session:
        audit.record(session, ctx, AuditAction.EXPORTED, object_type="backup", file=target.name)
    return target


def list_backups(directory: Path) -> list[Path]:
    """Backups in a folder, newest first."""
    return sorted(directory.glob(f"*{backups.SUFFIX}"), reverse=True)


def backup_if_due(ctx: ServiceContext, now: dt.datetime | None = None) -> Path | None:
    """The scheduled backup: make one when the newest is older than the profile's interval,
    then keep only the newest N (profile: backup_every_hours, backup_keep)."""
    profile = ctx.reference.profile
    every = dt.timedelta(hours=float(profile.get("backup_every_hours", 24)))
    keep = check_backup_keep(profile.get("backup_keep", 7))
    now = now or dt.datetime.now()
    directory = backup_dir(ctx)
    existing = list_backups(directory) if directory.exists() else []
    if existing and now - dt.datetime.fromtimestamp(existing[0].stat().st_mtime) < every:
        return None
    made = backup_now(ctx, directory, now)
    for old in list_backups(directory)[keep:]:
        old.unlink()
    return made


class OtherStore(DomainError):
    """The backup belongs to another store; restoring it needs an explicit choice."""


def restore(
    url: str,
    backup_file: Path,
    username: str,
    password: str,
    *,
    other_store: bool = False,
    wait_seconds: float = 30.0,
) -> Path:
    """Replace the local store by a backup, after checking it whole. Needs an administrator's
    password as it was when the backup was made. Returns where the replaced store was put.

    Every other process of the app is stopped first (``backups.exclusive``), so nothing is
    written into the store that is being moved aside. A backup of another store is refused
    unless ``other_store``. The restore is written to the restored store's audit log."""
    store_path = local_store_path(url)
    if store_path is None:
        raise DomainError("Terugzetten kan alleen voor lokale gegevens.")
    backups.read_manifest(Path(backup_file))  # a damaged file is refused before anyone stops
    with backups.exclusive(store_path, wait_seconds):
        aside, (erased, refused) = _restore_alone(
            store_path, Path(backup_file), username, password, other_store
        )
    ctx = login(url, username, password, sleep=lambda _s: None)
    try:
        with ctx.store.write() as session:
            audit.record(
                session,
                ctx,
                AuditAction.RESTORED,
                object_type="backup",
                file=Path(backup_file).name,
                replaced_kept_in=aside.name,
                other_store=other_store,
                destroyed_again=erased,
                ledger_refused=refused,
            )
    finally:
        ctx.store.dispose()
    return aside


def _restore_alone(
    store_path: Path, backup_file: Path, username: str, password: str, other_store: bool
) -> tuple[Path, tuple[list[str], list[str]]]:
    with tempfile.TemporaryDirectory(dir=store_path.parent) as tmp:
        db_copy, keys_copy = backups.extract(backup_file, Path(tmp))
        current = key_file_for(store_path)
        if current.exists() and not other_store:
            ours = backups.store_identity(KeyFile.load(current).data)
            if backups.store_identity(KeyFile.load(keys_copy).data) != ours:
                raise OtherStore(
                    "Deze back-up is van andere gegevens dan die hier staan. Wilt u die toch "
                    "terugzetten, kies dan uitdrukkelijk voor andere gegevens "
                    "(triage-app restore --other-store)."
                )
        try:
            key = KeyFile.load(keys_copy).unlock(username, password)
        except WrongSecret:
            raise DomainError(
                "Met deze gebruikersnaam en dit wachtwoord gaat de back-up niet "
                "open. Gebruik het wachtwoord van toen de back-up werd gemaakt."
            ) from None
        problems = backups.integrity_problems(db_copy, key)
        if problems:
            raise backups.BackupInvalid(
                "De database in deze back-up is beschadigd: " + "; ".join(problems[:3])
            )
        copy = open_store(f"sqlite:///{db_copy}", key, upgrade=False)
        try:
            with copy.read() as session:
                worker = session.exec(
                    select(Worker).where(Worker.username == username.lower())
                ).first()
        finally:
            copy.dispose()
        if worker is None or Role.ADMIN.value not in worker.roles.split(","):
            raise NotAllowed("Alleen een beheerder mag een back-up terugzetten.")
        # Dossiers destroyed since this backup are erased from the copy before it is put
        # in place (the ledger in the key file, services/backup_cleaning.py).
        from triage_app.services import backup_cleaning

        replayed = backup_cleaning.replay_ledger(store_path, db_copy, keys_copy, username, password)
        aside = backups.replace_store(store_path, db_copy, keys_copy)
    open_marker.opened(store_path, by="restored")  # checked at its first start
    return aside, replayed


def restore_in_place(
    ctx: ServiceContext, backup_file: Path, password: str, other_store: bool = False
) -> Path:
    """Close the worker's store and put a backup in its place (see ``restore``); the worker's
    password must be the one of when the backup was made. The app must close afterwards."""
    ctx.store.dispose()
    return restore(
        ctx.store.url, backup_file, ctx.actor.username, password, other_store=other_store
    )


def default_folder(ctx: ServiceContext) -> str:
    """Where backups are made by default, or "" for a store on a server."""
    return str(backup_dir(ctx)) if ctx.store.path is not None else ""


def start_checks(ctx: ServiceContext) -> list[str]:
    """At start: check the store only after an unclean end (or a restore), then mark it open
    until ``session_ended``. Empty when the store is sound or needed no check."""
    if ctx.store.path is None:
        return []
    problems = store_problems(ctx) if open_marker.needs_check(ctx.store.path) else []
    if not problems:
        open_marker.opened(ctx.store.path)
    return problems


def session_ended(ctx: ServiceContext) -> None:
    """The app closes the store cleanly: the next start needs no check."""
    if ctx.store.path is not None:
        open_marker.closed(ctx.store.path)


def store_problems(ctx: ServiceContext) -> list[str]:
    """A quick check of the store's structure at start; empty when it is sound."""
    if not ctx.store.is_sqlite:
        return []
    with ctx.store.read() as session:
        rows = [row[0] for row in session.execute(text("PRAGMA quick_check")).all()]
    return [] if rows == ["ok"] else rows
