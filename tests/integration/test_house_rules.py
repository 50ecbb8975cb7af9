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
            "The ui talks to services only: no store, no documents",
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
