"""The kit's rules on every window: inputs are named, Tab leaves tables and text boxes,
Enter opens a table row, and a modal is deleted once closed."""

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.ui import kit
from triage_app.ui.windows import WINDOWS


def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r}"


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_input_is_named_and_tab_leaves_tables(qtbot, ctx, household, name):
    window = WINDOWS[name](ctx, household, None)
    qtbot.addWidget(window)
    window.show()
    assert [_describe(w) for w in kit.unnamed_inputs(window)] == []
    keeps_tab = [
        _describe(view)
        for view in window.findChildren(QAbstractItemView)
        if view.tabKeyNavigation() and view.isVisibleTo(window)
    ]
    assert keeps_tab == []
    takes_tab = [
        _describe(edit)
        for edit in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit)
        if not edit.tabChangesFocus() and not edit.isReadOnly()
    ]
    assert takes_tab == []


def test_tab_in_a_text_box_moves_on(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    box, after = QPlainTextEdit(), QPlainTextEdit()
    layout.addWidget(box)
    layout.addWidget(after)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    box.setFocus()
    qtbot.keyClicks(box, "eerst")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "eerst"
    assert QApplication.focusWidget() is after


def test_enter_on_a_table_opens_the_row_and_tab_leaves(qtbot, ctx, household):
    from triage_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(window.search_box, "Zwanenburg")
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.results
    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)


def test_run_modal_deletes_the_dialog_once_closed(qtbot):
    dialog = QDialog()
    gone = []
    dialog.destroyed.connect(lambda: gone.append(True))
    QTimer.singleShot(0, dialog.accept)
    assert kit.run_modal(dialog) == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: gone == [True])


def test_call_service_shows_the_dutch_message(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def refuse() -> None:
        raise DomainError("Dit mag niet.")

    assert kit.call_service(None, "Titel", refuse) is kit.FAILED
    assert kit.call_service(None, "Titel", lambda x: x * 2, 21) == 42
    assert shown == ["Dit mag niet."]


def test_focused_button_is_pressed_with_enter(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    pressed = []
    button = kit.button("&Verder", lambda: pressed.append(True))
    button.setParent(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(holder.isActiveWindow)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed == [True])
    assert isinstance(button, QObject)


def test_a_whole_column_fits_its_longest_text_even_far_below(qtbot):
    """The widest text, in row 400 of 500 (never on screen), still fits, as Qt itself
    measures that cell; a worker dragging the column narrow cannot cut it off."""
    from triage_app.ui.models.rows_model import Column, RowsModel

    model = RowsModel([Column("Dossier", lambda r: r[0]), Column("Naam", lambda r: r[1])])
    table = kit.WholeColumnsTable(0)
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(400, 200)
    table.show()
    rows = [(f"H-2025-{i:05}", "Jansen") for i in range(500)]
    rows[400] = ("H-2025-0000400-WWW", "Jansen")
    model.set_rows(rows)
    table.selectRow(0)
    qtbot.waitUntil(lambda: table.columnWidth(0) >= QTableView.sizeHintForColumn(table, 0))
    assert table.columnWidth(0) == QTableView.sizeHintForColumn(table, 0)
    table.setColumnWidth(0, 20)
    assert table.columnWidth(0) >= QTableView.sizeHintForColumn(table, 0)
    model.set_rows(rows[:3])  # a shorter set: the column narrows to what it shows
    qtbot.waitUntil(lambda: table.columnWidth(0) == QTableView.sizeHintForColumn(table, 0))
