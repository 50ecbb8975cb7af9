"""Find files under resources/ and db/, from a checkout and from an installed wheel alike."""

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def _locate(installed_name: str, checkout_name: str) -> Path:
    installed = _PACKAGE / installed_name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / checkout_name


def resources_dir() -> Path:
    """The folder with reference data, letter texts, fonts and the municipality profile."""
    return _locate("_resources", "resources")


def migrations_dir() -> Path:
    """The Alembic environment (env.py and versions/)."""
    return _locate("_db", "db")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """Read a JSON resource once per process."""
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
