"""The plan keeps what was typed: the Hulpvraag and the other fields of a draft version, and
each plan dialog (goal, arrangement, application, evaluation, decision on an objection, offer
ter besluitvorming, send back) and a member's dialog come back after the app was killed
(kill -9) while typing; goals added but not yet saved too;
saving or cancelling drops the draft, and a plan only opened leaves none."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.gui.draft_children import typed_then_killed, yes_to_restore
from tests.gui.plan_draft_killer import TYPED, field, open_form, open_window
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.plan import GoalData, Performer
from triage_app.services import drafts, handover, objections, plans
from triage_app.ui.plan.plan_window import PlanWindow

KILLER = Path(__file__).with_name("plan_draft_killer.py")
LEFT = Qt.MouseButton.LeftButton
LABELS = {
    "plan": "Ondersteuningsplan",
    "goal": "Doel",
    "provision": "Maatwerkvoorziening",
    "application": "Aanvraag",
    "evaluation": "Evaluatie",
    "objection": "Beslissing op bezwaar",
    "offer": "Ter besluitvorming",
    "send_back": "Terugsturen",
    "member": "Bewoner",
}


def _prepare(ctx, household, form: str) -> None:
    """A draft version to edit; for an evaluation an issued plan, for an objection also a
    decision with a bezwaar waiting."""
    plan = plans.start_plan(ctx, household.id)
    if form == "send_back":
        saved = plans.save_draft(ctx, plan.draft.id, 1, draft_for(household))
        handover.offer(ctx, saved.draft.id, saved.draft.version, None, "Graag bekijken")
    if form in ("evaluation", "objection"):
        issued = issue(ctx, plans.save_draft(ctx, plan.draft.id, 1, draft_for(household)))
        if form == "objection":
            decision = issued.decision_history[0]
            later = dataclasses.replace(ctx, today=lambda: TODAY + dt.timedelta(days=14))
            objections.record_objection(later, decision.id, TODAY + dt.timedelta(days=7))


def _text(widget) -> str:
    return widget.text() if hasattr(widget, "text") else widget.toPlainText()


@pytest.mark.parametrize("form", list(TYPED))
def test_typing_in_a_plan_form_survives_a_killed_app(
    qtbot, ctx, household, store_path, modals, monkeypatch, form
):
    _prepare(ctx, household, form)
    typed_then_killed(KILLER, store_path, str(household.id), form)

    asked = yes_to_restore(monkeypatch)
    window = open_window(ctx, household, form)
    qtbot.addWidget(window)
    window.show()
    target = open_form(window, form, modals)
    typed = field(target, form)
    qtbot.waitUntil(lambda: _text(typed) == TYPED[form][1])
    assert len(asked) == 1 and LABELS[form] in asked[0]
    assert household.dossier_number in asked[0]


def _goal(result: str) -> GoalData:
    return GoalData("finances", result, "", Performer.RESIDENT, "Kees")


def test_goals_added_but_not_saved_come_back_with_the_plan(qtbot, ctx, household, monkeypatch):
    plans.start_plan(ctx, household.id)
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.question, "Rust voor Kees")
    window.goals.append(_goal("De post is bijgehouden"))  # accepted from the goal dialog
    window.autosave.keep_now()
    window.autosave.timer.stop()
    window.deleteLater()  # the app died before "Concept opslaan"

    asked = yes_to_restore(monkeypatch)
    again = PlanWindow(ctx, household)
    qtbot.addWidget(again)
    assert asked and "Ondersteuningsplan" in asked[0]
    assert again.question.toPlainText() == "Rust voor Kees"
    assert [again.goal_model.row_at(i).result for i in range(again.goal_model.rowCount())] == [
        "De post is bijgehouden"
    ]
    qtbot.mouseClick(again.save_button, LEFT)
    saved = plans.get_plan(ctx, household.id).draft.draft
    assert saved.question == "Rust voor Kees" and [g.result for g in saved.goals] == [
        "De post is bijgehouden"
    ]
    assert drafts.pending(ctx) == []  # saved for real: nothing left to offer


def test_a_plan_opened_and_closed_untouched_leaves_no_draft(qtbot, ctx, household, monkeypatch):
    plans.save_draft(
        ctx,
        plans.start_plan(ctx, household.id).draft.id,
        1,
        dataclasses.replace(draft_for(household), question="Al opgeslagen"),
    )
    asked = yes_to_restore(monkeypatch)
    window = PlanWindow(ctx, household)  # filled with the stored draft: not typed work
    qtbot.addWidget(window)
    window.autosave.keep_now()
    window.close()
    assert drafts.pending(ctx) == []
    assert asked == []


def test_cancelling_a_plan_dialog_drops_its_draft(qtbot, ctx, household, modals):
    plans.start_plan(ctx, household.id)
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    window.show()
    dialog = open_form(window, "goal", modals)
    qtbot.keyClicks(dialog.result, "Fenna komt weer zelf boven")
    dialog.autosave.keep_now()
    [kept] = drafts.pending(ctx)
    assert kept.form_key == f"goal:new:{window.plan.draft.id}"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert drafts.pending(ctx) == []


def test_an_edited_goal_keeps_its_draft_under_its_own_row(qtbot, ctx, household, modals):
    plans.save_draft(ctx, plans.start_plan(ctx, household.id).draft.id, 1, draft_for(household))
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    window.show()
    window._edit_goal(1)
    dialog = modals[-1]
    dialog.result.setPlainText("")
    qtbot.keyClicks(dialog.result, "Anders verwoord")
    dialog.autosave.keep_now()
    assert [d.form_key for d in drafts.pending(ctx)] == [f"goal:{window.plan.draft.id}:1"]
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert window.goals[1].result == "Anders verwoord"
    assert [d.form_key for d in drafts.pending(ctx)] == []  # now kept by the plan's own draft
    window.autosave.keep_now()
    assert [d.form_key for d in drafts.pending(ctx)] == [f"plan:{window.plan.draft.id}"]
