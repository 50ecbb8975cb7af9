"""A table with Toevoegen / Wijzigen / Verwijderen buttons and Insert / Enter / Delete keys."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.ui.models.rows_model import RowsModel


class ListTab(QWidget):
    """A table with Toevoegen / Wijzigen / Verwijderen (Insert, Enter, Delete)."""

    def __init__(self, name: str, model: RowsModel, add, edit, remove, title: str = "") -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.table = QTableView()
        self.table.setObjectName(f"{name}_table")
        self.table.setAccessibleName(title or name)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the result / kind
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda index: edit(index.row()))
        self.buttons = []
        row = QHBoxLayout()
        for label, action, key in (
            (self.tr("Toevoegen"), add, "add"),
            (self.tr("Wijzigen"), lambda: self._with_row(edit), "edit"),
            (self.tr("Verwijderen"), lambda: self._with_row(remove), "remove"),
        ):
            button = QPushButton(label)
            button.setObjectName(f"{name}_{key}")
            button.clicked.connect(action)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch()
        for key, action in (
            (Qt.Key.Key_Insert, add),
            (Qt.Key.Key_Delete, lambda: self._with_row(remove)),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)

    def _with_row(self, action) -> None:  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        if rows:
            action(rows[0].row())

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons:
            button.setVisible(editable)
