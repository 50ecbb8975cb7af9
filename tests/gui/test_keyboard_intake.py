"""A typical intake by keyboard only, counting every key action (a field's text is one).

Household of two adults and a child, a melding, the gesprek over the three life domains the
question touches (each with a note), the advised route and one referral. Keys go to whatever
has the focus, as for a worker: no setFocus, no direct widget calls.
"""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from triage_app.services import households, intake_history
from triage_app.ui.main_window import MainWindow

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
MAX_ACTIONS = 60


class Keyboard:
    """Sends keys to the focused widget and counts what the worker did."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.actions = 0

    def focused(self):
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return QApplication.focusWidget()

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focused(), key, modifier)
            self.actions += 1

    def digit(self, level: int) -> None:
        QTest.keyClick(self.focused(), str(level))
        self.actions += 1

    def type(self, text: str) -> None:
        """One field's text: one action (accents typed as the characters they are)."""
        widget = self.focused()
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )
        self.actions += 1


def test_typical_intake_by_keyboard_only(qtbot, ctx, modals, capsys):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keys = Keyboard(qtbot)
    before = households.count_households(ctx)

    # The household: address, then three members through "opslaan en volgende lid".
    def wait_for_dialog(count: int) -> None:
        qtbot.waitUntil(
            lambda: len(modals) > count and QApplication.activeWindow() is modals[count]
        )

    keys.press(Qt.Key.Key_N, CTRL)
    wait_for_dialog(0)
    dialog = modals[0]
    keys.type("Biltstraat")
    keys.press(Qt.Key.Key_Tab)
    keys.type("101")
    keys.press(Qt.Key.Key_Tab)
    keys.type("3584 AB")
    keys.press(Qt.Key.Key_B, ALT)  # Bewoner toevoegen
    for count, (first, last, born, then) in enumerate(
        (
            ("Fatima", "El Amrani", "03-04-1980", (Qt.Key.Key_V, ALT)),
            ("Youssef", None, "12-09-1978", (Qt.Key.Key_V, ALT)),
            ("Noor", None, "01-06-2015", (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)),
        ),
        start=1,
    ):
        wait_for_dialog(count)
        keys.type(first)
        if last:
            keys.press(Qt.Key.Key_N, ALT)
            keys.type(last)
        keys.press(Qt.Key.Key_G, ALT)
        keys.type(born)
        keys.press(*then)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and len(dialog.members) == 3)
    keys.press(Qt.Key.Key_Return)  # Opslaan
    qtbot.waitUntil(lambda: households.count_households(ctx) == before + 1)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    household = window.household_screen.household
    assert [m.role.value for m in household.members].count("child") == 1

    # The melding: focus is on "Nieuwe melding"; the flow opens on the question.
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.child_windows))
    flow = window.child_windows[-1]
    qtbot.waitUntil(flow.isActiveWindow)
    keys.type("Wij redden het niet meer met de post en de zorg voor Noor")
    keys.press(Qt.Key.Key_C, ALT)  # told about client support
    keys.press(Qt.Key.Key_P, ALT)  # told about the personal plan
    qtbot.waitUntil(lambda: flow.told_support.isChecked() and flow.told_plan.isChecked())
    keys.press(Qt.Key.Key_Return, CTRL)

    # The gesprek: first the life domains the question touches. "post" ticked finances
    # already; a first letter moves to housing, then the social network, space ticks each.
    # Then a digit per ticked domain, each with a note; the other domains are not asked.
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == 1)
    assert flow.scope.codes() == ["finances"]
    assert keys.focused() is flow.scope.list
    keys.press(Qt.Key.Key_H)  # Huisvesting
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_S)  # Sociaal netwerk
    keys.press(Qt.Key.Key_Space)
    assert flow.scope.codes() == ["finances", "housing", "social_network"]
    keys.press(Qt.Key.Key_Tab)  # to the first ticked domain's score
    notes = {
        "finances": "Post blijft liggen",
        "housing": "Huur op tijd",
        "social_network": "Zus helpt",
    }
    for code in flow.scope.codes():
        keys.digit(3 if code == "finances" else 4)
        keys.press(Qt.Key.Key_Tab, SHIFT)  # back to this domain's note
        keys.type(notes[code])
        keys.press(Qt.Key.Key_Tab)
    typed = flow.typed_assessment()
    assert {s.life_domain: (s.score, s.notes) for s in typed.scores} == {
        "finances": (3, "Post blijft liggen"),
        "housing": (4, "Huur op tijd"),
        "social_network": (4, "Zus helpt"),
    }
    assert typed.scope == ["finances", "housing", "social_network"]
    keys.press(Qt.Key.Key_Return, CTRL)

    # Advice: the advised route is chosen already; Ctrl+Enter records it.
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == 2)
    advised = flow.route.currentText()
    keys.press(Qt.Key.Key_Return, CTRL)

    # Referral: the fitting offer is chosen already; make it, then done.
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == 3)
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: flow.referral_id is not None)
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.child_windows)

    kinds = [e.kind for e in intake_history.timeline(ctx, household.id)]
    assert kinds == ["Verwijzing", "Route", "Gesprek", "Melding"]
    texts = " ".join(e.text for e in intake_history.timeline(ctx, household.id))
    assert advised.split(" ")[0] in texts
    with capsys.disabled():
        print(f"\nkeyboard intake: {keys.actions} actions")
    assert keys.actions <= MAX_ACTIONS
