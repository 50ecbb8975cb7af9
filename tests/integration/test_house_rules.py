"""The house rules CI checks (.ci/run): the layer contracts hold on the code as it is, and
they do catch a breach (a probe module in a copy of the package)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}  # the copy, not the installed package
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "triage_app", tmp_path / "triage_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean_everywhere(command):
    """What .ci/run checks after the tests, also for db/ and bench/: a breach here fails CI."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), *command], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_folder_of_the_package_is_a_package():
    """A folder without ``__init__.py`` is a namespace package, which lint-imports does not
    see: its imports would escape every contract."""
    folders = {path.parent for path in (ROOT / "triage_app").rglob("*.py")}
    missing = [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()]
    assert missing == []


def test_the_code_keeps_every_contract(tmp_path):
    result = _lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("probe", "code", "contract"),
    [
        (
            "ui/probe.py",
            "from triage_app.store import engine\n",
            "The ui talks to services only: no store, no sync, no documents",
        ),
        (
            "domain/probe.py",
            "import sqlalchemy\n",
            "No SQLAlchemy or SQLModel in the domain",
        ),
        (
            "domain/probe.py",
            "from triage_app.services import intake\n",
            "The domain imports nothing of the app but itself",
        ),
        ("store/probe.py", "import PySide6.QtCore\n", "No Qt below the ui"),
        (
            "services/intake.py",
            "\n\ndef _back():\n    from triage_app.services import intake_history\n",
            "Packages import their own modules without cycles",
        ),
        ("probe.py", "X = 1\n", "Arrows point down"),  # a new top-level module, not placed
    ],
)
def test_a_breach_fails_the_check(tmp_path, probe, code, contract):
    root = _copy(tmp_path)
    with (root / "triage_app" / probe).open("a", encoding="utf-8") as fh:
        fh.write(code)
    result = _lint_imports(root)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken


def _domain_modules():
    import importlib
    import pkgutil

    import triage_app.domain

    for info in pkgutil.iter_modules(triage_app.domain.__path__, "triage_app.domain."):
        yield importlib.import_module(info.name)


def test_the_domain_keeps_no_state_between_calls():
    """Module-level containers in domain/ are constant tables (UPPER_CASE, never assigned
    again); nothing declares ``global`` or caches results in the module."""
    import ast
    import inspect

    for module in _domain_modules():
        tree = ast.parse(inspect.getsource(module))
        for node in ast.walk(tree):
            assert not isinstance(node, ast.Global | ast.Nonlocal), module.__name__
            named = getattr(node, "id", None) or getattr(node, "attr", None)
            assert named not in {"lru_cache", "cache"}, f"{module.__name__} caches results"
        for name, value in vars(module).items():
            if isinstance(value, dict | list | set) and not name.startswith("__"):
                assert name.isupper(), f"{module.__name__}.{name} is module-level state"
