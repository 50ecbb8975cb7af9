"""My work / team work: acute work first, then every term late or due, in words and colour;
a double-click (or Enter) opens the household."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.work_queue import HEADERS, Urgency, cells
from triage_app.services import work_queue
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, tasks
from triage_app.ui.models.rows_model import Column, RowsModel

COLOURS = {
    Urgency.ACUTE: "#f8b4b0",
    Urgency.LATE: "#fde2e1",
    Urgency.TODAY: "#fff1c2",
    Urgency.SOON: "#e8f1fb",
}


class WorkQueueModel(RowsModel):
    """Rows tinted by urgency; the urgency is also written out (never colour alone). Each
    row's texts and tint are made once, when the rows arrive (a view asks for them many
    times)."""

    def __init__(self, today, parent=None) -> None:  # type: ignore[no-untyped-def]
        self.today = today
        self._cells: list[tuple[str, ...]] = []
        self._tints: list[QBrush | None] = []
        super().__init__(
            [
                Column(header, lambda i, n=n: cells(i, self.today)[n])
                for n, header in enumerate(HEADERS)
            ],
            parent,
        )

    def set_rows(self, rows) -> None:  # type: ignore[no-untyped-def]
        brushes = {urgency: QBrush(QColor(colour)) for urgency, colour in COLOURS.items()}
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [cells(item, self.today) for item in self.rows]
        self._tints = [brushes.get(item.urgency(self.today)) for item in self.rows]
        self.endResetModel()

    def column_texts(self, column: int) -> list[str]:
        return [row[column] for row in self._cells]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        row = index.row()
        if role == _DISPLAY and 0 <= row < len(self._cells):
            return self._cells[row][index.column()]
        if role == _BACKGROUND and 0 <= row < len(self._tints):
            return self._tints[row]
        return super().data(index, role)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)


class WorkQueueView(QWidget):
    open_household = Signal(object)  # household id

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Only the newest request's queue is shown (e.g. after switching scope quickly).
        self.loads = tasks.Runner(self._show, self.summary_error, self)
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.setAccessibleName(self.tr("Welk werk"))
        self.scope.addItem(self.tr("Mijn werk"), ctx.actor.username)
        self.scope.addItem(self.tr("Werk van het team"), None)
        self.scope.currentIndexChanged.connect(self.refresh)
        refresh = QPushButton(self.tr("Vernieuwen"))
        refresh.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Werkvoorraad</b>")))
        top.addWidget(self.scope)
        top.addWidget(refresh)
        top.addStretch()
        top.addWidget(self.summary)
        self.model = WorkQueueModel(ctx.today(), self)
        self.table = QTableView()
        self.table.setObjectName("work_table")
        self.table.setAccessibleName(self.tr("Werk dat klaarstaat"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        """Gather the queue in the background: on a large store it takes a moment, and the
        window is usable meanwhile."""
        ctx, worker = self.ctx, self.scope.currentData()
        self.summary.setText(self.tr("Werkvoorraad laden…"))
        self.loads.run(lambda: work_queue.work_queue(ctx, worker))

    def loading(self) -> bool:
        return self.loads.busy

    def summary_error(self, message: str) -> None:
        self.summary.setText(message)

    def _show(self, items) -> None:  # type: ignore[no-untyped-def]
        self.model.set_rows(items)
        kit.fit_columns(self.table)
        today = self.ctx.today()
        acute = sum(1 for i in items if i.urgency(today) == Urgency.ACUTE)
        late = sum(1 for i in items if i.urgency(today) == Urgency.LATE)
        text = self.tr("{n} open, waarvan {late} te laat").format(n=len(items), late=late)
        if acute:
            text = self.tr("{n} open, waarvan {acute} acuut en {late} te laat").format(
                n=len(items), acute=acute, late=late
            )
        self.summary.setText(text)

    def _open(self, row: int) -> None:
        self.open_household.emit(self.model.row_at(row).household_id)
