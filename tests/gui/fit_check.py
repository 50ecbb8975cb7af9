"""Opens every window of ``triage_app.ui.windows`` on the screen Qt was given and prints, per
window, its outer size and the screen's free area (JSON lines). Run by test_fits_laptop.py in
a child process, so each run can have its own screen size and scale factor."""

import datetime as dt
import json
import sys

from PySide6.QtWidgets import QApplication

from tests.households import zwanenburg
from triage_app.domain.accounts import Actor, Role
from triage_app.services import households
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store
from triage_app.ui import kit
from triage_app.ui.windows import WINDOWS

TITLE_BAR = 30  # what a window manager adds above the window


def main(store_file: str) -> None:
    app = QApplication([])
    kit.install(app)
    ctx = ServiceContext(
        store=open_store(f"sqlite:///{store_file}"),
        actor=Actor(username="test", display_name="Test", roles=frozenset(Role)),
        today=lambda: dt.date(2026, 11, 23),
    )
    household = households.register_household(
        ctx,
        zwanenburg(),
    )
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
