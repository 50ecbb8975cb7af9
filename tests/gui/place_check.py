"""Opens the windows that remember their place after a worker left each of them far bigger
than this screen (a big monitor then, a laptop now) and prints, per window, its outer geometry
and the screen's free area (JSON lines). Run by test_window_places.py in a child process, so
it can have a 1366×768 screen and a scale factor of its own."""

import json
import sys

from PySide6.QtWidgets import QApplication

from tests.households import zwanenburg_on
from triage_app.services import preferences
from triage_app.ui import kit
from triage_app.ui.intake.intake_flow import IntakeFlow
from triage_app.ui.main_window import MainWindow
from triage_app.ui.plan.plan_window import PlanWindow
from triage_app.ui.print_preview import PrintPreview
from triage_app.ui.windows import _pdf

TITLE_BAR = 30  # what a window manager adds above the window
HUGE = preferences.WindowPlace(x=-500, y=1200, width=3840, height=2160)


def main(store_file: str) -> None:
    app = QApplication([])
    kit.install(app)
    ctx, household = zwanenburg_on(store_file, kees=False)
    for name in ("main", "plan", "intake", "print_preview"):
        preferences.keep_window_place(ctx, name, HUGE)
    main_window = MainWindow(ctx)
    windows = {
        "main": main_window,
        "plan": PlanWindow(ctx, household),
        "intake": IntakeFlow(ctx, household),
        "print_preview": PrintPreview(_pdf(), "Plan", "plan.pdf", main_window),
    }
    free = app.primaryScreen().availableGeometry()
    for name, window in windows.items():
        window.show()
        app.processEvents()
        frame = window.frameGeometry()
        print(
            json.dumps(
                {
                    "name": name,
                    "x": frame.x(),
                    "y": frame.y(),
                    "width": frame.width(),
                    "height": frame.height() + TITLE_BAR,
                    "free": [free.x(), free.y(), free.width(), free.height()],
                }
            ),
            flush=True,
        )
        if name != "main":
            window.close()
        app.processEvents()
    main_window.close()
    ctx.store.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
