"""Login, first start, password change and the idle lock, driven as a worker would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from triage_app.services import accounts
from triage_app.ui import first_run_dialog, kit
from triage_app.ui.account_dialogs import ChangePasswordDialog
from triage_app.ui.idle_lock import IdleLock
from triage_app.ui.login_dialog import LoginDialog

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    return url


def _login_with(qtbot, dialog, username, password):
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_login_dialog_refuses_then_accepts(qtbot, url):
    dialog = LoginDialog(url)
    qtbot.addWidget(dialog)
    dialog.show()
    _login_with(qtbot, dialog, "intake", "verkeerd")
    assert dialog.error.isVisible()
    assert "onjuist wachtwoord" in dialog.error.text()
    assert dialog.password.text() == ""
    with qtbot.waitSignal(dialog.logged_in) as signal:
        _login_with(qtbot, dialog, "intake", PASSWORD)
    ctx = signal.args[0]
    assert ctx.actor.username == "intake"
    ctx.store.dispose()


def test_first_run_creates_the_administrator(qtbot, tmp_path, monkeypatch):
    shown = {}
    monkeypatch.setattr(
        kit, "run_modal", lambda d: shown.setdefault("secrets", d.secrets.toPlainText())
    )
    url = f"sqlite:///{tmp_path / 'nieuw.db'}"
    dialog = first_run_dialog.FirstRunDialog(url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.real_choice, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.display_name, "Teamleider Test")
    qtbot.keyClicks(dialog.password, "zwak")
    qtbot.keyClicks(dialog.repeat, "zwak")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "minstens 10 tekens" in dialog.error.text()
    assert accounts.store_is_new(url)  # nothing was written

    for field in (dialog.password, dialog.repeat):
        field.clear()
        qtbot.keyClicks(field, "Eerste-beheerder-1")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.context.actor.username == "admin"
    assert len(shown["secrets"].replace("-", "")) == 40  # the recovery key, shown once
    dialog.context.store.dispose()
    accounts.login(url, "admin", "Eerste-beheerder-1").store.dispose()


def test_forced_password_change(qtbot, url):
    admin = accounts.login(url, "admin", PASSWORD)
    accounts.reset_password(admin, "intake", "Tijdelijk-wachtwoord-7")
    admin.store.dispose()
    ctx = accounts.login(url, "intake", "Tijdelijk-wachtwoord-7")
    dialog = ChangePasswordDialog(ctx, forced=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, "Tijdelijk-wachtwoord-7")
    qtbot.keyClicks(dialog.new, "Mijn-eigen-wachtwoord-1")
    qtbot.keyClicks(dialog.repeat, "Mijn-eigen-wachtw00rd-1")
    dialog._save()
    assert "niet gelijk" in dialog.new_error.text()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "Mijn-eigen-wachtwoord-1")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not accounts.must_change_password(ctx)
    ctx.store.dispose()


def test_idle_lock_hides_data_and_keeps_what_was_typed(qtbot, url):
    ctx = accounts.login(url, "intake", PASSWORD)
    window = QWidget()
    qtbot.addWidget(window)
    note = QLineEdit()
    QVBoxLayout(window).addWidget(note)
    window.show()
    qtbot.keyClicks(note, "Mevrouw vertelt over haar schulden")

    lock = IdleLock(ctx, minutes=0.002)  # ~0.1 s
    qtbot.waitUntil(lambda: lock.is_locked, timeout=30_000)  # a bound, not a timing
    assert not window.isVisible()
    screen = lock.screen
    assert screen.isVisible()
    assert "Ilse Intake" in " ".join(label.text() for label in screen.findChildren(QLabel))

    qtbot.keyClicks(screen.password, "fout")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked
    assert screen.error.isVisible()

    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClicks(screen.password, PASSWORD)
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert window.isVisible()
    assert note.text() == "Mevrouw vertelt over haar schulden"
    lock.stop()
    ctx.store.dispose()
