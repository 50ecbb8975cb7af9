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
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from triage_app.domain.errors import DomainError

FORMAT_VERSION = 1
KEY_BYTES = 32
# argon2id, ~0.1 s on this class of machine: once per login, never per query.
KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 2}
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


def new_recovery_key() -> str:
    """A recovery key to write down: 8 groups of 5 characters, no look-alike letters."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(40))
    return "-".join(raw[i : i + 5] for i in range(0, 40, 5))


def _normalise_recovery(text: str) -> str:
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(compact[i : i + 5] for i in range(0, len(compact), 5))


@dataclass
class KeyFile:
    path: Path
    data: dict

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DomainError(
                f"Het sleutelbestand {path.name} ontbreekt naast de gegevens. Zonder dit bestand "
                "kan niemand de gegevens openen; zet het terug uit de back-up."
            ) from None
        except (ValueError, OSError):
            raise DomainError(
                f"Het sleutelbestand {path.name} is beschadigd. Zet het terug uit de back-up."
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("wraps"), dict):
            raise DomainError(
                f"Het sleutelbestand {path.name} is beschadigd. Zet het terug uit de back-up."
            )
        if data.get("format") != FORMAT_VERSION:
            raise DomainError("Dit sleutelbestand is van een onbekende versie.")
        return cls(path, data)

    @classmethod
    def create(cls, path: Path, username: str, password: str) -> tuple["KeyFile", bytes, str]:
        """A new key file for a new store: returns it, the database key and the recovery key."""
        if path.exists():
            raise DomainError("Er bestaat al een sleutelbestand voor deze gegevens.")
        db_key = secrets.token_bytes(KEY_BYTES)
        recovery = new_recovery_key()
        keyfile = cls(path, {"format": FORMAT_VERSION, "kdf": dict(KDF), "wraps": {}})
        keyfile._wrap(RECOVERY_ID, recovery, db_key)
        keyfile._wrap(username, password, db_key)
        keyfile.save()
        return keyfile, db_key, recovery

    def save(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        os.chmod(self.path, 0o600)

    def _wrap(self, ident: str, secret: str, db_key: bytes) -> None:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = _derive(secret, salt, self.data["kdf"])
        wrapped = AESGCM(kek).encrypt(nonce, db_key, ident.lower().encode("utf-8"))
        self.data["wraps"][ident.lower()] = {
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "key": _b64(wrapped),
        }

    def _unwrap(self, ident: str, secret: str) -> bytes:
        entry = self.data["wraps"].get(ident.lower())
        if entry is None:
            raise WrongSecret("Onbekende gebruikersnaam of onjuist wachtwoord.")
        kek = _derive(secret, _unb64(entry["salt"]), self.data["kdf"])
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
            return self._unwrap(RECOVERY_ID, _normalise_recovery(recovery_key))
        except WrongSecret:
            raise WrongSecret("Deze herstelsleutel klopt niet.") from None

    def has_worker(self, username: str) -> bool:
        return username.lower() in self.data["wraps"]

    def set_password(self, username: str, password: str, db_key: bytes) -> None:
        """Wrap the key for a (new) worker or a new password; saves the file."""
        self._wrap(username, password, db_key)
        self.save()

    def remove(self, username: str) -> None:
        self.data["wraps"].pop(username.lower(), None)
        self.data.get("failures", {}).pop(username.lower(), None)
        self.save()

    # Failed logins, counted here because a wrong password cannot open the store.
    def failures(self, username: str) -> tuple[int, dt.datetime | None]:
        entry = self.data.get("failures", {}).get(username.lower())
        if not entry:
            return 0, None
        until = (
            dt.datetime.fromisoformat(entry["locked_until"]) if entry.get("locked_until") else None
        )
        return int(entry["count"]), until

    def set_failures(self, username: str, count: int, locked_until: dt.datetime | None) -> None:
        failures = self.data.setdefault("failures", {})
        if count == 0 and locked_until is None:
            failures.pop(username.lower(), None)
        else:
            failures[username.lower()] = {
                "count": count,
                "locked_until": locked_until.isoformat() if locked_until else None,
            }
        self.save()
