"""Ctrl+Q ends the app for every role, with a dossier open (no window is left behind)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.mark.parametrize("username", ["intake", "casemanager", "decider", "admin"])
def test_quit_ends_the_process(tmp_path, username, store_templates):
    from tests.gui.quit_check import prepare

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIAGE_DATA_DIR=str(tmp_path / "data"))
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    household_id = store_templates.copy(url, prepare)  # made once, copied for each role
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "quit_check.py"), url, username, str(household_id)],
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=HERE.parent.parent,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the app did not end after Ctrl+Q as {username}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ended 0 False" in done.stdout
    # The collector is never switched off; what start-up made is kept out of full passes.
    assert "collector on True, start-up kept out True" in done.stdout


def test_log_out_closes_the_window_to_let_another_worker_in(qtbot, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from triage_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.switch_user
