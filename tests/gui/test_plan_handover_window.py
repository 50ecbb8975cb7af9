"""The hand-over driven as the workers do it: the casemanager offers the plan to a decider, the
decider finds it in the queue with its wait, sends it back with a note, the casemanager sees
the note and offers it again (to the pool), and the decider previews every letter and issues."""

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import make_actor
from tests.integration.test_plans import draft_for
from triage_app.domain.accounts import Role
from triage_app.services import plans
from triage_app.store.tables import Worker
from triage_app.ui.plan.plan_window import PlanWindow
from triage_app.ui.work_queue_view import WorkQueueView

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def people(store, ctx):
    with store.write() as session:
        for username, name, roles in (
            ("cm", "Carla Mulder", "casemanager"),
            ("gm", "Gert Mandema", "decider"),
            ("gm2", "Anna de Vries", "decider"),
        ):
            session.add(Worker(username=username, display_name=name, roles=roles, password_hash=""))
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    later = lambda: ctx.today() + dt.timedelta(days=3)  # noqa: E731 - the decider, 3 days on
    gm = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"), today=later)
    return cm, gm


def _window(qtbot, ctx, household, modals):
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    window.show()
    window.opened = modals
    return window


def _queue(qtbot, ctx):
    view = WorkQueueView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loading())
    model = view.model
    return [
        tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def _button(widget, name) -> QPushButton:
    return widget.findChild(QPushButton, name)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_hand_over_sent_back_offered_again_and_issued(qtbot, people, household, modals):
    cm, gm = people
    plan = plans.start_plan(cm, household.id)
    plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))

    # The casemanager offers the plan to Gert Mandema with a note.
    window = _window(qtbot, cm, household, modals)
    offer = _button(window, "offer_for_decision")
    assert offer.isVisible() and not _button(window, "send_back").isVisible()
    qtbot.mouseClick(offer, LEFT)
    dialog = window.opened[-1]
    dialog.to.setCurrentIndex(dialog.to.findData("gm"))
    qtbot.keyClicks(dialog.note, "Graag voor vrijdag.")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    status = window.handover.text.text()
    assert "Ligt ter besluitvorming bij Gert Mandema" in status
    assert "Graag voor vrijdag." in status
    assert not window.case_lead.isEnabled() and not window.save_button.isVisible()
    assert not window.issue_button.isVisible() and not offer.isVisible()

    # Three days later the decider finds it in "Mijn werk", with its wait.
    rows = [r for r in _queue(qtbot, gm) if r[3] == "Besluit nemen (ter besluitvorming)"]
    assert len(rows) == 1
    assert rows[0][4] == household.dossier_number
    assert rows[0][7].startswith("wacht 3 dagen, plan versie 1: Graag voor vrijdag.")

    # The decider sends it back; the note is required.
    decider = _window(qtbot, gm, household, modals)
    assert decider.issue_button.isVisible()
    qtbot.mouseClick(_button(decider, "send_back"), LEFT)
    back = decider.opened[-1]
    qtbot.mouseClick(back.ok_button, LEFT)
    assert back.errors["note"].isVisible()
    assert "Schrijf op wat de casemanager" in back.errors["note"].text()
    qtbot.keyClicks(back.note, "De omvang van de dagbesteding klopt niet met het verslag.")
    qtbot.mouseClick(back.ok_button, LEFT)
    assert decider.handover.text.text() == (
        "Teruggestuurd door Gert Mandema: De omvang van de dagbesteding klopt niet met het verslag."
    )
    assert not _button(decider, "send_back").isVisible()

    # The casemanager sees the note in the queue and on the plan, and offers it to the pool.
    rows = [r for r in _queue(qtbot, cm) if r[3] == "Plan aanpassen (teruggestuurd)"]
    assert [r[7] for r in rows] == [
        "teruggestuurd: De omvang van de dagbesteding klopt niet met het verslag."
    ]
    window.close()
    window = _window(qtbot, cm, household, modals)
    assert "Teruggestuurd door Gert Mandema" in window.handover.text.text()
    assert window.case_lead.isEnabled()
    qtbot.mouseClick(_button(window, "offer_for_decision"), LEFT)
    dialog = window.opened[-1]
    assert dialog.to.currentData() == ""  # the team's pool comes first
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "bij de pool van het team" in window.handover.text.text()
    assert [r for r in _queue(qtbot, cm) if r[3] == "Plan aanpassen (teruggestuurd)"] == []

    # The decider previews every letter the issue would print, then issues.
    decider.close()
    decider = _window(qtbot, gm, household, modals)
    qtbot.mouseClick(decider.issue_button, LEFT)
    issue = decider.opened[-1]
    qtbot.mouseClick(issue.preview_button, LEFT)
    preview = decider.opened[-1]
    text = _pdf_text(preview.pdf)
    assert "CONCEPT - nog niet vastgesteld, niet versturen" in text
    for name in ("Fenna Zwanenburg", "Kees Zwanenburg"):
        assert name in text
    assert "U zorgt elke dag voor uw vrouw." in text
    assert "concept, nog niet vastgesteld" in text  # the plan itself, as a concept
    preview.close()
    assert issue.issue_button.isEnabled()
    qtbot.mouseClick(issue.issue_button, LEFT)
    assert decider.decisions.model.rowCount() == 2
    assert not decider.handover.text.isVisible()
    assert [r for r in _queue(qtbot, gm) if r[3] == "Besluit nemen (ter besluitvorming)"] == []


def test_a_draft_with_an_arrangement_saves_before_anyone_applied(qtbot, people, household, modals):
    """The casemanager saves at any stage; the checklist then says which application to add."""
    cm, _gm = people
    window = _window(qtbot, cm, household, modals)
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.mouseClick(_button(window, "provisions_add"), LEFT)
    dialog = window.opened[-1]
    dialog.member.setCurrentIndex(dialog.member.findData(str(household.members[1].id)))
    dialog.kind.setCurrentIndex(dialog.kind.findData("day_activities"))
    dialog.segment.setCurrentIndex(dialog.segment.findData("elderly"))
    dialog.intensity["daytime"].setCurrentIndex(dialog.intensity["daytime"].findData("medium"))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert window.provision_model.rowCount() == 1 and window.application_model.rowCount() == 0
    qtbot.mouseClick(window.save_button, LEFT)
    assert window.info.text().startswith("Concept opgeslagen")
    assert not window.message.isVisible()
    saved = plans.get_plan(cm, household.id).draft.draft
    assert len(saved.provisions) == 1 and saved.applications == []
    qtbot.mouseClick(window.issue_button, LEFT)
    checklist = window.opened[-1].checklist
    texts = [checklist.item(i).text() for i in range(checklist.count())]
    assert any(
        t.startswith("✗ Fenna Zwanenburg: Voeg op het tabblad Aanvragen de aanvraag") for t in texts
    ), texts
    assert not window.opened[-1].issue_button.isEnabled()
