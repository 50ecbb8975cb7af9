"""Dossiers past their retention period, and their destruction after a typed confirmation
(run off the UI thread: it also rewrites every backup)."""

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.labels import counted
from triage_app.domain.retention import RESULT_LABELS
from triage_app.domain.values import format_date
from triage_app.services import retention
from triage_app.services.context import ServiceContext
from triage_app.ui import tasks
from triage_app.ui.models.rows_model import Column, RowsModel


class RetentionView(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Bewaartermijn verstreken"))
        self.resize(800, 480)
        intro = QLabel(
            self.tr(
                "Deze dossiers zijn afgesloten en hun bewaartermijn is voorbij. Vernietigen haalt "
                "alle persoonsgegevens weg; in het auditlog blijft staan dát het gebeurd is."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(self.tr("Dossier"), lambda d: d.dossier_number),
                Column(self.tr("Uitkomst"), lambda d: RESULT_LABELS[d.result]),
                Column(self.tr("Afgesloten"), lambda d: format_date(d.closed_on)),
                Column(self.tr("Vernietigen vanaf"), lambda d: format_date(d.destroy_after)),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("retention_table")
        self.table.setAccessibleName(self.tr("Dossiers om te vernietigen"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.destroy_button = QPushButton(self.tr("Vernietigen…"))
        self.destroy_button.setObjectName("destroy")
        self.destroy_button.clicked.connect(self.destroy)
        self.status = QLabel()
        self.status.setObjectName("status")
        row = QHBoxLayout()
        row.addWidget(self.destroy_button)
        row.addStretch()
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(retention.review_list(self.ctx))
        self.status.setText(counted(self.model.rowCount(), self.tr("dossier"), self.tr("dossiers")))

    def destroy(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        dossier = self.model.row_at(rows[0].row())
        typed, ok = QInputDialog.getText(
            self,
            self.tr("Vernietigen bevestigen"),
            self.tr(
                "Dit kan niet ongedaan worden gemaakt. Typ het dossiernummer {n} om te bevestigen:"
            ).format(n=dossier.dossier_number),
        )
        if not ok:
            return
        ctx, household_id, number = self.ctx, dossier.household_id, dossier.dossier_number
        # Off the UI thread: the destruction also rewrites every backup on disk.
        self.task = tasks.Task(
            lambda _progress, _cancelled: retention.destroy(ctx, household_id, typed)
        )
        self.destroy_button.setEnabled(False)
        self.status.setText(self.tr("Bezig met vernietigen, ook in de back-ups…"))

        def done(_result) -> None:  # type: ignore[no-untyped-def]
            self.destroy_button.setEnabled(True)
            self.refresh()
            self.status.setText(self.tr("{n} is vernietigd.").format(n=number))

        def failed(message: str) -> None:
            self.destroy_button.setEnabled(True)
            self.status.clear()
            QMessageBox.warning(self, self.tr("Vernietigen"), message)

        self.task.signals.finished.connect(done)
        self.task.signals.failed.connect(failed)
        tasks.start(self.task)
