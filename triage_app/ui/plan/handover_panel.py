"""The hand-over row of the plan window: where the draft lies ("ligt ter besluitvorming bij
…", "teruggestuurd: …") and the buttons to offer it to a decider or send it back."""

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from triage_app.domain.accounts import Role
from triage_app.domain.plan_views import HandoverView, PlanView
from triage_app.domain.values import format_date
from triage_app.domain.work_queue import wait_text
from triage_app.services import handover
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.plan.handover_dialogs import OfferDialog, SendBackDialog


def may_take(ctx: ServiceContext, offer: HandoverView | None) -> bool:
    """Whether this worker decides on the offered draft: the named decider, or any decider
    when it was offered to the team's pool."""
    return (
        offer is not None
        and offer.open
        and ctx.actor.has(Role.DECIDER)
        and offer.offered_to_username in (None, ctx.actor.username)
    )


class HandoverPanel(QWidget):
    changed = Signal(object)  # PlanView after an offer or a send-back

    def __init__(
        self,
        ctx: ServiceContext,
        save_first: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.save_first = ctx, save_first
        self.plan: PlanView | None = None
        self.text = QLabel()
        self.text.setObjectName("handover_status")
        self.text.setWordWrap(True)
        self.offer_button = QPushButton(self.tr("Ter besluitvorming…"))
        self.offer_button.setObjectName("offer_for_decision")
        self.offer_button.setToolTip(
            self.tr("Bied het plan aan een gemandateerde aan; die neemt het besluit.")
        )
        self.offer_button.clicked.connect(self._offer)
        self.send_back_button = QPushButton(self.tr("Terugsturen…"))
        self.send_back_button.setObjectName("send_back")
        self.send_back_button.clicked.connect(self._send_back)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.offer_button)
        layout.addWidget(self.send_back_button)

    def show_plan(self, plan: PlanView | None, editable: bool) -> None:
        self.plan = plan
        draft = plan.draft if plan and plan.status == "active" else None
        offer = draft.handover if draft else None
        self.text.setText(self._text(offer))
        self.text.setVisible(bool(self.text.text()))
        self.offer_button.setVisible(
            editable and self.ctx.actor.has(Role.CASEMANAGER) and not (offer and offer.open)
        )
        self.send_back_button.setVisible(may_take(self.ctx, offer))

    def _text(self, offer: HandoverView | None) -> str:
        if offer is None:
            return ""
        if offer.status == "sent_back":
            return self.tr("Teruggestuurd door {who}: {note}").format(
                who=offer.returned_by, note=offer.return_note
            )
        if not offer.open:
            return ""
        text = self.tr("Ligt ter besluitvorming bij {who} sinds {date} ({wait}).").format(
            who=offer.offered_to or self.tr("de pool van het team"),
            date=format_date(offer.offered_on),
            wait=wait_text(offer.offered_on, self.ctx.today()),
        )
        if offer.note:
            text += " " + self.tr("Notitie van {who}: {note}").format(
                who=offer.offered_by, note=offer.note
            )
        return text

    def _offer(self) -> None:
        if not self.save_first():
            return
        draft = self.plan.draft
        dialog = OfferDialog(
            handover.deciders(self.ctx),
            lambda to, note: handover.offer(self.ctx, draft.id, draft.version, to, note),
            self,
        )
        dialog.keep_drafts(
            self.ctx, f"offer:{draft.id}", self.tr("Ter besluitvorming"), self.plan.household_id
        )
        dialog.chosen.connect(self.changed.emit)
        kit.run_modal(dialog)

    def _send_back(self) -> None:
        draft = self.plan.draft
        dialog = SendBackDialog(lambda note: handover.send_back(self.ctx, draft.id, note), self)
        dialog.keep_drafts(
            self.ctx, f"send_back:{draft.id}", self.tr("Terugsturen"), self.plan.household_id
        )
        dialog.chosen.connect(self.changed.emit)
        kit.run_modal(dialog)
