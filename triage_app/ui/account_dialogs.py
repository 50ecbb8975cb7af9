"""Dialogs about one's own account: change password, and the recovery key shown once."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from triage_app.domain.errors import DomainError
from triage_app.services import accounts
from triage_app.services.context import ServiceContext
from triage_app.ui.form_helpers import ErrorLabel


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePasswordDialog(QDialog):
    """Change one's own password; ``forced`` after an administrator set a temporary one."""

    def __init__(self, ctx: ServiceContext, forced: bool = False, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Wachtwoord wijzigen"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(
                self.tr("U hebt een tijdelijk wachtwoord gekregen. Kies nu een eigen wachtwoord.")
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        rules = QLabel(
            self.tr(
                "Minstens 10 tekens, met drie soorten: kleine letters, hoofdletters, cijfers, "
                "leestekens. Of een zin van 16 tekens of meer."
            )
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555;")
        self.old = _password_field("old_password")
        self.new = _password_field("new_password")
        self.repeat = _password_field("repeat_password")
        self.old_error, self.new_error = ErrorLabel(), ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Huidig wachtwoord"), self.old)
        form.addRow("", self.old_error)
        form.addRow(self.tr("Nieuw wachtwoord"), self.new)
        form.addRow(self.tr("Herhaal nieuw"), self.repeat)
        form.addRow("", self.new_error)
        layout.addWidget(rules)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Opslaan"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        if forced:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.old_error.clear_message()
        self.new_error.clear_message()
        if self.new.text() != self.repeat.text():
            self.new_error.show_message(self.tr("De twee nieuwe wachtwoorden zijn niet gelijk."))
            return
        try:
            accounts.change_password(self.ctx, self.old.text(), self.new.text())
        except DomainError as exc:
            target = (
                self.old_error if getattr(exc, "field", "") == "old_password" else (self.new_error)
            )
            target.show_message(exc.message)
            return
        self.accept()


class SecretsShownOnceDialog(QDialog):
    """Shows the recovery key (and demo passwords) once; continue only after confirming."""

    def __init__(
        self, recovery_key: str | None, passwords: dict[str, str] | None = None, parent=None
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bewaar deze gegevens nu"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        text = []
        if recovery_key:
            layout.addWidget(
                self._wrapped(
                    self.tr(
                        "Dit is de herstelsleutel. Schrijf hem op en bewaar hem veilig, "
                        "bijvoorbeeld in de kluis van het team. Hij wordt maar één keer getoond. "
                        "Met deze sleutel kunt u de gegevens weer openen als alle wachtwoorden "
                        "kwijt zijn."
                    )
                )
            )
            text.append(recovery_key)
        if passwords:
            layout.addWidget(
                self._wrapped(
                    self.tr(
                        "Demo-accounts (één per rol). Ook deze wachtwoorden worden maar één keer "
                        "getoond:"
                    )
                )
            )
            text += [f"{user:<12} {password}" for user, password in passwords.items()]
        self.secrets = QPlainTextEdit("\n".join(text))
        self.secrets.setObjectName("secrets")
        self.secrets.setReadOnly(True)
        self.secrets.setFont(QFont("DejaVu Sans Mono", 11))
        self.secrets.setMinimumHeight(120)
        layout.addWidget(self.secrets)
        self.confirm = QCheckBox(self.tr("Ik heb dit opgeschreven"))
        self.confirm.setObjectName("confirm")
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Verder"))
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    @staticmethod
    def _wrapped(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
