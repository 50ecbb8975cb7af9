"""GUI test helpers: typing any text (qtbot.keyClicks aborts on non-ASCII, TECH-NOTES)."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from triage_app.ui import kit


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` one key at a time, accents and all."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture(autouse=True)
def _no_unanswered_message_boxes(monkeypatch):
    """A message box that nobody answers would hang the whole run: one a test did not expect
    (and so did not replace) fails that test with its text instead."""

    def unexpected(kind: str):  # type: ignore[no-untyped-def]
        def fail(_parent, title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise AssertionError(f"unexpected message box ({kind}) {title!r}: {text}")

        return fail

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))


@pytest.fixture(autouse=True)
def _kit_rules(qapp):
    """The app's keyboard rules, as the real app installs them at start."""
    kit.install(qapp)


@pytest.fixture
def modals(monkeypatch):
    """Dialogs opened through ``kit.run_modal`` are shown without blocking and listed here.
    Like a window manager, the shown dialog becomes the active window, and its parent's
    window again once it closes."""
    opened: list = []

    def show(dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened.append(dialog)
        owner = dialog.parentWidget().window() if dialog.parentWidget() else None
        if owner is not None:
            dialog.finished.connect(lambda _result: owner.activateWindow())
        dialog.show()
        dialog.activateWindow()
        return 0

    monkeypatch.setattr(kit, "run_modal", show)
    return opened


@pytest.fixture
def typer():
    return type_text
