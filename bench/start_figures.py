"""Cold start to a usable main window against a bare PySide6 window, and the app's memory."""

import os
import subprocess
import sys
import time

APP = """
import os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from triage_app.services import accounts
from triage_app.ui.main_window import MainWindow
ctx = accounts.login(sys.argv[1], "intake", sys.argv[2], sleep=lambda s: None)
window = MainWindow(ctx)
window.show()
app.processEvents()
print(time.time() - float(sys.argv[3]))
from PySide6.QtCore import QThreadPool
QThreadPool.globalInstance().waitForDone()  # memory with the first screen fully loaded
app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, flush=True)
os._exit(0)  # the work queue still loading in the background is not part of the start
"""
BARE = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
print(time.time() - float(sys.argv[1]))
print(0)
"""


def _run(code: str, *args: str) -> tuple[float, int]:
    """Seconds from launching the process to the window shown, and the peak RSS (MB)."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args, str(time.time())],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    shown, rss = out.stdout.strip().splitlines()[-2:]
    return float(shown), int(rss)


def bench_start(url: str, password: str, repeat: int = 5) -> list[str]:
    app = sorted(_run(APP, url, password) for _ in range(repeat))
    bare = sorted(_run(BARE) for _ in range(repeat))
    median = repeat // 2
    return [
        f"{'cold start to main window (incl. login)':<44} {app[median][0] * 1000:9.0f} ms  "
        f"bare PySide6 window {bare[median][0] * 1000:.0f} ms{'':>14}<= 1.5 s",
        f"{'peak RSS, app with its work queue loaded':<44} {app[median][1]:9d} MB{'':>50}<= 300 MB",
    ]
