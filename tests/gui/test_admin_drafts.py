"""The admin dialogs (new worker, an offer of the sociale kaart, the municipality's settings)
and the plan's issue dialog keep what was typed: after a kill -9 each offers it back. A
password is never kept in a draft; issuing or cancelling drops the issue dialog's draft."""

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.admin_draft_killer import TYPED, field, open_dialogs
from tests.gui.draft_children import typed_then_killed, yes_to_restore
from tests.integration.test_plans import draft_for
from triage_app.services import accounts, drafts, plans
from triage_app.ui import autosave
from triage_app.ui.account_dialogs import ChangePasswordDialog
from triage_app.ui.admin.users_view import WorkerDialog
from triage_app.ui.plan.decision_dialog import DecisionDialog

KILLER = Path(__file__).with_name("admin_draft_killer.py")
LABELS = {
    "worker:new": "Nieuwe medewerker",
    "catalogue_offer:new": "Aanbod in de wijk",
    "settings": "Instellingen van de gemeente",
    "issue": "Plan vaststellen",
}


def test_typing_in_the_admin_and_issue_dialogs_survives_a_killed_app(
    qtbot, ctx, household, store_path, monkeypatch
):
    plans.save_draft(ctx, plans.start_plan(ctx, household.id).draft.id, 1, draft_for(household))
    typed_then_killed(KILLER, store_path, str(household.id))

    asked = yes_to_restore(monkeypatch)
    dialogs = open_dialogs(ctx, household.id)
    for key, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog, k=key: field(d, k).text() == TYPED[k][1])
    assert len(asked) == 4 and all(any(LABELS[key] in text for text in asked) for key in LABELS)
    assert any(household.dossier_number in text for text in asked)  # the issue dialog's
    assert field(dialogs["settings"], "settings").text() == "Team Wmo-toegang Noord"


def test_a_password_is_never_kept_in_a_draft(qtbot, ctx):
    """The kit keeps no field that hides what is typed; a new worker's password is made on
    saving and is in no draft either."""
    dialog = ChangePasswordDialog(ctx)
    qtbot.addWidget(dialog)
    keeper = autosave.FormAutosave(ctx, dialog, "password-test", "Wachtwoord")
    for name in ("old_password", "new_password", "repeat_password"):
        qtbot.keyClicks(dialog.findChild(autosave.QLineEdit, name), "Geheim-wachtwoord-77")
    keeper.keep_now()
    assert "Geheim-wachtwoord-77" not in str([d.payload for d in drafts.pending(ctx)])

    worker = WorkerDialog(ctx)
    qtbot.addWidget(worker)
    made: list = []
    worker.chosen.connect(made.append)
    qtbot.keyClicks(worker.username, "wies")
    qtbot.keyClicks(worker.display_name, "Wies van Dam")
    worker.roles[next(iter(worker.roles))].setChecked(True)
    worker.autosave.keep_now()
    assert "Wies van Dam" in str(drafts.pending(ctx, "worker:new")[0].payload)
    qtbot.mouseClick(worker.ok_button, Qt.MouseButton.LeftButton)
    (username, password), *_ = made
    assert username == "wies" and accounts.list_workers(ctx)
    assert password not in str([d.payload for d in drafts.pending(ctx)])
    assert drafts.pending(ctx, "worker:new") == []  # saved: the draft is dropped


def test_cancelling_the_issue_dialog_drops_its_draft(qtbot, ctx, household):
    plan = plans.start_plan(ctx, household.id)
    dialog = DecisionDialog(ctx, plan.draft, household.members, None, household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.send_date.clear()
    qtbot.keyClicks(dialog.send_date, "04-12-2026")
    dialog.autosave.keep_now()
    assert [d.form_key for d in drafts.pending(ctx)] == [f"issue:{plan.draft.id}"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert drafts.pending(ctx) == []
