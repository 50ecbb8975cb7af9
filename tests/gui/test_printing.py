"""Printing at the desk: a preview to zoom, save and print; a day's decisions in one PDF in the
background, with progress and a stop button."""

import dataclasses
import io
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from tests.conftest import make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import households, plans, printing
from triage_app.ui import batch_print
from triage_app.ui.batch_print import BatchPrintDialog
from triage_app.ui.print_preview import PrintPreview

LEFT = Qt.MouseButton.LeftButton


def issue_for(ctx, count: int) -> None:
    cm = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    decider = dataclasses.replace(ctx, actor=make_actor(Role.DECIDER, username="gm"))
    for n in range(count):
        household = households.register_household(
            ctx,
            HouseholdInput(
                street="Vechtzoom",
                house_number=str(n + 1),
                postcode="3545 AB",
                city="Utrecht",
                district="Leidsche Rijn",
                members=[
                    PersonInput(
                        first_name="Fenna", last_name=f"Zwanenburg{n}", birth_date="14-05-1951"
                    ),
                    PersonInput(
                        first_name="Kees",
                        last_name=f"Zwanenburg{n}",
                        birth_date="02-02-1949",
                        role=MemberRole.PARTNER,
                    ),
                ],
            ),
        )
        plan = plans.start_plan(cm, household.id)
        plan = plans.save_draft(cm, plan.draft.id, plan.draft.version, draft_for(household))
        issue(decider, plan)


@pytest.fixture
def dialog(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(BatchPrintDialog, "show_preview", lambda self, pdf: None)

    def make():
        window = BatchPrintDialog(ctx)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def test_batch_print_of_the_day_with_progress(qtbot, ctx, dialog):
    issue_for(ctx, 3)
    window = dialog()
    assert window.list.count() == 6
    window.list.item(5).setCheckState(Qt.CheckState.Unchecked)  # a selection
    with qtbot.waitSignal(window.done, timeout=30_000) as done:
        qtbot.mouseClick(window.start_button, LEFT)
    reader = PdfReader(io.BytesIO(done.args[0]))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count("Pagina 1 van") == 5
    assert window.progress.value() == window.progress.maximum() == 5
    assert window.status.text() == "Klaar: 5 besluiten in één PDF."


def test_batch_print_can_be_stopped(qtbot, ctx, dialog, monkeypatch):
    issue_for(ctx, 20)
    window = dialog()
    reported, stop_pressed = threading.Event(), threading.Event()
    real = printing.decisions_pdf

    def held_at_first_letter(ctx, numbers, large, progress, cancelled):
        # The job waits at its first progress report until Stop has been pressed, so the test
        # does not race a fast machine that lays out all 20 letters before the click.
        def report(done, total):
            progress(done, total)
            reported.set()
            stop_pressed.wait(timeout=30)

        return real(ctx, numbers, large, report, cancelled)

    monkeypatch.setattr(batch_print.printing, "decisions_pdf", held_at_first_letter)
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.waitUntil(reported.is_set, timeout=30_000)
    qtbot.mouseClick(window.stop_button, LEFT)
    stop_pressed.set()
    with qtbot.waitSignal(window.done, timeout=30_000) as done:
        pass
    assert done.args[0] is None
    assert window.status.text() == "Gestopt: er is niets afgedrukt."
    assert window.start_button.isEnabled()


def test_preview_zooms_saves_and_prints(qtbot, ctx, tmp_path, monkeypatch):
    issue_for(ctx, 1)
    number = printing.decisions_issued_on(ctx, ctx.today())[0]
    pdf = printing.decision_pdf(ctx, number)
    preview = PrintPreview(pdf, "Besluit", "besluit.pdf")
    qtbot.addWidget(preview)
    preview.show()
    assert preview.document.pageCount() == len(PdfReader(io.BytesIO(pdf)).pages)
    before = preview.view.zoomFactor()
    qtbot.mouseClick(preview.findChild(type(preview.print_button), "zoom_in"), LEFT)
    assert preview.view.zoomFactor() > before

    target = tmp_path / "opgeslagen.pdf"
    monkeypatch.setattr(
        "triage_app.ui.save_file.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), "PDF (*.pdf)"),
    )
    qtbot.mouseClick(preview.save_button, LEFT)
    assert target.read_bytes() == pdf

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    preview.print_to(printer)
    assert len(PdfReader(str(tmp_path / "printer.pdf")).pages) == preview.document.pageCount()
    # The PDF itself, real text with its fonts, not page-sized images.
    assert (tmp_path / "printer.pdf").read_bytes() == pdf


def test_preview_switches_to_large_print_and_remembers_it(qtbot, ctx, monkeypatch):
    issue_for(ctx, 1)
    shown = []
    monkeypatch.setattr(batch_print.PrintPreview, "exec", lambda self: shown.append(self))  # noqa: PLW0108 - needs the instance
    batch_print.open_decision(ctx, "B-2026-000001")
    preview = shown[0]
    qtbot.addWidget(preview)
    box = preview.findChild(type(preview.large_print), "large_print")
    assert not box.isChecked()
    normal_pages = preview.document.pageCount()
    box.click()
    assert preview.document.pageCount() > normal_pages  # bigger letters, more pages
    assert printing.prefers_large_print(ctx, decision="B-2026-000001")
    shown.clear()
    batch_print.open_decision(ctx, "B-2026-000001")  # next time: large print ticked already
    assert shown[0].large_print.isChecked()
    assert shown[0].document.pageCount() == preview.document.pageCount()


def test_open_decision_from_the_plan(qtbot, ctx, monkeypatch):
    issue_for(ctx, 1)
    shown = []
    monkeypatch.setattr(batch_print.PrintPreview, "exec", lambda self: shown.append(self))  # noqa: PLW0108 - needs the instance
    batch_print.open_decision(ctx, "B-2026-000001")
    assert shown and shown[0].document.pageCount() >= 1
