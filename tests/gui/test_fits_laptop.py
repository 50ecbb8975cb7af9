"""Every window and dialog fits a 1366×768 laptop screen, at 100 % and at 125 % scaling.

Each scale is checked in a child process of its own (forked by the session's fork server),
since Qt takes the screen and the scale factor once, when the application starts.

The free area is the screen less a 40 px task bar; a window counts with its title bar.
"""

import json
import os
from pathlib import Path

import pytest

from tests.fork_server import fork_server
from triage_app.ui.windows import WINDOWS

TASK_BAR = 40
HERE = Path(__file__).parent


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_window_fits_a_laptop(tmp_path, store_path, scale):
    screen = tmp_path / "laptop.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]})
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        TRIAGE_DATA_DIR=str(tmp_path / "data"),
    )
    child = fork_server().run(HERE / "fit_check.py", str(store_path), env=env)
    out = child.stdout.read()
    assert child.wait(timeout=300) == 0, "fit_check.py failed: see its standard error above"
    sizes = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert [s["name"] for s in sizes] == list(WINDOWS)
    too_big = [
        f"{s['name']}: {s['width']}×{s['height']} > {s['free_width']}×{s['free_height'] - TASK_BAR}"
        for s in sizes
        if s["width"] > s["free_width"] or s["height"] > s["free_height"] - TASK_BAR
    ]
    assert too_big == []
