"""Logs in as the worker named on the command line, opens the dossier named there and presses
Ctrl+Q. Run by test_quit.py in a child process, on a store made by ``prepare``: the process
must end by itself.

Usage: python quit_check.py URL USERNAME HOUSEHOLD_ID
"""

import gc
import sys
import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from triage_app import app as gui
from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import accounts, households
from triage_app.ui.main_window import MainWindow

PASSWORD = "Demo-wachtwoord-1"


def prepare(url: str) -> uuid.UUID:
    """The store: the demo accounts and one household (the test makes it once, copies it)."""
    create_demo_accounts(url, PASSWORD)[0].store.dispose()
    desk = accounts.login(url, "intake", PASSWORD)
    household = households.register_household(
        desk,
        HouseholdInput(
            street="Zamenhofdreef",
            house_number="12",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951")
            ],
        ),
    )
    desk.store.dispose()
    return household.id


def main(url: str, username: str, household_id: uuid.UUID) -> None:
    application = gui._application()
    ctx = accounts.login(url, username, PASSWORD)

    def main_window() -> MainWindow:
        return next(w for w in application.topLevelWidgets() if isinstance(w, MainWindow))

    def open_when_ready() -> None:
        window = main_window()
        if not window.isActiveWindow():
            QTimer.singleShot(20, open_when_ready)
            return
        window.open_household(household_id)
        quit_when_shown()

    def quit_when_shown() -> None:
        window = main_window()
        if window.pages.currentWidget() is not window.household_screen:
            QTimer.singleShot(20, quit_when_shown)
            return
        focused = application.focusWidget() or window
        QTest.keyClick(focused, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, open_when_ready)
    code, switch_user = gui.run_window(application, ctx)
    print(f"ended {code} {switch_user}", flush=True)
    print(f"collector on {gc.isenabled()}, start-up kept out {gc.get_freeze_count() > 0}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], uuid.UUID(sys.argv[3]))
