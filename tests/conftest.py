"""Shared fixtures: a fresh migrated store per test (copied from a template), service contexts.

QT_QPA_PLATFORM is set before anything imports Qt, so GUI tests run without a display.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.households import zwanenburg
from tests.store_templates import StoreTemplates  # noqa: E402
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


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> Path:
    """A store migrated to head once per session; tests copy the file."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = open_store(f"sqlite:///{path}")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory) -> StoreTemplates:
    """Encrypted stores with demo accounts, built once per session, copied per test."""
    return StoreTemplates(tmp_path_factory.mktemp("store_templates"))


@pytest.fixture
def store_path(template_store, tmp_path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(template_store, path)
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server for the session (started here unless TRIAGE_TEST_POSTGRES_URL)."""
    if os.environ.get("TRIAGE_TEST_POSTGRES_URL"):
        yield os.environ["TRIAGE_TEST_POSTGRES_URL"]
        return
    from tests.postgres_server import PostgresServer

    server = PostgresServer()
    if not server.available:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL too: install it (bash .ci/setup.sh test)")
        pytest.skip("PostgreSQL is not installed here")
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_url) -> str:
    """A database migrated to head once; each test gets a copy (CREATE DATABASE ... TEMPLATE)."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("DROP DATABASE IF EXISTS triage_template")
        connection.exec_driver_sql("CREATE DATABASE triage_template")
    admin.dispose()
    template_url = make_url(postgres_url).set(database="triage_template")
    open_store(template_url.render_as_string(hide_password=False)).dispose()
    return "triage_template"


_database_numbers = itertools.count()


def pytest_generate_tests(metafunc):
    """Store and service tests run on SQLite and PostgreSQL; GUI tests and tests marked
    ``sqlite_only`` (local-file matters: encryption, full disk) on SQLite only."""
    if "backend" not in metafunc.fixturenames:
        return
    local = "gui" in Path(str(metafunc.definition.path)).parts or any(
        metafunc.definition.iter_markers("sqlite_only")
    )
    metafunc.parametrize(
        "backend", ["sqlite"] if local else ["sqlite", "postgresql"], indirect=True
    )


@pytest.fixture
def backend(request) -> str:
    return request.param


@pytest.fixture
def postgres_store_url(request):
    """The URL of a fresh PostgreSQL database migrated to head, dropped after the test."""
    server_url = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("postgres_template")
    name = f"triage_test_{os.getpid()}_{next(_database_numbers)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE {template}')
    yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def _postgres_built() -> dict:
    """Databases set up once per session by a build function: build -> (name, its result)."""
    return {}


@pytest.fixture
def postgres_store_built(request, _postgres_built):
    """A function ``copy(build) -> (url, result)``: a fresh PostgreSQL database that is a copy
    (CREATE DATABASE ... TEMPLATE) of one that ``build(url)`` set up once per session on a
    migrated database; dropped after the test. ``build`` must close its connections."""
    server_url = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("postgres_template")
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def url_of(name: str) -> str:
        return make_url(server_url).set(database=name).render_as_string(hide_password=False)

    def copy(build):  # type: ignore[no-untyped-def]
        if build not in _postgres_built:
            name = f"triage_built_{len(_postgres_built)}"
            with admin.connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
                connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
            _postgres_built[build] = (name, build(url_of(name)))
        built, result = _postgres_built[build]
        name = f"triage_test_{os.getpid()}_{next(_database_numbers)}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE {built}')
        made.append(name)
        return url_of(name), result

    yield copy
    with admin.connect() as connection:
        for name in made:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def store(backend, request) -> Store:
    if backend == "sqlite":
        url = f"sqlite:///{request.getfixturevalue('store_path')}"
    else:
        url = request.getfixturevalue("postgres_store_url")
    store = open_store(url)
    yield store
    store.dispose()


def make_actor(*roles: Role, username: str = "tester") -> Actor:
    return Actor(username=username, display_name=username.title(), roles=frozenset(roles))


@pytest.fixture
def ctx(store) -> ServiceContext:
    """A worker holding every role, on a fixed date (23 November 2026)."""
    return ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)


@pytest.fixture
def household(ctx):
    """Fenna and Kees Zwanenburg, Overvecht: Kees (the elder, listed first) cares for Fenna."""
    from triage_app.services import households

    return households.register_household(
        ctx,
        zwanenburg(kees_cares=True),
    )
