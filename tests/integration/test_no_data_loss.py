"""No tool of the app destroys data: outputs never land on the store, its key file or the
backups; files are the owner's only; a missing or foreign store is refused with a message."""

import dataclasses
import json
import os
import stat
import subprocess
import sys

import pytest

from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.errors import DomainError
from triage_app.services import accounts, output_files, settings
from triage_app.services import backup as backup_service

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'store' / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    return url


def _path(url):
    return accounts.local_store_path(url)


def _cli(url, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "triage_app", "--db", str(_path(url)), "--user", "admin", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TRIAGE_PASSWORD": PASSWORD, **(env or {})},
        check=False,
    )


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_store_wal_key_file_and_backups_are_the_owners_only(url):
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    made = backup_service.backup_now(ctx)
    store = _path(url)
    for path in (store, f"{store}-wal", f"{store}-shm", f"{store}.keys", made):
        assert _mode(path) == 0o600, path
    ctx.store.dispose()


@pytest.mark.parametrize("target", ["triage.db", "triage.db.keys", "triage.db-wal"])
def test_export_onto_the_store_or_its_key_file_is_refused_and_changes_nothing(url, target):
    store = _path(url)
    before = {p.name: p.read_bytes() for p in store.parent.iterdir() if p.is_file()}
    result = _cli(url, "export", "--out", str(store.parent / target), "--force")
    assert result.returncode == 1
    assert "hoort bij de gegevens" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.name: p.read_bytes() for p in store.parent.iterdir() if p.is_file()}
    # The login of the refused command signs its audit row into the key file; nothing else.
    wraps = [json.loads(files["triage.db.keys"])["wraps"] for files in (before, after)]
    assert wraps[0] == wraps[1]
    assert accounts.login(url, "admin", PASSWORD, sleep=lambda s: None).store.dispose() is None


def test_print_into_the_backup_folder_is_refused(url):
    folder = _path(url).parent / "backups"
    folder.mkdir()
    result = _cli(url, "print", "--issued-on", "2026-11-23", "--out", str(folder / "x.pdf"))
    assert result.returncode == 1
    assert "back-ups" in result.stderr
    assert not (folder / "x.pdf").exists()


def test_export_over_an_existing_file_needs_force(url, tmp_path):
    out = tmp_path / "toewijzingen.csv"
    out.write_text("eigen werk", encoding="utf-8")
    result = _cli(url, "export", "--out", str(out))
    assert result.returncode == 1
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "eigen werk"
    result = _cli(url, "export", "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("toewijzingnummer;")
    assert _mode(out) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_output_check_follows_a_symlink_to_the_key_file(url, tmp_path):
    link = tmp_path / "onschuldig.json"
    link.symlink_to(f"{_path(url)}.keys")
    with pytest.raises(output_files.OutputRefused):
        output_files.write_output(link, b"x", _path(url), force=True)


@pytest.mark.parametrize("keep", [0, -1, "nul"])
def test_backup_keep_below_one_is_refused_and_no_backup_is_deleted(url, keep):
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    made = backup_service.backup_now(ctx)
    with pytest.raises(DomainError, match="minstens 1"):
        settings.save_profile(ctx, {"backup_keep": keep})
    ctx.reference = dataclasses.replace(
        ctx.reference, profile={**ctx.reference.profile, "backup_keep": keep}
    )
    with pytest.raises(DomainError, match="minstens 1"):
        backup_service.backup_if_due(ctx)
    assert made.exists()
    ctx.store.dispose()


def test_a_missing_store_is_not_silently_recreated(url):
    _path(url).unlink()
    with pytest.raises(DomainError, match="ontbreken"):
        accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    assert not _path(url).exists()


def test_a_corrupt_store_gives_a_message_not_a_traceback(url):
    store = _path(url)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{store}{suffix}"):
            os.unlink(f"{store}{suffix}")
    store.write_bytes(os.urandom(8192))
    result = _cli(url, "user", "list")
    assert result.returncode == 1
    assert "niet te lezen" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_foreign_key_file_gives_a_message_not_a_traceback(url, tmp_path):
    other = f"sqlite:///{tmp_path / 'other' / 'triage.db'}"
    create_demo_accounts(other, PASSWORD)[0].store.dispose()
    os.replace(f"{_path(other)}.keys", f"{_path(url)}.keys")
    with pytest.raises(DomainError, match="sleutelbestand hoort bij andere gegevens"):
        accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)


def test_a_damaged_key_file_gives_a_message(url):
    with open(f"{_path(url)}.keys", "w", encoding="utf-8") as fh:
        fh.write("{niet af")
    with pytest.raises(DomainError, match="beschadigd"):
        accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
