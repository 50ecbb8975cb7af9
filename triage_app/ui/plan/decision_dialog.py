"""Issue (vaststellen) a plan version: the checklist of legal elements blocks while any is
missing; only a mandated decider may issue a version that carries beschikkingen. The typed
dates are kept as a draft (``issue:<version id>``) through the kit's autosave."""

import datetime as dt
import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, InvalidValue
from triage_app.domain.household import PersonView
from triage_app.domain.plan_views import PlanVersionView
from triage_app.domain.values import format_date
from triage_app.services import plans
from triage_app.services.context import ServiceContext
from triage_app.ui import autosave
from triage_app.ui.form_helpers import ErrorLabel, read_date


class DecisionDialog(QDialog):
    issued = Signal(object)  # PlanView

    def __init__(
        self,
        ctx: ServiceContext,
        version: PlanVersionView,
        members: list[PersonView],
        parent: QWidget | None = None,
        household_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.version = ctx, version
        self.names = {m.id: m.name for m in members}
        self.setWindowTitle(self.tr("Plan vaststellen"))
        self.setMinimumWidth(560)
        explain = QLabel(
            self.tr(
                "Na vaststellen verandert deze versie nooit meer. Voor wie maatwerk aanvroeg, "
                "wordt een beschikking gemaakt: een officieel besluit waartegen de bewoner "
                "bezwaar kan maken."
            )
        )
        explain.setWordWrap(True)
        today = ctx.today()
        self.decision_date = QLineEdit(format_date(today))
        self.decision_date.setObjectName("decision_date")
        self.send_date = QLineEdit(format_date(today + dt.timedelta(days=1)))
        self.send_date.setObjectName("send_date")
        form = QFormLayout()
        form.addRow(self.tr("Datum besluit"), self.decision_date)
        form.addRow(self.tr("Verzenddatum"), self.send_date)
        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist")
        self.error = ErrorLabel()
        self.error.setObjectName("decision_error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.issue_button = buttons.addButton(
            self.tr("Vaststellen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.issue_button.setObjectName("issue_button")
        self.preview_button = buttons.addButton(
            self.tr("Voorbeeld van de brieven…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setObjectName("preview_letters")
        self.preview_button.setToolTip(
            self.tr("Bekijk elke beschikking en het plan zoals ze worden afgedrukt, als concept.")
        )
        self.preview_button.clicked.connect(self._preview)
        buttons.accepted.connect(self._issue)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Controle van de beschikking:")))
        layout.addWidget(self.checklist)
        # A gap in cover or an overlap: a warning to read before issuing, not a block.
        self.warnings = QLabel("\n".join(plans.cover_warnings(ctx, version.id)))
        self.warnings.setObjectName("cover_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a4b00;")
        self.warnings.setVisible(bool(self.warnings.text()))
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.decision_date.textChanged.connect(self.refresh)
        self.send_date.textChanged.connect(self.refresh)
        self.refresh()
        self.autosave = autosave.FormAutosave(
            ctx, self, f"issue:{version.id}", self.tr("Plan vaststellen"), household_id
        )
        self.rejected.connect(self.autosave.dropped)
        self._offer_draft = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        """Offer a draft kept before a crash back, once."""
        super().showEvent(event)
        if self._offer_draft:
            self._offer_draft = False
            QTimer.singleShot(0, self.autosave.restore_if_any)

    def _dates(self) -> tuple[dt.date | None, dt.date | None]:
        try:
            return read_date(self.decision_date.text()), read_date(self.send_date.text())
        except InvalidValue:
            return None, None

    def refresh(self) -> None:
        self.checklist.clear()
        decision_date, send_date = self._dates()
        missing = plans.decision_checklist(self.ctx, self.version.id, decision_date, send_date)
        if not missing:
            self.checklist.addItem(
                self.tr("Geen maatwerk aangevraagd: het plan wordt vastgesteld zonder beschikking.")
            )
        for person_id, items in missing.items():
            name = self.names.get(person_id, "?")
            if items:
                for item in items:
                    self.checklist.addItem(
                        QListWidgetItem(self.tr("✗ {name}: {item}").format(name=name, item=item))
                    )
            else:
                self.checklist.addItem(self.tr("✓ {name}: compleet").format(name=name))
        self.complete = not any(missing.values()) and None not in self._dates()
        self.issue_button.setEnabled(self.complete)

    def _preview(self) -> None:
        """Every letter the issue would print, marked CONCEPT, in the print preview."""
        from triage_app.services.issue_preview import issue_preview_pdf
        from triage_app.ui import kit
        from triage_app.ui.print_preview import PrintPreview

        decision_date, send_date = self._dates()
        if decision_date is None or send_date is None:
            self.error.show_message(self.tr("Vul beide datums in als dd-mm-jjjj."))
            return
        self.error.clear_message()

        def render(large: bool | None = None) -> bytes:
            return issue_preview_pdf(self.ctx, self.version.id, decision_date, send_date, large)

        try:
            pdf = render()
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        kit.run_modal(
            PrintPreview(
                pdf,
                self.tr("Voorbeeld: besluiten en plan (concept)"),
                "concept-besluiten.pdf",
                self,
                rerender=render,
            )
        )

    def _issue(self) -> None:
        decision_date, send_date = self._dates()
        if decision_date is None or send_date is None:
            self.error.show_message(self.tr("Vul beide datums in als dd-mm-jjjj."))
            return
        try:
            plan = plans.issue_version(
                self.ctx, self.version.id, self.version.version, decision_date, send_date
            )
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        self.autosave.saved()
        self.autosave.timer.stop()
        self.issued.emit(plan)
        self.accept()
