"""Add or change one goal of the plan: a result per life domain, who does what, by when."""

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.plan import PERFORMER_LABELS, GoalData, Performer
from triage_app.domain.reference import LifeDomain
from triage_app.domain.values import format_date
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import read_date


class GoalDialog(FormDialog):
    def __init__(
        self,
        life_domains: tuple[LifeDomain, ...],
        goal: GoalData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Doel"), parent)
        self.domain = QComboBox()
        for domain in life_domains:
            self.domain.addItem(domain.name, domain.code)
        self.add_field("life_domain", self.tr("Leefgebied"), self.domain)
        self.result = self.add_field(
            "result",
            self.tr("Resultaat"),
            QPlainTextEdit(),
            self.tr("Wat wil de bewoner bereikt hebben? Liefst in eigen woorden."),
        )
        self.result.setFixedHeight(70)
        self.actions = self.add_field("actions", self.tr("Acties"), QPlainTextEdit())
        self.actions.setFixedHeight(70)
        self.performer = QComboBox()
        for performer in Performer:
            self.performer.addItem(PERFORMER_LABELS[performer], performer.value)
        self.add_field("performer", self.tr("Wie doet het"), self.performer)
        self.responsible = self.add_field("responsible", self.tr("Verantwoordelijk"), QLineEdit())
        self.target = self.add_field(
            "target_date", self.tr("Streefdatum"), QLineEdit(), self.tr("dd-mm-jjjj, mag leeg")
        )
        if goal is not None:
            self.domain.setCurrentIndex(max(0, self.domain.findData(goal.life_domain)))
            self.result.setPlainText(goal.result)
            self.actions.setPlainText(goal.actions)
            self.performer.setCurrentIndex(self.performer.findData(goal.performer.value))
            self.responsible.setText(goal.responsible)
            self.target.setText(format_date(goal.target_date))
        self.result.setFocus()

    def collect(self) -> GoalData:
        errors = {}
        if not self.result.toPlainText().strip():
            errors["result"] = self.tr("Beschrijf het resultaat.")
        if not self.responsible.text().strip():
            errors["responsible"] = self.tr("Wie is verantwoordelijk?")
        target = None
        try:
            target = read_date(self.target.text())
        except InvalidValue as exc:
            errors["target_date"] = exc.message
        if errors:
            raise ValidationFailed(errors)
        return GoalData(
            life_domain=self.domain.currentData(),
            result=self.result.toPlainText().strip(),
            actions=self.actions.toPlainText().strip(),
            performer=Performer(self.performer.currentData()),
            responsible=self.responsible.text().strip(),
            target_date=target,
        )
