"""The work queue: late first, urgency in words as well as colour, one click to the household."""

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from tests.conftest import make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.domain.intake import Channel, RequestInput, Source
from triage_app.services import households, intake
from triage_app.ui.main_window import MainWindow
from triage_app.ui.work_queue_view import WorkQueueModel, WorkQueueView


def test_queue_opens_the_right_household(qtbot, ctx, qtmodeltester):
    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    views = []
    for n, weeks_ago in enumerate((7, 6, 2)):
        view = households.register_household(
            worker,
            HouseholdInput(
                street="Drift",
                house_number=str(n + 1),
                postcode="3512 BS",
                city="Utrecht",
                district="Binnenstad",
                members=[
                    PersonInput(first_name="Ans", last_name=f"Kok{n}", birth_date="01-01-1950")
                ],
            ),
        )
        intake.register_request(
            worker,
            view.id,
            RequestInput(
                ctx.today() - dt.timedelta(weeks=weeks_ago),
                Source.RESIDENT,
                Channel.DESK,
                "Hulp bij de post",
                told_client_support=True,
                told_personal_plan=True,
            ),
        )
        views.append(view)
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    queue: WorkQueueView = window.work
    model = queue.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert [model.row_at(i).dossier_number for i in range(3)] == [
        views[0].dossier_number,
        views[1].dossier_number,
        views[2].dossier_number,
    ]
    texts = [model.data(model.index(i, 0)) for i in range(3)]
    assert texts == ["Te laat", "Vandaag", "Later"]
    assert model.data(model.index(0, 1)) == "7 dagen te laat"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "waarvan 1 te laat" in queue.summary.text()
    qtmodeltester.check(WorkQueueModel(ctx.today()))
    qtmodeltester.check(model)
    for column in range(model.columnCount()):  # every text whole, as Qt measures the cells
        assert queue.table.columnWidth(column) >= queue.table.sizeHintForColumn(column)

    queue.table.scrollTo(model.index(1, 4))
    rect = queue.table.visualRect(model.index(1, 4))
    assert rect.isValid()
    qtbot.mouseClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    assert window.household_screen.household.id == views[1].id


def test_acute_work_shows_first_in_both_scopes(qtbot, ctx):
    """A melding ticked Spoed yesterday sits above a melding whose onderzoek is 7 days late,
    for the worker and for the team, written out as "Acuut"."""
    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    for n, (weeks_ago, urgent) in enumerate(((7, False), (0, True))):
        view = households.register_household(
            worker,
            HouseholdInput(
                street="Drift",
                house_number=str(n + 1),
                postcode="3512 BS",
                city="Utrecht",
                district="Binnenstad",
                members=[
                    PersonInput(first_name="Ans", last_name=f"Kok{n}", birth_date="01-01-1950")
                ],
            ),
        )
        intake.register_request(
            worker,
            view.id,
            RequestInput(
                ctx.today() - dt.timedelta(weeks=weeks_ago, days=1),
                Source.RESIDENT,
                Channel.DESK,
                "Dreigende uitzetting" if urgent else "Hulp bij de post",
                urgent=urgent,
                told_client_support=True,
                told_personal_plan=True,
            ),
        )
    queue = WorkQueueView(worker)
    qtbot.addWidget(queue)
    queue.show()
    model = queue.model
    for scope in ("Mijn werk", "Werk van het team"):
        if queue.scope.currentText() != scope:
            queue.scope.setFocus()
            qtbot.keyClick(queue.scope, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda s=scope: queue.scope.currentText() == s and not queue.loading())
        qtbot.waitUntil(lambda: model.rowCount() == 3)
        column = [model.data(model.index(i, 0)) for i in range(3)]
        assert column == ["Acuut", "Te laat", "Later"], scope
        assert model.data(model.index(0, 3)) == "Acute melding"
        assert model.data(model.index(0, 1)) == "vandaag"  # one working day after Sunday
        assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
        assert "1 acuut" in queue.summary.text()


def test_the_acute_row_opens_a_household_that_says_acuut(qtbot, ctx):
    """Enter on the acute row opens the household: "Acuut" with the reasons beside the open
    melding, and the melding marked acute in the timeline."""
    from triage_app.domain.intake import AssessmentInput, Score

    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    home = households.register_household(
        worker,
        HouseholdInput(
            street="Drift",
            house_number="9",
            postcode="3512 BS",
            city="Utrecht",
            district="Binnenstad",
            members=[PersonInput(first_name="Ans", last_name="Kok", birth_date="01-01-1950")],
        ),
    )
    view = intake.register_request(
        worker,
        home.id,
        RequestInput(
            ctx.today(),
            Source.RESIDENT,
            Channel.DESK,
            "De verhuurder zet mij uit huis",
            urgent=True,
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    intake.save_assessment(
        worker, view.request_id, AssessmentInput(home.members[0].id, [Score("housing", 1)])
    )
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    queue: WorkQueueView = window.work
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    assert queue.model.data(queue.model.index(0, 0)) == "Acuut"
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(0, 0))
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    screen = window.household_screen
    qtbot.waitUntil(lambda: window.pages.currentWidget() is screen and not screen.loading())
    qtbot.waitUntil(screen.acute.isVisible)
    assert screen.acute.text() == "Acuut: spoed, Huisvesting"
    rows = [screen.timeline_model.row_at(i) for i in range(screen.timeline_model.rowCount())]
    melding = next(e for e in rows if e.kind == "Melding")
    assert melding.text.startswith("Acuut (spoed, Huisvesting): De verhuurder zet mij uit huis")
