"""Record a member's aanvraag for specialist support: its date, the internal reasons, and
the motivation the beschikking prints, written to the resident."""

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.household import PersonView
from triage_app.domain.plan import ApplicationData
from triage_app.domain.values import format_date
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import read_date


class ApplicationDialog(FormDialog):
    def __init__(
        self,
        members: list[PersonView],
        application: ApplicationData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Aanvraag maatwerk"), parent)
        self.member = QComboBox()
        for m in members:
            self.member.addItem(m.name, str(m.id))
        self.add_field("person_id", self.tr("Wie vraagt aan"), self.member)
        self.date = self.add_field(
            "application_date",
            self.tr("Datum aanvraag"),
            QLineEdit(),
            self.tr("Vanaf deze datum loopt de termijn van 2 weken."),
        )
        self.motivation = self.add_field(
            "motivation",
            self.tr("Motivering (intern)"),
            QPlainTextEdit(),
            self.tr("Voor het verslag en het dossier: waarom deze ondersteuning, en zoveel?"),
        )
        self.resident_motivation = self.add_field(
            "resident_motivation",
            self.tr("Motivering in de brief"),
            QPlainTextEdit(),
            self.tr(
                "Dit staat in de beschikking. Schrijf aan de bewoner, met 'u': waarom krijgt "
                "u dit, of waarom niet?"
            ),
        )
        self.lighter = self.add_field(
            "lighter_routes",
            self.tr("Lichtere hulp"),
            QPlainTextEdit(),
            self.tr(
                "Waarom eigen netwerk, sociale basis, groepsaanbod of digitale hulp niet "
                "genoeg zijn."
            ),
        )
        for box in (self.motivation, self.resident_motivation, self.lighter):
            box.setFixedHeight(80)
        if application is not None:
            self.member.setCurrentIndex(max(0, self.member.findData(str(application.person_id))))
            self.date.setText(format_date(application.application_date))
            self.motivation.setPlainText(application.motivation)
            self.lighter.setPlainText(application.lighter_routes)
            self.resident_motivation.setPlainText(application.resident_motivation)

    def collect(self) -> ApplicationData:
        try:
            date = read_date(self.date.text(), required=True)
        except InvalidValue as exc:
            raise ValidationFailed({"application_date": exc.message}) from None
        return ApplicationData(
            uuid.UUID(self.member.currentData()),
            date,
            self.motivation.toPlainText().strip(),
            self.lighter.toPlainText().strip(),
            self.resident_motivation.toPlainText().strip(),
        )
