"""The one place that handles the database key of an encrypted SQLite store.

The store is encrypted with a random 256-bit key. That key is kept only wrapped (AES-GCM) in a
small JSON file beside the store (``triage.db.keys``): once per worker under a key derived
from their password (argon2id), and once under a recovery key shown to the administrator at
setup. Adding a worker or changing a password re-wraps the key; the store is never
re-encrypted. The file also counts failed logins per worker, because a wrong password cannot
open the store to count them there.

A PostgreSQL store does not use this: the server protects its data.
"""

import base64
import datetime as dt
import fcntl
import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from triage_app.domain.errors import DomainError

FORMAT_VERSION = 1
KEY_BYTES = 32
# argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): ~0.14 s on the
# 2-core machine, so one unlock stays well under 0.5 s. Each wrap stores the parameters it
# was made with, so key files made with other parameters (older ones: the file-wide "kdf",
# 64 MiB / 3 passes / 2 lanes, ~0.9 s) stay readable; a new password is wrapped with these.
KDF = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
RECOVERY_ID = "__recovery__"


class WrongSecret(DomainError):
    pass


def key_file_for(store_path: str | Path) -> Path:
    return Path(f"{store_path}.keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(secret: str, salt: bytes, params: dict) -> bytes:
    return hash_secret_raw(secret.encode("utf-8"), salt, hash_len=KEY_BYTES, type=Type.ID, **params)


def seal(secret: str, payload: bytes, aad: str, kdf: dict | None = None) -> dict:
    """``payload`` encrypted under a key derived from ``secret`` (argon2id + AES-GCM)."""
    params = dict(kdf or KDF)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_derive(secret, salt, params)).encrypt(nonce, payload, aad.encode("utf-8"))
    return {"salt": _b64(salt), "nonce": _b64(nonce), "key": _b64(sealed), "kdf": params}


def unseal(secret: str, entry: dict, aad: str) -> bytes:
    kek = _derive(secret, _unb64(entry["salt"]), entry.get("kdf", KDF))
    try:
        return AESGCM(kek).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["key"]), aad.encode("utf-8")
        )
    except InvalidTag:
        raise WrongSecret("Onbekende gebruikersnaam of onjuist wachtwoord.") from None


def new_recovery_key() -> str:
    """A recovery key to write down: 8 groups of 5 characters, no look-alike letters."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(40))
    return "-".join(raw[i : i + 5] for i in range(0, 40, 5))


def normalise_recovery(text: str) -> str:
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(compact[i : i + 5] for i in range(0, len(compact), 5))


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<key file>.lock`` that every process of the app takes to change
    the key file (POSIX advisory lock)."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read(path: Path) -> dict:
    return _parse(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DomainError(
            f"Het sleutelbestand {path.name} ontbreekt naast de gegevens. Zonder dit bestand "
            "kan niemand de gegevens openen; zet het terug uit de back-up."
        ) from None
    except OSError:
        raise DomainError(
            f"Het sleutelbestand {path.name} is beschadigd. Zet het terug uit de back-up."
        ) from None


def _parse(path: Path, raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise DomainError(
            f"Het sleutelbestand {path.name} is beschadigd. Zet het terug uit de back-up."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("wraps"), dict):
        raise DomainError(
            f"Het sleutelbestand {path.name} is beschadigd. Zet het terug uit de back-up."
        )
    if data.get("format") != FORMAT_VERSION:
        raise DomainError("Dit sleutelbestand is van een onbekende versie.")
    return data


@dataclass
class KeyFile:
    """The key file in memory. Every change goes through ``update``: under the file lock it
    reloads the file, applies the change and writes it atomically, so a long-running app never
    writes back a stale copy over another process's change (compare-and-swap)."""

    path: Path
    data: dict

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        return cls(path, _read(path))

    @classmethod
    def create(
        cls, path: Path, username: str, password: str, extra: dict | None = None
    ) -> tuple["KeyFile", bytes, str]:
        """A new key file for a new store: returns it, the database key and the recovery key."""
        if path.exists():
            raise DomainError("Er bestaat al een sleutelbestand voor deze gegevens.")
        db_key = secrets.token_bytes(KEY_BYTES)
        recovery = new_recovery_key()
        keyfile = cls(
            path,
            {
                "format": FORMAT_VERSION,
                "kdf": dict(KDF),
                "wraps": {},
                "store_id": secrets.token_hex(16),
            },
        )
        _wrap(keyfile.data, RECOVERY_ID, recovery, db_key)
        _wrap(keyfile.data, username, password, db_key)
        keyfile.data.update(extra or {})
        with locked(path):
            keyfile._write()
        return keyfile, db_key, recovery

    def reload(self) -> "KeyFile":
        self.data = _read(self.path)
        return self

    def update(self, change: Callable[[dict], None]) -> None:
        """Reload, apply ``change`` to the fresh data, write atomically; under the file lock."""
        with locked(self.path):
            fresh = _read(self.path)
            change(fresh)
            self.data = fresh
            self._write()

    def save(self) -> None:
        self.update(lambda _data: None)

    def prepare(self, change: Callable[[dict], None]) -> "PreparedUpdate":
        """``update`` in two steps, so the slow part (writing and syncing the new file) can
        run while something else waits too (the store's commit): this writes the changed
        file beside the key file; ``publish`` then makes it the key file, only if nobody
        changed the key file in between (else it changes the fresh file as ``update``)."""
        base = _read_bytes(self.path)  # a rename replaces the file whole: no lock needed
        fresh = _parse(self.path, base)
        change(fresh)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        _write_synced(tmp, fresh)
        return PreparedUpdate(self, change, tmp, base, fresh)

    def _write(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        _write_synced(tmp, self.data)
        os.replace(tmp, self.path)

    def _unwrap(self, ident: str, secret: str) -> bytes:
        entry = self.data["wraps"].get(ident.lower())
        if entry is None:
            raise WrongSecret("Onbekende gebruikersnaam of onjuist wachtwoord.")
        kek = _derive(secret, _unb64(entry["salt"]), entry.get("kdf", self.data["kdf"]))
        try:
            return AESGCM(kek).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["key"]), ident.lower().encode("utf-8")
            )
        except InvalidTag:
            raise WrongSecret("Onbekende gebruikersnaam of onjuist wachtwoord.") from None

    def unlock(self, username: str, password: str) -> bytes:
        return self._unwrap(username, password)

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        try:
            return self._unwrap(RECOVERY_ID, normalise_recovery(recovery_key))
        except WrongSecret:
            raise WrongSecret("Deze herstelsleutel klopt niet.") from None

    def has_worker(self, username: str) -> bool:
        return username.lower() in self.data["wraps"]

    def set_password(self, username: str, password: str, db_key: bytes) -> None:
        """Wrap the key for a (new) worker or a new password; saves the file."""
        self.update(lambda data: _wrap(data, username, password, db_key))

    def remove(self, username: str) -> None:
        def change(data: dict) -> None:
            data["wraps"].pop(username.lower(), None)
            data.get("failures", {}).pop(username.lower(), None)

        self.update(change)

    # Failed logins, counted here because a wrong password cannot open the store.
    def failures(self, username: str) -> tuple[int, dt.datetime | None]:
        entry = self.data.get("failures", {}).get(username.lower())
        if not entry:
            return 0, None
        until = (
            dt.datetime.fromisoformat(entry["locked_until"]) if entry.get("locked_until") else None
        )
        return int(entry["count"]), until

    def add_failure(
        self, username: str, now: dt.datetime, max_failures: int, lockout: dt.timedelta
    ) -> tuple[int, dt.datetime | None]:
        """Count one failed login, atomically across processes; the account locks at
        ``max_failures``. Each failure is also queued for the audit log (``pending_events``)."""
        result: list = []

        def change(data: dict) -> None:
            entry = data.setdefault("failures", {}).get(username.lower()) or {"count": 0}
            count = int(entry["count"]) + 1
            until = entry.get("locked_until")
            newly_locked = count >= max_failures and not until
            if newly_locked:
                until = (now + lockout).isoformat()
            data["failures"][username.lower()] = {"count": count, "locked_until": until}
            events = data.setdefault("pending_events", [])
            events.append({"user": username.lower(), "at": now.isoformat(), "event": "failed"})
            if newly_locked:
                events.append({"user": username.lower(), "at": now.isoformat(), "event": "locked"})
            data["failure_total"] = int(data.get("failure_total", 0)) + 1
            result.append((count, dt.datetime.fromisoformat(until) if until else None))

        self.update(change)
        return result[0]

    def clear_failures(self, username: str) -> None:
        self.update(lambda data: data.get("failures", {}).pop(username.lower(), None))

    def pseudonym_key(self) -> bytes:
        """The key of the keyed hashes that replace personal details in the audit log after a
        dossier is destroyed: made once, kept here (never in the store), so the same person
        hashes the same in every row but no one with only the store can look a name up."""
        if "pseudonym_key" not in self.data:

            def change(data: dict) -> None:
                data.setdefault("pseudonym_key", secrets.token_hex(32))

            self.update(change)
        return bytes.fromhex(self.data["pseudonym_key"])

    def take_pending_events(self) -> list[dict]:
        """The queued failed logins and lockouts, removed from the file (to be audited)."""
        taken: list = []

        def change(data: dict) -> None:
            taken.extend(data.pop("pending_events", []))

        if self.data.get("pending_events") or _read(self.path).get("pending_events"):
            self.update(change)
        return taken


def _wrap(data: dict, ident: str, secret: str, db_key: bytes) -> None:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(secret, salt, KDF)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, ident.lower().encode("utf-8"))
    data["wraps"][ident.lower()] = {
        "kdf": dict(KDF),
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "key": _b64(wrapped),
    }


def _write_synced(tmp: Path, data: dict) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)


@dataclass
class PreparedUpdate:
    """A change to the key file, already written and synced to its own file (``prepare``)."""

    keyfile: KeyFile
    change: Callable[[dict], None]
    tmp: Path
    base: bytes  # the key file as it was when the change was prepared
    data: dict

    def publish(self) -> None:
        """Under the file lock: the prepared file becomes the key file (a rename) when the
        key file is still as it was; otherwise the change is applied to the fresh file."""
        with locked(self.keyfile.path):
            if _read_bytes(self.keyfile.path) == self.base:
                os.replace(self.tmp, self.keyfile.path)
                self.keyfile.data = self.data
                return
        self.discard()
        self.keyfile.update(self.change)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)
