"""The main window: search-as-you-type over households, and the dossier of the one opened."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app import __version__
from triage_app.domain.accounts import ROLE_LABELS, Role
from triage_app.domain.errors import DomainError
from triage_app.domain.household import HouseholdView
from triage_app.services import backup, households
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, save_file, tasks, window_places
from triage_app.ui.account_dialogs import ChangePasswordDialog
from triage_app.ui.household_dialog import HouseholdDialog
from triage_app.ui.household_screen import HouseholdScreen
from triage_app.ui.models.household_search_model import HouseholdSearchModel
from triage_app.ui.offline_view import OfflineActions, OfflineStatus

SEARCH_DELAY_MS = 100  # while searches are slow: one query for a burst of fast typing
FAST_SEARCH_MS = 30  # a search answered this quick runs on every keystroke (no debounce)
LOG_SEARCH_AFTER_MS = 1500  # a search is logged once the typing has settled
LOG_SEARCH_SETS_AT_MOST = 20  # result sets waiting to be logged while typing goes on


def ctx_is_local(ctx: ServiceContext) -> bool:
    """Taking along and syncing are for a laptop's own store, not for the team store."""
    return ctx.store.is_sqlite


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.child_windows: list[QWidget] = []  # open plan and intake windows
        self.switch_user = False  # closed to let another worker log in
        self.setWindowTitle(
            self.tr("Triage sociaal wijkteam - {name}").format(name=ctx.actor.display_name)
        )
        self.resize(1200, 800)
        window_places.remember(self, "main", ctx)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._search_page())
        self.household_screen = HouseholdScreen(ctx)
        self.household_screen.back.connect(self.show_search)
        self.household_screen.opened.connect(self._dossier_opened)
        self.household_screen.edit_requested.connect(self.edit_household)
        self.household_screen.plan_requested.connect(self.open_plan)
        self.household_screen.print_requested.connect(self.print_plan)
        self.household_screen.intake_requested.connect(self.open_intake)
        self.pages.addWidget(self.household_screen)
        self.setCentralWidget(self.pages)
        self.offline_status = OfflineStatus(ctx)
        self.offline = OfflineActions(self, ctx, self.offline_status)
        self._menus()
        self.results_label = QLabel()
        self.results_label.setObjectName("results_label")
        self.statusBar().addWidget(self.results_label, 1)
        self.statusBar().addPermanentWidget(self.offline_status)
        roles = ", ".join(ROLE_LABELS[r] for r in sorted(ctx.actor.roles))
        self.statusBar().addPermanentWidget(QLabel(f"{ctx.actor.display_name} ({roles})"))
        self.statusBar().addPermanentWidget(QLabel(ctx.store_location()))
        # Searches run off the UI thread; only the newest typed text's answer is shown.
        self.searches = tasks.Runner(self._show_results, self.results_label.setText, self)
        self.search_logs = tasks.Runner(
            lambda _: None, self.results_label.setText, self, latest_only=False
        )
        self._open_when_shown = False
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.run_search)
        self.log_timer = QTimer(self, singleShot=True, interval=LOG_SEARCH_AFTER_MS)
        self.log_timer.timeout.connect(self._log_search)
        # The result set on screen and not yet logged: (typed, dossier numbers shown); and
        # the sets shown before it while typing went on, logged with it once typing settles.
        self._pending: tuple[str, tuple[str, ...]] | None = None
        self._unlogged: list[tuple[str, tuple[str, ...]]] = []
        self._logged: tuple[str, ...] | None = None
        self.pages.currentChanged.connect(lambda _index: self._log_search())
        self.search_box.setFocus()

    # building ------------------------------------------------------------------------------
    def _search_page(self) -> QWidget:
        page = QWidget()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            self.tr("Zoek op naam, adres, postcode, geboortedatum (dd-mm-jjjj) of dossiernummer")
        )
        self.search_box.setStyleSheet("font-size: 13pt; padding: 6px;")
        self.search_box.textChanged.connect(self._typed)
        self.search_box.returnPressed.connect(self.open_selected)
        self.new_button = QPushButton(self.tr("Nieuw huishouden"))
        self.new_button.setObjectName("new_household")
        self.new_button.clicked.connect(self.new_household)
        self.new_button.setVisible(self.ctx.actor.has(Role.INTAKE, Role.CASEMANAGER))
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        self.model = HouseholdSearchModel(self)
        self.results = kit.WholeColumnsTable(0)  # the dossier number
        self.results.setObjectName("results_table")
        self.results.setAccessibleName(self.tr("Gevonden huishoudens"))
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)  # one line per household; the full list is the tooltip
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 220, 240, 80, 130)):
            self.results.setColumnWidth(column, width)
        self.results.activated.connect(lambda index: self.open_row(index.row()))
        self.hint = QLabel(
            self.tr(
                "Begin met typen om een huishouden te zoeken. Enter opent het eerste of gekozen "
                "huishouden; Esc gaat terug naar zoeken."
            )
        )
        self.hint.setStyleSheet("color: #555;")
        from triage_app.ui.work_queue_view import WorkQueueView

        self.work = WorkQueueView(self.ctx)
        self.work.open_household.connect(self.open_household)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.work, 3)
        return page

    def _action(self, menu, text: str, slot, shortcut=None, visible: bool = True) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        action.setVisible(visible)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        actor = self.ctx.actor
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self._action(
            file_menu,
            self.tr("Nieuw huishouden"),
            self.new_household,
            QKeySequence.StandardKey.New,
            actor.has(Role.INTAKE, Role.CASEMANAGER),
        )
        self._action(file_menu, self.tr("Zoeken"), self.show_search, QKeySequence.StandardKey.Find)
        self._action(
            file_menu,
            self.tr("Besluiten afdrukken…"),
            self.batch_print,
            QKeySequence("Ctrl+P"),
            actor.has(Role.INTAKE, Role.CASEMANAGER, Role.DECIDER),
        )
        self._action(
            file_menu,
            self.tr("Toewijzingen exporteren (iWmo)…"),
            self.export_iwmo,
            visible=actor.has(Role.ADMIN, Role.DECIDER),
        )
        file_menu.addSeparator()
        local = ctx_is_local(self.ctx)
        work = actor.has(Role.INTAKE, Role.CASEMANAGER, Role.DECIDER, Role.ADMIN)
        self._action(
            file_menu, self.tr("Meenemen…"), self.offline.take_along, visible=local and work
        )
        self._action(
            file_menu, self.tr("Synchroniseren"), self.offline.sync, visible=local and work
        )
        self._action(
            file_menu,
            self.tr("Conflicten…"),
            self.offline.open_conflicts,
            visible=local and work,
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Back-up maken"), self.make_backup)
        self._action(
            file_menu,
            self.tr("Back-up terugzetten…"),
            self.restore_backup,
            visible=actor.has(Role.ADMIN),
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Afsluiten"), self.close, QKeySequence("Ctrl+Q"))
        account = self.menuBar().addMenu(self.tr("&Account"))
        self._action(
            account,
            self.tr("Afmelden / andere medewerker"),
            self.log_out,
            QKeySequence("Ctrl+Shift+L"),
        )
        self._action(
            account,
            self.tr("Wachtwoord wijzigen…"),
            lambda: kit.run_modal(ChangePasswordDialog(self.ctx, parent=self)),
        )
        self.admin_menu = self.menuBar().addMenu(self.tr("B&eheer"))
        self.admin_menu.menuAction().setVisible(actor.has(Role.ADMIN))
        self._action(self.admin_menu, self.tr("Medewerkers…"), self.open_users)
        self._action(self.admin_menu, self.tr("Auditlog…"), self.open_audit_log)
        self._action(self.admin_menu, self.tr("Bewaartermijnen…"), self.open_retention)
        self._action(self.admin_menu, self.tr("Instellingen…"), self.open_settings)
        self._action(self.admin_menu, self.tr("Cijfers…"), self.open_figures)
        self._action(self.admin_menu, self.tr("Sociale kaart…"), self.open_catalogue)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Over"), self.about)
        back = QAction(self)
        back.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence("Alt+Left")])
        back.triggered.connect(self.show_search)
        self.addAction(back)

    def log_out(self) -> None:
        """Close everything and show the login again, for this or another worker."""
        self.switch_user = True
        self.close()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        """Open intake and plan windows belong to this window and close with it; the last
        search result set shown is logged too."""
        try:
            self._log_search(now=True)
        except DomainError:
            pass
        for child in list(self.child_windows):
            child.close()
        super().closeEvent(event)

    # search --------------------------------------------------------------------------------
    def _typed(self) -> None:
        """Debounce only while searches are slow: a quick store answers every keystroke."""
        fast = self.searches.last_ms < FAST_SEARCH_MS
        self.search_timer.setInterval(0 if fast else SEARCH_DELAY_MS)
        self.search_timer.start()

    def searching(self) -> bool:
        """Typed text whose results are not shown yet."""
        return self.search_timer.isActive() or self.searches.busy

    def run_search(self) -> None:
        typed = self.search_box.text().strip()
        if not typed:
            self.searches.cancel()
            self.model.set_rows([])
            self.results_label.setText("")
            return
        ctx = self.ctx
        self.searches.run(lambda: households.search_households(ctx, typed))

    def _show_results(self, result: households.SearchResult) -> None:
        shown = tuple(row.dossier_number for row in result.rows)
        if self._pending is not None and self._pending[1] != shown:
            # The set on screen until now was seen: it is logged, with the sets after it,
            # once typing settles (no write while the worker types).
            if self._pending[1] != self._logged:
                self._unlogged.append(self._pending)
                self._logged = self._pending[1]
        self._pending = (self.search_box.text().strip(), shown)
        self.model.set_rows(result.rows)
        if result.rows:
            self.results.selectRow(0)
        count = len(result.rows)
        text = self.tr("{n} gevonden").format(n=count) if count else self.tr("Niets gevonden")
        if result.more:
            text = self.tr("Meer dan {n} gevonden: typ verder om te verfijnen").format(n=count)
        self.results_label.setText(text)
        if len(self._unlogged) >= LOG_SEARCH_SETS_AT_MOST:
            self._log_search()  # a long stretch of typing: write what waits now
        self.log_timer.start()
        if self._open_when_shown:
            self._open_when_shown = False
            self.open_selected()

    def _log_search(self, now: bool = False) -> None:
        """Log the result sets shown and not logged yet, each once (per result set, not per
        key), in one write off the UI thread; ``now`` writes at once (the window is
        closing)."""
        self.log_timer.stop()
        pending, self._pending = self._pending, None
        if pending is not None and pending[1] != self._logged:
            self._unlogged.append(pending)
            self._logged = pending[1]
        if not self._unlogged:
            return
        ctx, sets, self._unlogged = self.ctx, self._unlogged, []
        searches = [(typed, len(shown), list(shown[:50])) for typed, shown in sets]
        if now:
            households.log_searches(ctx, searches)
        else:
            self.search_logs.run(lambda: households.log_searches(ctx, searches))

    def open_selected(self) -> None:
        if self.search_timer.isActive():  # Enter right after typing: search first
            self.search_timer.stop()
            self.run_search()
        if self.searches.busy:  # open once the results for what was typed are shown
            self._open_when_shown = True
            return
        rows = self.results.selectionModel().selectedRows()
        if rows:
            self.open_row(rows[0].row())
        elif self.model.rowCount():
            self.open_row(0)

    def open_row(self, row: int) -> None:
        self.log_timer.stop()
        self._log_search()
        self.open_household(self.model.household(row).id)

    def open_household(self, household_id) -> None:  # type: ignore[no-untyped-def]
        """Ask for the dossier; the screen shows once it is loaded (off the UI thread)."""
        self.household_screen.open(household_id)

    def _dossier_opened(self, household: HouseholdView) -> None:
        self.pages.setCurrentWidget(self.household_screen)
        self.household_screen.focus_first_action()
        self.results_label.setText(household.dossier_number)

    def show_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.work.refresh()
        self.results_label.setText("")
        self.search_box.setFocus()
        self.search_box.selectAll()

    # dialogs -------------------------------------------------------------------------------
    def new_household(self) -> None:
        dialog = HouseholdDialog(self.ctx, parent=self)
        dialog.saved.connect(lambda view: self.open_household(view.id))
        dialog.open_existing.connect(self.open_household)
        kit.run_modal(dialog)

    def edit_household(self, household: HouseholdView) -> None:
        dialog = HouseholdDialog(self.ctx, household, parent=self)
        dialog.saved.connect(self.household_screen.show_household)
        kit.run_modal(dialog)

    def open_intake(self, household: HouseholdView) -> None:
        from triage_app.ui.intake.intake_flow import IntakeFlow

        flow = IntakeFlow(self.ctx, household, self)
        flow.setWindowFlag(Qt.WindowType.Window)
        flow.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        flow.finished.connect(flow.close)
        flow.finished.connect(self.household_screen.refresh_intake)
        self.child_windows.append(flow)  # keep a reference while it is open
        flow.destroyed.connect(
            lambda: self.child_windows.remove(flow) if flow in self.child_windows else None
        )
        flow.show()

    def open_plan(self, household: HouseholdView) -> None:
        from triage_app.ui.plan.plan_window import PlanWindow  # not at start: the plan is large

        window = PlanWindow(self.ctx, household, self)
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(
            lambda: self.child_windows.remove(window) if window in self.child_windows else None
        )
        self.child_windows.append(window)
        window.show()

    def open_users(self) -> None:
        from triage_app.ui.admin.users_view import UsersView

        kit.run_modal(UsersView(self.ctx, self))

    def open_audit_log(self) -> None:
        from triage_app.ui.admin.audit_log_view import AuditLogView

        kit.run_modal(AuditLogView(self.ctx, self))

    def open_catalogue(self) -> None:
        from triage_app.ui.admin.catalogue_view import CatalogueView

        kit.run_modal(CatalogueView(self.ctx, self))

    def open_figures(self) -> None:
        from triage_app.ui.figures_view import FiguresView

        kit.run_modal(FiguresView(self.ctx, self))

    def open_settings(self) -> None:
        from triage_app.ui.admin.settings_view import SettingsView

        kit.run_modal(SettingsView(self.ctx, self))

    def open_retention(self) -> None:
        from triage_app.ui.admin.retention_view import RetentionView

        kit.run_modal(RetentionView(self.ctx, self))

    def batch_print(self) -> None:
        from triage_app.ui.batch_print import BatchPrintDialog

        kit.run_modal(BatchPrintDialog(self.ctx, self))

    def print_plan(self, household: HouseholdView) -> None:
        from triage_app.services import printing
        from triage_app.ui.print_preview import PrintPreview

        try:
            large = printing.prefers_large_print(self.ctx, household_id=household.id)
            pdf = printing.plan_pdf(self.ctx, household.id)
        except DomainError as exc:
            QMessageBox.information(self, self.tr("Plan afdrukken"), exc.message)
            return
        kit.run_modal(
            PrintPreview(
                pdf,
                self.tr("Plan {n}").format(n=household.dossier_number),
                f"plan-{household.dossier_number}.pdf",
                self,
                rerender=lambda on: printing.plan_pdf(self.ctx, household.id, on),
                large_print=large,
            )
        )

    def export_iwmo(self) -> None:
        """Granted provisions for the back office, as JSON or CSV (by the chosen name)."""

        from triage_app.services import iwmo_export

        path = save_file.ask_path(
            self,
            self.tr("Toewijzingen exporteren"),
            "toewijzingen.json",
            self.tr("JSON (*.json);;CSV (*.csv)"),
        )
        if not path:
            return
        try:
            records = iwmo_export.toewijzingen(self.ctx)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Exporteren"), exc.message)
            return
        text = (
            iwmo_export.as_csv(records) if path.endswith(".csv") else iwmo_export.as_json(records)
        )
        if not save_file.write(self, path, text.encode("utf-8")):
            return
        QMessageBox.information(
            self,
            self.tr("Exporteren"),
            self.tr("{n} toewijzingen geëxporteerd naar {path}.").format(n=len(records), path=path),
        )

    def make_backup(self) -> None:
        try:
            made = backup.backup_now(self.ctx)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Back-up"), exc.message)
            return
        QMessageBox.information(
            self, self.tr("Back-up"), self.tr("De back-up staat in {path}.").format(path=made)
        )

    def restore_backup(self) -> None:
        """Check a backup and put it in place of the store; the app then closes."""
        from pathlib import Path

        from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit

        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Back-up terugzetten"),
            backup.default_folder(self.ctx),
            self.tr("Back-up (*.triagebackup)"),
        )
        if not path:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Back-up terugzetten"),
            self.tr("Uw wachtwoord van toen de back-up werd gemaakt:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Back-up terugzetten"),
            self.tr(
                "De gegevens van nu worden vervangen door de back-up. De gegevens van nu blijven "
                "apart bewaard. Daarna sluit de app en logt u opnieuw in. Doorgaan?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            try:
                aside = backup.restore_in_place(self.ctx, Path(path), password)
            except backup.OtherStore as exc:
                again = QMessageBox.question(
                    self, self.tr("Back-up terugzetten"), exc.message + self.tr(" Toch doorgaan?")
                )
                if again != QMessageBox.StandardButton.Yes:
                    return
                aside = backup.restore_in_place(self.ctx, Path(path), password, other_store=True)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Back-up terugzetten"), exc.message)
            return
        QMessageBox.information(
            self,
            self.tr("Back-up terugzetten"),
            self.tr(
                "De back-up is teruggezet. De vervangen gegevens staan in {aside}. De app sluit "
                "nu; start hem opnieuw."
            ).format(aside=aside),
        )
        QApplication.quit()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Over"),
            self.tr(
                "Triage sociaal wijkteam, versie {v}.\nMelding, onderzoek, triage en één plan per "
                "huishouden."
            ).format(v=__version__),
        )
