"""Child process for the plan draft tests: open the household's plan, open one of its forms
(the plan itself, or a goal, arrangement, application, evaluation, objection, offer or
send-back dialog; or, for "member", a member's dialog in "Huishouden wijzigen"), type a
text, print "kept" once the draft holds it, then wait to be killed (kill -9, never saved).

Usage: python plan_draft_killer.py URL HOUSEHOLD_ID FORM
"""

import os
import sys
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from tests.gui.draft_children import say_kept_then_wait

# What is typed into each form, and into which field.
TYPED = {
    "plan": ("question", "Traplift voor Fenna en rust voor Kees"),
    "goal": ("result", "Fenna komt weer zelf boven"),
    "provision": ("preferred_provider", "Zorgboerderij De Hoeve"),
    "application": ("motivation", "Kees kan de zorg niet meer alleen aan"),
    "evaluation": ("notes", "Fenna gaat twee dagen naar de dagbesteding"),
    "objection": ("motivation", "U heeft gelijk: de dagbesteding gaat door"),
    "offer": ("note", "Graag voor vrijdag, Kees is uitgeput"),
    "send_back": ("note", "Onderbouw de omvang van de dagbesteding"),
    "member": ("first_name", "Anouschka"),
}
BUTTONS = {
    "goal": "goals_add",
    "provision": "provisions_add",
    "application": "applications_add",
    "evaluation": "evaluate",
    "objection": "decide_on_objection",
    "offer": "offer_for_decision",
    "send_back": "send_back",
    "member": "add_member",
}


def open_form(window, form: str, opened: list) -> QWidget:  # type: ignore[no-untyped-def]
    """Open ``form`` in the plan window the way a worker does; the widget that holds the
    typed field (dialogs are shown through the patched ``kit.run_modal`` into ``opened``)."""
    if form == "plan":
        return window
    if form == "objection":
        window.decisions.table.selectRow(0)
    window.findChild(QPushButton, BUTTONS[form]).click()
    return opened[-1]


def open_window(ctx, household, form: str) -> QWidget:  # type: ignore[no-untyped-def]
    """The window the form is opened from: the plan, or for a member the household dialog."""
    from triage_app.ui.household_dialog import HouseholdDialog
    from triage_app.ui.plan.plan_window import PlanWindow

    if form == "member":
        return HouseholdDialog(ctx, household)
    return PlanWindow(ctx, household)


def field(form_widget: QWidget, form: str) -> QLineEdit | QPlainTextEdit:
    name = TYPED[form][0]
    return form_widget.findChild(QPlainTextEdit, name) or form_widget.findChild(QLineEdit, name)


def main() -> None:
    from tests.conftest import TODAY, make_actor
    from triage_app.domain.accounts import Role
    from triage_app.services import drafts, households
    from triage_app.services.context import ServiceContext
    from triage_app.store.engine import open_store
    from triage_app.ui import autosave, kit

    url, household_id, form = sys.argv[1], uuid.UUID(sys.argv[2]), sys.argv[3]
    store = open_store(url, upgrade=False)
    ctx = ServiceContext(store=store, actor=make_actor(*Role), today=lambda: TODAY)
    app = QApplication([])
    autosave.INTERVAL_MS = 100
    opened: list = []
    kit.run_modal = lambda dialog: (opened.append(dialog), dialog.show(), 0)[-1]
    window = open_window(ctx, households.get_household(ctx, household_id), form)
    window.show()
    target = open_form(window, form, opened)
    QTest.qWait(50)  # the form has looked for a draft to offer back (there is none)
    QTest.keyClicks(field(target, form), TYPED[form][1])
    say_kept_then_wait(
        app, lambda: bool(any(TYPED[form][1] in str(d.payload) for d in drafts.pending(ctx)))
    )


if __name__ == "__main__":
    main()
