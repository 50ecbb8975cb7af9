"""The team lead gives a worker other roles by ticking them by their Dutch names; no role
code (intake, casemanager, decider, admin) is typed or shown anywhere in the accounts screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton

from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.accounts import Role
from triage_app.services import accounts
from triage_app.ui.admin.users_view import UsersView

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "Wachtwoord-voor-de-test-1"
CODES = {role.value for role in Role}


def _words(widget) -> set[str]:  # type: ignore[no-untyped-def]
    texts = [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.text() for w in widget.findChildren(QLineEdit)]
    texts.append(widget.windowTitle())
    model = getattr(widget, "model", None)
    if model is not None:
        for row in range(model.rowCount()):
            # column 0 holds the user names (the demo's team lead logs in as "admin")
            texts += [str(model.index(row, c).data()) for c in range(1, model.columnCount())]
    # case counts: "Casemanager" is also the Dutch name, the code is "casemanager"
    return {word.strip(",.:()") for text in texts for word in text.split()}


def test_roles_are_ticked_by_their_dutch_names(qtbot, tmp_path, modals):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    view = UsersView(admin)
    qtbot.addWidget(view)
    view.show()
    assert not CODES & _words(view)

    worker = next(w for w in accounts.list_workers(admin) if Role.ADMIN not in w.roles)
    row = next(i for i in range(view.model.rowCount()) if view.model.row_at(i) == worker)
    view.table.selectRow(row)
    qtbot.mouseClick(view.findChild(QPushButton, "roles"), LEFT)
    dialog = modals[-1]
    assert not CODES & _words(dialog)
    ticked = {role for role, check in dialog.roles.items() if check.isChecked()}
    assert ticked == set(worker.roles)  # the current roles are ticked

    for check in dialog.roles.values():  # none ticked: refused at the field, nothing saved
        check.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible() and dialog.errors["roles"].text() == "Kies minstens één rol."
    assert {w.username: w.roles for w in accounts.list_workers(admin)}[worker.username] == (
        worker.roles
    )

    decider = dialog.roles[Role.DECIDER]
    decider.setFocus()
    qtbot.keyClick(decider, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    stored = {w.username: w.roles for w in accounts.list_workers(admin)}[worker.username]
    assert stored == frozenset({Role.DECIDER})
    assert "gewijzigd" in view.message.text()
    assert CODES & _words(view) == set(), view.message.text()
    admin.store.dispose()
