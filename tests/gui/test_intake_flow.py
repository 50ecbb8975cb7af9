"""The whole first conversation by keyboard and mouse, and resuming one left half-way."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.unit.test_triage_rules import FULL
from triage_app.services import drafts, intake_history
from triage_app.ui import autosave
from triage_app.ui.intake.domain_scope import CODE
from triage_app.ui.intake.intake_flow import IntakeFlow

LEFT = Qt.MouseButton.LeftButton


def click(qtbot, flow, name):
    qtbot.mouseClick(flow.findChild(QPushButton, name), LEFT)


def open_flow(qtbot, ctx, household):
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    flow.show()
    return flow


def fill_melding(qtbot, flow):
    qtbot.keyClicks(flow.question, "Mijn vrouw vergeet veel en ik kan het niet meer aan")
    flow.told_support.setChecked(True)
    flow.told_plan.setChecked(True)
    click(qtbot, flow, "melding_next")


def advice_rows(flow):
    model = flow.advice_table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def mark(qtbot, flow, domain):
    """Tick a life domain as part of the question: space on it in the list."""
    scope = flow.scope.list
    rows = range(scope.count())
    item = next(scope.item(r) for r in rows if scope.item(r).data(CODE) == domain)
    if domain not in flow.scope.codes():
        scope.setFocus()
        scope.setCurrentItem(item)
        qtbot.keyClick(scope, Qt.Key.Key_Space)
    assert domain in flow.scope.codes()


def score(flow, domain, level, notes="", qtbot=None):
    if qtbot is not None:
        mark(qtbot, flow, domain)
    combo, field = flow.scores[domain]
    combo.setCurrentIndex(combo.findData(level))
    field.setText(notes)


def test_whole_flow_from_melding_to_referral(qtbot, ctx, household, modals):
    flow = open_flow(qtbot, ctx, household)
    assert flow.step_label.text() == "Stap 1 van 4: Melding"
    assert "Onderzoek en verslag klaar vóór 04-01-2027" == flow.due_label.text()
    click(qtbot, flow, "melding_next")  # the two ticks are required
    assert "cliëntondersteuning" in flow.melding_errors.text()
    fill_melding(qtbot, flow)
    assert flow.step_label.text() == "Stap 2 van 4: Gesprek"

    score(flow, "housing", 1, "trap is gevaarlijk", qtbot=qtbot)
    assert "Huisvesting — 1 Acute problematiek" in flow.meaning.text()  # meaning while choosing
    score(flow, "time_use", 3, qtbot=qtbot)
    score(flow, "social_network", 4, qtbot=qtbot)
    qtbot.keyClicks(flow.strengths, "Kees kookt elke dag")
    click(qtbot, flow, "assessment_next")
    assert flow.step_label.text() == "Stap 3 van 4: Advies en route"
    assert "Specialistisch" in flow.advice_text.text()
    rows = advice_rows(flow)
    assert rows[0][:3] == [
        "Huisvesting (acuut)",
        "1 Acute problematiek",
        "Specialistisch (maatwerk)",
    ]
    assert "Buurthuis De Dreef" in dict((r[0], r[3]) for r in rows)["Tijdsbesteding"]
    assert "acuut: Huisvesting" in flow.acute_text.text()

    flow.route.setCurrentIndex(flow.route.findData("specialist"))
    click(qtbot, flow, "decide_route")
    assert flow.motivation_error.isVisible()
    assert "lichtere hulp" in flow.motivation_error.text()
    qtbot.keyClicks(flow.motivation, FULL)
    click(qtbot, flow, "decide_route")
    assert flow.step_label.text() == "Stap 4 van 4: Verwijzing"

    flow.target.setEditText("Wijkteam Overvecht specialistisch")
    click(qtbot, flow, "make_referral")
    assert "gemaakt" in flow.referral_done.text()
    previews = modals
    # click() rather than a synthetic mouse event: the preview dialog made in the slot is a
    # new window, which trips QTest's window assertion on the release event.
    flow.findChild(QPushButton, "print_report").click()
    flow.findChild(QPushButton, "print_referral").click()
    assert [p.document.pageCount() >= 1 for p in previews] == [True, True]
    with qtbot.waitSignal(flow.finished):
        click(qtbot, flow, "no_referral")
    kinds = [e.kind for e in intake_history.timeline(ctx, household.id)]
    assert kinds == ["Verwijzing", "Route", "Gesprek", "Melding"]


def test_killed_half_way_resumes_with_what_was_typed(qtbot, ctx, household, monkeypatch):
    flow = open_flow(qtbot, ctx, household)
    fill_melding(qtbot, flow)
    flow.autosave.timer.setInterval(50)
    score(flow, "finances", 2, qtbot=qtbot)
    qtbot.keyClicks(flow.scores["finances"][1], "rekeningen blijven liggen")
    qtbot.keyClicks(flow.wishes, "Zelf thuis blijven wonen")
    qtbot.waitUntil(lambda: bool(drafts.pending(ctx, f"assessment:{household.id}")))
    flow.deleteLater()  # killed: the gesprek was never saved

    monkeypatch.setattr(
        autosave.QMessageBox, "question", lambda *a, **k: autosave.QMessageBox.StandardButton.Yes
    )
    again = open_flow(qtbot, ctx, household)
    assert again.step_label.text() == "Stap 2 van 4: Gesprek"
    assert again.question.toPlainText().startswith("Mijn vrouw vergeet veel")
    assert again.scores["finances"][1].text() == "rekeningen blijven liggen"
    assert again.scores["finances"][0].currentData() == 2
    assert again.wishes.toPlainText() == "Zelf thuis blijven wonen"


def test_saved_half_way_resumes_without_asking(qtbot, ctx, household):
    flow = open_flow(qtbot, ctx, household)
    fill_melding(qtbot, flow)
    score(flow, "housing", 3, "huur achterstand", qtbot=qtbot)
    click(qtbot, flow, "save_assessment")
    flow.close()
    again = open_flow(qtbot, ctx, household)
    assert again.step_label.text() == "Stap 2 van 4: Gesprek"
    assert again.scores["housing"][1].text() == "huur achterstand"


def test_route_for_one_domain_and_shares_come_back(qtbot, ctx, household):
    flow = open_flow(qtbot, ctx, household)
    fill_melding(qtbot, flow)
    score(flow, "finances", 3, "post blijft liggen", qtbot=qtbot)
    score(flow, "social_network", 4, qtbot=qtbot)
    own, network, professional = flow.shares["finances"]
    own.setFocus()
    qtbot.keyClicks(own, "\b\b30")
    network.setValue(50)
    click(qtbot, flow, "save_assessment")
    flow.close()

    again = open_flow(qtbot, ctx, household)
    assert [s.value() for s in again.shares["finances"]] == [30, 50, 0]
    click(qtbot, again, "assessment_next")
    again.route_scope.setCurrentIndex(again.route_scope.findData("social_network"))
    assert again.route.currentData() == "self_network"  # that domain's advice
    assert "Geen motivering nodig" in again.motivation_hint.text()
    again.route.setCurrentIndex(again.route.findData("district_team"))
    click(qtbot, again, "decide_route")
    assert "lichtere hulp" in again.motivation_error.text()
    again.route.setCurrentIndex(again.route.findData("self_network"))
    click(qtbot, again, "decide_route")
    assert again.step_label.text() == "Stap 4 van 4: Verwijzing"
    routes = [e.text for e in intake_history.timeline(ctx, household.id) if e.kind == "Route"]
    assert routes == [
        "Sociaal netwerk - voor het hele huishouden: Zelf / eigen netwerk"
        " (advies: Zelf / eigen netwerk); besloten door Tester"
    ]


def test_routes_per_domain_and_member_show_in_the_timeline(qtbot, ctx, household):
    import dataclasses

    from tests.conftest import make_actor
    from triage_app.domain.accounts import Role

    ctx = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="anouk"))
    flow = open_flow(qtbot, ctx, household)
    fill_melding(qtbot, flow)
    score(flow, "finances", 3, "post blijft liggen", qtbot=qtbot)
    score(flow, "social_network", 4, qtbot=qtbot)
    click(qtbot, flow, "assessment_next")

    flow.route_scope.setCurrentIndex(flow.route_scope.findData("finances"))
    flow.route_person.setCurrentIndex(flow.route_person.findText("Fenna Zwanenburg"))
    advised_finances = flow.route.currentText()
    click(qtbot, flow, "decide_another")  # stays for another route
    assert flow.step_label.text() == "Stap 3 van 4: Advies en route"
    assert f"Financiën, voor Fenna Zwanenburg: {advised_finances}" in flow.routes_done.text()

    flow.route_scope.setCurrentIndex(flow.route_scope.findData("social_network"))
    flow.route_person.setCurrentIndex(flow.route_person.findText("Kees Zwanenburg"))
    click(qtbot, flow, "decide_route")
    assert flow.step_label.text() == "Stap 4 van 4: Verwijzing"

    routes = {
        e.text: e.day for e in intake_history.timeline(ctx, household.id) if e.kind == "Route"
    }
    assert routes == {
        f"Financiën - voor Fenna Zwanenburg: {advised_finances} (advies: {advised_finances});"
        " besloten door Anouk": ctx.today(),
        "Sociaal netwerk - voor Kees Zwanenburg: Zelf / eigen netwerk"
        " (advies: Zelf / eigen netwerk); besloten door Anouk": ctx.today(),
    }
