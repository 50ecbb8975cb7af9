"""GUI test helpers: typing any text (qtbot.keyClicks aborts on non-ASCII, TECH-NOTES)."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

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
