"""The main window, the plan window, the intake and the print preview reopen at the size and
place the worker left them; another worker gets the default size; a remembered size that no
longer fits (a bigger screen then, a laptop now) is fitted to the screen."""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import make_actor
from tests.fork_server import fork_server
from triage_app.domain.accounts import Role
from triage_app.services.context import ServiceContext
from triage_app.ui.intake.intake_flow import IntakeFlow
from triage_app.ui.main_window import MainWindow
from triage_app.ui.plan.plan_window import PlanWindow
from triage_app.ui.print_preview import PrintPreview
from triage_app.ui.windows import _pdf

FRAME = TASK_BAR = 40  # as kit.fit_to_screen leaves room for them
HERE = Path(__file__).parent


class _Desk(QWidget):
    """A parent window of some worker, as the print preview's parent always is."""

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx


_DESKS: list[_Desk] = []


@pytest.fixture(autouse=True)
def _desks_go():
    yield
    _DESKS.clear()


def _open(kind, ctx, household, qtbot):  # type: ignore[no-untyped-def]
    if kind == "main":
        window = MainWindow(ctx)
    elif kind == "plan":
        window = PlanWindow(ctx, household)
    elif kind == "intake":
        window = IntakeFlow(ctx, household)
    else:
        desk = _Desk(ctx)
        qtbot.addWidget(desk)
        _DESKS.append(desk)  # kept alive while the preview is open
        window = PrintPreview(_pdf(), "Plan", "plan.pdf", desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _other_worker(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(
        store=ctx.store, actor=make_actor(*Role, username="anderemedewerker"), today=ctx.today
    )


@pytest.mark.parametrize("kind", ["main", "plan", "intake", "preview"])
def test_a_window_reopens_as_the_worker_left_it(qtbot, ctx, household, kind):
    first = _open(kind, ctx, household, qtbot)
    default = first.size()
    first.resize(default.width() - 90, default.height() - 70)  # at least its minimum size
    free = QApplication.primaryScreen().availableGeometry()
    room_x = free.right() + 1 - first.x() - first.width()
    room_y = free.bottom() + 1 - first.y() - first.height() - FRAME - TASK_BAR
    first.move(first.x() + min(13, max(room_x, 0)), first.y() + min(7, max(room_y, 0)))
    left = (first.size(), first.pos())
    first.close()

    again = _open(kind, ctx, household, qtbot)
    assert (again.size(), again.pos()) == left
    again.close()

    someone_else = _open(kind, _other_worker(ctx), household, qtbot)
    assert someone_else.size() == default


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_a_remembered_size_bigger_than_a_laptop_screen_is_fitted(tmp_path, store_path, scale):
    screen = tmp_path / "laptop.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]})
    )
    child = fork_server().run(  # a process of its own: Qt takes screen and scale at start
        HERE / "place_check.py",
        str(store_path),
        env=dict(
            os.environ,
            QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
            QT_SCALE_FACTOR=scale,
            TRIAGE_DATA_DIR=str(tmp_path / "data"),
        ),
    )
    out = child.stdout.read()
    assert child.wait(timeout=300) == 0, "place_check.py failed: see its standard error above"
    shown = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert [s["name"] for s in shown] == ["main", "plan", "intake", "print_preview"]
    outside = [
        f"{s['name']}: {s['width']}×{s['height']} at {s['x']},{s['y']} in {s['free']}"
        for s in shown
        if s["x"] < s["free"][0]
        or s["y"] < s["free"][1]
        or s["x"] + s["width"] > s["free"][0] + s["free"][2]
        or s["y"] + s["height"] > s["free"][1] + s["free"][3] - TASK_BAR
    ]
    assert outside == []
