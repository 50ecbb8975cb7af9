"""Shared fixtures: a fresh migrated store per test (copied from a template), service contexts.

QT_QPA_PLATFORM is set before anything imports Qt, so GUI tests run without a display.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from triage_app import paths  # noqa: E402
from triage_app.domain.accounts import Actor, Role  # noqa: E402
from triage_app.services.context import ServiceContext  # noqa: E402
from triage_app.store.engine import Store, open_store  # noqa: E402

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test touches the real user data directory or an inherited store URL."""
    monkeypatch.delenv("TRIAGE_DB_URL", raising=False)
    monkeypatch.setenv("TRIAGE_DATA_DIR", str(tmp_path / "data"))
    paths.set_data_dir(None)
    yield


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> Path:
    """A store migrated to head once per session; tests copy the file."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = open_store(f"sqlite:///{path}")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture
def store_path(template_store, tmp_path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(template_store, path)
    return path


@pytest.fixture
def store(store_path) -> Store:
    store = open_store(f"sqlite:///{store_path}")
    yield store
    store.dispose()


def make_actor(*roles: Role, username: str = "tester") -> Actor:
    return Actor(username=username, display_name=username.title(), roles=frozenset(roles))


@pytest.fixture
def ctx(store) -> ServiceContext:
    """A worker holding every role, on a fixed date (23 November 2026)."""
    return ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)
