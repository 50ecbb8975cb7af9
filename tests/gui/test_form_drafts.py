"""Forms keep what was typed: a new household typed into a window that is killed (kill -9)
comes back when "Nieuw huishouden" opens again, members and all; so does a melding's question;
saving or cancelling the form drops the draft, and a form only opened leaves none."""

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.draft_children import typed_then_killed, yes_to_restore
from triage_app.services import drafts, households
from triage_app.ui import autosave, kit
from triage_app.ui.household_dialog import HouseholdDialog
from triage_app.ui.intake.intake_flow import IntakeFlow

KILLER = Path(__file__).with_name("draft_killer.py")
LEFT = Qt.MouseButton.LeftButton


def test_a_new_household_survives_a_killed_app(qtbot, ctx, store_path, monkeypatch):
    typed_then_killed(KILLER, store_path)
    asked = yes_to_restore(monkeypatch)
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.street.text() == "Kanaalweg")
    assert asked and "Nieuw huishouden" in asked[0]
    assert dialog.house_number.text() == "7b"
    assert dialog.postcode.text() == "3562 KL"
    names = [m.first_name for m in dialog.members]
    assert names == ["Sanne", "Noor"]
    assert dialog.member_model.rowCount() == 2

    dialog.district.setCurrentIndex(dialog.district.findData("Overvecht"))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    shown = {n: e.text() for n, e in dialog.errors.items() if e.text()}
    assert dialog.result() == dialog.DialogCode.Accepted, shown
    assert [m.first_name for m in households.get_household(ctx, dialog.value.id).members] == [
        "Sanne",
        "Noor",
    ]
    assert drafts.pending(ctx) == []  # saved for real: nothing left to offer


def test_cancelling_the_form_drops_its_draft(qtbot, ctx):
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.street, "Kanaalweg")
    dialog.autosave.keep_now()
    assert drafts.pending(ctx, "household:new")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert drafts.pending(ctx) == []


def test_a_form_opened_from_the_form_is_not_kept_in_its_draft(qtbot, ctx, monkeypatch):
    """The member dialog's fields (its own first name, BSN) are not the household's."""
    opened = []

    def look(dialog):
        dialog.first_name.setText("Zwerver")
        opened.append(autosave.form_values(dialog.parent()))
        return 0

    monkeypatch.setattr(kit, "run_modal", look)
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.add_member_button, LEFT)
    assert opened and "first_name" not in opened[0]


def test_a_melding_question_typed_before_a_crash_comes_back(qtbot, ctx, household, monkeypatch):
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    flow.show()
    qtbot.keyClicks(flow.question, "De post stapelt zich op")
    flow.urgent.setChecked(True)
    flow.melding_autosave.keep_now()
    flow.melding_autosave.timer.stop()
    flow.deleteLater()  # the app died: the melding was never registered

    asked = yes_to_restore(monkeypatch)
    again = IntakeFlow(ctx, household)
    qtbot.addWidget(again)
    assert asked and "Melding" in asked[0]
    assert again.question.toPlainText() == "De post stapelt zich op"
    assert again.urgent.isChecked()
    again.told_support.setChecked(True)
    again.told_plan.setChecked(True)
    assert again.register()
    assert drafts.pending(ctx) == []  # registered: nothing left to offer


def test_an_intake_opened_and_closed_untouched_leaves_no_draft(qtbot, ctx, household, monkeypatch):
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    qtbot.keyClicks(flow.question, "Ik kan de trap niet meer op")
    flow.told_support.setChecked(True)
    flow.told_plan.setChecked(True)
    assert flow.register()
    flow.close()

    asked = yes_to_restore(monkeypatch)
    resumed = IntakeFlow(ctx, household)  # fills the form with the stored melding
    qtbot.addWidget(resumed)
    resumed.autosave.keep_now()
    resumed.melding_autosave.keep_now()
    resumed.close()
    assert drafts.pending(ctx) == []
    assert asked == []


def test_the_melding_and_the_gesprek_survive_a_killed_app(
    qtbot, ctx, store_path, household, monkeypatch
):
    killer = KILLER.with_name("intake_draft_killer.py")
    typed_then_killed(killer, store_path, str(household.id), "melding")
    asked = yes_to_restore(monkeypatch)
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    assert asked and "Melding" in asked[0]
    assert flow.question.toPlainText() == "De post stapelt zich op"
    flow.close()
    flow.melding_autosave.dropped()  # the worker starts afresh below

    typed_then_killed(killer, store_path, str(household.id), "gesprek")
    asked.clear()
    resumed = IntakeFlow(ctx, household)  # the melding was registered before the kill
    qtbot.addWidget(resumed)
    assert asked and "Keukentafelgesprek" in asked[0]
    assert resumed.step_label.text() == "Stap 2 van 4: Gesprek"
    assert resumed.wishes.toPlainText() == "Zelf thuis blijven wonen"
