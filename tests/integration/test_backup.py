"""Backups of the live store: round trip, corrupted files refused, schedule and pruning."""

import datetime as dt
import os
import zipfile

import pytest
from sqlalchemy import text

from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.domain.errors import DomainError, NotAllowed
from triage_app.services import accounts
from triage_app.services import backup as backup_service
from triage_app.store.backup import BackupInvalid

PASSWORD = "Sterk-wachtwoord-2026"


def _demo_households(url):
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    generate_demo(admin, 40, seed=5)
    admin.store.dispose()


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'store' / 'triage.db'}"
    store_templates.copy(url, _demo_households)  # built once per session
    return url


def _login(url, user="admin"):
    return accounts.login(url, user, PASSWORD, sleep=lambda s: None)


def _dump(url) -> list:
    """Every record of every table but the audit log (each log-in to read adds a line)."""
    ctx = _login(url)
    try:
        with ctx.store.read() as session:
            tables = [
                r[0]
                for r in session.execute(
                    text(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                        "'household_search%' AND name NOT LIKE 'sqlite_%' AND name != 'audit_log' "
                        "ORDER BY name"
                    )
                )
            ]
            dump = []
            for table in tables:
                rows = session.execute(text(f"SELECT * FROM {table}")).all()  # noqa: S608
                if table == "counter":
                    rows = [row for row in rows if row[0] != "audit_log"]
                dump.append((table, sorted(map(tuple, rows), key=repr)))
            return dump
    finally:
        ctx.store.dispose()


def test_backup_restore_round_trip_gives_identical_records(url, tmp_path):
    ctx = _login(url)
    made = backup_service.backup_now(ctx, tmp_path / "safe")
    ctx.store.dispose()
    before = _dump(url)

    later = _login(url)  # work goes on after the backup ...
    generate_demo(later, 5, seed=9)
    later.store.dispose()
    assert _dump(url) != before

    aside = backup_service.restore(url, made, "admin", PASSWORD)
    assert _dump(url) == before  # ... and the restore brings back exactly the backup
    assert (aside / "triage.db").exists()  # the replaced store is kept aside


def test_corrupted_backup_is_refused_and_nothing_is_replaced(url, tmp_path):
    ctx = _login(url)
    made = backup_service.backup_now(ctx, tmp_path / "safe")
    ctx.store.dispose()
    data = bytearray(made.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    broken = tmp_path / "broken.triagebackup"
    broken.write_bytes(bytes(data))
    before = _dump(url)
    with pytest.raises(BackupInvalid, match="beschadigd|geen \\(volledig\\)"):
        backup_service.restore(url, broken, "admin", PASSWORD)
    truncated = tmp_path / "half.triagebackup"
    truncated.write_bytes(made.read_bytes()[: len(data) // 3])
    with pytest.raises(BackupInvalid):
        backup_service.restore(url, truncated, "admin", PASSWORD)
    assert _dump(url) == before


def test_restore_needs_an_administrator(url, tmp_path):
    ctx = _login(url, "intake")
    made = backup_service.backup_now(ctx, tmp_path / "safe")
    ctx.store.dispose()
    with pytest.raises(NotAllowed):
        backup_service.restore(url, made, "intake", PASSWORD)
    with pytest.raises(DomainError, match="wachtwoord van toen"):
        backup_service.restore(url, made, "admin", "Verkeerd-wachtwoord-1")


def test_backup_file_holds_no_plain_text(url, tmp_path):
    ctx = _login(url)
    made = backup_service.backup_now(ctx, tmp_path / "safe")
    ctx.store.dispose()
    with zipfile.ZipFile(made) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "triage.db", "triage.db.keys"]
        assert b"SQLite format 3" not in archive.read("triage.db")[:100]


def test_scheduled_backups_keep_the_last_n(url):
    ctx = _login(url)
    folder = backup_service.backup_dir(ctx)
    start = dt.datetime(2026, 11, 23, 9, 0)
    first = backup_service.backup_if_due(ctx, start)
    assert first is not None
    assert backup_service.backup_if_due(ctx, start) is None  # not due yet
    for day in range(1, 10):
        for made in backup_service.list_backups(folder):  # as if made a day earlier
            os.utime(made, (0, (start + dt.timedelta(days=day - 1)).timestamp()))
        assert backup_service.backup_if_due(ctx, start + dt.timedelta(days=day)) is not None
    assert len(backup_service.list_backups(folder)) == 7
    ctx.store.dispose()


def test_store_check_reports_a_sound_store(url):
    ctx = _login(url)
    assert backup_service.store_problems(ctx) == []
    ctx.store.dispose()
