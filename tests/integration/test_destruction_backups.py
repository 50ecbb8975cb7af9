"""A destroyed dossier stays destroyed: every backup on disk is rewritten without it, and a
backup that was copied elsewhere loses it the moment it is restored (the signed ledger in the
key file). The backups are encrypted, so the tests decrypt every page (free pages too) and
look for the names there."""

import dataclasses
import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlmodel import select

from tests.conftest import TODAY
from tests.households import zwanenburg
from triage_app.domain.accounts import Role
from triage_app.domain.retention import ClosureResult
from triage_app.services import accounts, households, retention
from triage_app.services import backup as backup_service
from triage_app.services.audit_review import verify_audit_log
from triage_app.store import backup as backups
from triage_app.store.keyfile import key_file_for
from triage_app.store.signing import Signer, b64, canonical
from triage_app.store.tables import AuditLog, Household

PASSWORD = "Sterk-wachtwoord-2026"
NAMES = (b"zwanenburg", b"fenna", b"zamenhofdreef", b"1951-05-14")
PAGE, RESERVE = 4096, 80  # SQLCipher 4: AES-256-CBC pages, 16-byte IV + 64-byte HMAC at the end


def _decrypted(db: bytes, key: bytes) -> bytes:
    """Every page of a SQLCipher file decrypted, free pages included (the first page starts
    with the 16-byte salt)."""
    out = []
    for start in range(0, len(db), PAGE):
        page = db[start : start + PAGE]
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(page[16 if start == 0 else 0 : PAGE - RESERVE]))
    return b"".join(out).lower()


def _readable_bytes(backup: Path, key: bytes) -> bytes:
    """All a thief with the key could read from a backup: the raw zip and its database."""
    with zipfile.ZipFile(backup) as archive:
        db = archive.read(backups.DB_NAME)
    return backup.read_bytes().lower() + _decrypted(db, key)


def _login(url):
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda _s: None)
    return dataclasses.replace(ctx, today=lambda: TODAY + dt.timedelta(days=42))


@pytest.fixture
def setup(tmp_path):
    """An encrypted store with Fenna and Kees Zwanenburg, searched for by name, closed as
    broken off (destroyable after 6 weeks); returns the url, the admin's context, the
    household and the database key."""
    url = f"sqlite:///{tmp_path / 'store' / 'triage.db'}"
    first, _recovery = accounts.create_first_admin(url, "admin", "Anne Beheerder", PASSWORD)
    # The administrator also registers and closes the dossier (as a casemanager would).
    actor = dataclasses.replace(first.actor, roles=frozenset(Role))
    ctx = dataclasses.replace(first, actor=actor, today=lambda: TODAY)
    household = households.register_household(
        ctx,
        zwanenburg(),
    )
    households.log_search(ctx, "fenna zwanenburg", 1, [household.dossier_number])
    retention.close_dossier(ctx, household.id, ClosureResult.BROKEN_OFF)
    yield url, ctx, household, ctx.db_key
    ctx.store.dispose()


def _destroy(url, household) -> None:
    due = _login(url)
    try:
        retention.destroy(due, household.id, household.dossier_number)
    finally:
        due.store.dispose()


def _after_restore(url, number):
    """The restored store: is the household there, does the log verify, the restore's row."""
    ctx = _login(url)
    try:
        with ctx.store.read() as session:
            present = session.exec(
                select(Household).where(Household.dossier_number == number)
            ).first()
            restored = session.exec(
                select(AuditLog).where(AuditLog.action == "restored").order_by(AuditLog.seq)
            ).all()[-1]
        found = households.search_households(ctx, "zwanenburg").rows
        return present, found, verify_audit_log(ctx), json.loads(restored.details)
    finally:
        ctx.store.dispose()


def test_destruction_rewrites_every_backup_on_disk(setup, tmp_path):
    url, ctx, household, key = setup
    own = backup_service.backup_now(ctx)
    elsewhere = backup_service.backup_now(ctx, tmp_path / "safe")  # a folder of --to
    other_time = backup_service.backup_now(ctx, now=dt.datetime(2026, 11, 20, 8, 0))
    ctx.store.dispose()
    made = (own, elsewhere, other_time)
    for backup in made:  # the check below can see names: before destruction they are there
        assert b"zwanenburg" in _readable_bytes(backup, key)
    times = {backup: backup.stat().st_mtime_ns for backup in made}

    _destroy(url, household)

    for backup in made:
        readable = _readable_bytes(backup, key)
        for name in NAMES:
            assert name not in readable, (backup.name, name)
        assert backup.stat().st_mode & 0o777 == 0o600
        assert backup.stat().st_mtime_ns == times[backup]  # the schedule is not fooled
        manifest = backups.read_manifest(backup)  # new checksums that check out
        assert json.loads(zipfile.ZipFile(backup).read(backups.MANIFEST_NAME))[
            "destroyed_since"
        ] == [household.dossier_number]
        assert manifest.created_at
    assert sorted(p.name for p in own.parent.iterdir()) == sorted([own.name, other_time.name])
    audited = _login(url)
    try:
        with audited.store.read() as session:
            row = session.exec(
                select(AuditLog).where(AuditLog.object_type == "backup").order_by(AuditLog.seq)
            ).all()[-1]
    finally:
        audited.store.dispose()
    cleaned = json.loads(row.details)
    assert sorted(cleaned["cleaned"]) == sorted(map(str, made)) and cleaned["failed"] == []

    backup_service.restore(url, elsewhere, "admin", PASSWORD)
    present, found, problems, restored = _after_restore(url, household.dossier_number)
    assert present is None and found == []
    assert problems == []
    assert restored["destroyed_again"] == []  # the backup itself was clean already


def test_restoring_a_copied_backup_erases_the_destroyed_dossier_again(setup, tmp_path):
    url, ctx, household, key = setup
    made = backup_service.backup_now(ctx)
    ctx.store.dispose()
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    copied = Path(shutil.copy2(made, stick / made.name))  # out of the app's reach

    _destroy(url, household)
    assert b"zwanenburg" in _readable_bytes(copied, key)  # a copy elsewhere keeps the names
    ledger = json.loads(key_file_for(Path(url.removeprefix("sqlite:///"))).read_text())
    (line,) = ledger["destroyed"]
    assert line["dossier"] == household.dossier_number and line["signature"]
    assert b"zwanenburg" not in json.dumps(ledger).lower().encode()

    backup_service.restore(url, copied, "admin", PASSWORD)
    present, found, problems, restored = _after_restore(url, household.dossier_number)
    assert present is None and found == []
    assert problems == []
    assert restored["destroyed_again"] == [household.dossier_number]
    store_file = Path(url.removeprefix("sqlite:///"))
    on_disk = _decrypted(store_file.read_bytes(), key)
    for name in NAMES:
        assert name not in on_disk


def test_a_forged_ledger_line_destroys_nothing(setup, tmp_path):
    """A key holder who writes a line into the ledger by hand (or changes one) cannot make a
    restore destroy a dossier: the line's signature does not check out."""
    url, ctx, household, _key = setup
    made = backup_service.backup_now(ctx)
    ctx.store.dispose()
    keys = key_file_for(Path(url.removeprefix("sqlite:///")))
    data = json.loads(keys.read_text())
    forger = Signer.generate("admin")  # a key of their own, not certified by the store
    line = {
        "household_id": str(household.id),
        "dossier": household.dossier_number,
        "destroyed_on": "2027-01-04",
        "by": "admin",
        "key_id": forger.key_id,
        "public": b64(forger.public),
    }
    line["signature"] = forger.sign(canonical(["destroyed", *list(line.values())[:4]]))
    data["destroyed"] = [line]
    keys.write_text(json.dumps(data))

    backup_service.restore(url, made, "admin", PASSWORD)
    present, _found, problems, restored = _after_restore(url, household.dossier_number)
    assert present is not None
    assert restored["ledger_refused"] == [household.dossier_number]
    assert problems == []
