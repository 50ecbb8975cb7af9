"""The audit log per dossier or per worker, its chain check, and export to CSV."""

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, InvalidValue
from triage_app.domain.labels import counted
from triage_app.services import audit_review
from triage_app.services.context import ServiceContext
from triage_app.ui import save_file
from triage_app.ui.form_helpers import ErrorLabel, read_date
from triage_app.ui.models.rows_model import Column, RowsModel


class AuditLogView(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lines: list = []
        self.setWindowTitle(self.tr("Auditlog"))
        self.resize(1100, 700)
        self.dossier = QLineEdit()
        self.dossier.setObjectName("dossier")
        self.dossier.setPlaceholderText("H-2026-000123")
        self.worker = QLineEdit()
        self.worker.setObjectName("worker")
        self.since = QLineEdit()
        self.since.setObjectName("since")
        self.since.setAccessibleName(self.tr("Van (dd-mm-jjjj)"))
        self.until = QLineEdit()
        self.until.setObjectName("until")
        self.until.setAccessibleName(self.tr("Tot en met (dd-mm-jjjj)"))
        form = QFormLayout()
        form.addRow(self.tr("Dossier"), self.dossier)
        form.addRow(self.tr("Medewerker"), self.worker)
        period = QHBoxLayout()
        for widget in (self.since, QLabel(self.tr("tot en met")), self.until):
            period.addWidget(widget)
        form.addRow(self.tr("Van (dd-mm-jjjj)"), period)
        self.model = RowsModel(
            [
                Column(
                    self.tr("Tijd"), lambda line: line.at.astimezone().strftime("%d-%m-%Y %H:%M:%S")
                ),
                Column(self.tr("Medewerker"), lambda line: line.actor),
                Column(self.tr("Handeling"), lambda line: line.action),
                Column(self.tr("Dossier"), lambda line: line.dossier_number or ""),
                Column(self.tr("Wat"), lambda line: line.object_type or ""),
                Column(self.tr("Details"), lambda line: line.details, lambda line: line.details),
            ]
        )
        table = QTableView()
        table.setObjectName("audit_table")
        table.setAccessibleName(self.tr("Regels van het auditlog"))
        table.setModel(self.model)
        table.horizontalHeader().setStretchLastSection(True)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setObjectName("status")
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("show", self.tr("Tonen"), self.refresh),
            ("verify", self.tr("Controleer keten"), self.verify),
            ("export", self.tr("Exporteren (CSV)…"), self.export),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.error.clear_message()
        try:
            self.lines = audit_review.audit_lines(
                self.ctx,
                dossier_number=self.dossier.text() or None,
                worker=self.worker.text() or None,
                since=read_date(self.since.text()),
                until=read_date(self.until.text()),
            )
        except (DomainError, InvalidValue) as exc:
            self.error.show_message(exc.message)
            return
        self.model.set_rows(self.lines)
        self.status.setText(counted(len(self.lines), self.tr("regel"), self.tr("regels")))

    def verify(self) -> None:
        problems = audit_review.verify_audit_log(self.ctx)
        if problems:
            self.error.show_message(self.tr("Het auditlog is aangetast:\n") + "\n".join(problems))
        else:
            self.error.clear_message()
            self.status.setText(self.tr("De keten is in orde: niets gewijzigd of verwijderd."))

    def export(self) -> None:
        path = save_file.ask_path(
            self, self.tr("Auditlog exporteren"), "auditlog.csv", self.tr("CSV (*.csv)")
        )
        if not path:
            return
        what = f"dossier={self.dossier.text()} medewerker={self.worker.text()}"
        text = audit_review.export_csv(self.ctx, self.lines, what)
        if not save_file.write(self, path, text.encode("utf-8-sig")):
            return
        self.status.setText(self.tr("Geëxporteerd naar {path}").format(path=path))
