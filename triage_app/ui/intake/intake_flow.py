"""One conversation in four steps, done with the keyboard: melding → gesprek → advies en
route → verwijzing. Every step is saved as the worker moves on, and what is typed on the
gesprek page is kept as a draft every few seconds, so a half-done intake resumes later."""

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.domain.household import HouseholdView, MemberRole
from triage_app.domain.intake import (
    ROUTE_LABELS,
    IntakeView,
    Route,
    needs_motivation,
)
from triage_app.domain.values import format_date
from triage_app.services import intake, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, window_places
from triage_app.ui.autosave import FormAutosave
from triage_app.ui.form_helpers import ErrorLabel, read_date
from triage_app.ui.intake.fields import combo as _combo
from triage_app.ui.intake.fields import line as _line
from triage_app.ui.intake.fields import text as _text
from triage_app.ui.intake.gesprek_page import GesprekPage
from triage_app.ui.intake.melding_page import MeldingPage
from triage_app.ui.models.advice_model import AdviceModel

STEPS = ("Melding", "Gesprek", "Advies en route", "Verwijzing")


class IntakeFlow(MeldingPage, GesprekPage, QWidget):
    finished = Signal()

    def __init__(
        self, ctx: ServiceContext, household: HouseholdView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.household = ctx, household
        self.view: IntakeView | None = None
        self.setWindowTitle(self.tr("Melding en gesprek - {name}").format(name=household.name))
        self.resize(980, 760)
        window_places.remember(self, "intake", ctx)
        self.step_label = QLabel()
        self.step_label.setObjectName("step_label")
        self.step_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.pages = QStackedWidget()
        for build in (
            self._melding_page,
            self._assessment_page,
            self._advice_page,
            self._referral_page,
        ):
            self.pages.addWidget(build())
        self.error = ErrorLabel()
        self.error.setObjectName("flow_error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        self.autosave = FormAutosave(
            ctx,
            self.assessment_page,
            f"assessment:{household.id}",
            "Keukentafelgesprek",
            household.id,
        )
        self.melding_autosave = FormAutosave(
            ctx, self.pages.widget(0), f"melding:{household.id}", "Melding", household.id
        )
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self, self.next_step)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.next_step)
        self._resume()

    def _main_resident_first(self, combo: QComboBox) -> None:
        """Every "wie" field starts on the main resident, not on the oldest member."""
        main = next((m for m in self.household.members if m.role == MemberRole.MAIN), None)
        if main is not None:
            combo.setCurrentIndex(max(0, combo.findData(str(main.id))))

    def next_step(self) -> None:
        """Ctrl+Enter: what the step's main button does."""
        step = self.pages.currentIndex()
        if step == 0:
            self.register()
        elif step == 1:
            self.save_assessment(complete=True)
        elif step == 2:
            self.decide()
        elif self.referral_id is None:
            self.refer()
        else:
            self._finish()

    # pages ---------------------------------------------------------------------------------
    def _advice_page(self) -> QWidget:
        page = QWidget()
        self.advice_text = QLabel()
        self.advice_text.setObjectName("advice_text")
        self.advice_text.setWordWrap(True)
        self.advice_text.setStyleSheet("font-size: 12pt;")
        self.advice_model = AdviceModel(reference.current(self.ctx).life_domain_names(), self)
        self.advice_table = QTableView()
        self.advice_table.setObjectName("advice_table")
        self.advice_table.setAccessibleName(self.tr("Advies per leefgebied"))
        self.advice_table.setModel(self.advice_model)
        self.advice_table.setWordWrap(True)
        self.advice_table.verticalHeader().hide()
        self.advice_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.advice_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.advice_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.route_scope = _combo("route_scope", [(self.tr("De hele melding"), "")])
        self.route_scope.currentIndexChanged.connect(self._scope_changed)
        self.acute_text = QLabel()
        self.acute_text.setObjectName("acute_text")
        self.acute_text.setWordWrap(True)
        self.acute_text.setStyleSheet(
            "color: #8a0016; background: #fde8ea; font-weight: bold; font-size: 11pt; padding: 6px;"
        )
        self.route_person = _combo(
            "route_person",
            [(self.tr("Het hele huishouden"), "")]
            + [(m.name, str(m.id)) for m in self.household.members],
        )
        self.route = _combo("route", [(v, k.value) for k, v in ROUTE_LABELS.items()])
        self.route.currentIndexChanged.connect(self._motivation_hint)
        self.routes_done = QLabel()
        self.routes_done.setObjectName("routes_done")
        self.routes_done.setWordWrap(True)
        self.motivation_hint = QLabel()
        self.motivation_hint.setWordWrap(True)
        self.motivation = _text("motivation", 100)
        self.motivation_error = ErrorLabel()
        self.motivation_error.setObjectName("motivation_error")
        form = QFormLayout()
        form.addRow(self.tr("Route voor"), self.route_scope)
        form.addRow(self.tr("Voor wie"), self.route_person)
        form.addRow(self.tr("Gekozen route"), self.route)
        form.addRow("", self.motivation_hint)
        form.addRow(self.tr("Motivering"), self.motivation)
        form.addRow("", self.motivation_error)
        form.addRow("", self.routes_done)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(
            self._button(
                "decide_another",
                self.tr("Vastleggen en &nog een route"),
                lambda: self.decide(more=True),
            )
        )
        buttons.addWidget(self._button("decide_route", self.tr("Route vastleggen"), self.decide))
        layout = QVBoxLayout(page)
        layout.addWidget(self.acute_text)
        layout.addWidget(self.advice_text)
        layout.addWidget(self.advice_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return page

    def _referral_page(self) -> QWidget:
        page = QWidget()
        self.target = QComboBox()
        self.target.setObjectName("target")
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typed: no list item
        self.target.editTextChanged.connect(self._target_changed)
        self.target_kind = QLabel()
        self.target_kind.setObjectName("target_kind")
        self.target_kind.setWordWrap(True)
        self.follow_up = _line(
            "follow_up_on", format_date(self.ctx.today() + dt.timedelta(days=14))
        )
        self.referral_error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Verwijzen naar"), self.target)
        form.addRow("", self.target_kind)
        form.addRow(self.tr("Nagaan op"), self.follow_up)
        self.referral_done = QLabel()
        self.referral_done.setObjectName("referral_done")
        self.referral_id = None
        self.letter_button = self._button(
            "print_referral", self.tr("Verwijsbrief afdrukken"), self._print_referral
        )
        self.letter_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(
            self._button("print_report", self.tr("Verslag afdrukken"), self._print_report)
        )
        buttons.addWidget(self.letter_button)
        buttons.addWidget(self._button("no_referral", self.tr("Klaar"), self._finish))
        buttons.addStretch()
        self.make_referral = self._button("make_referral", self.tr("Verwijzing maken"), self.refer)
        buttons.addWidget(self.make_referral)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.referral_error)
        layout.addWidget(self.referral_done)
        layout.addStretch()
        layout.addLayout(buttons)
        return page

    def _button(self, name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # state ---------------------------------------------------------------------------------
    def go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        self.step_label.setText(
            self.tr("Stap {n} van 4: {name}").format(n=step + 1, name=STEPS[step])
        )
        if step == 2:
            self._load_advice()
        self._focus_step()

    def _focus_step(self) -> None:
        """Each step starts on the field the worker fills first."""
        step = self.pages.currentIndex()
        (self.question, self.scope.list, self.route, self.target)[step].setFocus()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._focus_step()

    def _resume(self) -> None:
        self.view = intake.open_intake(self.ctx, self.household.id)
        if self.view is None:
            self.melding_autosave.restore_if_any()
            self.go(0)
            return
        self.melding_autosave.timer.stop()  # the melding is saved: nothing typed to keep
        v = self.view
        self.received_on.setText(format_date(v.received_on))
        self.question.setPlainText(v.question)
        if v.assessment is not None:
            self._fill_assessment(v.assessment)
        else:
            self._prefill_scope(v.question)
        self.melding_autosave.baseline()
        self.autosave.baseline()
        self.autosave.restore_if_any()
        self.go(2 if v.assessment_completed else 1)

    # actions -------------------------------------------------------------------------------
    def _load_advice(self) -> None:
        if self.view is None:
            return
        advice, offers = intake.advice(self.ctx, self.view.request_id)
        self.advice = advice
        names = reference.current(self.ctx).life_domain_names()
        self.advice_text.setText(
            self.tr(
                "Advies voor de hele melding: <b>{route}</b>. Per leefgebied staat hieronder de "
                "lichtste route die past, met aanbod in de wijk {wijk}."
            ).format(route=ROUTE_LABELS[advice.overall], wijk=self.household.district or "-")
        )
        self.advice_model.set_advice(advice, offers)
        self.acute_text.setText(
            self.tr("Let op, acuut: {domains}. Onderneem vandaag actie.").format(
                domains=", ".join(names[a] for a in advice.acute)
            )
            if advice.acute
            else ""
        )
        self.acute_text.setVisible(bool(advice.acute))
        self.route_scope.blockSignals(True)
        self.route_scope.clear()
        self.route_scope.addItem(self.tr("De hele melding"), "")
        for d in advice.domains:
            self.route_scope.addItem(names[d.life_domain], d.life_domain)
        self.route_scope.blockSignals(False)
        self._scope_changed()
        self.target.clear()
        for found in offers.values():
            for o in found:
                if self.target.findText(o.organisation) < 0:
                    self.target.addItem(o.organisation, o.code)

    def _advised(self) -> Route:
        advice = getattr(self, "advice", None)
        if advice is None:
            return Route.NONE
        return advice.route_for(self.route_scope.currentData() or None)

    def _scope_changed(self) -> None:
        self.route.setCurrentIndex(self.route.findData(self._advised().value))
        self._motivation_hint()

    def _motivation_hint(self) -> None:
        chosen, advised = Route(self.route.currentData()), self._advised()
        self.motivation_hint.setText(
            (
                self.tr("Advies: {advised}. Specialistische hulp vraagt altijd een motivering: ")
                if chosen == Route.SPECIALIST
                else self.tr("Advies: {advised}. Deze route is zwaarder dan het advies: ")
            ).format(advised=ROUTE_LABELS[advised])
            + self.tr(
                "schrijf op waarom eigen netwerk, sociale basis, groepsaanbod en digitale hulp "
                "niet genoeg zijn."
            )
            if needs_motivation(advised, chosen)
            else self.tr("Advies: {advised}. Geen motivering nodig.").format(
                advised=ROUTE_LABELS[advised]
            )
        )

    def decide(self, more: bool = False) -> None:
        """Record the route for the chosen domain and person; ``more``: stay for another."""
        self.motivation_error.clear_message()
        person = self.route_person.currentData()
        try:
            self.view = intake.decide_route(
                self.ctx,
                self.view.request_id,
                Route(self.route.currentData()),
                self.motivation.toPlainText(),
                self.route_scope.currentData() or None,
                uuid.UUID(person) if person else None,
            )
        except DomainError as exc:
            self.motivation_error.show_message(exc.message)
            return
        self.routes_done.setText(
            "\n".join(
                filter(
                    None,
                    (
                        self.routes_done.text(),
                        self.tr("Vastgelegd: {scope}, voor {who}: {route}.").format(
                            scope=self.route_scope.currentText(),
                            who=self.route_person.currentText(),
                            route=self.route.currentText(),
                        ),
                    ),
                )
            )
        )
        if more:
            self.motivation.clear()
            self.route_scope.setFocus()
        else:
            self.go(3)

    def chosen_offer(self) -> str | None:
        """The code of the list item whose name is in the field; a typed organisation that is
        not on the list has no code (never the code of an item picked before typing)."""
        index = self.target.findText(self.target.currentText().strip())
        return self.target.itemData(index) if index >= 0 else None

    def _target_changed(self) -> None:
        """Another target: a new referral may be made; say whether it is a listed offer."""
        self.make_referral.setEnabled(True)
        text = self.target.currentText().strip()
        self.target_kind.setText(
            ""
            if not text
            else self.tr("Aanbod van de sociale kaart.")
            if self.chosen_offer()
            else self.tr("Eigen organisatie: staat niet op de sociale kaart.")
        )

    def refer(self) -> None:
        """One referral per press: the button stays off while saving and after it is made,
        until the worker chooses another target."""
        if self.make_referral.isEnabled():
            self._refer(again_today=False)

    def _refer(self, again_today: bool) -> None:
        self.referral_error.clear_message()
        self.make_referral.setEnabled(False)
        target = self.target.currentText().strip()
        try:
            follow_up = read_date(self.follow_up.text(), required=True)
            self.referral_id = intake.create_referral(
                self.ctx,
                self.view.request_id,
                target,
                follow_up,
                self.chosen_offer(),
                again_today=again_today,
            )
        except intake.SameDayReferral as exc:
            self.make_referral.setEnabled(True)
            answer = QMessageBox.question(self, self.tr("Verwijzing"), exc.message)
            if answer == QMessageBox.StandardButton.Yes:
                self._refer(again_today=True)
            return
        except DomainError as exc:
            self.make_referral.setEnabled(True)
            self.referral_error.show_message(exc.message)
            return
        self.referral_done.setText(self.tr("Verwijzing naar {t} gemaakt.").format(t=target))
        self.letter_button.setEnabled(True)

    def _preview(self, make, title: str, name: str, large: bool = False) -> None:  # type: ignore[no-untyped-def]
        """``make(large_print)`` renders the PDF (None: as the resident prefers); the preview
        can render it again, in normal or large print."""
        from triage_app.ui.print_preview import PrintPreview

        try:
            pdf = make(None)
        except DomainError as exc:
            self.referral_error.show_message(exc.message)
            return
        kit.run_modal(PrintPreview(pdf, title, name, self, rerender=make, large_print=large))

    def _print_report(self) -> None:
        from triage_app.services import printing

        person = self.view.asked_by
        self._preview(
            lambda on: printing.assessment_report_pdf(self.ctx, self.view.request_id, on),
            self.tr("Verslag"),
            f"verslag-{self.household.dossier_number}.pdf",
            printing.prefers_large_print(self.ctx, person_id=person) if person else False,
        )

    def _print_referral(self) -> None:
        from triage_app.services import printing

        self._preview(
            lambda on: printing.referral_letter_pdf(self.ctx, self.referral_id, bool(on)),
            self.tr("Verwijzing"),
            f"verwijzing-{self.household.dossier_number}.pdf",
        )

    def _finish(self) -> None:
        self.autosave.timer.stop()
        self.melding_autosave.timer.stop()
        self.finished.emit()
