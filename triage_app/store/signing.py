"""Ed25519 signatures: the primitives every signed record uses (role grants, issued decisions,
audit rows, the chain-head anchor).

A worker's private key is kept only wrapped under their password (argon2id + AES-GCM, like the
store key in keyfile.py). A public key is named by its ``key_id`` (the first 32 hex digits of
its SHA-256), so a record that names a key cannot be matched to another public key. What is
signed is always ``canonical(...)``: JSON with sorted keys, so both sides hash the same bytes.
"""

import base64
import functools
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

    def __getstate__(self) -> dict:  # the cached key object below is not picklable
        return {"username": self.username, "private": self.private}

    @functools.cached_property
    def _key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.private)

    @functools.cached_property
    def public(self) -> bytes:
        return self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @functools.cached_property
    def key_id(self) -> str:
        """Worked out once per signer: every audit row and anchor names it."""
        return key_id(self.public)

    def sign(self, message: bytes) -> str:
        return b64(self._key.sign(message))

    def wrapped(self, secret: str) -> dict:
        """The private key sealed under ``secret`` (a password or the recovery key)."""
        return seal(secret, self.private, f"sign:{self.username}")

    @classmethod
    def unwrap(cls, username: str, entry: dict, secret: str) -> "Signer":
        """Raises keyfile.WrongSecret when ``secret`` does not open ``entry``."""
        return cls(username, unseal(secret, entry, f"sign:{username}"))


def verify(public: bytes, message: bytes, signature: str | None) -> bool:
    """Whether ``signature`` is ``public``'s over ``message``. The same three values always
    give the same answer, so an answer is remembered (by their SHA-256) for the process: a
    print checks the same role grants and decision again, and each check costs ~0.15 ms."""
    if not signature:
        return False
    digest = hashlib.sha256()
    for part in (public, message, signature.encode("ascii", "replace")):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    key = digest.digest()
    known = _VERIFIED.get(key)
    if known is None:
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(unb64(signature), message)
            known = True
        except (InvalidSignature, ValueError):
            known = False
        if len(_VERIFIED) >= 4096:
            _VERIFIED.clear()  # a few kB of answers at most; rebuilt by the next checks
        _VERIFIED[key] = known
    return known


_VERIFIED: dict[bytes, bool] = {}  # SHA-256 of (public, message, signature) -> the answer
