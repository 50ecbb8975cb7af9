"""Evaluate the plan: continue, scale down, change or close (with a reason)."""

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.plan import CLOSURE_LABELS, ClosureReason, EvaluationOutcome
from triage_app.domain.values import format_date
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import read_date

OUTCOME_LABELS = {
    EvaluationOutcome.CONTINUE: "Doorgaan zoals afgesproken",
    EvaluationOutcome.SCALE_DOWN: "Afschalen naar lichtere hulp (nieuwe versie)",
    EvaluationOutcome.CHANGE: "Plan wijzigen (nieuwe versie)",
    EvaluationOutcome.CLOSE: "Plan afsluiten",
}


class EvaluationDialog(FormDialog):
    def __init__(self, today, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(self.tr("Evaluatie"), parent)
        self.date = self.add_field(
            "date", self.tr("Datum evaluatie"), QLineEdit(format_date(today))
        )
        self.outcome = QComboBox()
        for outcome, label in OUTCOME_LABELS.items():
            self.outcome.addItem(label, outcome.value)
        self.add_field("outcome", self.tr("Uitkomst"), self.outcome)
        self.notes = self.add_field("notes", self.tr("Wat is er bereikt?"), QPlainTextEdit())
        self.notes.setFixedHeight(80)
        self.reason = QComboBox()
        self.reason.addItem("", "")
        for reason, label in CLOSURE_LABELS.items():
            self.reason.addItem(label, reason.value)
        self.add_field("closure_reason", self.tr("Reden afsluiten"), self.reason)
        self.aftercare = self.add_field(
            "aftercare_date", self.tr("Nazorg op"), QLineEdit(), self.tr("dd-mm-jjjj, mag leeg")
        )
        self.ok_button.setText(self.tr("Evaluatie opslaan"))

    def collect(self) -> dict:
        errors = {}
        values: dict = {
            "outcome": EvaluationOutcome(self.outcome.currentData()),
            "notes": self.notes.toPlainText().strip(),
        }
        for name, field, required in (
            ("date", self.date, True),
            ("aftercare_date", self.aftercare, False),
        ):
            try:
                values[name] = read_date(field.text(), required)
            except InvalidValue as exc:
                errors[name] = exc.message
        if values["outcome"] == EvaluationOutcome.CLOSE:
            if not self.reason.currentData():
                errors["closure_reason"] = self.tr("Kies de reden van afsluiten.")
            else:
                values["closure_reason"] = ClosureReason(self.reason.currentData())
        if errors:
            raise ValidationFailed(errors)
        return values
