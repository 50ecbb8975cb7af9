"""Every dialog in the ui is shown modally through ``kit.run_modal`` (deleted on close, fitted
to the screen, the one test hook): no other module calls ``.exec()`` on a dialog."""

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "triage_app" / "ui"
ALLOWED = {("kit.py", "dialog")}  # run_modal itself
EVENT_LOOPS = {"loop"}  # a QEventLoop is not a dialog


def _exec_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"exec", "exec_"}
        ):
            continue
        owner = node.func.value
        name = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
        if (path.name, name) in ALLOWED or name in EVENT_LOOPS:
            continue
        found.append(f"{path.name}:{node.lineno} {name}.exec()")
    return found


def test_no_dialog_is_shown_with_exec_outside_the_kit():
    assert [hit for path in sorted(UI.rglob("*.py")) for hit in _exec_calls(path)] == []


def test_the_rule_catches_a_direct_exec(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f(dialog):\n    if dialog.exec():\n        pass\n", encoding="utf-8")
    assert _exec_calls(probe) == ["probe.py:2 dialog.exec()"]
