"""Guards around the store that a second process or a key holder could otherwise get past:
immutability triggers restored at login, lockout under parallel attempts, no stale key-file
writes, and a restore that stops every other process first."""

import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.accounts import MAX_FAILED_LOGINS, Role
from triage_app.domain.errors import DomainError
from triage_app.services import accounts
from triage_app.services import backup as backup_service
from triage_app.services.audit_review import audit_lines, verify_audit_log
from triage_app.store.engine import StoreBeingRestored
from triage_app.store.keyfile import KeyFile, key_file_for

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    return url


def _login(url, user="admin", password=PASSWORD):
    return accounts.login(url, user, password, sleep=lambda s: None)


def _triggers(ctx) -> set[str]:
    with ctx.store.read() as session:
        rows = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        return {r[0] for r in rows}


def test_a_dropped_trigger_is_reported_and_restored_at_login(url):
    admin = _login(url)
    before = _triggers(admin)
    with admin.store.engine.begin() as connection:
        for name in ("goal_issued_no_insert", "decision_no_delete", "audit_log_no_update"):
            connection.exec_driver_sql(f"DROP TRIGGER {name}")
    admin.store.dispose()
    again = _login(url)
    assert "goal_issued_no_insert" in again.notices[0]
    assert "decision_no_delete" in again.notices[0]
    assert _triggers(again) == before
    assert any(line.details.startswith("restored_triggers") for line in audit_lines(again))
    again.store.dispose()


def _wrong(url):
    try:
        accounts.login(url, "intake", "Fout-wachtwoord-0000", sleep=lambda s: None)
    except accounts.LoginFailed:
        return True
    return False


def test_thirty_parallel_wrong_passwords_lock_the_account(url):
    with ProcessPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(_wrong, [url] * 30))
    keyfile = KeyFile.load(key_file_for(accounts.local_store_path(url)))
    count, until = keyfile.failures("intake")
    # Once locked, further attempts are refused before they are even tried.
    assert MAX_FAILED_LOGINS <= count <= 30
    assert until is not None
    with pytest.raises(accounts.LoginFailed, match="geblokkeerd"):
        _login(url, "intake")
    # The failures and the lockout are written to the audit log at the next login.
    admin = _login(url)
    actions = [line.action for line in audit_lines(admin)]
    assert actions.count("inloggen mislukt") == count
    assert actions.count("account geblokkeerd") == 1
    admin.store.dispose()


def test_a_stale_key_file_writer_loses_no_change(url):
    first = _login(url)  # a long-running app, its key file loaded now
    second = _login(url)  # another process adds a worker and disables one
    accounts.add_worker(
        second, "nieuw", "Nieuwe Collega", frozenset({Role.INTAKE}), PASSWORD, temporary=False
    )
    accounts.disable_worker(second, "casemanager")
    second.store.dispose()
    accounts.reset_password(first, "intake", "Tijdelijk-wachtwoord-2027")
    first.store.dispose()
    _login(url, "nieuw").store.dispose()
    with pytest.raises(accounts.LoginFailed):
        _login(url, "casemanager")
    _login(url, "intake", "Tijdelijk-wachtwoord-2027").store.dispose()


def test_restore_stops_a_writing_process_and_loses_nothing(url, tmp_path):
    admin = _login(url)
    made = backup_service.backup_now(admin)
    admin.store.dispose()
    writer = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("restore_writer.py")),
            url,
            "intake",
            PASSWORD,
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert writer.stdout.readline().strip() == "ready"
    committed = [writer.stdout.readline().strip() for _ in range(5)]
    aside = backup_service.restore(url, made, "admin", PASSWORD, wait_seconds=60)
    rest = writer.stdout.read().splitlines()
    assert writer.wait(timeout=60) == 3
    assert rest[-1].startswith("STOPPED Er wordt nu een back-up teruggezet")
    committed += [line for line in rest[:-1] if line]
    # Every household the writer saw committed is in the store that was moved aside.
    aside_url = f"sqlite:///{aside / 'triage.db'}"
    os.replace(aside / "triage.db.keys", Path(f"{aside / 'triage.db'}.keys"))
    old = _login(aside_url, "intake")
    with old.store.read() as session:
        numbers = {r[0] for r in session.execute(text("SELECT dossier_number FROM household"))}
    old.store.dispose()
    assert committed and set(committed) <= numbers
    # The restored store has the backup's contents and records the restore.
    restored = _login(url)
    assert any(line.action == "back-up teruggezet" for line in audit_lines(restored))
    assert verify_audit_log(restored) == []
    restored.store.dispose()


def test_restore_waits_for_and_stops_an_open_store_in_this_process(url):
    admin = _login(url)
    made = backup_service.backup_now(admin)
    with pytest.raises(DomainError, match="nog open"):
        backup_service.restore(url, made, "admin", PASSWORD, wait_seconds=0.2)
    # A failed restore changes nothing and the open store goes on working.
    assert admin.store.read
    with admin.store.read() as session:
        assert session.execute(text("SELECT count(*) FROM worker")).scalar() == 4
    admin.store.dispose()


def test_a_store_open_during_a_restore_stops_with_a_message(url):
    admin = _login(url)
    Path(f"{accounts.local_store_path(url)}.restoring").write_text(str(os.getpid()))
    with pytest.raises(StoreBeingRestored, match="back-up teruggezet"):
        with admin.store.read():
            pass
    Path(f"{accounts.local_store_path(url)}.restoring").unlink()
    admin.store.dispose()


def test_a_backup_of_another_store_needs_an_explicit_choice(url, tmp_path):
    other = f"sqlite:///{tmp_path / 'ander' / 'triage.db'}"
    ctx = create_demo_accounts(other, PASSWORD)[0]
    foreign = backup_service.backup_now(ctx)
    ctx.store.dispose()
    with pytest.raises(backup_service.OtherStore, match="andere gegevens"):
        backup_service.restore(url, foreign, "admin", PASSWORD)
    _login(url).store.dispose()  # untouched
    backup_service.restore(url, foreign, "admin", PASSWORD, other_store=True)
    time.sleep(0)  # nothing else to wait for: restore returns when done
    restored = _login(url)
    assert (
        restored.keyfile.data["store_id"]
        == KeyFile.load(key_file_for(accounts.local_store_path(other))).data["store_id"]
    )
    restored.store.dispose()
