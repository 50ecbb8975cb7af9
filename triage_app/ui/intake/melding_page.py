"""The melding step of the intake flow: when and how the question came in, who asked, the
question in the resident's own words, consent and the two things the resident must be told;
"Volgende: gesprek" registers it. A mixin of ``IntakeFlow``, like ``GesprekPage``: it builds
the page and reads, checks and registers what was typed."""

import uuid

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from triage_app.domain.errors import DomainError, InvalidValue, ValidationFailed
from triage_app.domain.intake import (
    CHANNEL_LABELS,
    SOURCE_LABELS,
    Channel,
    Outcome,
    RequestInput,
    Source,
    onderzoek_due,
)
from triage_app.domain.values import format_date
from triage_app.services import intake
from triage_app.ui.form_helpers import ErrorLabel, read_date
from triage_app.ui.intake.fields import combo as _combo
from triage_app.ui.intake.fields import line as _line
from triage_app.ui.intake.fields import text as _text


class MeldingPage:
    """Step 1. Expects ``ctx``, ``household``, ``view``, ``go``, ``_button``, ``_finish``,
    ``_main_resident_first``, ``_prefill_scope`` and ``melding_autosave`` on the flow."""

    def _melding_page(self) -> QWidget:
        page = QWidget()
        self.received_on = _line("received_on", format_date(self.ctx.today()))
        self.due_label = QLabel()
        self.due_label.setObjectName("due_label")
        self.received_on.textChanged.connect(self._show_due)
        self.source = _combo("source", [(v, k.value) for k, v in SOURCE_LABELS.items()])
        self.channel = _combo("channel", [(v, k.value) for k, v in CHANNEL_LABELS.items()])
        self.asked_by = _combo(
            "asked_by",
            [(m.name, str(m.id)) for m in self.household.members]
            + [(self.tr("Iemand anders (verwijzer)"), "")],
        )
        self._main_resident_first(self.asked_by)
        self.referrer = _line("referrer")
        self.question = _text("question", 80)
        self.urgent = QCheckBox(self.tr("Spoed"))
        self.urgent.setObjectName("urgent")
        self.consent = _line("consent")
        self.consent.setPlaceholderText(self.tr("Wat mag met wie gedeeld worden?"))
        self.told_support = QCheckBox(
            self.tr("Verteld over gratis onafhankelijke &cliëntondersteuning")
        )
        self.told_support.setObjectName("told_client_support")
        self.told_plan = QCheckBox(
            self.tr("Verteld dat de bewoner binnen 7 dagen een eigen &plan mag inleveren")
        )
        self.told_plan.setObjectName("told_personal_plan")
        form = QFormLayout()
        form.addRow(self.tr("Datum melding"), self.received_on)
        form.addRow("", self.due_label)
        form.addRow(self.tr("Hoe binnengekomen"), self.source)
        form.addRow(self.tr("Kanaal"), self.channel)
        form.addRow(self.tr("Wie vroeg"), self.asked_by)
        form.addRow(self.tr("Verwijzer"), self.referrer)
        form.addRow(self.tr("Vraag (eigen woorden)"), self.question)
        form.addRow("", self.urgent)
        form.addRow(self.tr("Toestemming"), self.consent)
        form.addRow("", self.told_support)
        form.addRow("", self.told_plan)
        self.melding_errors = ErrorLabel()
        buttons = QHBoxLayout()
        self.direct_button = self._button(
            "helped_directly",
            self.tr("Direct geholpen"),
            lambda: self._close(Outcome.HELPED_DIRECTLY),
        )
        self.short_button = self._button(
            "short_track",
            self.tr("Kort traject (Wmo-loket)"),
            lambda: self._close(Outcome.SHORT_TRACK),
        )
        self.melding_next = self._button(
            "melding_next", self.tr("Volgende: gesprek"), self.register
        )
        for b in (self.direct_button, self.short_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.melding_next)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.melding_errors)
        layout.addStretch()
        layout.addLayout(buttons)
        self._show_due()
        return page

    def _show_due(self) -> None:
        try:
            day = read_date(self.received_on.text())
        except InvalidValue:
            day = None
        self.due_label.setText(
            self.tr("Onderzoek en verslag klaar vóór {due}").format(
                due=format_date(onderzoek_due(day))
            )
            if day
            else ""
        )

    def _typed_request(self) -> RequestInput:
        try:
            received = read_date(self.received_on.text(), required=True)
        except InvalidValue as exc:
            raise ValidationFailed({"received_on": exc.message}) from None
        asked = self.asked_by.currentData()
        return RequestInput(
            received,
            Source(self.source.currentData()),
            Channel(self.channel.currentData()),
            self.question.toPlainText(),
            self.urgent.isChecked(),
            uuid.UUID(asked) if asked else None,
            self.referrer.text(),
            self.consent.text(),
            self.told_support.isChecked(),
            self.told_plan.isChecked(),
        )

    def register(self) -> bool:
        self.melding_errors.clear_message()
        if self.view is not None:  # resumed: the melding exists already
            self.go(1)
            return True
        try:
            self.view = intake.register_request(self.ctx, self.household.id, self._typed_request())
        except ValidationFailed as exc:
            self.melding_errors.show_message("\n".join(exc.errors.values()))
            return False
        except DomainError as exc:
            self.melding_errors.show_message(exc.message)
            return False
        self.melding_autosave.saved()
        self.melding_autosave.timer.stop()
        self._prefill_scope(self.view.question)
        self.go(1)
        return True

    def _close(self, outcome: Outcome) -> None:
        if self.view is None and not self.register():
            return
        intake.close_request(self.ctx, self.view.request_id, outcome)
        self._finish()
