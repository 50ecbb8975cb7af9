"""A casemanager builds a plan, adds an arrangement, a decider issues it, and it is changed."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from triage_app.services import plans
from triage_app.ui.plan import plan_window
from triage_app.ui.plan.plan_window import PlanWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, ctx, household, modals):
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    window.show()
    window.opened = modals
    return window


def _choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _type(qtbot, dialog, name: str, text: str) -> None:
    widget = dialog.findChild(QLineEdit, name) or dialog.findChild(QPlainTextEdit, name)
    widget.clear() if isinstance(widget, QLineEdit) else widget.setPlainText("")
    qtbot.keyClicks(widget, text)


def _add_goal(qtbot, window, domain, result, responsible):
    qtbot.mouseClick(window.findChild(type(window.save_button), "goals_add"), LEFT)
    dialog = window.opened[-1]
    _choose(dialog.domain, domain)
    _type(qtbot, dialog, "result", result)
    _type(qtbot, dialog, "responsible", responsible)
    qtbot.mouseClick(dialog.ok_button, LEFT)


def _button(window, name):
    return window.findChild(type(window.save_button), name)


def test_build_issue_and_change_a_plan(qtbot, window, monkeypatch):
    qtbot.mouseClick(window.start_button, LEFT)
    assert window.status.text() == "Versie 1 is een concept."

    qtbot.keyClicks(window.question, "Zorg voor mevrouw en rust voor meneer")
    qtbot.keyClicks(window.evaluation_date, "01-05-2027")
    qtbot.keyClicks(window.end_date, "30-11-2027")
    _add_goal(qtbot, window, "social_network", "Kees houdt het vol als mantelzorger", "Kees")
    _add_goal(qtbot, window, "finances", "De post is bijgehouden", "Dochter Els")
    _add_goal(qtbot, window, "time_use", "Fenna heeft een zinvolle dag", "Casemanager")
    domains = [window.goal_model.row_at(i).life_domain for i in range(3)]
    assert domains == ["finances", "time_use", "social_network"]  # grouped by life domain

    # The arrangement: its size and cost show while choosing.
    qtbot.mouseClick(_button(window, "provisions_add"), LEFT)
    dialog = window.opened[-1]
    _choose(dialog.member, str(window.household.members[1].id))  # Fenna (younger, listed 2nd)
    _choose(dialog.kind, "day_activities")
    _choose(dialog.segment, "elderly")
    _choose(dialog.intensity["daytime"], "medium")
    assert "Klein (S)" in dialog.size.text() and "€ 280,00" in dialog.size.text()
    _choose(dialog.intensity["selfcare_health"], "intensive")
    assert "Middel (M)" in dialog.size.text() and "€ 560,00" in dialog.size.text()
    _choose(dialog.provider, "P004")
    dialog.volume.setValue(3)
    _choose(dialog.unit, "day_part")
    _choose(dialog.frequency, "week")
    _type(qtbot, dialog, "start_date", "01-12-2026")
    _type(qtbot, dialog, "end_date", "30-11-2027")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert window.provision_model.rowCount() == 1

    qtbot.mouseClick(_button(window, "applications_add"), LEFT)
    dialog = window.opened[-1]
    _choose(dialog.member, str(window.household.members[1].id))
    _type(qtbot, dialog, "application_date", "16-11-2026")
    _type(qtbot, dialog, "motivation", "Mevrouw kan door dementie overdag niet alleen zijn.")
    _type(qtbot, dialog, "lighter_routes", "Het netwerk is overbelast, er is geen groep dichtbij.")
    _type(qtbot, dialog, "resident_motivation", "U kunt door uw dementie overdag niet alleen zijn.")
    qtbot.mouseClick(dialog.ok_button, LEFT)

    qtbot.mouseClick(window.save_button, LEFT)
    assert window.info.text().startswith("Concept opgeslagen")

    qtbot.mouseClick(window.issue_button, LEFT)
    decision = window.opened[-1]
    assert "compleet" in decision.checklist.item(0).text()
    qtbot.mouseClick(decision.issue_button, LEFT)
    assert window.decisions.model.rowCount() == 1
    assert window.decisions.model.row_at(0).number == "B-2026-000001"
    assert window.status.text().startswith("Versie 1 vastgesteld")
    assert not window.save_button.isVisible()  # issued: read-only

    # Change it: a new version with one more day part, issued as a wijziging.
    monkeypatch.setattr(
        plan_window.QInputDialog, "getText", lambda *a, **k: ("Mevrouw wil een dagdeel meer", True)
    )
    qtbot.mouseClick(window.new_version_button, LEFT)
    assert "versie 2 is een concept" in window.status.text()
    window.provisions_tab.table.selectRow(0)
    qtbot.mouseClick(_button(window, "provisions_edit"), LEFT)
    dialog = window.opened[-1]
    dialog.volume.setValue(4)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.mouseClick(window.issue_button, LEFT)
    checklist = window.opened[-1].checklist
    texts = [checklist.item(i).text() for i in range(checklist.count())]
    assert any("motivering voor de bewoner" in t for t in texts)  # the old one is not reused
    window.opened[-1].reject()
    window.applications_tab.table.selectRow(0)
    qtbot.mouseClick(_button(window, "applications_edit"), LEFT)
    dialog = window.opened[-1]
    assert dialog.date.text() == "16-11-2026"  # the original aanvraag keeps its date
    _type(qtbot, dialog, "resident_motivation", "U wilt een dagdeel meer. Dat past bij u.")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.mouseClick(window.issue_button, LEFT)
    qtbot.mouseClick(window.opened[-1].issue_button, LEFT)
    changed = window.decisions.model.row_at(0)
    assert (changed.kind, changed.replaces_number) == ("change", "B-2026-000001")
    diff = window.history.diff
    assert [diff.row_at(i).section for i in range(diff.rowCount())] == ["Maatwerk"]
    assert plans.get_plan(window.ctx, window.household.id).current.number == 2


def test_missing_motivation_blocks_issuing(qtbot, window):
    qtbot.mouseClick(window.start_button, LEFT)
    _add_goal(qtbot, window, "housing", "Een veilige woning", "Woningcorporatie")
    qtbot.mouseClick(_button(window, "applications_add"), LEFT)
    dialog = window.opened[-1]
    _type(qtbot, dialog, "application_date", "16-11-2026")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.mouseClick(window.issue_button, LEFT)
    decision = window.opened[-1]
    texts = [decision.checklist.item(i).text() for i in range(decision.checklist.count())]
    assert any("Schrijf de motivering van het besluit" in t for t in texts)
    assert not decision.issue_button.isEnabled()


def test_the_letter_needs_its_own_motivation_written_to_the_resident(qtbot, window):
    qtbot.mouseClick(window.start_button, LEFT)
    _add_goal(qtbot, window, "housing", "Een veilige woning", "Woningcorporatie")
    qtbot.mouseClick(_button(window, "applications_add"), LEFT)
    dialog = window.opened[-1]
    _type(qtbot, dialog, "application_date", "16-11-2026")
    note = "Mevrouw kan door dementie overdag niet alleen zijn."
    _type(qtbot, dialog, "motivation", note)
    _type(qtbot, dialog, "resident_motivation", note)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.mouseClick(window.issue_button, LEFT)
    decision = window.opened[-1]
    texts = [decision.checklist.item(i).text() for i in range(decision.checklist.count())]
    assert any("een eigen motivering voor de bewoner, niet de interne notitie" in t for t in texts)
    assert not decision.issue_button.isEnabled()


def test_bad_date_in_a_goal_is_shown_at_the_field(qtbot, window):
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.mouseClick(_button(window, "goals_add"), LEFT)
    dialog = window.opened[-1]
    _type(qtbot, dialog, "result", "Schulden geregeld")
    _type(qtbot, dialog, "responsible", "Bewoner")
    _type(qtbot, dialog, "target_date", "31-02-2027")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.errors["target_date"].isVisible()
    assert "dd-mm-jjjj" in dialog.errors["target_date"].text()
    assert window.goal_model.rowCount() == 0


def test_objection_recorded_and_settled_in_the_plan(qtbot, window, monkeypatch):
    from tests.integration.test_plans import draft_for

    qtbot.mouseClick(window.start_button, LEFT)
    plan = plans.get_plan(window.ctx, window.household.id)
    plan = plans.save_draft(
        window.ctx, plan.draft.id, plan.draft.version, draft_for(window.household)
    )
    plans.issue_version(
        window.ctx, plan.draft.id, plan.draft.version, window.ctx.today(), window.ctx.today()
    )
    window.reload(plans.get_plan(window.ctx, window.household.id))
    window.decisions.table.selectRow(0)
    monkeypatch.setattr(plan_window.QInputDialog, "getText", lambda *a, **k: ("23-11-2026", True))
    qtbot.mouseClick(window.decisions.objection_button, LEFT)
    assert window.decisions.model.data(window.decisions.model.index(0, 7)) == "23-11-2026: loopt"
    window.decisions.table.selectRow(0)
    monkeypatch.setattr(plan_window.QInputDialog, "getItem", lambda *a, **k: ("Ongegrond", True))
    qtbot.mouseClick(window.decisions.settle_button, LEFT)
    assert window.decisions.model.data(window.decisions.model.index(0, 7)) == (
        "23-11-2026: ongegrond"
    )


def test_two_desks_on_one_draft(qtbot, ctx, household, monkeypatch):
    plan = plans.start_plan(ctx, household.id)
    desk_a, desk_b = PlanWindow(ctx, household), PlanWindow(ctx, household)
    for window in (desk_a, desk_b):
        qtbot.addWidget(window)
        window.show()
    qtbot.keyClicks(desk_a.question, "Vraag van balie A")
    qtbot.mouseClick(desk_a.save_button, LEFT)
    qtbot.keyClicks(desk_b.question, "Vraag van balie B")
    shown = []
    monkeypatch.setattr(
        PlanWindow, "_ask_conflict", lambda self, lines: shown.extend(lines) or True
    )
    qtbot.mouseClick(desk_b.save_button, LEFT)
    assert any("Hulpvraag" in line and "Vraag van balie A" in line for line in shown)
    assert plans.get_plan(ctx, household.id).draft.draft.question == "Vraag van balie B"
    assert plan.draft.number == 1


def test_decide_on_an_objection_from_the_decisions_tab(qtbot, window, monkeypatch):
    from tests.integration.test_plans import draft_for

    qtbot.mouseClick(window.start_button, LEFT)
    plan = plans.get_plan(window.ctx, window.household.id)
    plan = plans.save_draft(
        window.ctx, plan.draft.id, plan.draft.version, draft_for(window.household)
    )
    plans.issue_version(
        window.ctx, plan.draft.id, plan.draft.version, window.ctx.today(), window.ctx.today()
    )
    window.reload(plans.get_plan(window.ctx, window.household.id))
    window.decisions.table.selectRow(0)
    objected = window.decisions.model.row_at(0).number
    monkeypatch.setattr(plan_window.QInputDialog, "getText", lambda *a, **k: ("23-11-2026", True))
    qtbot.mouseClick(window.decisions.objection_button, LEFT)
    window.decisions.table.selectRow(0)
    qtbot.mouseClick(_button(window, "decide_on_objection"), LEFT)
    dialog = window.opened[-1]
    _choose(dialog.outcome, "dismissed")
    _type(qtbot, dialog, "motivation", "Meneer heeft genoeg aan twee etmalen per maand.")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "aanspreekt met 'u'" in dialog.errors["motivation"].text()
    assert window.decisions.model.rowCount() == 2  # nothing issued yet
    _type(qtbot, dialog, "motivation", "U hebt genoeg aan twee etmalen per maand.")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert window.decisions.model.rowCount() == 3
    ruling = window.decisions.model.row_at(0)
    assert (ruling.kind, ruling.on_objection) == ("objection", objected)
    assert (
        window.decisions.model.data(window.decisions.model.index(0, 2)) == "Beslissing op bezwaar"
    )
    row = next(i for i in range(3) if window.decisions.model.row_at(i).number == objected)
    assert window.decisions.model.data(window.decisions.model.index(row, 7)) == (
        f"23-11-2026: ongegrond, beslissing {ruling.number}"
    )
