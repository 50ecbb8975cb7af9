"""Print a day's decisions (or a selection) into one PDF, laid out in a child process with
progress and a stop button (Stop ends the child); the window stays usable meanwhile."""

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, InvalidValue
from triage_app.domain.labels import counted
from triage_app.domain.values import format_date
from triage_app.services import batch_printing, printing
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, tasks
from triage_app.ui.form_helpers import ErrorLabel, read_date
from triage_app.ui.print_preview import PrintPreview


class BatchPrintDialog(QDialog):
    done = Signal(object)  # the PDF bytes, or None when stopped

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: tasks.Task | None = None
        self.batch: batch_printing.BatchInChild | None = None
        self.pdf: bytes | None = None
        self.setWindowTitle(self.tr("Besluiten afdrukken"))
        self.resize(560, 520)
        self.day = QLineEdit(format_date(ctx.today()))
        self.day.setObjectName("day")
        self.day.setAccessibleName(self.tr("Vastgesteld op"))
        self.day.returnPressed.connect(self.load)
        find = QPushButton(self.tr("Zoeken"))
        find.clicked.connect(self.load)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Vastgesteld op")))
        top.addWidget(self.day)
        top.addWidget(find)
        self.list = QListWidget()
        self.list.setObjectName("decisions")
        self.list.setAccessibleName(self.tr("Besluiten"))
        self.large = QCheckBox(self.tr("Alles in grote letters"))
        self.large.setObjectName("large_print")
        self.large.setToolTip(self.tr("Anders krijgt ieder de brief zoals hij of zij dat wil."))
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.error = ErrorLabel()
        self.start_button = QPushButton(self.tr("PDF maken"))
        self.start_button.setObjectName("start")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stoppen"))
        self.stop_button.setObjectName("stop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for widget in (self.large, self.start_button, self.stop_button, close):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.error.clear_message()
        try:
            day = read_date(self.day.text(), required=True)
        except InvalidValue as exc:
            self.error.show_message(exc.message)
            return
        self.list.clear()
        for number in printing.decisions_issued_on(self.ctx, day or dt.date.today()):
            item = QListWidgetItem(number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.status.setText(counted(self.list.count(), self.tr("besluit"), self.tr("besluiten")))

    def chosen(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def start(self) -> None:
        numbers = self.chosen()
        if not numbers:
            self.error.show_message(self.tr("Kies minstens één besluit."))
            return
        large = True if self.large.isChecked() else None  # None: as each resident prefers
        self.progress.setRange(0, len(numbers))
        self.progress.setValue(0)
        self.status.setText(self.tr("Bezig…"))
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.batch = batch_printing.BatchInChild(self.ctx, numbers, large)
        self.task = tasks.Task(self.batch.run)
        self.task.signals.progress.connect(lambda done, _total: self.progress.setValue(done))
        self.task.signals.finished.connect(self._finished)
        self.task.signals.failed.connect(self._failed)
        tasks.start(self.task)

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Stoppen…"))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if self.stop_button.isEnabled():
            self.stop()  # closing the window ends a running batch; nothing is printed
        super().closeEvent(event)

    def _finished(self, pdf: bytes | None) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.pdf = pdf
        if pdf is None:
            self.status.setText(self.tr("Gestopt: er is niets afgedrukt."))
        else:
            self.status.setText(
                self.tr("Klaar: {what} in één PDF.").format(
                    what=counted(self.progress.maximum(), self.tr("besluit"), self.tr("besluiten"))
                )
            )
            self.show_preview(pdf)
        self.done.emit(pdf)

    def _failed(self, message: str) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.error.show_message(message)

    def show_preview(self, pdf: bytes) -> None:
        kit.run_modal(
            PrintPreview(pdf, self.tr("Besluiten"), f"besluiten-{self.day.text()}.pdf", self)
        )


def open_decision(ctx: ServiceContext, number: str, parent: QWidget | None = None) -> None:
    """Preview one decision letter, ready to print or save."""
    try:
        large = printing.prefers_large_print(ctx, decision=number)
        pdf = printing.decision_pdf(ctx, number)
    except DomainError as exc:
        QMessageBox.warning(parent, "Besluit", exc.message)
        return
    kit.run_modal(
        PrintPreview(
            pdf,
            f"Besluit {number}",
            f"{number}.pdf",
            parent,
            rerender=lambda on: printing.decision_pdf(ctx, number, on),
            large_print=large,
        )
    )
