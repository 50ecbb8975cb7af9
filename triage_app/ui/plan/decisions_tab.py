"""The plan window's "Beschikkingen" tab: the plan's decisions with their objections, filtered
(alle, geldend, afgelopen, met bezwaar), and the objection actions (register, settle, decide
on it; the ruling dialog keeps a draft). A page of ``PlanWindow``: it builds itself, shows a
plan with ``fill(plan)`` and hands each service call to the window's ``call`` (which reloads
the plan or shows the refusal) and each message to ``tell``."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.decision_filters import FILTER_LABELS, DecisionFilter, filtered
from triage_app.domain.errors import InvalidValue
from triage_app.domain.plan import KIND_LABELS, OUTCOME_LABELS, ObjectionOutcome
from triage_app.domain.plan_views import PlanView
from triage_app.domain.values import format_date
from triage_app.services import objections, plans
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.form_helpers import read_date
from triage_app.ui.models.rows_model import Column, RowsModel

OBJECTION_STATES = {
    "pending": "loopt",
    "upheld": "gegrond",
    "partly_upheld": "deels gegrond",
    "dismissed": "ongegrond",
    "inadmissible": "niet-ontvankelijk",
    "withdrawn": "ingetrokken",
}


def objection_text(decision) -> str:  # type: ignore[no-untyped-def]
    """The last objection to a decision in one line, e.g. "23-11-2026: loopt"."""
    if not decision.objections:
        return ""
    last = decision.objections[-1]
    state = OBJECTION_STATES.get(last.outcome, last.outcome)
    late = "" if last.on_time else ", te laat ingediend"
    ruling = f", beslissing {last.new_decision_number}" if last.new_decision_number else ""
    return f"{format_date(last.received_on)}: {state}{late}{ruling}"


class DecisionsTab(QWidget):
    def __init__(
        self,
        ctx: ServiceContext,
        household_id,  # type: ignore[no-untyped-def]
        call: Callable[[Callable[[], PlanView]], bool],
        tell: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.household_id, self.call, self.tell = ctx, household_id, call, tell
        self.model = RowsModel(
            [
                Column(self.tr("Nummer"), lambda d: d.number),
                Column(self.tr("Aan"), lambda d: d.addressee),
                Column(self.tr("Soort"), lambda d: KIND_LABELS.get(d.kind, d.kind)),
                Column(self.tr("Uitkomst"), lambda d: OUTCOME_LABELS.get(d.outcome, d.outcome)),
                Column(self.tr("Besluit"), lambda d: format_date(d.decision_date)),
                Column(self.tr("Bezwaar tot"), lambda d: format_date(d.objection_deadline)),
                Column(self.tr("Vervangt"), lambda d: d.replaces_number or d.on_objection or ""),
                Column(self.tr("Bezwaar"), objection_text),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("decisions_table")
        self.table.setAccessibleName(self.tr("Besluiten"))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        kit.keep_whole(self.table, 0)
        self.table.setToolTip(self.tr("Dubbelklik om het besluit te bekijken en af te drukken."))
        self.table.activated.connect(self._show_decision)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        buttons = QHBoxLayout()
        self.objection_button = self._button(
            "record_objection", self.tr("Bezwaar registreren…"), self._record_objection
        )
        self.settle_button = self._button(
            "settle_objection", self.tr("Uitkomst bezwaar…"), self._settle_objection
        )
        self.ruling_button = self._button(
            "decide_on_objection", self.tr("Beslissen op bezwaar…"), self._decide_on_objection
        )
        for button in (self.objection_button, self.settle_button, self.ruling_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.filter = QComboBox()
        self.filter.setObjectName("decision_filter")
        for which, label in FILTER_LABELS.items():
            self.filter.addItem(self.tr(label), which.value)
        self.filter.currentIndexChanged.connect(self._show_decisions)
        self.all_decisions: list = []
        self.count = QLabel()
        self.count.setObjectName("decision_count")
        filters = QHBoxLayout()
        filters.addWidget(kit.label_for(self.filter, self.tr("&Tonen")))
        filters.addWidget(self.filter)
        filters.addWidget(self.count)
        filters.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    @staticmethod
    def _button(name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def fill(self, plan: PlanView | None) -> None:
        self.all_decisions = list(plan.decision_history) if plan else []
        self._show_decisions()

    def _show_decisions(self) -> None:
        """The plan's decisions under the chosen filter, newest first."""
        which = DecisionFilter(self.filter.currentData())
        shown = filtered(self.all_decisions, which, self.ctx.today())
        self.model.set_rows(shown)
        self.count.setText(
            self.tr("{shown} van {total} besluiten").format(
                shown=len(shown), total=len(self.all_decisions)
            )
        )

    def _reloaded(self, action: Callable[[], object]) -> Callable[[], PlanView]:
        """The service call, then the plan as it is now (for the window to show)."""
        return lambda: (action(), plans.get_plan(self.ctx, self.household_id))[1]

    def _show_decision(self, index) -> None:  # type: ignore[no-untyped-def]
        from triage_app.ui.batch_print import open_decision

        open_decision(self.ctx, self.model.row_at(index.row()).number, self)

    def _selected(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _pending(self):  # type: ignore[no-untyped-def]
        decision = self._selected()
        pending = [o for o in decision.objections if o.outcome == "pending"] if decision else []
        if not pending:
            self.tell(self.tr("Kies een besluit met een open bezwaar."))
            return None
        return pending[0]

    def _record_objection(self) -> None:
        decision = self._selected()
        if decision is None:
            self.tell(self.tr("Kies eerst het besluit in de lijst."))
            return
        typed, ok = QInputDialog.getText(
            self,
            self.tr("Bezwaar registreren"),
            self.tr("Datum waarop het bezwaar binnenkwam (dd-mm-jjjj):"),
            text=format_date(self.ctx.today()),
        )
        if not ok:
            return
        try:
            received = read_date(typed, required=True)
        except InvalidValue as exc:
            self.tell(exc.message)
            return
        self.call(
            self._reloaded(lambda: objections.record_objection(self.ctx, decision.id, received))
        )

    def _settle_objection(self) -> None:
        pending = self._pending()
        if pending is None:
            return
        labels = {
            ObjectionOutcome.UPHELD: self.tr("Gegrond"),
            ObjectionOutcome.PARTLY_UPHELD: self.tr("Deels gegrond"),
            ObjectionOutcome.DISMISSED: self.tr("Ongegrond"),
            ObjectionOutcome.INADMISSIBLE: self.tr("Niet-ontvankelijk"),
            ObjectionOutcome.WITHDRAWN: self.tr("Ingetrokken"),
        }
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Uitkomst bezwaar"),
            self.tr("Wat is de uitkomst?"),
            list(labels.values()),
            0,
            False,
        )
        if not ok:
            return
        outcome = next(o for o, label in labels.items() if label == choice)
        self.call(
            self._reloaded(
                lambda: objections.settle_objection(self.ctx, pending.id, outcome, self.ctx.today())
            )
        )

    def _decide_on_objection(self) -> None:
        from triage_app.ui.plan.objection_dialog import ObjectionRulingDialog

        pending = self._pending()
        if pending is None:
            return
        dialog = ObjectionRulingDialog(self.ctx.today(), pending.received_on, self)
        dialog.keep_drafts(
            self.ctx, f"objection:{pending.id}", self.tr("Beslissing op bezwaar"), self.household_id
        )
        dialog.chosen.connect(
            lambda ruling: self.call(
                self._reloaded(lambda: objections.decide_on_objection(self.ctx, pending.id, ruling))
            )
        )
        kit.run_modal(dialog)
