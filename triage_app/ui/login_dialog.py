"""The login window: a worker's own account opens the (encrypted) store."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from triage_app.domain.errors import DomainError
from triage_app.services import accounts
from triage_app.services.context import ServiceContext
from triage_app.ui.form_helpers import ErrorLabel, wait_responsive


class LoginDialog(QDialog):
    logged_in = Signal(object)  # ServiceContext

    def __init__(self, url: str, username: str = "", parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.url = url
        self.context: ServiceContext | None = None
        self.setWindowTitle(self.tr("Inloggen - Triage sociaal wijkteam"))
        self.setMinimumWidth(380)

        intro = QLabel(self.tr("Log in met uw eigen account."))
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.error.setObjectName("login_error")

        form = QFormLayout()
        form.addRow(self.tr("Gebruikersnaam"), self.username)
        form.addRow(self.tr("Wachtwoord"), self.password)

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("Inloggen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setObjectName("login_button")
        self.buttons.addButton(self.tr("Stoppen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._attempt)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr("Wachtwoord vergeten? Vraag de beheerder om een tijdelijk wachtwoord.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        layout.addWidget(hint)
        (self.password if username else self.username).setFocus()

    def _attempt(self) -> None:
        self.error.clear_message()
        if not self.username.text().strip() or not self.password.text():
            self.error.show_message(self.tr("Vul uw gebruikersnaam en wachtwoord in."))
            return
        self.login_button.setEnabled(False)
        try:
            self.context = accounts.login(
                self.url, self.username.text(), self.password.text(), sleep=wait_responsive
            )
        except DomainError as exc:
            self.error.show_message(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            self.login_button.setEnabled(True)
        self.logged_in.emit(self.context)
        self.accept()
