"""Printing at the desk: a preview to zoom, save and print; a day's decisions in one PDF in the
background, with progress and a stop button."""

import dataclasses
import io
import os
import signal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import text

from tests.conftest import make_actor
from tests.integration.test_plans import draft_for, issue
from triage_app.domain.accounts import Role
from triage_app.domain.audit import AuditAction
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import batch_printing, households, plans, printing
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


def _printed(ctx) -> int:
    with ctx.store.read() as session:
        return session.execute(
            text("SELECT count(*) FROM audit_log WHERE action = :a"),
            {"a": AuditAction.PRINTED.value},
        ).scalar()


def _alive(pid: int) -> bool:
    """A process that runs (a zombie not yet reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_batch_print_runs_in_a_child_process(qtbot, ctx, dialog):
    issue_for(ctx, 1)
    window = dialog()
    with qtbot.waitSignal(window.done, timeout=60_000) as done:
        qtbot.mouseClick(window.start_button, LEFT)
    assert done.args[0].startswith(b"%PDF")
    pid = window.batch.pid
    assert pid is not None and pid != os.getpid()
    assert not _alive(pid)  # the child ended with its batch
    assert _printed(ctx) == 2  # each letter logged once, by the parent after the batch


def test_batch_print_can_be_stopped(qtbot, ctx, dialog, monkeypatch):
    issue_for(ctx, 20)
    # The child waits at its first progress report until the parent lets go, so the test does
    # not race a fast machine that lays out all 40 letters before the click.
    monkeypatch.setenv(batch_printing.HOLD_ENV, "1")
    window = dialog()
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.waitUntil(lambda: window.batch is not None and window.batch.pid is not None)
    pid = window.batch.pid
    assert _alive(pid)  # the layout runs in another process than the window
    qtbot.waitUntil(lambda: window.batch.last_progress == (0, 40), timeout=30_000)
    assert _alive(pid)  # held at its first letter, still running
    with qtbot.waitSignal(window.done, timeout=30_000) as done:
        qtbot.mouseClick(window.stop_button, LEFT)
    assert done.args[0] is None
    assert not _alive(pid)  # Stop ended the child
    assert window.status.text() == "Gestopt: er is niets afgedrukt."
    assert window.start_button.isEnabled()
    assert _printed(ctx) == 0


def test_closing_the_dialog_ends_a_running_batch(qtbot, ctx, dialog, monkeypatch):
    issue_for(ctx, 2)
    monkeypatch.setenv(batch_printing.HOLD_ENV, "1")
    window = dialog()
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.waitUntil(lambda: window.batch is not None and window.batch.last_progress is not None)
    pid = window.batch.pid
    with qtbot.waitSignal(window.done, timeout=30_000) as done:
        window.close()
    assert done.args[0] is None
    assert not _alive(pid)
    assert _printed(ctx) == 0


def test_a_failing_child_gives_a_dutch_message(qtbot, ctx, dialog, monkeypatch):
    issue_for(ctx, 2)
    monkeypatch.setenv(batch_printing.HOLD_ENV, "1")
    window = dialog()
    finished = []
    window.done.connect(finished.append)
    qtbot.mouseClick(window.start_button, LEFT)
    qtbot.waitUntil(lambda: window.batch is not None and window.batch.pid is not None)
    os.kill(window.batch.pid, signal.SIGKILL)  # the child dies halfway
    qtbot.waitUntil(window.start_button.isEnabled, timeout=30_000)
    assert window.error.text().startswith("Het afdrukken is onverwacht gestopt.")
    assert "Traceback" not in window.error.text()
    assert not finished
    assert _printed(ctx) == 0


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
