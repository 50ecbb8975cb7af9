"""Start the GUI: first run or login, then the main window with its idle lock and backups."""

import gc
import sys

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from triage_app.domain.errors import DomainError
from triage_app.services import accounts, backup
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, tasks
from triage_app.ui.account_dialogs import ChangePasswordDialog
from triage_app.ui.first_run_dialog import FirstRunDialog
from triage_app.ui.idle_lock import IdleLock
from triage_app.ui.login_dialog import LoginDialog
from triage_app.ui.main_window import MainWindow

DEMO_HOUSEHOLDS = 500
BACKUP_CHECK_MS = 30 * 60 * 1000


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Triage sociaal wijkteam")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    kit.install(app)
    return app  # type: ignore[return-value]


def _fill_with_demo(ctx: ServiceContext) -> None:
    """Generate demo households in the background, with a progress bar."""
    from triage_app.demo.generate import generate_demo  # not on a normal start

    dialog = QProgressDialog("Demohuishoudens aanmaken…", "", 0, DEMO_HOUSEHOLDS)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("Demo")
    dialog.setMinimumDuration(0)
    task = tasks.Task(
        lambda progress, _cancelled: generate_demo(ctx, DEMO_HOUSEHOLDS, seed=1, progress=progress)
    )
    loop = QEventLoop()
    task.signals.progress.connect(lambda done, _total: dialog.setValue(done))
    task.signals.finished.connect(lambda _: loop.quit())
    task.signals.failed.connect(
        lambda message: (QMessageBox.warning(None, "Demo", message), loop.quit())
    )
    tasks.start(task)
    loop.exec()
    dialog.close()


def start_session(url: str) -> ServiceContext | None:
    """First run or login; None when the worker stopped."""
    ctx = None
    username = ""
    if accounts.store_is_new(url):
        first = FirstRunDialog(url)
        if not first.exec() or first.context is None:
            return None
        if not first.demo:
            ctx = first.context
        else:
            _fill_with_demo(first.context)
            first.context.store.dispose()
            username = "intake"
    if ctx is None:
        login = LoginDialog(url, username)
        if not login.exec() or login.context is None:
            return None
        ctx = login.context
    if accounts.must_change_password(ctx):
        ChangePasswordDialog(ctx, forced=True).exec()
        if accounts.must_change_password(ctx):
            ctx.store.dispose()
            return None
    problems = start_checks(ctx)
    if problems:
        QMessageBox.critical(
            None,
            "Gegevens beschadigd",
            (
                "Bij de controle van de gegevens is een fout gevonden. Werk niet verder met deze "
                "gegevens. Zet de laatste back-up terug met: triage-app --user BEHEERDER restore "
                "BESTAND (de back-ups staan in de map 'backups' naast de gegevens).\n\n"
                + "\n".join(problems[:5])
            ),
        )
        ctx.store.dispose()
        return None
    return ctx


def start_checks(ctx: ServiceContext) -> list[str]:
    """What a start runs after the login: the store check only after an unclean end or a
    restore (services/backup.py)."""
    return backup.start_checks(ctx)


def _scheduled_backup(ctx: ServiceContext) -> None:
    if ctx.store.path is None:
        return
    task = tasks.Task(lambda _progress, _cancelled: backup.backup_if_due(ctx))
    tasks.start(task)


def run_gui(url: str) -> int:
    app = _application()
    while True:
        try:
            ctx = start_session(url)
        except DomainError as exc:
            QMessageBox.critical(None, "Triage sociaal wijkteam", exc.message)
            return 1
        if ctx is None:
            return 0
        code, switch_user = run_window(app, ctx)
        if not switch_user:
            return code


def keep_start_up_out_of_full_collections() -> None:
    """What start-up made (modules, classes, the window, reference data) lives as long as the
    app. Moved out of the cycle collector's view, a full collection no longer walks it: that
    walk stalled the window for 0.1-0.45 s while a worker typed during a batch print. The
    collector stays on for everything made afterwards."""
    gc.freeze()


def run_window(app: QApplication, ctx: ServiceContext) -> tuple[int, bool]:
    """The main window until the worker quits, or logs out to let someone else in (True)."""
    window = MainWindow(ctx)
    lock = IdleLock(ctx, ctx.reference.idle_lock_minutes, window)
    timer = QTimer(window, interval=BACKUP_CHECK_MS)
    timer.timeout.connect(lambda: _scheduled_backup(ctx))
    timer.start()
    _scheduled_backup(ctx)
    window.show()
    QTimer.singleShot(0, keep_start_up_out_of_full_collections)
    try:
        code = app.exec()
    finally:
        lock.stop()
        backup.session_ended(ctx)
        ctx.store.dispose()
    window.deleteLater()
    return code, window.switch_user
