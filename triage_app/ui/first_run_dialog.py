"""First start on an empty store: try the demo, or create the first administrator."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.errors import DomainError
from triage_app.services import accounts
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.account_dialogs import SecretsShownOnceDialog
from triage_app.ui.form_helpers import ErrorLabel


class FirstRunDialog(QDialog):
    """Sets up the store. Afterwards ``context`` is the administrator's session and ``demo``
    says whether demo households should be added."""

    def __init__(self, url: str, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.url = url
        self.context: ServiceContext | None = None
        self.demo = False
        self.setWindowTitle(self.tr("Welkom - Triage sociaal wijkteam"))
        self.setMinimumWidth(500)

        intro = QLabel(
            self.tr(
                "Er staan op deze computer nog geen gegevens. Alles wat u invoert, wordt "
                "versleuteld opgeslagen. Alleen wie een account heeft, kan het openen."
            )
        )
        intro.setWordWrap(True)
        self.demo_choice = QRadioButton(
            self.tr("Eerst proberen: fictieve huishoudens en een demo-account per rol")
        )
        self.demo_choice.setObjectName("demo_choice")
        self.real_choice = QRadioButton(self.tr("Echt beginnen: maak de eerste beheerder aan"))
        self.real_choice.setObjectName("real_choice")
        self.demo_choice.setChecked(True)

        self.admin_box = QGroupBox(self.tr("Eerste beheerder"))
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.error.setObjectName("first_run_error")
        form = QFormLayout(self.admin_box)
        form.addRow(self.tr("Gebruikersnaam"), self.username)
        form.addRow(self.tr("Uw naam"), self.display_name)
        form.addRow(self.tr("Wachtwoord"), self.password)
        form.addRow(self.tr("Herhaal wachtwoord"), self.repeat)
        self.real_choice.toggled.connect(self.admin_box.setEnabled)
        self.admin_box.setEnabled(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Beginnen"))
        self.ok.setObjectName("start_button")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Stoppen"))
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.demo_choice)
        layout.addWidget(self.real_choice)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _create(self) -> None:
        self.error.clear_message()
        passwords = None
        try:
            if self.demo_choice.isChecked():
                self.context, passwords, recovery = create_demo_accounts(self.url)
                self.demo = True
            else:
                if self.password.text() != self.repeat.text():
                    self.error.show_message(self.tr("De twee wachtwoorden zijn niet gelijk."))
                    return
                self.context, recovery = accounts.create_first_admin(
                    self.url,
                    self.username.text(),
                    self.display_name.text(),
                    self.password.text(),
                )
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        if recovery or passwords:
            kit.run_modal(SecretsShownOnceDialog(recovery, passwords, self))
        self.accept()
