"""Idle lock: after some minutes without keyboard or mouse, hide every window and ask for the
password again. Windows are hidden, not closed, so nothing typed is lost."""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from triage_app.services import accounts
from triage_app.services.context import ServiceContext
from triage_app.ui.form_helpers import ErrorLabel

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class LockScreen(QWidget):
    """The only window shown while locked: it names the worker and asks the password."""

    unlocked = Signal()

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("lock_screen")
        self.setWindowTitle(self.tr("Vergrendeld - Triage sociaal wijkteam"))
        self.setMinimumWidth(400)
        text = QLabel(
            self.tr(
                "Het scherm is vergrendeld omdat u een tijd niets hebt gedaan. "
                "Uw werk staat nog open. Voer uw wachtwoord in om verder te gaan."
            )
        )
        text.setWordWrap(True)
        who = QLabel(f"<b>{ctx.actor.display_name}</b> ({ctx.actor.username})")
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._try)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(
            self.tr("Ontgrendelen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setObjectName("unlock_button")
        buttons.accepted.connect(self._try)
        layout = QVBoxLayout(self)
        for widget in (text, who, self.password, self.error, buttons):
            layout.addWidget(widget)

    def _try(self) -> None:
        if accounts.verify_password(self.ctx, self.password.text()):
            self.password.clear()
            self.error.clear_message()
            self.unlocked.emit()
        else:
            self.password.clear()
            self.error.show_message(self.tr("Dit wachtwoord klopt niet."))


class IdleLock(QObject):
    """Watches the application for activity and locks after ``minutes`` without any."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, ctx: ServiceContext, minutes: float, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY and not self.is_locked:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.screen = LockScreen(self.ctx)
        self.screen.unlocked.connect(self._unlock)
        self.screen.show()
        self.screen.activateWindow()
        self.screen.password.setFocus()
        self.locked.emit()

    def _unlock(self) -> None:
        assert self.screen is not None
        self.screen.hide()
        self.screen.deleteLater()
        self.screen = None
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.timer.start()
        self.unlocked.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
