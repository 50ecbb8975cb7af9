"""The one way the screens are built: labelled fields, keyboard-friendly tables and text boxes,
buttons with Alt-letters, one modal runner (the only test hook), one service call that shows
a Dutch error, and windows that fit the screen.

``install(app)`` puts the keyboard rules on every table and text box the app shows, so a screen
built elsewhere follows them too: Tab never stays inside a table or a text box, Enter on a
table opens its row, Home/End go to the first/last row, Enter presses a focused button.
"""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QWidget,
)

from triage_app.domain.errors import DomainError

INPUT_TYPES = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractButton,
)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FRAME = 40  # title bar and borders a window manager adds
TASK_BAR = 40  # room for a task bar that the free screen area may not show
DISABLED_TEXT = "#555555"  # 6.4:1 on the grey of a disabled field, 7.5:1 on white
PLACEHOLDER_TEXT = "#666666"  # example text in an empty field: 5.7:1 on white


class _Failed:
    """What ``call_service`` returns when the service said no (the worker saw why)."""

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Any = _Failed()


# fields ------------------------------------------------------------------------------------
def plain_label(text: str) -> str:
    """A label's text as a screen reader says it: without '&' and a closing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ").strip()


def first_input(widget: QWidget) -> QWidget | None:
    """The widget itself when it takes typing, else its first child that does."""
    if isinstance(widget, INPUT_TYPES):
        return widget
    for child in widget.findChildren(QWidget):
        if isinstance(child, INPUT_TYPES) and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return child
    return None


def label_for(widget: QWidget, text: str) -> QLabel:
    """A label tied to ``widget`` (Alt+letter jumps there) that also names it for readers."""
    label = QLabel(text)
    target = first_input(widget) or widget
    label.setBuddy(target)
    if not target.accessibleName():
        target.setAccessibleName(plain_label(text))
    return label


def add_row(form: QFormLayout, text: str, widget: QWidget) -> QWidget:
    """One labelled row in a form; the label names the input even inside a wrapper."""
    if text:
        form.addRow(label_for(widget, text), widget)
    else:
        form.addRow(widget)
    return widget


def multi_line(edit: QPlainTextEdit | QTextEdit | None = None) -> QPlainTextEdit | QTextEdit:
    """A text box where Tab and Shift+Tab move on to the next field, as everywhere else."""
    edit = edit if edit is not None else QPlainTextEdit()
    edit.setTabChangesFocus(True)
    return edit


def table(view: QAbstractItemView, on_open: Callable[[int], None] | None = None):  # type: ignore[no-untyped-def]
    """Tab leaves the table; Enter (or a double click) opens the current row."""
    view.setTabKeyNavigation(False)
    if on_open is not None:
        view.activated.connect(lambda index: on_open(index.row()))
    return view


def keep_whole(view: QTableView, *columns: int) -> None:
    """Numbers a worker reads out or copies (BSN, dossier, besluit) are never cut off:
    these columns always grow to fit their longest text."""
    header = view.horizontalHeader()
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class WholeColumnsTable(QTableView):
    """A table refilled on every keystroke whose ``whole`` columns are never cut off, as
    ``keep_whole`` does, without Qt measuring every row of the model after each reset: the
    widest text is found in Python from the model's texts (``column_texts``) and only its
    cell is measured."""

    def __init__(self, *whole: int) -> None:
        super().__init__()
        self.whole = set(whole)
        self._hints: dict[int, int] = {}  # per column, until the model's rows change

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        self._hints.clear()
        if model is not None:
            # Forgotten before the view hears of new rows (it measures again at once).
            for changed in (
                model.modelAboutToBeReset,
                model.layoutAboutToBeChanged,
                model.rowsAboutToBeInserted,
                model.rowsAboutToBeRemoved,
                model.dataChanged,
            ):
                changed.connect(self._hints.clear)
        keep_whole(self, *self.whole)  # the header has its sections once there is a model

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 - Qt's name
        model = self.model()
        if column not in self.whole or not hasattr(model, "column_texts"):
            return super().sizeHintForColumn(column)
        if column not in self._hints:
            self._hints[column] = self._widest(column)
        return self._hints[column]

    def _widest(self, column: int) -> int:
        return widest_cell(self, column, self.model().column_texts(column))  # type: ignore[union-attr]


def widest_cell(view: QTableView, column: int, texts: Sequence[str]) -> int:
    """The width the view's cells in ``column`` need, as Qt measures a cell, for the widest
    of ``texts`` (the column's texts in row order): one cell measured, not every row."""
    if not texts:
        return 0
    widest = max(set(texts), key=view.fontMetrics().horizontalAdvance)  # each text once
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    cell = view.model().index(texts.index(widest), column)
    width = view.itemDelegate().sizeHint(option, cell).width()
    return width + 1 if view.showGrid() else width


def fit_columns(view: QTableView) -> None:
    """``resizeColumnsToContents`` for a model with ``column_texts`` (a RowsModel) without
    Qt asking the model for the size of every cell: each column fits its widest text and
    its header."""
    model = view.model()
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        width = widest_cell(view, column, model.column_texts(column))  # type: ignore[attr-defined]
        view.setColumnWidth(column, max(width, header.sectionSizeHint(column)))


def button(text: str, slot: Callable[[], Any] | None = None, name: str = "") -> QPushButton:
    """A button with an Alt-letter ('&Opslaan'); Enter presses it when it has the focus."""
    made = QPushButton(text)
    if name:
        made.setObjectName(name)
    if slot is not None:
        made.clicked.connect(slot)
    return made


def next_step_keys() -> list[QKeySequence]:
    """Ctrl+Enter: the next step, in every window that has steps."""
    return [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]


# modals and service calls ------------------------------------------------------------------
def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally; it is deleted once closed. Tests replace this one function."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    fit_to_screen(dialog)
    return dialog.exec()


def call_service(parent: QWidget | None, title: str, job: Callable[..., Any], *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run one service call; a refusal is shown in Dutch and ``FAILED`` is returned."""
    try:
        return job(*args, **kwargs)
    except DomainError as exc:
        QMessageBox.warning(parent, title, exc.message)
        return FAILED


# screen fit --------------------------------------------------------------------------------
def fit_to_screen(window: QWidget) -> None:
    """Shrink a window that would not fit the screen's free area, and keep it on screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width = min(window.width(), free.width() - FRAME)
    height = min(window.height(), free.height() - FRAME - TASK_BAR)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    left = max(free.left(), min(window.x(), free.right() - window.width()))
    top = max(free.top(), min(window.y(), free.bottom() - window.height() - FRAME - TASK_BAR))
    if (left, top) != (window.x(), window.y()):
        window.move(left, top)


class _FittingScroll(QScrollArea):
    """A scroll area that asks for its content's full size: it only scrolls when the screen
    is too small for that, not at an arbitrary height."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        content = self.widget()
        if content is None:
            return super().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        hint = content.sizeHint()
        return QSize(
            hint.width() + bar + 2 * self.frameWidth(), hint.height() + 2 * self.frameWidth()
        )


def scrolled(content: QWidget) -> QScrollArea:
    """Long content in a scroll area, so the window around it fits a laptop screen."""
    area = _FittingScroll()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


# the rules put on everything shown ---------------------------------------------------------
def tidy(root: QWidget) -> None:
    """Apply the keyboard rules and readable names to ``root`` and everything inside it."""
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setTabChangesFocus(True)
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            target = first_input(widget.buddy())
            if target is not None and target is not widget.buddy():
                widget.setBuddy(target)
            if target is not None and not target.accessibleName():
                target.setAccessibleName(plain_label(widget.text()))
        elif isinstance(widget, QLineEdit) and not widget.accessibleName():
            if widget.placeholderText():
                widget.setAccessibleName(widget.placeholderText())


def unnamed_inputs(root: QWidget) -> list[QWidget]:
    """Inputs a screen reader could not name: no accessible name, no label, no text."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUT_TYPES) or not widget.isVisibleTo(root):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (a spin box's line edit, a scroll bar)
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue
        if widget.accessibleName() or id(widget) in buddies:
            continue
        missing.append(widget)
    return missing


class _KeyboardRules(QObject):
    """Puts ``tidy`` on every window as it shows, and makes Enter work on tables/buttons."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            tidy(watched)
            if watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog):
                fit_to_screen(watched)
        elif kind == QEvent.Type.Polish and isinstance(watched, QAbstractItemView):
            watched.setTabKeyNavigation(False)
        elif kind == QEvent.Type.Polish and isinstance(watched, QPlainTextEdit | QTextEdit):
            watched.setTabChangesFocus(True)
        elif kind == QEvent.Type.KeyPress and event.key() in ENTER_KEYS:  # type: ignore[attr-defined]
            return self._enter(watched, event)
        return False

    def _enter(self, watched: QObject, event: QEvent) -> bool:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
            return False  # Ctrl+Enter is the next-step shortcut
        if isinstance(watched, QAbstractItemView):
            if watched.state() == QAbstractItemView.State.EditingState:
                return False
            index = watched.currentIndex()
            if index.isValid():
                watched.activated.emit(index)
                return True
            return False
        if isinstance(watched, QPushButton) and watched.isEnabled():
            if isinstance(watched.window(), QDialog) and watched.isDefault():
                return False  # the dialog presses its default button itself
            watched.click()
            return True
        return False


_rules: _KeyboardRules | None = None


def install(app: QApplication) -> None:
    """Put the keyboard rules and the readable colours on the whole application (once)."""
    global _rules  # noqa: PLW0603 - one filter per process
    if _rules is None:
        _rules = _KeyboardRules(app)
        app.installEventFilter(_rules)
    readable_colours(app)


def readable_colours(app: QApplication) -> None:
    """Disabled and read-only text, and a field's grey example text, at least 4.5:1 against
    their background (WCAG AA); the styles draw them far paler (1.6:1) by default."""
    palette = app.palette()
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER_TEXT))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.PlaceholderText, QColor(DISABLED_TEXT)
    )
    app.setPalette(palette)
