"""Cold start through the real path (the app module's imports, login with the key unwrap, the
start-up store check as a normal start runs it, the main window until its work queue is
painted) beside a bare PySide6 window; and the memory of the app process itself after a
realistic stretch of work (searches, dossiers opened, decisions printed)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.stats import Felt

WAIT_FOR_QUEUE = """
from PySide6.QtCore import QEventLoop, QTimer
poke = QTimer(interval=1)
poke.start()
while window.work.loading():
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
window.work.repaint()
"""

APP = (
    """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from triage_app import app as gui
from triage_app.services import accounts
ctx = accounts.login(sys.argv[1], "intake", sys.argv[2], sleep=lambda s: None)
assert not gui.start_checks(ctx)
window = gui.MainWindow(ctx)
window.show()
app.processEvents()
window.repaint()
shown = time.time() - float(sys.argv[3])
"""
    + WAIT_FOR_QUEUE
    + """
print(shown, time.time() - float(sys.argv[3]), flush=True)
gui.backup.session_ended(ctx)  # closed as the app closes: the next start needs no check
os._exit(0)
"""
)

BARE = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
window.repaint()
t = time.time() - float(sys.argv[1])
print(t, t, flush=True)
"""

WORK = """
import gc, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from sqlalchemy import text
from bench.felt import open_window, wait_until
from triage_app.services import accounts, printing
ctx = accounts.login(sys.argv[1], "intake", sys.argv[2], sleep=lambda s: None)
window = open_window(ctx)
with ctx.store.read() as session:
    numbers = list(session.execute(text("SELECT number FROM decision LIMIT 200")).scalars())
    people = list(session.execute(
        text("SELECT last_name FROM person ORDER BY random() LIMIT 50")).scalars())
screen = window.household_screen
for i, name in enumerate(people):
    window.search_box.setText(name)
    wait_until(lambda: not window.searching())
    if i < 20 and window.model.rowCount():
        window.open_row(0)
        wait_until(lambda: window.pages.currentWidget() is screen and not screen.loading())
        window.show_search()
        wait_until(lambda: not window.work.loading())
for number in numbers:
    printing.decision_pdf(ctx, number)
gc.collect()
rss = next(l for l in open("/proc/self/status") if l.startswith("VmRSS"))
print(int(rss.split()[1]) // 1024, flush=True)
os._exit(0)
"""


def _run(code: str, *args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args, str(time.time())],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    return out.stdout.strip().splitlines()[-1].split()


def bench_start(url: str, password: str, repeat: int = 5) -> list[Felt]:
    app = [[float(v) * 1000 for v in _run(APP, url, password)] for _ in range(repeat)]
    bare = [float(_run(BARE)[0]) * 1000 for _ in range(repeat)]
    return [
        Felt.of(
            "cold start -> main window painted (login)",
            [shown for shown, _ in app],
            {"bare PySide6 window": bare},
            target_median=1500,
        ),
        Felt.of(
            "cold start -> work queue shown",
            [queue for _, queue in app],
            {"bare PySide6 window": bare},
            target_median=1500,
        ),
    ]


def bench_memory(url: str, password: str) -> list[Felt]:
    rss = float(_run(WORK, url, password)[0])
    return [Felt.single("memory: app after 50 searches, 20 dossiers, 200 prints", rss, 300, "MB")]
