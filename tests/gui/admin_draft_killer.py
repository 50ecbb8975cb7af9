"""Child process for the admin and issue dialog draft test: open "Nieuwe medewerker", a new
offer of the sociale kaart, the municipality's settings and the plan's issue dialog (of the
household's draft version), type into each, print "kept" once all four drafts hold the typed
text, then wait to be killed (kill -9, never saved).

Usage: python admin_draft_killer.py URL HOUSEHOLD_ID
"""

import os
import sys
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.gui.draft_children import say_kept_then_wait

# Form key -> (field, what is typed); a date field is emptied first.
TYPED = {
    "worker:new": ("display_name", "Wies van Dam"),
    "catalogue_offer:new": ("activity", "Taalhuis op dinsdag"),
    "settings": ("department", "Team Wmo-toegang Noord"),
    "issue": ("send_date", "04-12-2026"),
}


def open_dialogs(ctx, household_id: uuid.UUID) -> dict[str, QWidget]:  # type: ignore[no-untyped-def]
    """The four dialogs, by form key prefix, as the windows that own them create them."""
    from triage_app.services import households, plans
    from triage_app.ui.admin.catalogue_view import OfferDialog
    from triage_app.ui.admin.settings_view import SettingsView
    from triage_app.ui.admin.users_view import WorkerDialog
    from triage_app.ui.plan.decision_dialog import DecisionDialog

    household = households.get_household(ctx, household_id)
    version = plans.get_plan(ctx, household_id).draft
    return {
        "worker:new": WorkerDialog(ctx),
        "catalogue_offer:new": OfferDialog(ctx),
        "settings": SettingsView(ctx),
        "issue": DecisionDialog(ctx, version, household.members, None, household_id),
    }


def field(dialog: QWidget, key: str) -> QLineEdit:
    return dialog.findChild(QLineEdit, TYPED[key][0])


def main() -> None:
    from tests.conftest import TODAY, make_actor
    from triage_app.domain.accounts import Role
    from triage_app.services import drafts
    from triage_app.services.context import ServiceContext
    from triage_app.store.engine import open_store
    from triage_app.ui import autosave

    url, household_id = sys.argv[1], uuid.UUID(sys.argv[2])
    store = open_store(url, upgrade=False)
    ctx = ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)
    app = QApplication([])
    autosave.INTERVAL_MS = 100
    dialogs = open_dialogs(ctx, household_id)
    for dialog in dialogs.values():
        dialog.show()
    QTest.qWait(50)  # each dialog has looked for a draft to offer back (there is none)
    for key, dialog in dialogs.items():
        typed = field(dialog, key)
        typed.clear()
        QTest.keyClicks(typed, TYPED[key][1])

    def is_kept() -> bool:
        kept = {d.form_key.split(":")[0]: str(d.payload) for d in drafts.pending(ctx)}
        return all(TYPED[key][1] in kept.get(key.split(":")[0], "") for key in TYPED)

    say_kept_then_wait(app, is_kept)


if __name__ == "__main__":
    main()
