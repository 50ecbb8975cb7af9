"""The versions of a plan, and side by side what changed between two of them."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from triage_app.domain.plan_views import PlanView
from triage_app.services import plans
from triage_app.services.context import ServiceContext
from triage_app.ui.models.rows_model import Column, RowsModel

STATUS_LABELS = {"draft": "Concept", "issued": "Vastgesteld"}


def _status(version) -> str:  # type: ignore[no-untyped-def]
    text = STATUS_LABELS.get(version.status, version.status)
    if version.superseded_by_number:
        text += f", vervangen door versie {version.superseded_by_number}"
    return text


class VersionHistory(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: PlanView | None = None
        self.versions = RowsModel(
            [
                Column(self.tr("Versie"), lambda v: str(v.number)),
                Column(self.tr("Status"), _status),
                Column(
                    self.tr("Vastgesteld"),
                    lambda v: (
                        v.issued_at.astimezone().strftime("%d-%m-%Y %H:%M") if v.issued_at else ""
                    ),
                ),
                Column(self.tr("Door"), lambda v: v.issued_by or ""),
                Column(self.tr("Reden van wijziging"), lambda v: v.change_reason),
            ]
        )
        table = QTableView()
        table.setObjectName("versions_table")
        table.setAccessibleName(self.tr("Versies van het plan"))
        table.setModel(self.versions)
        table.horizontalHeader().setStretchLastSection(True)
        self.older, self.newer = QComboBox(), QComboBox()
        self.older.setObjectName("compare_older")
        self.newer.setObjectName("compare_newer")
        self.diff = RowsModel(
            [
                Column(self.tr("Onderdeel"), lambda d: d.section),
                Column(self.tr("Wat"), lambda d: d.item),
                Column(self.tr("Was"), lambda d: d.before),
                Column(self.tr("Wordt"), lambda d: d.after),
            ]
        )
        diff_table = QTableView()
        diff_table.setObjectName("diff_table")
        diff_table.setAccessibleName(self.tr("Verschillen tussen de versies"))
        diff_table.setModel(self.diff)
        diff_table.setWordWrap(True)
        diff_table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Vergelijk versie")))
        row.addWidget(self.older)
        row.addWidget(QLabel(self.tr("met versie")))
        row.addWidget(self.newer)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        layout.addWidget(diff_table, 2)
        self.older.currentIndexChanged.connect(self.compare)
        self.newer.currentIndexChanged.connect(self.compare)

    def show_plan(self, plan: PlanView | None) -> None:
        self.plan = plan
        versions = plan.versions if plan else []
        self.versions.set_rows(versions)
        for combo in (self.older, self.newer):
            combo.blockSignals(True)
            combo.clear()
            for v in versions:
                combo.addItem(str(v.number), v.number)
            combo.blockSignals(False)
        if len(versions) >= 2:
            self.older.setCurrentIndex(len(versions) - 2)
            self.newer.setCurrentIndex(len(versions) - 1)
        self.compare()

    def compare(self) -> None:
        if (
            self.plan is None
            or self.older.currentData() is None
            or (self.newer.currentData() is None)
        ):
            self.diff.set_rows([])
            return
        self.diff.set_rows(
            plans.compare_versions(
                self.ctx, self.plan, self.older.currentData(), self.newer.currentData()
            )
        )
