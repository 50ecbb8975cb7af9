"""Ed25519 signatures: the primitives every signed record uses (role grants, issued decisions,
audit rows, the chain-head anchor).

A worker's private key is kept only wrapped under their password (argon2id + AES-GCM, like the
store key in keyfile.py). A public key is named by its ``key_id`` (the first 32 hex digits of
its SHA-256), so a record that names a key cannot be matched to another public key. What is
signed is always ``canonical(...)``: JSON with sorted keys, so both sides hash the same bytes.
"""

import base64
import hashlib
import json
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from triage_app.store.keyfile import seal, unseal


def canonical(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:32]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class Signer:
    """An unwrapped private key in memory for one worker (or the recovery root)."""

    username: str
    private: bytes = field(repr=False)

    @classmethod
    def generate(cls, username: str) -> "Signer":
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        raw = Ed25519PrivateKey.generate().private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption()
        )
        return cls(username, raw)

    @property
    def public(self) -> bytes:
        key = Ed25519PrivateKey.from_private_bytes(self.private).public_key()
        return key.public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def sign(self, message: bytes) -> str:
        return b64(Ed25519PrivateKey.from_private_bytes(self.private).sign(message))

    def wrapped(self, secret: str) -> dict:
        """The private key sealed under ``secret`` (a password or the recovery key)."""
        return seal(secret, self.private, f"sign:{self.username}")

    @classmethod
    def unwrap(cls, username: str, entry: dict, secret: str) -> "Signer":
        """Raises keyfile.WrongSecret when ``secret`` does not open ``entry``."""
        return cls(username, unseal(secret, entry, f"sign:{username}"))


def verify(public: bytes, message: bytes, signature: str | None) -> bool:
    if not signature:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
