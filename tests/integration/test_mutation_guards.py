"""Each protective check has a test that fails when the check is broken by hand: the audit
chain's link check, the backup's SHA-256 check, the restore's integrity check, and the
triggers that refuse inserts into an issued plan version."""

import hashlib
import json
import uuid
import zipfile

import pytest
from sqlalchemy import text

from tests.integration.test_plans import casemanager, decider, issue, saved_draft  # noqa: F401
from triage_app.domain.audit import AuditEntry, chain_hash
from triage_app.services import accounts
from triage_app.services import backup as backup_service
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.backup import BackupInvalid

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.mark.sqlite_only  # the PostgreSQL triggers are the same check; copying a row with
# JSON columns through text() does not bind there
@pytest.mark.parametrize("table", ["goal", "provision", "application"])
def test_no_row_can_be_added_to_an_issued_version(casemanager, decider, household, store, table):  # noqa: F811
    issue(decider, saved_draft(casemanager, household))
    with store.read() as session:
        row = dict(session.execute(text(f"SELECT * FROM {table} LIMIT 1")).mappings().one())  # noqa: S608
    row["id"] = uuid.uuid4().hex if store.is_sqlite else uuid.uuid4()
    columns = ", ".join(row)
    values = ", ".join(f":{c}" for c in row)
    with pytest.raises(Exception, match="cannot change"), store.write() as session:
        session.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)  # noqa: S608


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'store' / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    return url


def _login(url):
    return accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)


def test_a_row_that_points_to_another_predecessor_breaks_the_link(url):
    """Row 3 re-hashed over a made-up predecessor: its own hash checks out, its link does not."""
    admin = _login(url)
    with admin.store.read() as session:
        row = session.execute(text("SELECT * FROM audit_log WHERE seq = 3")).mappings().one()
    entry = AuditEntry(**{k: row[k] for k in AuditEntry.__dataclass_fields__})
    fake_prev = "f" * 64
    new_hash = chain_hash(fake_prev, entry, row["details_digest"])
    with admin.store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql(
            f"UPDATE audit_log SET prev_hash = '{fake_prev}', hash = '{new_hash}' WHERE seq = 3"
        )
    problems = verify_audit_log(admin)
    assert "regel 3: de keten sluit niet aan op de vorige regel" in problems
    assert not any("regel 3: de inhoud" in p for p in problems)
    admin.store.dispose()


def _rewrite(backup, target, change):
    """Copy a backup with its database changed by ``change``; the manifest is kept as is."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, change(item.filename, data))


def test_a_database_that_does_not_match_its_checksum_is_refused(url, tmp_path):
    admin = _login(url)
    made = backup_service.backup_now(admin, tmp_path / "safe")
    admin.store.dispose()

    def flip(name, data):
        if name != "triage.db":
            return data
        data = bytearray(data)
        data[-100] ^= 0xFF  # one byte of the last page: still a readable zip, a wrong sum
        return bytes(data)

    _rewrite(made, tmp_path / "flipped.triagebackup", flip)
    with pytest.raises(BackupInvalid, match="controlesom"):
        backup_service.restore(url, tmp_path / "flipped.triagebackup", "admin", PASSWORD)


def test_a_damaged_database_with_matching_checksums_fails_the_integrity_check(url, tmp_path):
    """The checksums are made to match the damage, so only the integrity check can catch it."""
    admin = _login(url)
    made = backup_service.backup_now(admin, tmp_path / "safe")
    admin.store.dispose()
    damaged: dict[str, bytes] = {}

    def damage(name, data):
        if name == "triage.db":
            data = bytearray(data)
            page = 4096
            last = len(data) // page - 1
            data[last * page + 200 : last * page + 260] = bytes(60)
            damaged[name] = bytes(data)
            return damaged[name]
        if name == "manifest.json":
            return data  # fixed below, once the damaged database is known
        return data

    first = tmp_path / "damaged-1.triagebackup"
    _rewrite(made, first, damage)
    manifest = json.loads(zipfile.ZipFile(made).read("manifest.json"))
    manifest["checksums"]["triage.db"] = hashlib.sha256(damaged["triage.db"]).hexdigest()

    def fix_manifest(name, data):
        return json.dumps(manifest).encode() if name == "manifest.json" else data

    second = tmp_path / "damaged.triagebackup"
    _rewrite(first, second, fix_manifest)
    with pytest.raises(BackupInvalid, match="beschadigd"):
        backup_service.restore(url, second, "admin", PASSWORD)
    _login(url).store.dispose()  # the store in place still opens
