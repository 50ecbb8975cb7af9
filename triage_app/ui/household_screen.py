"""A household's dossier: who lives there, where, and the way into its plan.

Other parts of the flow add their own section below the members with ``add_section``.
The dossier is loaded off the UI thread (services/dossier.py); ``opened`` follows once it is
painted, and a dossier asked for later always wins over one asked for earlier.
"""

import datetime as dt
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError
from triage_app.domain.household import MEMBER_ROLE_LABELS, HouseholdView
from triage_app.domain.values import age_on, format_date, format_phone
from triage_app.services import dossier, households
from triage_app.services.context import ServiceContext
from triage_app.ui import kit, tasks
from triage_app.ui.models.rows_model import Column, RowsModel


class HouseholdScreen(QWidget):
    back = Signal()
    edit_requested = Signal(object)  # HouseholdView
    plan_requested = Signal(object)  # HouseholdView
    print_requested = Signal(object)  # HouseholdView: print its plan
    intake_requested = Signal(object)  # HouseholdView: start or continue a melding
    shown = Signal(object)  # HouseholdView, after (re)loading: sections refresh themselves
    opened = Signal(object)  # HouseholdView: the dossier asked for with ``open`` is shown

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household: HouseholdView | None = None
        self.revealed: dict[uuid.UUID, str] = {}
        self.loads = tasks.Runner(self._dossier_loaded, self._load_failed, self)
        self.intake_loads = tasks.Runner(self._show_intake, self._load_failed, self)
        self.title = QLabel()
        self.title.setObjectName("household_title")
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.address = QLabel()
        self.address.setObjectName("household_address")
        self.address.setStyleSheet("font-size: 11pt;")
        back = QPushButton(self.tr("← Terug naar zoeken"))
        back.setObjectName("back_button")
        back.setToolTip(self.tr("Esc"))
        back.clicked.connect(self.back.emit)
        self.edit_button = QPushButton(self.tr("Gegevens wijzigen"))
        self.edit_button.setObjectName("edit_household")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.household))
        self.plan_button = QPushButton(self.tr("Ondersteuningsplan"))
        self.plan_button.setObjectName("open_plan")
        self.plan_button.clicked.connect(lambda: self.plan_requested.emit(self.household))
        self.print_button = QPushButton(self.tr("Plan afdrukken"))
        self.print_button.setObjectName("print_plan")
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.household))
        self.close_button = QPushButton(self.tr("Dossier afsluiten…"))
        self.close_button.setObjectName("close_dossier")
        self.close_button.clicked.connect(self._close_dossier)
        self.access_button = QPushButton(self.tr("Inzage…"))
        self.access_button.setObjectName("access_export")
        self.access_button.setToolTip(
            self.tr(
                "Alles wat over de gekozen bewoner is vastgelegd, als PDF en JSON (inzageverzoek)."
            )
        )
        self.access_button.clicked.connect(self._access_export)
        self.bsn_button = QPushButton(self.tr("BSN tonen"))
        self.bsn_button.setObjectName("show_bsn")
        self.bsn_button.setToolTip(
            self.tr(
                "Het volledige BSN van de gekozen bewoner. Dit wordt vastgelegd in het logboek."
            )
        )
        self.bsn_button.clicked.connect(self._reveal_bsn)
        self.representative_button = QPushButton(self.tr("Vertegenwoordiger…"))
        self.representative_button.setObjectName("representative")
        self.representative_button.setToolTip(
            self.tr("Curator, mentor, bewindvoerder of gemachtigde van de gekozen bewoner.")
        )
        self.representative_button.clicked.connect(self._edit_representative)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch()
        for button in (
            self.bsn_button,
            self.access_button,
            self.close_button,
            self.edit_button,
            self.print_button,
            self.plan_button,
        ):
            buttons.addWidget(button)

        self.member_model = RowsModel(
            [
                Column(self.tr("Naam"), lambda m: m.name),
                Column(self.tr("Rol"), lambda m: MEMBER_ROLE_LABELS[m.role]),
                Column(self.tr("Geboortedatum"), lambda m: format_date(m.birth_date)),
                Column(
                    self.tr("Leeftijd"),
                    lambda m: str(age_on(m.birth_date, dt.date.today())),
                    align_right=True,
                ),
                Column(self.tr("BSN"), lambda m: self.revealed.get(m.id, m.bsn_masked)),
                Column(self.tr("Mantelzorger"), lambda m: self.tr("ja") if m.is_carer else ""),
                Column(self.tr("Telefoon"), lambda m: format_phone(m.phone) if m.phone else ""),
                Column(self.tr("E-mail"), lambda m: m.email or ""),
                Column(self.tr("Vertegenwoordiger"), lambda m: m.representative),
            ]
        )
        self.members = QTableView()
        self.members.setObjectName("members_table")
        self.members.setAccessibleName(self.tr("Bewoners"))
        self.members.setModel(self.member_model)
        self.members.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.verticalHeader().hide()
        kit.keep_whole(self.members, 4)
        members_box = QGroupBox(self.tr("Bewoners"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members)
        member_buttons = QHBoxLayout()
        member_buttons.addStretch()
        member_buttons.addWidget(self.representative_button)
        members_layout.addLayout(member_buttons)

        self.intake_button = QPushButton(self.tr("Nieuwe melding"))
        self.intake_button.setObjectName("intake")
        self.intake_button.clicked.connect(lambda: self.intake_requested.emit(self.household))
        self.intake_button.setVisible(ctx.actor.has(Role.INTAKE, Role.CASEMANAGER))
        buttons.insertWidget(1, self.intake_button)
        self.acute = QLabel()  # beside the open melding: why it is acute, in words
        self.acute.setObjectName("acute")
        self.acute.setStyleSheet(
            "background: #f8b4b0; color: #6b0000; font-weight: bold; padding: 2px 6px;"
        )
        self.acute.setVisible(False)
        buttons.insertWidget(2, self.acute)
        self.flags = QLabel()
        self.flags.setObjectName("flags")
        self.flags.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.taken_along = QLabel()
        self.taken_along.setObjectName("taken_along")
        self.taken_along.setStyleSheet("color: #8a4b00;")
        self.taken_along.setVisible(False)
        self.timeline_model = RowsModel(
            [
                Column(self.tr("Datum"), lambda e: format_date(e.day)),
                Column(self.tr("Wat"), lambda e: e.kind),
                Column(self.tr("Omschrijving"), lambda e: e.text, lambda e: e.text),
            ]
        )
        self.timeline = QTableView()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("Meldingen, gesprekken en verwijzingen"))
        self.timeline.setModel(self.timeline_model)
        self.timeline.verticalHeader().hide()
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setWordWrap(True)
        self.sections = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.title)
        layout.addWidget(self.address)
        layout.addWidget(self.flags)
        layout.addWidget(self.taken_along)
        layout.addWidget(members_box)
        self.add_section(self.tr("Meldingen, gesprekken en verwijzingen"), self.timeline)
        layout.addLayout(self.sections, 1)
        may_edit = ctx.actor.has(Role.INTAKE, Role.CASEMANAGER)
        self.edit_button.setVisible(may_edit)
        self.representative_button.setVisible(may_edit)
        self.close_button.setVisible(ctx.actor.has(Role.CASEMANAGER, Role.ADMIN))
        self.access_button.setVisible(ctx.actor.has(Role.CASEMANAGER, Role.ADMIN))
        self.print_button.setVisible(ctx.actor.has(Role.INTAKE, Role.CASEMANAGER, Role.DECIDER))

    def focus_first_action(self) -> None:
        """The keyboard starts on what a worker does next: the melding, else the plan."""
        for button in (self.intake_button, self.plan_button, self.edit_button):
            if button.isVisibleTo(self):
                button.setFocus()
                return

    def add_section(self, title: str, widget: QWidget, stretch: int = 1) -> None:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        self.sections.addWidget(box, stretch)

    def open(self, household_id: uuid.UUID) -> None:
        """Load the dossier in the background; ``opened`` follows once it is shown."""
        ctx = self.ctx
        self.loads.run(lambda: dossier.open_dossier(ctx, household_id))

    def loading(self) -> bool:
        return self.loads.busy or self.intake_loads.busy

    def _load_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Dossier"), message)

    def _dossier_loaded(self, loaded: dossier.Dossier) -> None:
        self.intake_loads.cancel()  # an older household's intake part must not show here
        self._show_view(loaded.household)
        self._show_taken_along(loaded.taken_along)
        self._show_intake((loaded.household.id, loaded.intake))
        self.shown.emit(loaded.household)
        self.opened.emit(loaded.household)

    def show_household(self, household: HouseholdView) -> None:
        """Show a household just saved; its intake part follows from the background."""
        self._show_view(household)
        self.refresh_intake()
        self.shown.emit(household)

    def _show_view(self, household: HouseholdView) -> None:
        self.household = household
        self.revealed = {}
        self.title.setText(
            f"{household.name}   <span style='color:#666; font-size:12pt'>"
            f"{household.dossier_number}</span>"
        )
        phone = f" · {self.tr('tel.')} {format_phone(household.phone)}" if household.phone else ""
        self.address.setText(
            f"{household.address}, {household.postcode} {household.city} · "
            f"{self.tr('wijk')} {household.district}{phone}"
        )
        self.member_model.set_rows(household.members)
        self.members.resizeColumnsToContents()
        rows = self.members.verticalHeader().length() + self.members.horizontalHeader().height()
        self.members.setFixedHeight(rows + 2 * self.members.frameWidth() + 2)

    def _show_taken_along(self, note: str | None) -> None:
        """On the team store: a colleague took this dossier along (they may still work on it)."""
        self.taken_along.setText(
            self.tr("{note}. Wijzigingen hier worden bij hun synchronisatie samengevoegd.").format(
                note=note
            )
            if note
            else ""
        )
        self.taken_along.setVisible(bool(note))

    def refresh_intake(self) -> None:
        """Reload the intake part (after a melding was worked on) in the background."""
        if self.household is None:
            return
        ctx, household_id = self.ctx, self.household.id
        self.intake_loads.run(lambda: (household_id, dossier.intake_section(ctx, household_id)))

    def _show_intake(self, answer: tuple[uuid.UUID, dossier.IntakeSection]) -> None:
        household_id, section = answer
        if self.household is None or household_id != self.household.id:
            return
        self.intake_button.setText(
            self.tr("Verder met melding") if section.has_open_melding else self.tr("Nieuwe melding")
        )
        self.acute.setText(self.tr("Acuut: {why}").format(why=section.acute))
        self.acute.setAccessibleName(self.acute.text())
        self.acute.setVisible(bool(section.acute))
        self.timeline_model.set_rows(section.timeline)
        self.timeline.resizeColumnToContents(0)
        self.timeline.resizeColumnToContents(1)
        turning = section.turning_18
        self.flags.setText(
            self.tr(
                "Wordt binnen een jaar 18: {names}. Maak op tijd een plan "
                "voor de overgang van jeugdhulp."
            ).format(names=", ".join(turning))
            if turning
            else ""
        )
        self.flags.setVisible(bool(turning))

    def _selected_member(self):  # type: ignore[no-untyped-def]
        """The member chosen in the list: the selected row, else the row the keyboard is on."""
        rows = self.members.selectionModel().selectedRows()
        current = self.members.currentIndex()
        if rows:
            return self.member_model.row_at(rows[0].row())
        return self.member_model.row_at(current.row()) if current.isValid() else None

    def _access_export(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from triage_app.services import access

        member = self._selected_member()
        if member is None:
            QMessageBox.information(
                self, self.tr("Inzage"), self.tr("Kies eerst de bewoner in de lijst.")
            )
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Map voor de inzage"))
        if not folder:
            return
        data, pdf = access.access_files(self.ctx, member.id)
        base = Path(folder) / f"inzage-{self.household.dossier_number}-{member.first_name}"
        base.with_suffix(".json").write_text(data, encoding="utf-8")
        base.with_suffix(".pdf").write_bytes(pdf)
        QMessageBox.information(
            self,
            self.tr("Inzage"),
            self.tr("De inzage staat in {path}.pdf en .json").format(path=base),
        )

    def _close_dossier(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from triage_app.domain.retention import RESULT_LABELS
        from triage_app.services import retention

        if self.household is None:
            return
        labels = list(RESULT_LABELS.values())
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Dossier afsluiten"),
            self.tr("Hoe is het dossier afgelopen? Dit bepaalt hoe lang het bewaard blijft."),
            labels,
            0,
            False,
        )
        if not ok:
            return
        result = next(r for r, label in RESULT_LABELS.items() if label == choice)
        try:
            closed = retention.close_dossier(self.ctx, self.household.id, result)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Dossier afsluiten"), exc.message)
            return
        QMessageBox.information(
            self,
            self.tr("Dossier afsluiten"),
            self.tr("Het dossier is afgesloten en wordt bewaard tot {date}.").format(
                date=format_date(closed.destroy_after)
            ),
        )

    def _edit_representative(self) -> None:
        from triage_app.services import representatives
        from triage_app.ui.representative_dialog import RepresentativeDialog

        member = self._selected_member()
        if member is None or self.household is None:
            QMessageBox.information(
                self, self.tr("Vertegenwoordiger"), self.tr("Kies eerst de bewoner in de lijst.")
            )
            return
        current = representatives.get_representative(self.ctx, member.id)
        dialog = RepresentativeDialog(self.ctx, member.id, member.name, current, self)
        dialog.keep_drafts(
            self.ctx, f"representative:{member.id}", self.tr("Vertegenwoordiger"), self.household.id
        )
        dialog.chosen.connect(
            lambda _saved: self.show_household(
                households.get_household(self.ctx, self.household.id)
            )
        )
        kit.run_modal(dialog)

    def _reveal_bsn(self) -> None:
        rows = self.members.selectionModel().selectedRows()
        if not rows or self.household is None:
            QMessageBox.information(
                self, self.tr("BSN tonen"), self.tr("Kies eerst de bewoner in de lijst.")
            )
            return
        member = self.member_model.row_at(rows[0].row())
        if not member.has_bsn:
            QMessageBox.information(
                self, self.tr("BSN tonen"), self.tr("Van deze bewoner is geen BSN bekend.")
            )
            return
        self.revealed[member.id] = households.reveal_bsn(self.ctx, member.id)
        self.member_model.set_rows(self.household.members)
