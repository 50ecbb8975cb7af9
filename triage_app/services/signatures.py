"""Who signed what, and whether it still checks out.

Trust starts at the roots: for a local store the recovery root (its private key sealed under
the recovery key) and, for a store set up before signatures, the administrator who first logged
in after the upgrade; the roots' public keys are kept in the key file, outside the store. For a
server store the first administrator's key is the root, kept in the store's settings.

- A **role grant** (table ``role_grant``, append-only) names a worker's roles, whether the
  account is active and their signing key, signed by a root or by an administrator whose own
  grant checks out. Login takes the roles from the newest valid grant, never from the
  ``worker.roles`` column alone: a role written there by plain SQL is refused.
- An **issued decision** is signed by the decider who issued it; reprint and ``audit verify``
  refuse or report one whose content no longer matches its signature.
- An **audit row** is signed by the acting worker over its chain hash; the chain's head
  (newest seq and hash) is signed into the key file after every commit (the *anchor*), and so
  into every backup: a cut tail or a rewritten chain no longer matches it.

Primitives are in store/signing.py; this module decides what is signed and what is trusted.
"""

import contextlib
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlmodel import Session, select

from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError
from triage_app.services.context import ServiceContext
from triage_app.store.keyfile import KeyFile, PreparedUpdate
from triage_app.store.plan_tables import Decision
from triage_app.store.signing import Signer, b64, canonical, key_id, unb64, verify
from triage_app.store.tables import AuditLog, RoleGrant, Setting, WorkerKey

ROOT = "__root__"
# A failed login or a lockout is written when nobody could unlock a key (a server store
# writes it at once): these rows are chained and anchored, but cannot be signed. Rows a sync
# copies from a laptop are signed in the laptop's own log, not again in the team's (yet).
UNSIGNABLE = frozenset({AuditAction.LOGIN_FAILED, AuditAction.LOCKED_OUT})
ROOTS_SETTING = "signing_roots"


class ForgedRole(DomainError):
    """The roles in the store do not match a valid signed grant."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


# --- roots -------------------------------------------------------------------------------


def roots(session: Session, keyfile: KeyFile | None) -> dict[str, bytes]:
    """Trusted public keys by key id: from the key file (local) or the settings (server)."""
    if keyfile is not None:
        entries = keyfile.data.get("roots", [])
    else:
        row = session.get(Setting, ROOTS_SETTING)
        entries = row.value.get("roots", []) if row else []
    found = {}
    for entry in entries:
        public = unb64(entry["public"])
        if key_id(public) == entry["key_id"]:
            found[entry["key_id"]] = public
    return found


def add_root(session: Session | None, keyfile: KeyFile | None, public: bytes, by: str) -> None:
    entry = {"key_id": key_id(public), "public": b64(public)}
    if keyfile is not None:
        keyfile.update(lambda data: data.setdefault("roots", []).append(entry))
        return
    assert session is not None
    row = session.get(Setting, ROOTS_SETTING) or Setting(
        key=ROOTS_SETTING, value={"roots": []}, updated_by=by
    )
    row.value = {"roots": [*row.value.get("roots", []), entry]}
    session.add(row)
    session.flush()


def new_recovery_root(keyfile: KeyFile, recovery_key: str) -> Signer:
    """A root whose private key only the recovery key opens (local stores)."""
    from triage_app.store.keyfile import normalise_recovery

    root = Signer.generate(ROOT)
    sealed = root.wrapped(normalise_recovery(recovery_key))
    keyfile.update(lambda data: data.update(root_key=sealed))
    return root


def recovery_root(keyfile: KeyFile, recovery_key: str) -> Signer | None:
    from triage_app.store.keyfile import normalise_recovery

    sealed = keyfile.data.get("root_key")
    if not sealed:
        return None
    return Signer.unwrap(ROOT, sealed, normalise_recovery(recovery_key))


# --- keys and grants ---------------------------------------------------------------------


def register_key(session: Session, username: str, password: str) -> Signer:
    """A new key pair for ``username``, the private half sealed under their password."""
    signer = Signer.generate(username)
    session.add(
        WorkerKey(
            key_id=signer.key_id,
            username=username,
            public_key=b64(signer.public),
            wrapped=signer.wrapped(password),
            created_at=_now(),
        )
    )
    session.flush()
    return signer


def rewrap_key(session: Session, signer: Signer, password: str) -> None:
    """The same key under a new password (the worker changed it themself)."""
    row = session.get(WorkerKey, signer.key_id)
    if row is not None:
        row.wrapped = signer.wrapped(password)
        session.add(row)
        session.flush()


def unlock_key(session: Session, username: str, kid: str | None, password: str) -> Signer | None:
    row = session.get(WorkerKey, kid) if kid else None
    if row is None or row.username != username:
        return None
    return Signer.unwrap(username, row.wrapped, password)


def _grant_message(g: RoleGrant) -> bytes:
    return canonical(
        ["grant", g.username, g.roles, bool(g.active), g.key_id, g.granted_by, g.granted_at]
    )


def sign_grant(
    session: Session,
    signer: Signer,
    username: str,
    roles: str,
    key: str | None,
    active: bool = True,
) -> RoleGrant:
    grant = RoleGrant(
        username=username,
        roles=roles,
        active=active,
        key_id=key,
        granted_by=signer.username,
        signer_key_id=signer.key_id,
        granted_at=_now(),
        signature="",
    )
    grant.signature = signer.sign(_grant_message(grant))
    session.add(grant)
    session.flush()
    return grant


@dataclass
class Trust:
    """What checks out in one store: the newest valid grant per worker, and every certified
    key (key id → username, public key)."""

    latest: dict[str, RoleGrant] = field(default_factory=dict)
    keys: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    signed_mode: bool = False
    # A local store requires every decision of a worker with a key to be signed. A team
    # store also receives decisions issued on laptops, which sync does not sign (yet: issue
    # 20), so there only a signature that is present is checked.
    unsigned_decisions_suspect: bool = True

    def key_for(self, kid: str | None, username: str) -> bytes | None:
        entry = self.keys.get(kid or "")
        return entry[1] if entry and entry[0] == username else None

    def has_key(self, username: str) -> bool:
        return any(user == username for user, _ in self.keys.values())


def trust(session: Session, keyfile: KeyFile | None) -> Trust:
    """Walk the grants in order: a grant counts when a root or a then-valid administrator
    signed it; a forged one is listed in ``problems``."""
    root_keys = roots(session, keyfile)
    result = Trust(keys={kid: (ROOT, pub) for kid, pub in root_keys.items()})
    publics = {
        row.key_id: (row.username, unb64(row.public_key))
        for row in session.exec(select(WorkerKey)).all()
        if key_id(unb64(row.public_key)) == row.key_id
    }
    grants = session.exec(select(RoleGrant).order_by(RoleGrant.seq)).all()
    result.signed_mode = bool(root_keys or grants)
    result.unsigned_decisions_suspect = keyfile is not None
    for g in grants:
        admins = set(root_keys) | {
            latest.key_id
            for latest in result.latest.values()
            if latest.active and latest.key_id and Role.ADMIN.value in latest.roles.split(",")
        }
        signer_public = root_keys.get(g.signer_key_id) or publics.get(g.signer_key_id, ("", b""))[1]
        if g.signer_key_id not in admins or not verify(
            signer_public, _grant_message(g), g.signature
        ):
            result.problems.append(
                f"rolverlening {g.seq} voor {g.username} is niet geldig ondertekend"
            )
            continue
        result.latest[g.username] = g
        if g.key_id and g.key_id in publics and publics[g.key_id][0] == g.username:
            result.keys[g.key_id] = publics[g.key_id]
    return result


def trust_to_read(session: Session, keyfile: KeyFile | None) -> Trust:
    """``trust`` for a caller that only reads the answer (a print checking a decision's
    signature). The grants, keys and roots are read as plain rows on every call; when they are
    exactly what an earlier call read, that call's answer is given again instead of loading
    and walking them once more (~1 ms of ORM work per print). Any change to a grant, a key or
    a root, made in the app or outside it, makes a new walk. The answer is shared: do not
    change it or its grants."""
    if keyfile is not None:
        root_part: object = repr(keyfile.data.get("roots", []))
    else:
        root_part = repr(
            session.execute(select(Setting.value).where(Setting.key == ROOTS_SETTING)).scalar()
        )
    grants = tuple(
        tuple(row) for row in session.execute(select(RoleGrant.__table__).order_by(RoleGrant.seq))
    )
    keys = tuple(
        tuple(row)
        for row in session.execute(
            select(WorkerKey.key_id, WorkerKey.username, WorkerKey.public_key).order_by(
                WorkerKey.key_id
            )
        )
    )
    fingerprint = (keyfile is not None, root_part, grants, keys)
    known = _TRUSTED.get(fingerprint)
    if known is None:
        known = trust(session, keyfile)
        for grant in known.latest.values():
            session.expunge(grant)  # kept beyond this session, never written
        if len(_TRUSTED) >= 8:
            _TRUSTED.clear()
        _TRUSTED[fingerprint] = known
    return known


# (roots, grants, keys as read) -> the Trust walked from them; a few entries per process
_TRUSTED: dict[tuple, Trust] = {}


def verified_roles(state: Trust, username: str, stored_roles: str) -> RoleGrant:
    """The worker's valid grant; refuses roles the grant does not give."""
    grant = state.latest.get(username)
    if grant is None or not grant.active:
        raise ForgedRole(
            "Voor dit account is geen geldige, door een beheerder ondertekende rol. "
            "Vraag de beheerder."
        )
    if set(filter(None, stored_roles.split(","))) != set(filter(None, grant.roles.split(","))):
        raise ForgedRole(
            "De rollen van dit account zijn buiten de app gewijzigd en niet door een "
            "beheerder ondertekend. Inloggen is geweigerd; vraag de beheerder."
        )
    return grant


# --- decisions ---------------------------------------------------------------------------


def _decision_message(d: Decision) -> bytes:
    contribution = f"{d.contribution:.2f}" if d.contribution is not None else None
    return canonical(
        [
            "decision",
            d.number,
            str(d.household_id),
            str(d.person_id),
            str(d.plan_version_id),
            d.kind,
            d.outcome,
            str(d.application_date),
            str(d.decision_date),
            str(d.send_date),
            str(d.objection_deadline),
            d.motivation,
            d.lighter_routes,
            contribution,
            d.decided_by,
            d.decided_by_name,
            str(d.replaces_decision_id) if d.replaces_decision_id else None,
            d.content,
        ]
    )


def sign_decision(ctx: ServiceContext, decision: Decision) -> None:
    """Sign a decision before it is written (the row can never be updated afterwards)."""
    if ctx.signer is not None:
        decision.signer_key_id = ctx.signer.key_id
        decision.signature = ctx.signer.sign(_decision_message(decision))


def sign_decision_row(ctx: ServiceContext, row: dict) -> None:
    """``sign_decision`` for a decision written as a plain row (bulk insert)."""
    decision = Decision(**row)
    sign_decision(ctx, decision)
    row["signer_key_id"], row["signature"] = decision.signer_key_id, decision.signature


def decision_problem(state: Trust, d: Decision) -> str | None:
    """Why this decision cannot be shown as genuine, or None."""
    if d.signature is None:
        if state.unsigned_decisions_suspect and state.has_key(d.decided_by):
            return f"besluit {d.number} is niet ondertekend door {d.decided_by}"
        return None
    public = state.key_for(d.signer_key_id, d.decided_by)
    if public is None or not verify(public, _decision_message(d), d.signature):
        return f"besluit {d.number} is gewijzigd na vaststelling (de handtekening klopt niet)"
    return None


def decision_problems(session: Session, state: Trust) -> list[str]:
    found = []
    for d in session.exec(select(Decision).order_by(Decision.number)).yield_per(1000):
        problem = decision_problem(state, d)
        if problem:
            found.append(problem)
    return found


# --- audit rows and the anchor -----------------------------------------------------------


def audit_row_problems(session: Session, state: Trust) -> list[str]:
    first_key_at: dict[str, str] = {}
    for row in session.exec(select(WorkerKey)).all():
        if row.key_id in state.keys:
            first_key_at[row.username] = min(row.created_at, first_key_at.get(row.username, "~"))
    found = []
    for row in session.exec(select(AuditLog).order_by(AuditLog.seq)).yield_per(5000):
        if row.signature is None:
            if row.action in UNSIGNABLE or '"laptop_seq"' in row.details:
                continue  # a laptop's row copied by sync (sync/bring_back.py): signed there
            if row.actor in first_key_at and row.at >= first_key_at[row.actor]:
                found.append(f"regel {row.seq}: niet ondertekend door {row.actor}")
            continue
        public = state.key_for(row.signer_key_id, row.actor)
        if public is None or not verify(public, row.hash.encode("ascii"), row.signature):
            found.append(f"regel {row.seq}: de handtekening van {row.actor} klopt niet")
    return found


def _anchor_message(seq: int, head: str) -> bytes:
    return canonical(["anchor", seq, head])


def watch_for_anchor(session: Session, ctx: ServiceContext, seq: int, head: str) -> None:
    """After this transaction commits, sign its last audit row into the key file. The new key
    file is written and synced on a helper thread while the store commits (two syncs at once,
    not one after the other); it replaces the key file only once the commit has succeeded."""
    if ctx.keyfile is None or ctx.signer is None:
        return
    session.info["anchor_head"] = (seq, head)
    if session.info.get("anchor_watched"):
        return
    session.info["anchor_watched"] = True

    def committing(s: Session) -> None:
        pending = s.info.get("anchor_head")
        if pending is not None:
            s.info["anchor_prepared"] = (pending, _ANCHOR_WRITER.submit(_prepare, ctx, *pending))

    def committed(s: Session) -> None:
        pending = s.info.pop("anchor_head", None)
        prepared, future = s.info.pop("anchor_prepared", (None, None))
        if pending is None:
            return
        try:
            update = future.result() if future is not None else None
        except (OSError, DomainError):
            update = None
        try:
            if update is not None and prepared == pending:
                update.publish()
            else:
                if update is not None:
                    update.discard()
                write_anchor(ctx, *pending)
        except (OSError, DomainError):
            pass  # the next commit anchors again; verify reports a stale anchor as such

    def rolled_back(s: Session) -> None:
        _prepared, future = s.info.pop("anchor_prepared", (None, None))
        s.info.pop("anchor_head", None)
        if future is not None:
            with contextlib.suppress(OSError, DomainError):
                future.result().discard()

    event.listen(session, "before_commit", committing)
    event.listen(session, "after_commit", committed)
    event.listen(session, "after_rollback", rolled_back)


# One helper thread writes prepared anchors; it waits on the disk, not on the interpreter.
_ANCHOR_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="anchor")


def _anchor_change(ctx: ServiceContext, seq: int, head: str):  # type: ignore[no-untyped-def]
    assert ctx.keyfile is not None and ctx.signer is not None
    anchor = {
        "seq": seq,
        "hash": head,
        "by": ctx.signer.username,
        "key_id": ctx.signer.key_id,
        "signature": ctx.signer.sign(_anchor_message(seq, head)),
    }

    def change(data: dict) -> None:
        if int(data.get("anchor", {}).get("seq", 0)) < seq:
            data["anchor"] = anchor

    return change


def _prepare(ctx: ServiceContext, seq: int, head: str) -> PreparedUpdate:
    assert ctx.keyfile is not None
    return ctx.keyfile.prepare(_anchor_change(ctx, seq, head))


def write_anchor(ctx: ServiceContext, seq: int, head: str) -> None:
    assert ctx.keyfile is not None and ctx.signer is not None
    ctx.keyfile.update(_anchor_change(ctx, seq, head))


def _head_message(checkout_id: str, seq: int, head: str) -> bytes:
    return canonical(["chain_head", checkout_id, seq, head])


def laptop_head(laptop: ServiceContext, team: ServiceContext, checkout_id: str) -> dict | None:
    """The laptop's chain head, signed with the worker's key of the team store, to deposit
    there at a sync (sync/chain_heads.py); None for an empty log."""
    with laptop.store.read() as session:
        last = session.exec(select(AuditLog).order_by(AuditLog.seq.desc())).first()
    if last is None:
        return None
    head = {"seq": last.seq, "hash": last.hash, "by": team.actor.username}
    if team.signer is not None:
        head["key_id"] = team.signer.key_id
        head["signature"] = team.signer.sign(_head_message(checkout_id, last.seq, last.hash))
    return head


def chain_head_problems(session: Session, state: Trust) -> list[str]:
    """In a team store: every laptop's deposited chain head must be signed by its worker."""
    from triage_app.store.sync_tables import ChainHead

    found = []
    for head in session.exec(select(ChainHead).order_by(ChainHead.id)).all():
        public = state.key_for(head.key_id, head.by)
        message = _head_message(str(head.checkout_id), head.seq, head.hash)
        if public is None or not verify(public, message, head.signature):
            found.append(
                f"de kop van het auditlog van {head.laptop} (regel {head.seq}) is niet geldig "
                f"ondertekend door {head.by}"
            )
    return found


def anchor_problems(session: Session, state: Trust, anchor: dict | None) -> list[str]:
    """Compare the store's chain with the signed head kept outside it."""
    if not anchor:
        return []
    public = state.key_for(anchor.get("key_id"), anchor.get("by", ""))
    seq, head = int(anchor.get("seq", 0)), str(anchor.get("hash", ""))
    if public is None or not verify(public, _anchor_message(seq, head), anchor.get("signature")):
        return ["het anker van het auditlog (in het sleutelbestand) is niet geldig ondertekend"]
    row = session.get(AuditLog, seq)
    if row is None:
        last = session.exec(select(AuditLog.seq).order_by(AuditLog.seq.desc())).first() or 0
        return [
            f"regel {last + 1} t/m {seq} ontbreekt: het einde van het auditlog is weggehaald "
            f"(het anker buiten de database wijst naar regel {seq})"
        ]
    if row.hash != head:
        return [
            f"regel {seq}: de keten is herschreven (klopt niet met het anker buiten de database)"
        ]
    return []
