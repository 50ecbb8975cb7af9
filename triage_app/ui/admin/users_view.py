"""Accounts of the team: add a worker, change roles, set a temporary password, disable."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.accounts import ROLE_LABELS, Role, generate_password
from triage_app.domain.errors import DomainError
from triage_app.services import accounts
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.models.rows_model import Column, RowsModel


def role_boxes(dialog: FormDialog, ticked: frozenset[Role]) -> dict[Role, QCheckBox]:
    """One check box per role, by its Dutch name, as the dialog's "Rollen" field."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    boxes = {}
    for role in Role:
        check = QCheckBox(ROLE_LABELS[role])
        check.setObjectName(f"role_{role.value}")
        check.setChecked(role in ticked)
        boxes[role] = check
        column.addWidget(check)
    dialog.add_field("roles", dialog.tr("Rollen"), box)
    return boxes


def chosen_roles(boxes: dict[Role, QCheckBox]) -> frozenset[Role]:
    return frozenset(role for role, check in boxes.items() if check.isChecked())


class WorkerDialog(FormDialog):
    """A new worker: user name, name and roles; saving makes the account with a temporary
    password and reports (username, password) through ``chosen``. What is typed is kept as
    a draft (the password is made on saving, so it is never in one)."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Nieuwe medewerker"), parent)
        self.ctx = ctx
        self.username = self.add_field("username", self.tr("Gebruikersnaam"), QLineEdit())
        self.display_name = self.add_field("display_name", self.tr("Naam"), QLineEdit())
        self.roles = role_boxes(self, frozenset())
        self.keep_drafts(ctx, "worker:new", self.tr("Nieuwe medewerker"))

    def collect(self) -> tuple[str, str, frozenset[Role]]:
        return self.username.text(), self.display_name.text(), chosen_roles(self.roles)

    def save(self, value: tuple[str, str, frozenset[Role]]) -> tuple[str, str]:
        username, name, roles = value
        password = generate_password()
        accounts.add_worker(self.ctx, username, name, roles, password)
        return username, password


class RolesDialog(FormDialog):
    """Change a worker's roles by ticking them; ``chosen`` reports the roles saved."""

    def __init__(self, ctx: ServiceContext, worker, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(self.tr("Rollen van {name}").format(name=worker.display_name), parent)
        self.ctx, self.username = ctx, worker.username
        self.roles = role_boxes(self, frozenset(worker.roles))

    def collect(self) -> frozenset[Role]:
        return chosen_roles(self.roles)

    def save(self, value: frozenset[Role]) -> frozenset[Role]:
        accounts.set_roles(self.ctx, self.username, value)
        return value


class UsersView(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Medewerkers"))
        self.resize(900, 500)
        self.model = RowsModel(
            [
                Column(self.tr("Gebruikersnaam"), lambda w: w.username),
                Column(self.tr("Naam"), lambda w: w.display_name),
                Column(
                    self.tr("Rollen"), lambda w: ", ".join(ROLE_LABELS[r] for r in sorted(w.roles))
                ),
                Column(
                    self.tr("Status"),
                    lambda w: (
                        (self.tr("actief") if w.active else self.tr("uitgeschakeld"))
                        + (self.tr(", geblokkeerd") if w.locked else "")
                        + (self.tr(", moet wachtwoord wijzigen") if w.must_change_password else "")
                    ),
                ),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("workers_table")
        self.table.setAccessibleName(self.tr("Medewerkers"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("add", self.tr("Toevoegen…"), self.add),
            ("reset", self.tr("Tijdelijk wachtwoord…"), self.reset),
            ("roles", self.tr("Rollen…"), self.change_roles),
            ("disable", self.tr("Uitschakelen"), self.disable),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(accounts.list_workers(self.ctx))

    def _selected(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _try(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Medewerkers"), exc.message)
            return
        self.message.setText(done)
        self.refresh()

    def add(self) -> None:
        dialog = WorkerDialog(self.ctx, self)

        def created(values: tuple[str, str]) -> None:
            username, password = values
            self.message.setText(
                self.tr(
                    "{user} is toegevoegd. Tijdelijk wachtwoord (eenmalig getoond, bij de eerste "
                    "keer inloggen te wijzigen): {pw}"
                ).format(user=username, pw=password)
            )
            self.refresh()

        dialog.chosen.connect(created)
        kit.run_modal(dialog)

    def reset(self) -> None:
        worker = self._selected()
        if worker is None:
            return
        password = generate_password()
        self._try(
            lambda: accounts.reset_password(self.ctx, worker.username, password),
            self.tr("Tijdelijk wachtwoord voor {user} (eenmalig getoond): {pw}").format(
                user=worker.username, pw=password
            ),
        )

    def change_roles(self) -> None:
        worker = self._selected()
        if worker is None:
            return
        dialog = RolesDialog(self.ctx, worker, self)

        def changed(_roles: frozenset[Role]) -> None:
            self.message.setText(
                self.tr("Rollen van {name} gewijzigd.").format(name=worker.display_name)
            )
            self.refresh()

        dialog.chosen.connect(changed)
        kit.run_modal(dialog)

    def disable(self) -> None:
        worker = self._selected()
        if worker is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Uitschakelen"),
            self.tr("{name} kan daarna niet meer inloggen. Doorgaan?").format(
                name=worker.display_name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._try(
                lambda: accounts.disable_worker(self.ctx, worker.username),
                self.tr("{user} is uitgeschakeld.").format(user=worker.username),
            )
