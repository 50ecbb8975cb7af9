"""Where the app keeps its data: one place, overridable for tests and for other stores.

Order of precedence for the store: ``--db`` on the command line, then ``TRIAGE_DB_URL``,
then ``triage.db`` in the data directory. The data directory is ``--data-dir``, then
``TRIAGE_DATA_DIR``, then the platform's user data directory (platformdirs).
"""

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "triage_app"
STORE_FILENAME = "triage.db"

_data_dir_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    global _data_dir_override  # noqa: PLW0603 - one process-wide setting, set once at start
    _data_dir_override = Path(path) if path else None


def data_dir() -> Path:
    if _data_dir_override is not None:
        path = _data_dir_override
    elif os.environ.get("TRIAGE_DATA_DIR"):
        path = Path(os.environ["TRIAGE_DATA_DIR"])
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_path() -> Path:
    return data_dir() / STORE_FILENAME


def store_url(cli_value: str | None = None) -> str:
    """The SQLAlchemy URL of the store to open; a bare path means a SQLite file."""
    value = cli_value or os.environ.get("TRIAGE_DB_URL") or str(default_store_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
