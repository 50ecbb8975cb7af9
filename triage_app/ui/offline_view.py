"""Offline work in the window: Bestand → Meenemen… and Synchroniseren, the status line, and the
conflict view (side by side: keep the laptop's value, the team's, or type a merged one)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.domain.labels import counted
from triage_app.services import offline
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, tasks

TABLE_LABELS = {"household": "huishouden", "person": "bewoner"}


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return value.astimezone().strftime("%d-%m-%Y %H:%M") if value else "onbekend"


def _shown(value: object) -> str:
    return "(leeg)" if value in (None, "") else str(value)


class OfflineStatus(QLabel):
    """One line in the status bar: online or not, what was taken along, what waits."""

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.online: bool | None = None
        self.state: offline.OfflineStatus | None = None
        self.setObjectName("offline_status")
        self.setVisible(False)
        self.loads = tasks.Runner(self._show, lambda _message: None, self)
        self.refresh()

    def refresh(self) -> None:
        """Read the state off the UI thread; it shows when it is there."""
        ctx = self.ctx
        self.loads.run(lambda: offline.status(ctx))

    def _show(self, state: offline.OfflineStatus | None) -> None:
        self.state = state
        if state is None:
            self.setText("")
            self.setVisible(False)
            return
        self.setVisible(True)
        where = {True: self.tr("online"), False: self.tr("offline"), None: self.tr("offline")}
        parts = [
            where[self.online],
            counted(state.taken_along, self.tr("dossier"), self.tr("dossiers"))
            + self.tr(" meegenomen"),
            counted(
                state.changes_waiting, self.tr("wijziging wacht"), self.tr("wijzigingen wachten")
            ),
            self.tr("laatst gesynchroniseerd: {t}").format(
                t=_when(state.last_sync) if state.last_sync else self.tr("nog niet")
            ),
            self.tr("{n} conflicten").format(n=state.conflicts),
        ]
        if state.too_old:
            parts.append(
                self.tr("let op: meegenomen op {d}, langer dan {n} dagen geleden").format(
                    d=_when(state.taken_at), n=state.limit_days
                )
            )
        self.setText(" · ".join(parts))
        self.setStyleSheet("color: #a00;" if state.too_old or state.conflicts else "")


class TeamDialog(QDialog):
    """Where the team store is and the worker's password there; for taking along also what."""

    def __init__(  # type: ignore[no-untyped-def]
        self, ctx: ServiceContext, take_along: bool, team_url: str = "", parent=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Meenemen") if take_along else self.tr("Synchroniseren"))
        self.team_url = QLineEdit(team_url)
        self.team_url.setObjectName("team_url")
        self.password = QLineEdit()
        self.password.setObjectName("team_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.wijk = QComboBox()
        self.wijk.setObjectName("wijk")
        self.wijk.addItems([d.name for d in ctx.reference.districts])
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00;")
        form = QFormLayout(self)
        form.addRow(self.tr("Teamsysteem (adres)"), self.team_url)
        form.addRow(self.tr("Uw wachtwoord"), self.password)
        if take_along:
            form.addRow(self.tr("Wijk"), self.wijk)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if not self.team_url.text().strip():
            self.error.setText(self.tr("Vul het adres van het teamsysteem in."))
            self.team_url.setFocus()
            return
        if not self.password.text():
            self.error.setText(self.tr("Vul uw wachtwoord in."))
            self.password.setFocus()
            return
        self.accept()


class ConflictDialog(QDialog):
    """The conflicts waiting: each side by side, with who changed it and when."""

    resolved = Signal()

    def __init__(self, ctx: ServiceContext, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Conflicten na synchroniseren"))
        self.resize(820, 420)
        self.items = QListWidget()
        self.items.setObjectName("conflict_list")
        self.items.currentRowChanged.connect(self._show)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.laptop_value = QLabel()
        self.laptop_value.setObjectName("laptop_value")
        self.team_value = QLabel()
        self.team_value.setObjectName("team_value")
        for label in (self.laptop_value, self.team_value):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_laptop = QPushButton(self.tr("Deze houden"))
        self.keep_laptop.setObjectName("keep_laptop")
        self.keep_team = QPushButton(self.tr("Deze houden"))
        self.keep_team.setObjectName("keep_team")
        self.typed = QLineEdit()
        self.typed.setObjectName("typed_value")
        self.typed.setPlaceholderText(self.tr("of typ de samengevoegde waarde"))
        self.use_typed = QPushButton(self.tr("Getypte waarde gebruiken"))
        self.use_typed.setObjectName("use_typed")
        self.error = QLabel()
        self.error.setStyleSheet("color: #a00;")
        sides = QGridLayout()
        for column, (title, value, button) in enumerate(
            (
                (self.tr("Op deze laptop"), self.laptop_value, self.keep_laptop),
                (self.tr("In het teamsysteem"), self.team_value, self.keep_team),
            )
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(value)
            inner.addWidget(button)
            sides.addWidget(box, 0, column)
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.typed, 1)
        typed_row.addWidget(self.use_typed)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addLayout(sides)
        right.addLayout(typed_row)
        right.addWidget(self.error)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.items, 1)
        panel = QWidget()
        panel.setLayout(right)
        layout.addWidget(panel, 2)
        self.keep_laptop.clicked.connect(lambda: self._choose("laptop"))
        self.keep_team.clicked.connect(lambda: self._choose("team"))
        self.use_typed.clicked.connect(lambda: self._choose("typed"))
        self.reload()

    def reload(self) -> None:
        self.conflicts = offline.open_conflicts(self.ctx)
        self.items.clear()
        for c in self.conflicts:
            what = TABLE_LABELS.get(c.table_name, c.table_name)
            if c.kind == "duplicate":
                text = self.tr("Dubbel: {name}").format(name=c.laptop["name"])
            elif c.kind == "sealed":
                text = self.tr("Al vastgesteld: {what}").format(what=what)
            else:
                text = f"{what}: {c.field}"
            self.items.addItem(QListWidgetItem(text))
        if self.conflicts:
            self.items.setCurrentRow(0)
        else:
            self.title.setText(self.tr("Er wachten geen conflicten meer."))
            for w in (self.keep_laptop, self.keep_team, self.typed, self.use_typed):
                w.setEnabled(False)

    def _show(self, row: int) -> None:
        if row < 0 or row >= len(self.conflicts):
            return
        c = self.conflicts[row]
        duplicate = c.kind == "duplicate"
        sealed = c.kind == "sealed"
        self.keep_laptop.setVisible(not sealed)
        if sealed:
            self.title.setText(
                self.tr(
                    "Dit plan is intussen vastgesteld en verandert niet meer. De wijziging "
                    "hieronder is niet overgenomen; zet haar zo nodig in een nieuwe versie."
                )
            )
            self.laptop_value.setText(self._fields(c.laptop))
            self.team_value.setText(self._fields(c.team))
            if c.parts:
                self.title.setText(
                    self.title.text()
                    + " "
                    + self.tr(
                        "Ook {n} doelen, voorzieningen of aanvragen zijn niet overgenomen."
                    ).format(n=c.parts)
                )
            self.keep_team.setText(self.tr("Gezien"))
        elif duplicate:
            self.title.setText(
                self.tr(
                    "Dit huishouden is offline ingeschreven en staat al in het teamsysteem. "
                    "Samenvoegen, of apart houden als het een ander huishouden is?"
                )
                if c.table_name == "household"
                else self.tr(
                    "Deze bewoner is offline toegevoegd en staat al in het teamsysteem. "
                    "Samenvoegen, of apart houden als het iemand anders is?"
                )
            )
            self.laptop_value.setText(self._person(c.laptop))
            self.team_value.setText(self._person(c.team))
            self.keep_laptop.setText(self.tr("Apart houden"))
            self.keep_team.setText(self.tr("Samenvoegen"))
        else:
            what = TABLE_LABELS.get(c.table_name, c.table_name)
            self.title.setText(
                self.tr("Het veld '{field}' ({what}) is op beide plaatsen gewijzigd.").format(
                    field=c.field, what=what
                )
            )
            self.laptop_value.setText(
                f"{_shown(c.laptop)}\n"
                + self.tr("door {who}, {when}").format(who=c.laptop_by, when=_when(c.laptop_at))
            )
            self.team_value.setText(
                f"{_shown(c.team)}\n"
                + self.tr("door {who}, {when}").format(
                    who=c.team_by or self.tr("onbekend"), when=_when(c.team_at)
                )
            )
            self.keep_laptop.setText(self.tr("Deze houden"))
            self.keep_team.setText(self.tr("Deze houden"))
        self.typed.setVisible(not duplicate and not sealed)
        self.use_typed.setVisible(not duplicate and not sealed)
        self.error.clear()

    def _fields(self, values: dict) -> str:
        return "\n".join(f"{k}: {_shown(v)}" for k, v in (values or {}).items()) or "-"

    def _person(self, summary: dict) -> str:
        return f"{summary['name']}\n" + self.tr("geboren {d}, postcode {p}").format(
            d=summary["birth_date"], p=summary["postcode"]
        )

    def _choose(self, choice: str) -> None:
        c = self.conflicts[self.items.currentRow()]
        try:
            if c.kind == "sealed":
                offline.acknowledge(self.ctx, c.id)
            elif c.kind == "duplicate":
                if choice == "team":
                    offline.merge_duplicate(self.ctx, c.id)
                else:
                    offline.keep_apart(self.ctx, c.id)
            else:
                offline.resolve_conflict(self.ctx, c.id, choice, self.typed.text())
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.typed.clear()
        self.resolved.emit()
        self.reload()


class OfflineActions:
    """The two menu actions and what they start; owned by the main window."""

    def __init__(self, window, ctx: ServiceContext, status: OfflineStatus) -> None:  # type: ignore[no-untyped-def]
        self.window, self.ctx, self.status = window, ctx, status
        self.task: tasks.Task | None = None

    def take_along(self) -> None:
        dialog = TeamDialog(self.ctx, take_along=True, parent=self.window)
        dialog.accepted.connect(
            lambda: self._take_along(
                dialog.team_url.text().strip(), dialog.password.text(), dialog.wijk.currentText()
            )
        )
        kit.run_modal(dialog)

    def _take_along(self, url: str, password: str, wijk: str) -> None:
        ctx = self.ctx

        def job(_progress, _cancelled):  # type: ignore[no-untyped-def]
            team = offline.team_login(url, ctx.actor.username, password)
            try:
                return offline.take_along(
                    ctx, team, laptop_name=_laptop_name(), team_url=url, district=wijk
                )
            finally:
                team.store.dispose()

        self._run(job, lambda n: counted(n, "dossier", "dossiers") + " meegenomen.")

    def sync(self) -> None:
        known = self.status.state.team_url if self.status.state else ""
        dialog = TeamDialog(self.ctx, take_along=False, team_url=known, parent=self.window)
        dialog.accepted.connect(
            lambda: self._sync(dialog.team_url.text().strip(), dialog.password.text())
        )
        kit.run_modal(dialog)

    def _sync(self, url: str, password: str) -> None:
        ctx = self.ctx

        def job(_progress, _cancelled):  # type: ignore[no-untyped-def]
            team = offline.team_login(url, ctx.actor.username, password)
            try:
                return offline.sync(ctx, team)
            finally:
                team.store.dispose()

        def said(result) -> str:  # type: ignore[no-untyped-def]
            if result.open_conflicts:
                self.open_conflicts()
            said = self.window.tr(
                "Gesynchroniseerd: {a} wijzigingen naar het team, {b} naar deze laptop. "
                "{c} conflicten wachten."
            ).format(a=result.to_team, b=result.to_laptop, c=result.open_conflicts)
            for problem in result.chain_problems:  # the team store has logged it too
                said += " " + self.window.tr("Let op: {p}.").format(p=problem)
            return said

        self._run(job, said)

    def open_conflicts(self) -> None:
        self.conflicts = ConflictDialog(self.ctx, parent=self.window)
        self.conflicts.resolved.connect(self.status.refresh)
        self.conflicts.show()

    def _run(self, job, message) -> None:  # type: ignore[no-untyped-def]
        self.task = tasks.Task(job)

        def done(result) -> None:  # type: ignore[no-untyped-def]
            self.status.online = True
            self.status.refresh()
            self.window.statusBar().showMessage(message(result), 15000)

        def failed(text: str) -> None:
            self.status.online = False
            self.status.refresh()
            QMessageBox.warning(self.window, self.window.tr("Teamsysteem"), text)

        self.task.signals.finished.connect(done)
        self.task.signals.failed.connect(failed)
        tasks.start(self.task)


def _laptop_name() -> str:
    import socket

    return socket.gethostname()
