"""Every window and dialog fits a 1366×768 laptop screen, at 100 % and at 125 % scaling.

The free area is the screen less a 40 px task bar; a window counts with its title bar.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    done = subprocess.run(
        [sys.executable, str(HERE / "fit_check.py"), str(store_path)],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HERE.parent.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    sizes = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert [s["name"] for s in sizes] == list(WINDOWS)
    too_big = [
        f"{s['name']}: {s['width']}×{s['height']} > {s['free_width']}×{s['free_height'] - TASK_BAR}"
        for s in sizes
        if s["width"] > s["free_width"] or s["height"] > s["free_height"] - TASK_BAR
    ]
    assert too_big == []
