"""An administrator restores a backup from the menu: checked first, then put in place."""

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.services import accounts, backup, households
from triage_app.ui import main_window
from triage_app.ui.main_window import MainWindow

PASSWORD = "Sterk-wachtwoord-2026"


def test_restore_from_the_menu(qtbot, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    generate_demo(admin, 30, seed=4)
    made = backup.backup_now(admin)
    generate_demo(admin, 20, seed=5)  # work after the backup
    window = MainWindow(admin)
    qtbot.addWidget(window)
    quits = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSWORD, True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(main_window.QMessageBox, "warning", lambda *a: quits.append(a[2]))
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda: quits.append("quit"))
    window.restore_backup()
    assert quits == ["quit"]
    ctx = accounts.login(url, "intake", PASSWORD, sleep=lambda s: None)
    assert households.count_households(ctx) == 30
    ctx.store.dispose()
