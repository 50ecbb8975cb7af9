"""Log in, set up the first administrator, manage workers and passwords.

A local store is an SQLCipher file whose key is wrapped per worker in the key file
(triage_app/store/keyfile.py): a login unwraps it with the password, so a wrong password
cannot even open the file. A server store (PostgreSQL) checks the argon2id hash in the
``worker`` table instead. Both keep that hash, used again to unlock after an idle lock.
"""

import datetime as dt
import re
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from triage_app.domain.accounts import (
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    Actor,
    Role,
    WorkerView,
    login_delay_seconds,
    password_problem,
)
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError, InvalidValue, NotFound
from triage_app.services import audit, reference, signatures
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store
from triage_app.store.immutability import restore_missing_triggers
from triage_app.store.keyfile import KeyFile, WrongSecret, key_file_for
from triage_app.store.signing import Signer
from triage_app.store.tables import Setting, Worker, utcnow

# argon2id with OWASP's recommended 19 MiB / 2 passes / 1 lane (store/keyfile.py): a login on a
# server store stays quick; hashes made with other parameters verify with their own.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class LoginFailed(DomainError):
    pass


def local_store_path(url: str) -> Path | None:
    """The file of a local (SQLite, encrypted) store, None for a server store."""
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" else None


def store_is_new(url: str) -> bool:
    """True when nobody has set this store up yet (no first administrator)."""
    path = local_store_path(url)
    if path is not None:
        return not key_file_for(path).exists() and not path.exists()
    store = open_store(url)
    try:
        with store.read() as session:
            return session.exec(select(func.count()).select_from(Worker)).one() == 0
    finally:
        store.dispose()


def _check_username(username: str) -> str:
    name = username.strip().lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{1,59}", name):
        raise InvalidValue(
            "Een gebruikersnaam heeft 2 tot 60 tekens: letters, cijfers, punt, streepje.",
            field="username",
        )
    return name


def _check_password(password: str, username: str) -> None:
    problem = password_problem(password, username)
    if problem:
        raise InvalidValue(problem, field="password")


def _actor(worker: Worker) -> Actor:
    roles = frozenset(Role(code) for code in worker.roles.split(",") if code)
    return Actor(
        username=worker.username, display_name=worker.display_name, roles=roles, id=worker.id
    )


def _log_account(session: Session, ctx: ServiceContext, worker: Worker, **details) -> None:  # type: ignore[no-untyped-def]
    audit.record(
        session,
        ctx,
        AuditAction.ACCOUNT_CHANGED,
        object_type="worker",
        object_id=worker.id,
        **details,
    )


def _worker(session: Session, username: str) -> Worker | None:
    return session.exec(select(Worker).where(Worker.username == username.lower())).first()


def create_first_admin(
    url: str, username: str, display_name: str, password: str
) -> tuple[ServiceContext, str | None]:
    """Set up a new store with its first administrator.

    Returns the logged-in context and, for a local store, the recovery key: it is shown once
    and stored nowhere else, so the administrator must write it down.
    """
    username = _check_username(username)
    _check_password(password, username)
    if not display_name.strip():
        raise InvalidValue("Vul uw naam in.", field="display_name")
    path = local_store_path(url)
    keyfile, key, recovery = None, None, None
    if path is not None:
        if path.exists() or key_file_for(path).exists():
            raise DomainError("Hier staan al gegevens; log in in plaats van opnieuw te beginnen.")
        path.parent.mkdir(parents=True, exist_ok=True)
        keyfile, key, recovery = KeyFile.create(key_file_for(path), username, password)
        root = signatures.new_recovery_root(keyfile, recovery)
        signatures.add_root(None, keyfile, root.public, username)
    try:
        store = open_store(url, key)
    except BaseException:
        if keyfile is not None:
            keyfile.path.unlink(missing_ok=True)
        raise
    with store.write() as session:
        if session.exec(select(func.count()).select_from(Worker)).one():
            store.dispose()
            raise DomainError("Deze gegevens hebben al een beheerder; log in.")
        worker = Worker(
            username=username,
            display_name=display_name.strip(),
            roles=Role.ADMIN.value,
            password_hash=_hasher.hash(password),
        )
        session.add(worker)
        session.flush()
        signer = signatures.register_key(session, username, password)
        if keyfile is None:  # a server store: the first administrator is the root
            signatures.add_root(session, None, signer.public, username)
            signatures.sign_grant(session, signer, username, worker.roles, signer.key_id)
        else:
            signatures.sign_grant(session, root, username, worker.roles, signer.key_id)
        ctx = ServiceContext(
            store=store,
            actor=_actor(worker),
            keyfile=keyfile,
            db_key=key,
            signer=signer,
            reference=reference.load(session),
        )
        _log_account(session, ctx, worker, change="eerste beheerder aangemaakt")
    return ctx, recovery


def login(
    url: str,
    username: str,
    password: str,
    *,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], dt.datetime] = utcnow,
) -> ServiceContext:
    """Open the store as ``username``. Wrong passwords slow down and then lock the account."""
    username = username.strip().lower()
    path = local_store_path(url)
    if path is None:
        return _login_server(url, username, password, sleep, now)
    keyfile = KeyFile.load(key_file_for(path))
    _refuse_missing_store(path)
    failures, locked_until = keyfile.failures(username)
    _refuse_if_locked(locked_until, now())
    sleep(login_delay_seconds(failures))
    try:
        key = keyfile.unlock(username, password)
    except WrongSecret:
        if keyfile.has_worker(username):
            # Counted under the key file's lock: parallel attempts all count (compare-and-swap).
            keyfile.add_failure(
                username, now(), MAX_FAILED_LOGINS, dt.timedelta(minutes=LOCKOUT_MINUTES)
            )
        raise LoginFailed("Onbekende gebruikersnaam of onjuist wachtwoord.") from None
    store = open_store(url, key)
    try:
        with store.write() as session:
            worker = _worker(session, username)
            if worker is None or not worker.active:
                raise LoginFailed("Dit account is uitgeschakeld. Vraag de beheerder.")
            actor, signer = _signed_identity(session, worker, password, keyfile)
            ctx = ServiceContext(
                store=store,
                actor=actor,
                keyfile=keyfile,
                db_key=key,
                signer=signer,
                reference=reference.load(session),
            )
            _audit_pending_failures(session, ctx, keyfile)
            _check_failure_counter(session, ctx, keyfile)
            _check_triggers(session, ctx)
            audit.record(
                session,
                ctx,
                AuditAction.LOGGED_IN,
                object_type="worker",
                object_id=worker.id,
                failed_before=failures,
            )
    except BaseException:
        store.dispose()
        raise
    if keyfile.failures(username)[0]:
        keyfile.clear_failures(username)
    return ctx


def _signed_identity(
    session: Session, worker: Worker, password: str, keyfile: KeyFile | None
) -> tuple[Actor, Signer | None]:
    """The worker's roles from their signed grant, and their unwrapped signing key.

    A store from before signatures gets them at the first administrator's login: that
    administrator's key becomes a root and signs every active worker's present roles."""
    state = signatures.trust(session, keyfile)
    if not state.signed_mode:
        if Role.ADMIN.value not in worker.roles.split(","):
            return _actor(worker), None
        signer = signatures.register_key(session, worker.username, password)
        signatures.add_root(session, keyfile, signer.public, worker.username)
        _grant_everyone(session, signer, signer)
        return _actor(worker), signer
    try:
        grant = signatures.verified_roles(state, worker.username, worker.roles)
    except signatures.ForgedRole as exc:
        raise LoginFailed(exc.message) from None
    try:
        signer = signatures.unlock_key(session, worker.username, grant.key_id, password)
    except WrongSecret:
        raise LoginFailed(
            "De ondertekeningssleutel van dit account hoort niet bij dit wachtwoord. "
            "Vraag de beheerder het wachtwoord opnieuw in te stellen."
        ) from None
    roles = frozenset(Role(code) for code in grant.roles.split(",") if code)
    actor = Actor(
        username=worker.username, display_name=worker.display_name, roles=roles, id=worker.id
    )
    return actor, signer


def _grant_everyone(session: Session, by: Signer, own: Signer) -> None:
    """Bring a store under signatures: a signed grant of the present roles for every active
    worker (only ``own``'s worker gets a key now; the others get one at their next reset)."""
    for worker in session.exec(select(Worker).where(Worker.active)).all():
        key = own.key_id if worker.username == own.username else None
        signatures.sign_grant(session, by, worker.username, worker.roles, key)


def _check_triggers(session: Session, ctx: ServiceContext) -> None:
    """Start-up check: an immutability trigger dropped by plain SQL is reported and restored."""
    restored = restore_missing_triggers(session.connection())
    if restored:
        ctx.notices.append(
            "Beveiligingen van de gegevens ontbraken en zijn teruggezet: "
            + ", ".join(restored)
            + ". Iemand heeft de database buiten de app bewerkt; controleer het auditlog."
        )
        audit.record(
            session, ctx, AuditAction.CHANGED, object_type="store", restored_triggers=restored
        )


def _audit_pending_failures(session: Session, ctx: ServiceContext, keyfile: KeyFile) -> None:
    """Failed logins and lockouts could not be written to the store when they happened (a
    wrong password cannot open it); the next login writes them, signed by that worker."""
    for event in keyfile.take_pending_events():
        audit.record(
            session,
            ctx,
            AuditAction.LOCKED_OUT if event["event"] == "locked" else AuditAction.LOGIN_FAILED,
            object_type="worker",
            username=event["user"],
            happened_at=event["at"],
        )


FAILURES_SEEN = "failed_logins_seen"  # setting: the highest failure total a login saw


def _check_failure_counter(session: Session, ctx: ServiceContext, keyfile: KeyFile) -> None:
    """The key file counts every failed login ever (``failure_total``); a wrong password cannot
    open the store, so the count lives in the key file, where whoever can edit the file can
    also set it back. The store (which only a password opens) keeps the highest count a login
    saw: a lower count now means the key file's counters were reset or an old copy was put
    back. That is reported to the worker and written to the audit log."""
    # Read again inside this transaction: the count only grows, so a login that committed
    # before saw no more than this (no false alarm between processes).
    total = int(keyfile.reload().data.get("failure_total", 0))
    seen = session.get(Setting, FAILURES_SEEN)
    before = int(seen.value.get("total", 0)) if seen else 0
    if total < before:
        ctx.notices.append(
            "De teller van mislukte inlogpogingen in het sleutelbestand is teruggezet "
            f"(van {before} naar {total}). Iemand heeft het sleutelbestand buiten de app "
            "bewerkt of een oude kopie teruggezet; controleer het auditlog."
        )
        audit.record(
            session,
            ctx,
            AuditAction.CHANGED,
            object_type="keyfile",
            failure_count_reset=True,
            failures_before=before,
            failures_now=total,
        )
    if seen is None:
        seen = Setting(key=FAILURES_SEEN, value={}, updated_by=ctx.actor.username)
    if total != before:
        seen.value = {"total": total}  # reported once; counted on from here
        seen.updated_by, seen.updated_at = ctx.actor.username, utcnow()
        session.add(seen)


def _refuse_missing_store(path: Path) -> None:
    """Never make a new, empty store where the key file expects one with dossiers."""
    if not path.exists():
        raise DomainError(
            f"De gegevens ({path.name}) ontbreken naast het sleutelbestand. Zet ze terug uit "
            "de back-up (triage-app restore); er wordt geen nieuwe, lege database gemaakt."
        )


def _refuse_if_locked(locked_until: dt.datetime | None, now: dt.datetime) -> None:
    if locked_until is not None and locked_until > now:
        local = locked_until.astimezone().strftime("%H:%M")
        raise LoginFailed(
            f"Dit account is geblokkeerd tot {local} na te veel mislukte pogingen. "
            "Wacht tot dan of vraag de beheerder het wachtwoord opnieuw in te stellen."
        )


def _login_server(url, username, password, sleep, now) -> ServiceContext:  # type: ignore[no-untyped-def]
    store = open_store(url)
    try:
        with store.write() as session:
            worker = _worker(session, username)
            if worker is None:
                raise LoginFailed("Onbekende gebruikersnaam of onjuist wachtwoord.")
            locked = worker.locked_until
            _refuse_if_locked(
                locked.replace(tzinfo=dt.UTC) if locked and locked.tzinfo is None else locked, now()
            )
            sleep(login_delay_seconds(worker.failed_attempts))
            if not _verify(worker.password_hash, password):
                worker.failed_attempts += 1
                if worker.failed_attempts >= MAX_FAILED_LOGINS:
                    worker.locked_until = now() + dt.timedelta(minutes=LOCKOUT_MINUTES)
                session.add(worker)
                ctx = ServiceContext(store=store, actor=_actor(worker))
                audit.record(
                    session,
                    ctx,
                    AuditAction.LOGIN_FAILED,
                    object_type="worker",
                    object_id=worker.id,
                )
        # The failed attempt above is committed before we refuse.
        if not _verify(worker.password_hash, password):
            raise LoginFailed("Onbekende gebruikersnaam of onjuist wachtwoord.")
        with store.write() as session:
            worker = _worker(session, username)
            assert worker is not None
            if not worker.active:
                raise LoginFailed("Dit account is uitgeschakeld. Vraag de beheerder.")
            failed_before = worker.failed_attempts
            worker.failed_attempts, worker.locked_until = 0, None
            session.add(worker)
            actor, signer = _signed_identity(session, worker, password, None)
            ctx = ServiceContext(
                store=store, actor=actor, signer=signer, reference=reference.load(session)
            )
            _check_triggers(session, ctx)
            audit.record(
                session,
                ctx,
                AuditAction.LOGGED_IN,
                object_type="worker",
                object_id=worker.id,
                failed_before=failed_before,
            )
        return ctx
    except BaseException:
        store.dispose()
        raise


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except VerificationError:
        return False


def recover(url: str, recovery_key: str, username: str, new_password: str) -> ServiceContext:
    """Give ``username`` a new password with the recovery key, e.g. a forgotten admin password."""
    path = local_store_path(url)
    if path is None:
        raise DomainError(
            "Een herstelsleutel hoort bij lokale gegevens; op een server "
            "stelt een beheerder het wachtwoord opnieuw in."
        )
    keyfile = KeyFile.load(key_file_for(path))
    _refuse_missing_store(path)
    key = keyfile.unlock_with_recovery(recovery_key)
    store = open_store(url, key)
    try:
        with store.write() as session:
            worker = _worker(session, username)
            if worker is None:
                raise NotFound("Deze gebruikersnaam bestaat niet.")
            _check_password(new_password, worker.username)
            state = signatures.trust(session, keyfile)
            root = signatures.recovery_root(keyfile, recovery_key)
            if root is None:  # a store from before signatures: the recovery key becomes a root
                root = signatures.new_recovery_root(keyfile, recovery_key)
                signatures.add_root(session, keyfile, root.public, worker.username)
            grant = state.latest.get(worker.username)
            roles = grant.roles if grant else worker.roles
            signer = signatures.register_key(session, worker.username, new_password)
            if not state.signed_mode:
                _grant_everyone(session, root, signer)
            else:
                signatures.sign_grant(session, root, worker.username, roles, signer.key_id)
            worker.roles, worker.active = roles, True
            ctx = ServiceContext(
                store=store,
                actor=Actor(
                    username=worker.username,
                    display_name=worker.display_name,
                    roles=frozenset(Role(c) for c in roles.split(",") if c),
                    id=worker.id,
                ),
                keyfile=keyfile,
                db_key=key,
                signer=signer,
                reference=reference.load(session),
            )
            _set_password(session, ctx, worker, new_password, temporary=False)
            _log_account(session, ctx, worker, change="wachtwoord hersteld met herstelsleutel")
    except BaseException:
        store.dispose()
        raise
    keyfile.clear_failures(worker.username)
    return ctx


def _set_password(
    session: Session, ctx: ServiceContext, worker: Worker, password: str, temporary: bool
) -> None:
    worker.password_hash = _hasher.hash(password)
    worker.must_change_password = temporary
    worker.failed_attempts, worker.locked_until = 0, None
    worker.updated_at = utcnow()
    worker.version += 1
    session.add(worker)
    session.flush()
    if ctx.keyfile is not None and ctx.db_key is not None:
        # Inside the transaction: if the key file cannot be written, nothing changes.
        ctx.keyfile.set_password(worker.username, password, ctx.db_key)


def verify_password(ctx: ServiceContext, password: str) -> bool:
    """Check the acting worker's password again (to unlock after an idle lock)."""
    with ctx.store.read() as session:
        worker = _worker(session, ctx.actor.username)
        return bool(worker and worker.active and _verify(worker.password_hash, password))


def change_password(ctx: ServiceContext, old: str, new: str) -> None:
    with ctx.store.write() as session:
        worker = _worker(session, ctx.actor.username)
        if worker is None or not _verify(worker.password_hash, old):
            raise InvalidValue("Het huidige wachtwoord klopt niet.", field="old_password")
        _check_password(new, worker.username)
        if old == new:
            raise InvalidValue("Kies een ander wachtwoord dan het huidige.", field="password")
        _set_password(session, ctx, worker, new, temporary=False)
        if ctx.signer is not None:
            signatures.rewrap_key(session, ctx.signer, new)
        _log_account(session, ctx, worker, change="wachtwoord gewijzigd")


def must_change_password(ctx: ServiceContext) -> bool:
    with ctx.store.read() as session:
        worker = _worker(session, ctx.actor.username)
        return bool(worker and worker.must_change_password)


def add_worker(
    ctx: ServiceContext,
    username: str,
    display_name: str,
    roles: frozenset[Role],
    password: str,
    temporary: bool = True,
) -> WorkerView:
    """Create an account. An administrator's password for someone else is temporary."""
    ctx.require(Role.ADMIN, action="accounts beheren")
    username = _check_username(username)
    _check_password(password, username)
    if not roles:
        raise InvalidValue("Kies minstens één rol.", field="roles")
    if not display_name.strip():
        raise InvalidValue("Vul de naam in.", field="display_name")
    with ctx.store.write() as session:
        if _worker(session, username) is not None:
            raise InvalidValue("Deze gebruikersnaam bestaat al.", field="username")
        worker = Worker(
            username=username,
            display_name=display_name.strip(),
            roles=",".join(sorted(r.value for r in roles)),
            password_hash="",
        )
        session.add(worker)
        _set_password(session, ctx, worker, password, temporary)
        _sign_new_key(session, ctx, worker, password)
        _log_account(
            session, ctx, worker, change="account aangemaakt", roles=sorted(r.value for r in roles)
        )
        return _view(worker)


def reset_password(ctx: ServiceContext, username: str, password: str) -> None:
    """An administrator sets a temporary password; the worker must change it at login."""
    ctx.require(Role.ADMIN, action="wachtwoorden opnieuw instellen")
    with ctx.store.write() as session:
        worker = _existing(session, username)
        _check_password(password, worker.username)
        _set_password(session, ctx, worker, password, temporary=True)
        _sign_new_key(session, ctx, worker, password)
        _log_account(session, ctx, worker, change="wachtwoord opnieuw ingesteld")
    if ctx.keyfile is not None:
        ctx.keyfile.clear_failures(worker.username)


def set_roles(ctx: ServiceContext, username: str, roles: frozenset[Role]) -> WorkerView:
    ctx.require(Role.ADMIN, action="rollen toekennen")
    if not roles:
        raise InvalidValue("Kies minstens één rol.", field="roles")
    with ctx.store.write() as session:
        worker = _existing(session, username)
        if Role.ADMIN not in roles:
            _refuse_last_admin(session, worker)
        worker.roles = ",".join(sorted(r.value for r in roles))
        worker.version += 1
        session.add(worker)
        _sign_grant(session, ctx, worker)
        _log_account(
            session, ctx, worker, change="rollen gewijzigd", roles=sorted(r.value for r in roles)
        )
        return _view(worker)


def disable_worker(ctx: ServiceContext, username: str) -> None:
    """Close an account and remove its wrapped key: that password no longer opens the store."""
    ctx.require(Role.ADMIN, action="accounts beheren")
    with ctx.store.write() as session:
        worker = _existing(session, username)
        if worker.username == ctx.actor.username:
            raise DomainError("U kunt uw eigen account niet uitschakelen.")
        _refuse_last_admin(session, worker)
        worker.active = False
        worker.version += 1
        session.add(worker)
        _sign_grant(session, ctx, worker, active=False)
        _log_account(session, ctx, worker, change="account uitgeschakeld")
        if ctx.keyfile is not None:
            ctx.keyfile.remove(worker.username)


def _current_key(session: Session, ctx: ServiceContext, username: str) -> str | None:
    grant = signatures.trust(session, ctx.keyfile).latest.get(username)
    return grant.key_id if grant else None


def _sign_grant(session: Session, ctx: ServiceContext, worker: Worker, active: bool = True) -> None:
    """An administrator's signed grant of the worker's roles as they are now."""
    if ctx.signer is None:
        return
    key = _current_key(session, ctx, worker.username)
    signatures.sign_grant(session, ctx.signer, worker.username, worker.roles, key, active)


def _sign_new_key(session: Session, ctx: ServiceContext, worker: Worker, password: str) -> None:
    """A new worker, or a password the administrator set: a fresh key pair under that
    password, bound to the worker's roles by the administrator's signature."""
    if ctx.signer is None:
        return
    signer = signatures.register_key(session, worker.username, password)
    signatures.sign_grant(session, ctx.signer, worker.username, worker.roles, signer.key_id)


def list_workers(ctx: ServiceContext) -> list[WorkerView]:
    ctx.require(Role.ADMIN, action="accounts bekijken")
    with ctx.store.read() as session:
        workers = session.exec(select(Worker).order_by(Worker.username)).all()
        return [_view(w, ctx) for w in workers]


def _existing(session: Session, username: str) -> Worker:
    worker = _worker(session, username)
    if worker is None:
        raise NotFound("Deze gebruikersnaam bestaat niet.")
    return worker


def _refuse_last_admin(session: Session, worker: Worker) -> None:
    if Role.ADMIN.value not in worker.roles.split(","):
        return
    admins = [
        w
        for w in session.exec(select(Worker).where(Worker.active)).all()
        if Role.ADMIN.value in w.roles.split(",")
    ]
    if len(admins) <= 1:
        raise DomainError("Er moet minstens één actieve beheerder blijven.")


def _view(worker: Worker, ctx: ServiceContext | None = None) -> WorkerView:
    locked = False
    if ctx is not None and ctx.keyfile is not None:
        _, until = ctx.keyfile.failures(worker.username)
        locked = bool(until and until > utcnow())
    elif worker.locked_until is not None:
        until = worker.locked_until
        locked = (until.replace(tzinfo=dt.UTC) if until.tzinfo is None else until) > utcnow()
    actor = _actor(worker)
    return WorkerView(
        id=worker.id,
        username=worker.username,
        display_name=worker.display_name,
        roles=actor.roles,
        active=worker.active,
        locked=locked,
        must_change_password=worker.must_change_password,
    )


def close(ctx: ServiceContext) -> None:
    ctx.store.dispose()
