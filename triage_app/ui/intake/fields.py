"""Small field makers shared by the intake pages: a named combo box, text box, share spin
box or line edit (the name is what the autosave and the tests find it by)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox


def combo(name: str, items) -> QComboBox:  # type: ignore[no-untyped-def]
    combo = QComboBox()
    combo.setObjectName(name)
    for label, data in items:
        combo.addItem(label, data)
    return combo


def text(name: str, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)  # keyboard: Tab moves on instead of typing a tab
    return box


def share(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 100)
    spin.setSingleStep(10)
    spin.setSuffix("%")
    spin.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # optional: out of the Tab order
    return spin


def line(name: str, text: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setObjectName(name)
    return field
