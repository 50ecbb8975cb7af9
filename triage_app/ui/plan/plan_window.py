"""The household's plan: header, goals per life domain, arrangements, applications, decisions
and versions. A draft is edited here and saved as a whole; an issued version is shown
read-only and changed only through a new version.

Nothing typed is lost: the draft's header (Hulpvraag and the rest) and its goals, arrangements
and applications not yet saved are kept as a form draft (``plan:<version id>``) and offered
back when the plan opens again; each plan dialog keeps its own draft too (``goal:new:<version
id>``, ``goal:<version id>:<row>``, ``evaluation:new:<plan id>``, ``objection:<id>``, ...).
"""

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.accounts import Role
from triage_app.domain.arrangement import kinds, name_of, providers, segments
from triage_app.domain.decision_rules import decision_due
from triage_app.domain.errors import DomainError, InvalidValue, ValidationFailed
from triage_app.domain.household import HouseholdView
from triage_app.domain.plain_data import from_plain, to_plain
from triage_app.domain.plan import (
    DELIVERY_LABELS,
    PERFORMER_LABELS,
    ApplicationData,
    GoalData,
    PlanDraft,
    ProvisionData,
)
from triage_app.domain.plan_views import PlanView
from triage_app.domain.values import format_date
from triage_app.services import plans, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import autosave, kit, window_places
from triage_app.ui.form_helpers import ErrorLabel, euro, read_date
from triage_app.ui.models.rows_model import Column, RowsModel
from triage_app.ui.plan.application_dialog import ApplicationDialog
from triage_app.ui.plan.arrangement_dialog import ArrangementDialog
from triage_app.ui.plan.decision_dialog import DecisionDialog
from triage_app.ui.plan.decisions_tab import DecisionsTab
from triage_app.ui.plan.evaluation_dialog import EvaluationDialog
from triage_app.ui.plan.goal_dialog import GoalDialog
from triage_app.ui.plan.handover_panel import HandoverPanel, may_take
from triage_app.ui.plan.list_tab import ListTab
from triage_app.ui.plan.version_history import VersionHistory


class PlanWindow(QWidget):
    changed = Signal(object)  # PlanView, after a save, issue or new version

    def __init__(
        self, ctx: ServiceContext, household: HouseholdView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.household = ctx, household
        self.setWindowTitle(
            self.tr("Ondersteuningsplan - {name} ({number})").format(
                name=household.name, number=household.dossier_number
            )
        )
        self.resize(1100, 760)
        window_places.remember(self, "plan", ctx)
        self.members = {m.id: m for m in household.members}
        self.reference = reference.current(ctx)
        self.domain_order = {d.code: i for i, d in enumerate(self.reference.life_domains)}
        self.domain_names = self.reference.life_domain_names()
        self.plan: PlanView | None = None
        self.goals, self.provisions, self.applications = [], [], []
        self.autosave: autosave.FormAutosave | None = None
        self._build()
        self.reload(plans.get_plan(ctx, household.id))

    # building ------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Ondersteuningsplan voor {name}").format(name=self.household.name))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("plan_status")
        self.start_button = QPushButton(self.tr("Plan maken"))
        self.start_button.setObjectName("start_plan")
        self.start_button.clicked.connect(self._start)

        self.case_lead = QLineEdit()
        self.case_lead.setObjectName("case_lead")
        self.question = QPlainTextEdit()
        self.question.setObjectName("question")
        self.question.setFixedHeight(60)
        self.main_provider = QComboBox()
        self.main_provider.setObjectName("main_provider")
        self.main_provider.addItem("", "")
        for option in providers(self.reference.tariffs):
            self.main_provider.addItem(option.name, option.code)
        self.evaluation_date = QLineEdit()
        self.evaluation_date.setObjectName("evaluation_date")
        self.end_date = QLineEdit()
        self.end_date.setObjectName("end_date")
        self.header_box = QWidget()  # what the plan's draft keeps of the typed fields
        header = QFormLayout(self.header_box)
        header.setContentsMargins(0, 0, 0, 0)
        header.addRow(self.tr("Casusregisseur"), self.case_lead)
        header.addRow(self.tr("Hulpvraag"), self.question)
        header.addRow(self.tr("Hoofdaanbieder"), self.main_provider)
        header.addRow(self.tr("Evaluatie op"), self.evaluation_date)
        header.addRow(self.tr("Einddatum plan"), self.end_date)

        kind_options = kinds(self.reference.tariffs)
        segment_options = segments(self.reference.tariffs)
        self.goal_model = RowsModel(
            [
                Column(self.tr("Leefgebied"), lambda g: self.domain_names.get(g.life_domain, "")),
                Column(self.tr("Resultaat"), lambda g: g.result, lambda g: g.actions),
                Column(self.tr("Wie doet het"), lambda g: PERFORMER_LABELS[g.performer]),
                Column(self.tr("Verantwoordelijk"), lambda g: g.responsible),
                Column(self.tr("Streefdatum"), lambda g: format_date(g.target_date)),
            ]
        )
        self.provision_model = RowsModel(
            [
                Column(self.tr("Voor wie"), lambda p: self._name(p.person_id)),
                Column(self.tr("Soort"), lambda p: name_of(kind_options, p.kind)),
                Column(self.tr("Segment"), lambda p: name_of(segment_options, p.segment)),
                Column(self.tr("Arrangement"), self._size_text),
                Column(self.tr("Vorm"), lambda p: DELIVERY_LABELS[p.delivery_form]),
                Column(
                    self.tr("Periode"),
                    lambda p: f"{format_date(p.start_date)} - {format_date(p.end_date)}",
                ),
                Column(
                    self.tr("Besluit"),
                    lambda p: (
                        (self.tr("toekennen") if p.granted else self.tr("afwijzen"))
                        + (self.tr(", beëindigen") if p.terminate else "")
                    ),
                ),
            ]
        )
        self.application_model = RowsModel(
            [
                Column(self.tr("Wie"), lambda a: self._name(a.person_id)),
                Column(self.tr("Aanvraag op"), lambda a: format_date(a.application_date)),
                Column(
                    self.tr("Beslissen vóór"),
                    lambda a: format_date(decision_due(a.application_date)),
                ),
                Column(self.tr("Motivering"), lambda a: a.motivation),
            ]
        )
        self.goals_tab = ListTab(
            "goals",
            self.goal_model,
            self._add_goal,
            self._edit_goal,
            self._remove(self.goals, self._show_lists),
            self.tr("Doelen"),
        )
        self.provisions_tab = ListTab(
            "provisions",
            self.provision_model,
            self._add_provision,
            self._edit_provision,
            self._remove(self.provisions, self._show_lists),
            self.tr("Maatwerkvoorzieningen"),
        )
        self.applications_tab = ListTab(
            "applications",
            self.application_model,
            self._add_application,
            self._edit_application,
            self._remove(self.applications, self._show_lists),
            self.tr("Aanvragen"),
        )
        self.decisions = DecisionsTab(self.ctx, self.household.id, self._call, self._tell, self)
        self.history = VersionHistory(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.goals_tab, self.tr("Doelen"))
        self.tabs.addTab(self.provisions_tab, self.tr("Maatwerk"))
        self.tabs.addTab(self.applications_tab, self.tr("Aanvragen"))
        self.tabs.addTab(self.decisions, self.tr("Beschikkingen"))
        self.tabs.addTab(self.history, self.tr("Versies"))

        self.message = ErrorLabel()
        self.message.setObjectName("plan_message")
        self.info = QLabel()
        self.info.setObjectName("plan_info")
        self.handover = HandoverPanel(self.ctx, self.save, self)
        self.handover.changed.connect(lambda plan: (self.reload(plan), self.changed.emit(plan)))
        actions = QHBoxLayout()
        self.save_button = self._button("save_draft", self.tr("Concept opslaan"), self.save)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.issue_button = self._button("issue", self.tr("Vaststellen…"), self._issue)
        self.new_version_button = self._button(
            "new_version", self.tr("Nieuwe versie…"), self._new_version
        )
        self.evaluate_button = self._button("evaluate", self.tr("Evalueren…"), self._evaluate)
        for button in (
            self.save_button,
            self.issue_button,
            self.new_version_button,
            self.evaluate_button,
        ):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.info)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.header_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.handover)
        layout.addLayout(actions)

    def _button(self, name: str, text: str, action) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(action)
        return button

    def _name(self, person_id) -> str:  # type: ignore[no-untyped-def]
        member = self.members.get(person_id)
        return member.name if member else "?"

    def _size_text(self, provision) -> str:  # type: ignore[no-untyped-def]
        from triage_app.domain.arrangement import compute_arrangement

        try:
            size = compute_arrangement(
                provision.segment, provision.intensities, self.reference.tariffs
            )
        except InvalidValue:
            return ""
        return f"{size.size_class}, {euro(size.monthly_cost)} p/m"

    # state ---------------------------------------------------------------------------------
    def reload(self, plan: PlanView | None) -> None:
        self.plan = plan
        active = plan is not None and plan.status == "active"
        version = (plan.draft or plan.current) if plan else None
        draft = version.draft if version else None
        self.goals[:] = list(draft.goals) if draft else []
        self.provisions[:] = list(draft.provisions) if draft else []
        self.applications[:] = list(draft.applications) if draft else []
        self.case_lead.setText(draft.case_lead if draft else "")
        self.question.setPlainText(draft.question if draft else "")
        self.main_provider.setCurrentIndex(
            max(0, self.main_provider.findData(draft.main_provider or "")) if draft else 0
        )
        self.evaluation_date.setText(format_date(draft.evaluation_date) if draft else "")
        self.end_date.setText(format_date(draft.end_date) if draft else "")
        self.decisions.fill(plan)
        self.history.show_plan(plan)
        self._show_lists()
        offer = plan.draft.handover if plan and plan.draft else None
        locked = bool(offer and offer.open)  # ter besluitvorming: read-only until sent back
        editable = bool(plan and plan.draft and active and not locked)
        may_edit = self.ctx.actor.has(Role.CASEMANAGER, Role.DECIDER)
        for widget in (
            self.case_lead,
            self.question,
            self.main_provider,
            self.evaluation_date,
            self.end_date,
        ):
            widget.setEnabled(editable and may_edit)
        for tab in (self.goals_tab, self.provisions_tab, self.applications_tab):
            tab.set_editable(editable and may_edit)
        self.start_button.setVisible(may_edit and not active)
        self.save_button.setVisible(editable and may_edit)
        self.issue_button.setVisible(
            (editable and may_edit) or (locked and active and may_take(self.ctx, offer))
        )
        self.handover.show_plan(plan, editable and may_edit)
        self.new_version_button.setVisible(
            bool(active and plan.current and not plan.draft) and may_edit
        )
        self.evaluate_button.setVisible(bool(active and plan.current) and may_edit)
        self.status.setText(self._status_text(plan))
        self._keep_drafts(plan.draft.id if editable and may_edit else None)

    # drafts --------------------------------------------------------------------------------
    def _keep_drafts(self, version_id) -> None:  # type: ignore[no-untyped-def]
        """Keep what is typed into the editable draft version; offer a kept draft back once."""
        key = f"plan:{version_id}" if version_id else None
        if self.autosave is not None and self.autosave.form_key != key:
            self.autosave.timer.stop()
            self.autosave.deleteLater()
            self.autosave = None
        if key is None:
            return
        if self.autosave is not None:
            self.autosave.baseline()  # just filled from the store: not typed work
            return
        self.autosave = autosave.FormAutosave(
            self.ctx,
            self.header_box,
            key,
            self.tr("Ondersteuningsplan"),
            self.household.id,
            autosave.INTERVAL_MS,
            (self._unsaved_lists, self._restore_lists),
        )
        self.autosave.restore_if_any()

    def _unsaved_lists(self) -> dict:
        return {
            "goals": to_plain(self.goals),
            "provisions": to_plain(self.provisions),
            "applications": to_plain(self.applications),
        }

    def _restore_lists(self, kept: dict) -> None:
        self.goals[:] = from_plain(list[GoalData], kept.get("goals", []))
        self.provisions[:] = from_plain(list[ProvisionData], kept.get("provisions", []))
        self.applications[:] = from_plain(list[ApplicationData], kept.get("applications", []))
        self._show_lists()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        """Closed without saving: what was typed stays kept, offered back next time."""
        if self.autosave is not None:
            self.autosave.keep_now()
        super().closeEvent(event)

    def _dialog_key(self, kind: str, row: int | None = None) -> str | None:
        """The draft key of a plan dialog: which version, and which row or a new one."""
        draft = self.plan.draft if self.plan else None
        if draft is None:
            return None
        return f"{kind}:{draft.id}:{row}" if row is not None else f"{kind}:new:{draft.id}"

    def _status_text(self, plan: PlanView | None) -> str:
        if plan is None:
            return self.tr("Dit huishouden heeft nog geen plan.")
        if plan.status == "closed":
            return self.tr("Plan afgesloten op {date}.").format(date=format_date(plan.closed_on))
        parts = []
        if plan.current:
            v = plan.current
            parts.append(
                self.tr("Versie {n} vastgesteld op {date}").format(
                    n=v.number, date=v.issued_at.astimezone().strftime("%d-%m-%Y")
                )
            )
        if plan.draft:
            parts.append(self.tr("versie {n} is een concept").format(n=plan.draft.number))
        text = "; ".join(parts) + "."
        return text[:1].upper() + text[1:]

    def _show_lists(self) -> None:
        self.goals.sort(key=lambda g: self.domain_order.get(g.life_domain, 99))
        self.goal_model.set_rows(self.goals)
        self.provision_model.set_rows(self.provisions)
        self.application_model.set_rows(self.applications)
        self.tabs.setTabText(0, self.tr("Doelen ({n})").format(n=len(self.goals)))

    # list editing --------------------------------------------------------------------------
    def _run(self, dialog, apply, key: str | None = None, label: str = "") -> None:  # type: ignore[no-untyped-def]
        """Run a plan dialog; with ``key`` what is typed into it is kept as a draft."""
        if key is not None:
            dialog.keep_drafts(self.ctx, key, label, self.household.id)
        dialog.chosen.connect(apply)
        kit.run_modal(dialog)

    def _add_goal(self) -> None:
        self._run(
            GoalDialog(self.reference.life_domains, parent=self),
            lambda g: (self.goals.append(g), self._show_lists()),
            self._dialog_key("goal"),
            self.tr("Doel"),
        )

    def _edit_goal(self, row: int) -> None:
        def apply(goal):  # type: ignore[no-untyped-def]
            self.goals[row] = goal
            self._show_lists()

        self._run(
            GoalDialog(self.reference.life_domains, self.goals[row], self),
            apply,
            self._dialog_key("goal", row),
            self.tr("Doel"),
        )

    def _add_provision(self) -> None:
        dialog = ArrangementDialog(
            list(self.members.values()), self.ctx.today(), self.reference, parent=self
        )
        self._run(
            dialog,
            lambda p: (self.provisions.append(p), self._show_lists()),
            self._dialog_key("provision"),
            self.tr("Maatwerkvoorziening"),
        )

    def _edit_provision(self, row: int) -> None:
        def apply(provision):  # type: ignore[no-untyped-def]
            self.provisions[row] = provision
            self._show_lists()

        self._run(
            ArrangementDialog(
                list(self.members.values()),
                self.ctx.today(),
                self.reference,
                self.provisions[row],
                self,
            ),
            apply,
            self._dialog_key("provision", row),
            self.tr("Maatwerkvoorziening"),
        )

    def _add_application(self) -> None:
        dialog = ApplicationDialog(list(self.members.values()), parent=self)
        self._run(
            dialog,
            lambda a: (self.applications.append(a), self._show_lists()),
            self._dialog_key("application"),
            self.tr("Aanvraag"),
        )

    def _edit_application(self, row: int) -> None:
        def apply(application):  # type: ignore[no-untyped-def]
            self.applications[row] = application
            self._show_lists()

        self._run(
            ApplicationDialog(list(self.members.values()), self.applications[row], self),
            apply,
            self._dialog_key("application", row),
            self.tr("Aanvraag"),
        )

    @staticmethod
    def _remove(items: list, refresh):  # type: ignore[no-untyped-def]
        def remove(row: int) -> None:
            del items[row]
            refresh()

        return remove

    # service calls -------------------------------------------------------------------------
    def _call(self, action) -> bool:  # type: ignore[no-untyped-def]
        self.message.clear_message()
        try:
            plan = action()
        except ValidationFailed as exc:
            self.message.show_message(
                "\n".join(self._readable(k, m) for k, m in exc.errors.items())
            )
            return False
        except DomainError as exc:
            self.message.show_message(exc.message)
            return False
        self.reload(plan)
        self.changed.emit(plan)
        return True

    def _tell(self, text: str) -> None:
        self.message.show_message(text)

    def _readable(self, key: str, message: str) -> str:
        part, _, rest = key.partition(".")
        labels = {
            "goals": self.tr("Doel"),
            "provisions": self.tr("Maatwerk"),
            "applications": self.tr("Aanvraag"),
        }
        if part in labels and rest:
            return f"{labels[part]} {int(rest.split('.')[0]) + 1}: {message}"
        return message

    def _start(self) -> None:
        self._call(lambda: plans.start_plan(self.ctx, self.household.id))

    def current_draft(self) -> PlanDraft:
        dates = {}
        for name, field in (("evaluation_date", self.evaluation_date), ("end_date", self.end_date)):
            try:
                dates[name] = read_date(field.text())
            except InvalidValue as exc:
                raise ValidationFailed({name: exc.message}) from None
        return PlanDraft(
            case_lead=self.case_lead.text().strip(),
            question=self.question.toPlainText().strip(),
            main_provider=self.main_provider.currentData() or None,
            evaluation_date=dates["evaluation_date"],
            end_date=dates["end_date"],
            goals=list(self.goals),
            provisions=list(self.provisions),
            applications=list(self.applications),
        )

    def save(self) -> bool:
        if self.plan is None or self.plan.draft is None:
            return False
        version = self.plan.draft
        saved = self._call(lambda: self._save_or_resolve(version))
        if saved and self.autosave is not None:
            self.autosave.saved()  # saved for real: nothing left to offer back
        if saved:
            self.info.setText(
                self.tr("Concept opgeslagen om {time}").format(
                    time=dt.datetime.now().strftime("%H:%M")
                )
            )
        return saved

    def _save_or_resolve(self, version) -> PlanView:  # type: ignore[no-untyped-def]
        """Save the draft; if another desk saved it first, show what they changed and, when
        the worker agrees, save the worker's own version on top. Nothing typed is lost."""
        from triage_app.domain.errors import Conflict
        from triage_app.domain.plan_diff import diff_drafts

        mine = self.current_draft()
        try:
            return plans.save_draft(self.ctx, version.id, version.version, mine)
        except Conflict:
            current = plans.get_plan(self.ctx, self.household.id)
            theirs = current.draft if current else None
            if theirs is None:
                raise
            lines = [
                f"{d.section} {d.item}: was '{d.before}', nu '{d.after}'"
                for d in diff_drafts(version.draft, theirs.draft)
            ]
            if not self._ask_conflict(lines):
                raise DomainError(
                    self.tr("Niet opgeslagen. Uw wijzigingen staan nog op het scherm.")
                ) from None
            return plans.save_draft(self.ctx, theirs.id, theirs.version, mine)

    def _ask_conflict(self, lines: list[str]) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Intussen gewijzigd"),
            self.tr(
                "Iemand anders heeft dit concept intussen opgeslagen:\n\n{lines}\n\n"
                "Uw versie staat nog op het scherm. Wilt u uw versie opslaan in plaats "
                "van die van de ander?"
            ).format(lines="\n".join(f"• {line}" for line in lines) or "• (geen verschil)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _issue(self) -> None:
        offer = self.plan.draft.handover if self.plan and self.plan.draft else None
        if not (offer and offer.open) and not self.save():  # an offered draft is not changed
            return
        dialog = DecisionDialog(
            self.ctx, self.plan.draft, list(self.members.values()), self, self.household.id
        )
        dialog.issued.connect(lambda plan: (self.reload(plan), self.changed.emit(plan)))
        kit.run_modal(dialog)

    def _new_version(self) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Nieuwe versie"), self.tr("Waarom verandert het plan?")
        )
        if ok:
            self._call(lambda: plans.new_version(self.ctx, self.plan.id, reason))

    def _evaluate(self) -> None:
        dialog = EvaluationDialog(self.ctx.today(), self)

        def apply(values: dict) -> None:
            self._call(
                lambda: plans.record_evaluation(
                    self.ctx,
                    self.plan.id,
                    values["date"],
                    values["outcome"],
                    values["notes"],
                    closure_reason=values.get("closure_reason"),
                    aftercare_date=values.get("aftercare_date"),
                )
            )

        self._run(dialog, apply, f"evaluation:new:{self.plan.id}", self.tr("Evaluatie"))
