"""Figures for the team lead: a period and a wijk, computed in the background; the route shares
as a chart (where people look), every figure in a table beside it, export to CSV and PDF."""

import datetime as dt

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, InvalidValue
from triage_app.domain.figures import Figures
from triage_app.domain.values import format_date
from triage_app.services import figures, figures_export, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import save_file, tasks
from triage_app.ui.form_helpers import ErrorLabel, read_date
from triage_app.ui.models.rows_model import Column, RowsModel


class FiguresView(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Figures | None = None
        self.setWindowTitle(self.tr("Cijfers"))
        self.resize(1200, 720)
        today = ctx.today()
        self.since = QLineEdit(format_date(dt.date(today.year, 1, 1)))
        self.since.setObjectName("since")
        self.since.setAccessibleName(self.tr("Van"))
        self.until = QLineEdit(format_date(today))
        self.until.setObjectName("until")
        self.until.setAccessibleName(self.tr("Tot en met"))
        self.district = QComboBox()
        self.district.setObjectName("district")
        self.district.setAccessibleName(self.tr("Wijk"))
        self.district.addItem(self.tr("Alle wijken"), "")
        for d in reference.current(ctx).districts:
            self.district.addItem(d.name, d.name)
        self.compute_button = QPushButton(self.tr("Berekenen"))
        self.compute_button.setObjectName("compute")
        self.compute_button.clicked.connect(self.compute)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMaximumWidth(200)
        top = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Van")),
            self.since,
            QLabel(self.tr("tot en met")),
            self.until,
            QLabel(self.tr("Wijk")),
            self.district,
            self.compute_button,
            self.progress,
        ):
            top.addWidget(widget)
        top.addStretch()
        self.chart = QChart()
        self.chart.setTitle(self.tr("Gekozen routes"))
        self.chart.legend().hide()
        chart_view = QChartView(self.chart)
        chart_view.setMinimumWidth(560)
        self.model = RowsModel(
            [
                Column(self.tr("Onderdeel"), lambda r: r[0]),
                Column(self.tr("Cijfer"), lambda r: r[1]),
                Column(self.tr("Waarde"), lambda r: r[2], align_right=True),
            ]
        )
        table = QTableView()
        table.setObjectName("figures_table")
        table.setAccessibleName(self.tr("Cijfers"))
        table.setModel(self.model)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(chart_view)
        splitter.addWidget(table)
        self.error = ErrorLabel()
        self.note = QLabel(
            self.tr(
                "Aantallen kleiner dan {n} worden niet getoond, zodat geen "
                "cijfer naar een bewoner wijst."
            ).format(n=reference.current(ctx).profile.get("suppress_below", 5))
        )
        self.note.setStyleSheet("color: #555;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.note)
        bottom.addStretch()
        for name, text, slot in (
            ("export_csv", self.tr("CSV…"), self.export_csv),
            ("export_pdf", self.tr("PDF…"), self.export_pdf),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def compute(self) -> None:
        self.error.clear_message()
        try:
            since = read_date(self.since.text(), required=True)
            until = read_date(self.until.text(), required=True)
        except InvalidValue as exc:
            self.error.show_message(exc.message)
            return
        if until < since:
            self.error.show_message(self.tr("Het einde ligt voor het begin."))
            return
        district = self.district.currentData()
        self.compute_button.setEnabled(False)
        self.progress.setRange(0, 4)
        self.progress.setValue(0)
        self.task = tasks.Task(
            lambda progress, _c: figures.compute(self.ctx, since, until, district, progress)
        )
        self.task.signals.progress.connect(lambda done, _t: self.progress.setValue(done))
        self.task.signals.finished.connect(self.show_figures)
        self.task.signals.failed.connect(self._failed)
        tasks.start(self.task)

    def _failed(self, message: str) -> None:
        self.compute_button.setEnabled(True)
        self.error.show_message(message)

    def show_figures(self, result: Figures) -> None:
        self.compute_button.setEnabled(True)
        self.result = result
        self.model.set_rows(result.rows())
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet(self.tr("Routes"))
        labels = list(result.routes)
        short = {label: label.split(" (")[0].split(" /")[0] for label in labels}
        for label in labels:
            count = result.routes[label]
            bars.append(0 if 0 < count < result.threshold else count)  # suppressed stay 0
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([short[label] for label in labels])
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)

    def _title(self) -> tuple[str, str]:
        assert self.result is not None
        where = self.result.district or self.tr("alle wijken")
        return (
            self.tr("Cijfers {w}").format(w=where),
            self.tr("Van {a} tot en met {b}").format(a=self.since.text(), b=self.until.text()),
        )

    def _save(self, suffix: str, make) -> None:  # type: ignore[no-untyped-def]
        """Ask where to save, then let the service make (and log) the file."""
        if self.result is None:
            return
        path = save_file.ask_path(self, self.tr("Opslaan"), f"cijfers.{suffix}")
        if not path:
            return
        try:
            data = make(self.result)
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        save_file.write(self, path, data)

    def export_csv(self) -> None:
        self._save(
            "csv", lambda result: figures_export.csv_text(self.ctx, result).encode("utf-8-sig")
        )

    def export_pdf(self) -> None:
        self._save("pdf", lambda result: figures_export.pdf(self.ctx, result, *self._title()))
