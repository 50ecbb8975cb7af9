"""The hand-over dialogs of a plan: offer the draft ter besluitvorming (to a named decider or
the team's pool, with an optional note), and send it back to the casemanager (note required).

Each dialog collects what was typed and calls the service it is given in ``save``; a refusal
shows at the field, and ``chosen`` carries the updated plan."""

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from triage_app.domain.errors import InvalidValue
from triage_app.domain.plan_views import PlanView
from triage_app.ui.form_dialog import FormDialog

POOL = ""  # the combo box's data for the team's pool


class OfferDialog(FormDialog):
    """``submit(to, note)`` offers the draft; ``to`` None is the team's pool."""

    def __init__(
        self,
        deciders: list[tuple[str, str]],
        submit: Callable[[str | None, str], PlanView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Ter besluitvorming aanbieden"), parent)
        self.submit = submit
        explain = QLabel(
            self.tr(
                "Een gemandateerde bekijkt het plan en de brieven en stelt het besluit vast, "
                "of stuurt het terug met een toelichting. Tot dan kunt u het plan niet wijzigen."
            )
        )
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.to = QComboBox()
        self.to.addItem(self.tr("De pool van het team (elke gemandateerde)"), POOL)
        for username, name in deciders:
            self.to.addItem(name, username)
        self.add_field("to", self.tr("Aan"), self.to)
        self.note = self.add_field(
            "note",
            self.tr("Notitie (niet verplicht)"),
            QPlainTextEdit(),
            self.tr("Bijvoorbeeld waar de gemandateerde op moet letten."),
        )
        self.note.setFixedHeight(80)
        self.ok_button.setText(self.tr("&Aanbieden"))

    def collect(self) -> tuple[str | None, str]:
        return self.to.currentData() or None, self.note.toPlainText().strip()

    def save(self, value: tuple[str | None, str]) -> PlanView:
        return self.submit(*value)


class SendBackDialog(FormDialog):
    """``submit(note)`` sends the draft back to the casemanager."""

    def __init__(self, submit: Callable[[str], PlanView], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Terugsturen naar de casemanager"), parent)
        self.submit = submit
        self.note = self.add_field(
            "note",
            self.tr("Wat moet er anders?"),
            QPlainTextEdit(),
            self.tr("De casemanager ziet deze toelichting bij het plan en in de werkvoorraad."),
        )
        self.note.setFixedHeight(100)
        self.ok_button.setText(self.tr("&Terugsturen"))

    def collect(self) -> str:
        note = self.note.toPlainText().strip()
        if not note:
            raise InvalidValue(
                self.tr("Schrijf op wat de casemanager moet aanpassen."), field="note"
            )
        return note

    def save(self, value: str) -> PlanView:
        return self.submit(value)
