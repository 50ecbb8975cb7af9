"""Decide on an objection (beslissing op bezwaar): outcome, dates, the motivation written to
the resident and the bezwaarcommissie's advice; checked at the fields before it is issued."""

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.objection_decision import DECIDABLE, ObjectionRuling
from triage_app.domain.plan import ObjectionOutcome
from triage_app.domain.values import format_date
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import read_date

LABELS = {
    ObjectionOutcome.UPHELD: "Gegrond",
    ObjectionOutcome.PARTLY_UPHELD: "Deels gegrond",
    ObjectionOutcome.DISMISSED: "Ongegrond",
    ObjectionOutcome.INADMISSIBLE: "Niet-ontvankelijk",
}


class ObjectionRulingDialog(FormDialog):
    def __init__(self, today: dt.date, received_on: dt.date, parent: QWidget | None = None):
        super().__init__(self.tr("Beslissen op bezwaar"), parent)
        self.received_on = received_on
        self.outcome = QComboBox()
        for outcome in DECIDABLE:
            self.outcome.addItem(self.tr(LABELS[outcome]), outcome.value)
        self.add_field("outcome", self.tr("Uitkomst"), self.outcome)
        self.decision_date = self.add_field(
            "decision_date", self.tr("Datum beslissing"), QLineEdit(format_date(today))
        )
        self.send_date = self.add_field(
            "send_date",
            self.tr("Verzenddatum"),
            QLineEdit(format_date(today + dt.timedelta(days=1))),
        )
        self.motivation = self.add_field(
            "motivation",
            self.tr("Motivering in de brief"),
            QPlainTextEdit(),
            self.tr("Schrijf aan de bewoner, met 'u': waarom beslissen wij zo?"),
        )
        self.advice = self.add_field(
            "advice",
            self.tr("Advies bezwaarcommissie"),
            QPlainTextEdit(),
            self.tr("Laat leeg als er geen advies is gevraagd."),
        )
        for box in (self.motivation, self.advice):
            box.setFixedHeight(80)
        self.ok_button.setText(self.tr("Beslissing vaststellen"))

    def collect(self) -> ObjectionRuling:
        errors, dates = {}, {}
        for name, field in (("decision_date", self.decision_date), ("send_date", self.send_date)):
            try:
                dates[name] = read_date(field.text(), required=True)
            except InvalidValue as exc:
                errors[name] = exc.message
        if errors:
            raise ValidationFailed(errors)
        ruling = ObjectionRuling(
            ObjectionOutcome(self.outcome.currentData()),
            dates["decision_date"],
            dates["send_date"],
            self.motivation.toPlainText().strip(),
            self.advice.toPlainText().strip(),
        )
        return ruling.validate(self.received_on)
