"""Child process for the draft test: open "Nieuw huishouden", type an address and two members,
print "kept" once the draft holds them, then wait to be killed (kill -9, never saved).

Usage: python draft_killer.py URL
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY, make_actor
from tests.gui.draft_children import say_kept_then_wait
from triage_app.domain.accounts import Role
from triage_app.domain.household import MemberRole, PersonInput
from triage_app.services import drafts
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store
from triage_app.ui import autosave
from triage_app.ui.household_dialog import HouseholdDialog


def main() -> None:
    store = open_store(sys.argv[1], upgrade=False)
    ctx = ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)
    app = QApplication([])
    autosave.INTERVAL_MS = 100
    dialog = HouseholdDialog(ctx)
    dialog.show()
    QTest.qWait(50)  # the dialog has looked for a draft to offer back (there is none)
    QTest.keyClicks(dialog.street, "Kanaalweg")
    QTest.keyClicks(dialog.house_number, "7b")
    QTest.keyClicks(dialog.postcode, "3562 KL")
    dialog._member_added(
        PersonInput(first_name="Sanne", last_name="Kramer", birth_date="03-04-1988")
    )
    dialog._member_added(
        PersonInput(
            first_name="Noor", last_name="Kramer", birth_date="09-09-2015", role=MemberRole.CHILD
        )
    )

    def is_kept() -> bool:
        kept = drafts.pending(ctx, "household:new")
        return bool(kept and len(kept[0].payload.get(autosave.EXTRA, [])) == 2)

    say_kept_then_wait(app, is_kept)


if __name__ == "__main__":
    main()
