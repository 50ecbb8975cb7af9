"""The plan's Beschikkingen tab filters its history by keyboard: all, in force, ended, with
objection (Alt+T, then the arrow keys)."""

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from tests.conftest import make_actor
from tests.integration.test_decision_changes import change, two_for_fenna
from tests.integration.test_plans import issue
from triage_app.domain.accounts import Role
from triage_app.services import objections, plans
from triage_app.ui.plan.plan_window import PlanWindow


def shown(window):
    rows = [window.decisions.model.row_at(i) for i in range(window.decisions.model.rowCount())]
    return sorted((d.addressee, d.kind) for d in rows)


def test_filter_the_decisions_by_keyboard(qtbot, ctx, household, modals):
    casemanager = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    first = two_for_fenna(casemanager, decider, household)
    kees = next(d for d in first.current.decisions if d.addressee == "Kees Zwanenburg")
    week_later = dataclasses.replace(casemanager, today=lambda: dt.date(2026, 11, 30))
    objections.record_objection(week_later, kees.id, dt.date(2026, 11, 30))
    issue(decider, change(casemanager, first, volume=4))  # Fenna's first decision is replaced
    later = dataclasses.replace(ctx, today=lambda: dt.date(2026, 12, 15))  # the change runs
    window = PlanWindow(later, household)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.decisions.table.parentWidget()))
    assert window.decisions.filter.currentText() == "Alle besluiten"
    assert len(shown(window)) == 3 and window.decisions.count.text() == "3 van 3 besluiten"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.decisions.table.setFocus()
    qtbot.keyClick(window.decisions.table, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert window.focusWidget() is window.decisions.filter
    qtbot.keyClick(window.decisions.filter, Qt.Key.Key_Down)
    assert window.decisions.filter.currentText() == "Geldend"
    assert shown(window) == [("Fenna Zwanenburg", "change"), ("Kees Zwanenburg", "first")]
    assert window.decisions.count.text() == "2 van 3 besluiten"

    qtbot.keyClick(window.decisions.filter, Qt.Key.Key_Down)
    assert window.decisions.filter.currentText() == "Afgelopen"
    assert shown(window) == [("Fenna Zwanenburg", "first")]

    qtbot.keyClick(window.decisions.filter, Qt.Key.Key_Down)
    assert window.decisions.filter.currentText() == "Met bezwaar"
    assert shown(window) == [("Kees Zwanenburg", "first")]

    qtbot.keyClick(window.decisions.filter, Qt.Key.Key_Home)
    assert len(shown(window)) == 3
    assert plans.get_plan(later, household.id).decision_history[0].kind == "change"


def test_a_change_that_starts_later_keeps_the_old_decision_in_force(ctx, household):
    from triage_app.domain.decision_filters import DecisionFilter, filtered

    casemanager = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    first = two_for_fenna(casemanager, decider, household)
    plan = issue(decider, change(casemanager, first, volume=4, start_date=dt.date(2027, 2, 1)))
    history = plan.decision_history
    in_force = filtered(history, DecisionFilter.IN_FORCE, dt.date(2027, 1, 31))
    assert len(in_force) == 3  # the old one until 31 January, the change from 1 February
    on_the_day = filtered(history, DecisionFilter.IN_FORCE, dt.date(2027, 2, 1))
    assert [d.kind for d in on_the_day if d.addressee == "Fenna Zwanenburg"] == ["change"]
    after_the_end = filtered(history, DecisionFilter.ENDED, dt.date(2028, 1, 1))
    assert len(after_the_end) == 3  # every provision ended on 30 November 2027
