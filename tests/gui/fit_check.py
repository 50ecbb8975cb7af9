"""Opens every window of ``triage_app.ui.windows`` on the screen Qt was given and prints, per
window, its outer size and the screen's free area (JSON lines). Run by test_fits_laptop.py in
a child process, so each run can have its own screen size and scale factor."""

import json
import sys

from PySide6.QtWidgets import QApplication

from tests.households import zwanenburg_on
from triage_app.ui import kit
from triage_app.ui.windows import WINDOWS

TITLE_BAR = 30  # what a window manager adds above the window


def main(store_file: str) -> None:
    app = QApplication([])
    kit.install(app)
    ctx, household = zwanenburg_on(store_file)
    free = app.primaryScreen().availableGeometry()
    for name, make in WINDOWS.items():
        window = make(ctx, household, None)
        window.show()
        app.processEvents()
        size = window.frameGeometry()
        print(
            json.dumps(
                {
                    "name": name,
                    "width": size.width(),
                    "height": size.height() + TITLE_BAR,
                    "free_width": free.width(),
                    "free_height": free.height(),
                }
            ),
            flush=True,
        )
        window.close()
        window.deleteLater()
        app.processEvents()
    ctx.store.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
