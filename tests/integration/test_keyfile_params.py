"""Unlocking stays quick (argon2id within OWASP's recommendations) and key files made with
other parameters stay readable: every wrap keeps the parameters it was made with."""

import json
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from triage_app.store import keyfile
from triage_app.store.keyfile import KDF, KeyFile

OLD_KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 2}


def test_parameters_are_within_owasp_recommendations():
    # OWASP: argon2id with at least 19 MiB and 2 passes (or more memory for fewer passes).
    assert KDF["memory_cost"] >= 19456 and KDF["time_cost"] >= 2 and KDF["parallelism"] >= 1


def test_a_new_wrap_keeps_its_parameters(tmp_path):
    made, db_key, _ = KeyFile.create(tmp_path / "keys.json", "ilse", "Geheim-wachtwoord-1")
    stored = json.loads((tmp_path / "keys.json").read_text())
    assert stored["wraps"]["ilse"]["kdf"] == KDF
    assert KeyFile.load(tmp_path / "keys.json").unlock("ilse", "Geheim-wachtwoord-1") == db_key


def test_a_key_file_from_before_still_unlocks(tmp_path):
    """Wraps without their own parameters were made with the file-wide ones."""
    db_key = secrets.token_bytes(keyfile.KEY_BYTES)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = keyfile._derive("Oud-wachtwoord-12", salt, OLD_KDF)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, b"kees")
    path = tmp_path / "keys.json"
    path.write_text(
        json.dumps(
            {
                "format": keyfile.FORMAT_VERSION,
                "kdf": OLD_KDF,
                "wraps": {
                    "kees": {
                        "salt": keyfile._b64(salt),
                        "nonce": keyfile._b64(nonce),
                        "key": keyfile._b64(wrapped),
                    }
                },
            }
        )
    )
    old = KeyFile.load(path)
    assert old.unlock("kees", "Oud-wachtwoord-12") == db_key
    old.set_password("ilse", "Nieuw-wachtwoord-3", db_key)  # a new wrap: today's parameters
    again = KeyFile.load(path)
    assert again.unlock("ilse", "Nieuw-wachtwoord-3") == db_key
    assert again.unlock("kees", "Oud-wachtwoord-12") == db_key
    assert json.loads(path.read_text())["wraps"]["ilse"]["kdf"] == KDF
