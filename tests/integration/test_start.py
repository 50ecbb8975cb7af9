"""A normal start is quick: the store check runs only after an unclean end, after a restore
or on demand; neither Alembic nor the demo generator is imported when the schema is current."""

import subprocess
import sys
from pathlib import Path

import pytest

from triage_app.services import accounts
from triage_app.services import backup as backup_service
from triage_app.store import schema_version
from triage_app.store.migrations import head_revision

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'store' / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    return url


def _login(url):
    return accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)


@pytest.fixture
def checks(monkeypatch):
    made: list[str] = []
    real = backup_service.store_problems

    def store_problems(ctx):  # type: ignore[no-untyped-def]
        made.append(ctx.store.path)
        return real(ctx)

    monkeypatch.setattr(backup_service, "store_problems", store_problems)
    return made


def test_the_store_is_checked_only_after_an_unclean_end(url, checks):
    ctx = _login(url)
    assert backup_service.start_checks(ctx) == []
    backup_service.session_ended(ctx)  # closed cleanly
    ctx.store.dispose()
    ctx = _login(url)
    assert backup_service.start_checks(ctx) == []
    assert checks == []  # two starts, no check
    ctx.store.dispose()  # ... and this time the app "crashes": no session_ended

    ctx = _login(url)
    assert backup_service.start_checks(ctx) == []
    assert checks == [ctx.store.path]  # checked after the unclean end
    backup_service.session_ended(ctx)
    ctx.store.dispose()


def test_a_restored_store_is_checked_at_its_first_start(url, checks, tmp_path):
    ctx = _login(url)
    backup_service.start_checks(ctx)
    made = backup_service.backup_now(ctx, tmp_path / "backups")
    backup_service.session_ended(ctx)
    backup_service.restore_in_place(ctx, made, PASSWORD)
    ctx = _login(url)
    backup_service.start_checks(ctx)
    assert checks == [ctx.store.path]
    ctx.store.dispose()


def test_the_head_without_alembic_is_alembics_head():
    assert schema_version.head() == head_revision()


# What the first screen does not need: imported where it is used, not at start.
NOT_AT_START = (
    "alembic",
    "reportlab",
    "pypdf",
    "triage_app.demo.g",
    "triage_app.documents",
    "triage_app.ui.plan.plan_window",
    "triage_app.services.erasure",
    "triage_app.services.backup_cleaning",
)


def test_a_normal_start_imports_neither_alembic_nor_the_demo(url):
    """Not Alembic, the demo generator, the PDF libraries, the plan window or the erasure
    of backups: a normal start up to the main window imports none of them."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from triage_app import app as gui\n"
        "from triage_app.services import accounts\n"
        f"ctx = accounts.login(sys.argv[1], 'admin', '{PASSWORD}', sleep=lambda s: None)\n"
        "assert gui.start_checks(ctx) == []\n"
        "window = gui.MainWindow(ctx)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({NOT_AT_START!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, url],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_check_on_demand(url, checks, tmp_path, monkeypatch, capsys):
    from triage_app import cli

    monkeypatch.setenv("TRIAGE_PASSWORD", PASSWORD)
    folder = str(tmp_path / "store")
    assert cli.main(["--data-dir", folder, "--db", url, "--user", "admin", "check"]) == 0
    assert "in orde" in capsys.readouterr().out
    assert len(checks) == 1
