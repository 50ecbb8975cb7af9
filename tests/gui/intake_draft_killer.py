"""Child process for the intake draft test: open the intake of a household, type into the
melding (FORM "melding") or, after registering it, into the gesprek (FORM "gesprek"), print
"kept" once the draft holds it, then wait to be killed (kill -9, never saved).

Usage: python intake_draft_killer.py URL HOUSEHOLD_ID FORM
"""

import os
import sys
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY, make_actor
from tests.gui.draft_children import say_kept_then_wait
from triage_app.domain.accounts import Role
from triage_app.services import drafts, households
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store
from triage_app.ui import autosave
from triage_app.ui.intake.intake_flow import IntakeFlow


def main() -> None:
    url, household_id, form = sys.argv[1], uuid.UUID(sys.argv[2]), sys.argv[3]
    store = open_store(url, upgrade=False)
    ctx = ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)
    app = QApplication([])
    autosave.INTERVAL_MS = 100
    flow = IntakeFlow(ctx, households.get_household(ctx, household_id))
    flow.show()
    QTest.keyClicks(flow.question, "De post stapelt zich op")
    if form == "melding":
        key, keeper = f"melding:{household_id}", flow.melding_autosave
    else:
        flow.told_support.setChecked(True)
        flow.told_plan.setChecked(True)
        assert flow.register()
        QTest.keyClicks(flow.wishes, "Zelf thuis blijven wonen")
        key, keeper = f"assessment:{household_id}", flow.autosave
    keeper.timer.setInterval(100)
    say_kept_then_wait(app, lambda: bool(drafts.pending(ctx, key)))


if __name__ == "__main__":
    main()
