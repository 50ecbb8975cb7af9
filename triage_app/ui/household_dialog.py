"""Register a household or change it: address, wijk and members, checked at every field.

A household that probably has a dossier already (same BSN; or same address and a member's
birth date) is not registered twice: the worker is offered the existing dossier.
"""

import dataclasses
import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import Conflict, DomainError, ValidationFailed
from triage_app.domain.household import (
    MEMBER_ROLE_LABELS,
    HouseholdInput,
    HouseholdView,
    MemberRole,
    PersonInput,
    household_changes,
)
from triage_app.domain.values import format_date
from triage_app.services import households, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.member_dialog import MemberDialog
from triage_app.ui.models.rows_model import Column, RowsModel


def _member_input(member) -> PersonInput:  # type: ignore[no-untyped-def]
    return PersonInput(
        first_name=member.first_name,
        prefix=member.prefix,
        last_name=member.last_name,
        birth_date=format_date(member.birth_date),
        bsn="",
        role=member.role,
        phone=member.phone or "",
        email=member.email or "",
        is_carer=member.is_carer,
        id=member.id,
        version=member.version,
    )


def _as_input(h: HouseholdView) -> HouseholdInput:
    """A stored household as the dialog shows it (the BSN stays masked, so it is left empty)."""
    addition = h.house_number_addition
    number = (
        f"{h.house_number}{addition}"
        if addition.isalpha()
        else f"{h.house_number}-{addition}"
        if addition
        else str(h.house_number)
    )
    return HouseholdInput(
        street=h.street,
        house_number=number,
        postcode=h.postcode,
        city=h.city,
        district=h.district,
        phone=h.phone or "",
        members=[_member_input(m) for m in h.members],
        id=h.id,
        version=h.version,
    )


HOUSEHOLD_FIELDS = ("street", "house_number", "postcode", "city", "district", "phone")
MEMBER_FIELDS = (
    "first_name",
    "prefix",
    "last_name",
    "birth_date",
    "bsn",
    "role",
    "phone",
    "email",
    "is_carer",
)


def reapply(
    typed: HouseholdInput, original: HouseholdView, current: HouseholdView
) -> HouseholdInput:
    """The worker's own edits (typed vs. what they opened) on top of the household as it is
    now: fields they did not touch take the other person's values."""
    base, now = _as_input(original), _as_input(current)
    merged = HouseholdInput(
        **{
            f: getattr(typed, f) if getattr(typed, f) != getattr(base, f) else getattr(now, f)
            for f in HOUSEHOLD_FIELDS
        },
        id=current.id,
        version=current.version,
        members=[],
    )
    before = {m.id: m for m in base.members}
    latest = {m.id: m for m in now.members}
    for member in typed.members:
        if member.id is None or member.id not in latest:
            merged.members.append(member)
            continue
        old, new = before.get(member.id, member), latest[member.id]
        values = {
            f: getattr(member, f) if getattr(member, f) != getattr(old, f) else getattr(new, f)
            for f in MEMBER_FIELDS
        }
        merged.members.append(PersonInput(**values, id=member.id, version=new.version))
    merged.members += [m for m in now.members if m.id not in {t.id for t in typed.members}]
    return merged


class DuplicateDialog(QDialog):
    """Shows the dossiers that look like this household; the worker chooses what to do."""

    OPEN, REGISTER_ANYWAY, BACK = range(3)

    def __init__(self, error: households.PossibleDuplicates, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bestaat dit huishouden al?"))
        self.choice = self.BACK
        text = QLabel(
            self.tr(
                "Dit huishouden staat er waarschijnlijk al in. Eén huishouden "
                "heeft één dossier: open het bestaande dossier."
            )
        )
        text.setWordWrap(True)
        self.matches = QListWidget()
        self.matches.setObjectName("duplicates")
        for match in error.matches:
            h = match.household
            self.matches.addItem(
                f"{h.dossier_number}  {h.name}, {h.address}, {h.postcode} — {match.reason}"
            )
        self.matches.setCurrentRow(0)
        self.match_ids = [m.household.id for m in error.matches]
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("Open bestaand dossier"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("open_existing")
        self.anyway_button = buttons.addButton(
            self.tr("Toch registreren"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.anyway_button.setObjectName("register_anyway")
        self.anyway_button.setVisible(not error.blocking)
        back = buttons.addButton(self.tr("Terug"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda: self._done(self.OPEN))
        self.anyway_button.clicked.connect(lambda: self._done(self.REGISTER_ANYWAY))
        back.clicked.connect(lambda: self._done(self.BACK))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.matches)
        if error.blocking:
            layout.addWidget(QLabel(self.tr("Een BSN kan maar in één dossier staan.")))
        layout.addWidget(buttons)

    def selected_id(self) -> uuid.UUID:
        return self.match_ids[max(0, self.matches.currentRow())]

    def _done(self, choice: int) -> None:
        self.choice = choice
        self.accept()


class HouseholdDialog(FormDialog):
    saved = Signal(object)  # HouseholdView
    open_existing = Signal(object)  # uuid of an existing household

    def __init__(
        self,
        ctx: ServiceContext,
        household: HouseholdView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Huishouden wijzigen") if household else self.tr("Nieuw huishouden")
        super().__init__(title, parent)
        self.ctx, self.household = ctx, household
        self.setMinimumWidth(640)
        self.street = self.add_field("street", self.tr("Straat"), QLineEdit())
        self.house_number = self.add_field(
            "house_number",
            self.tr("Huisnummer"),
            QLineEdit(),
            self.tr("Met toevoeging, bijvoorbeeld 12a of 12-2"),
        )
        self.postcode = self.add_field("postcode", self.tr("Postcode"), QLineEdit())
        self.city = self.add_field(
            "city", self.tr("Woonplaats"), QLineEdit(reference.current(ctx).profile.get("city", ""))
        )
        self.district = QComboBox()
        self.district.addItem("", "")
        for name in households.district_names(ctx):
            self.district.addItem(name, name)
        self.add_field("district", self.tr("Wijk"), self.district)
        self.phone = self.add_field("phone", self.tr("Telefoon"), QLineEdit())
        self.postcode.editingFinished.connect(self._guess_district)

        self.members: list[PersonInput] = []
        self.member_model = RowsModel(
            [
                Column(
                    self.tr("Naam"),
                    lambda m: " ".join(p for p in (m.first_name, m.prefix, m.last_name) if p),
                ),
                Column(self.tr("Geboren"), lambda m: m.birth_date),
                Column(self.tr("Rol"), lambda m: MEMBER_ROLE_LABELS[MemberRole(m.role)]),
                Column(self.tr("Mantelzorger"), lambda m: self.tr("ja") if m.is_carer else ""),
            ]
        )
        self.member_table = QTableView()
        self.member_table.setObjectName("members_table")
        self.member_table.setAccessibleName(self.tr("Bewoners"))
        self.member_table.setModel(self.member_model)
        self.member_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.member_table.horizontalHeader().setStretchLastSection(True)
        self.member_table.setMinimumHeight(130)
        self.member_table.activated.connect(lambda index: self._edit_member(index.row()))
        row = QHBoxLayout()
        self.add_member_button = QPushButton(self.tr("&Bewoner toevoegen"))
        self.add_member_button.setObjectName("add_member")
        self.add_member_button.clicked.connect(self._add_member)
        edit = QPushButton(self.tr("Bewoner &wijzigen"))
        edit.clicked.connect(self._edit_selected)
        row.addWidget(self.add_member_button)
        row.addWidget(edit)
        row.addStretch()
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.member_table)
        inner.addLayout(row)
        self.add_field("members", self.tr("Bewoners"), box)
        if household is not None:
            self._load(household)
        self.keep_drafts(
            ctx,
            f"household:{household.id}" if household else "household:new",
            self.tr("Huishouden wijzigen") if household else self.tr("Nieuw huishouden"),
            household.id if household else None,
            extra=(self._members_kept, self._members_restored),
        )

    def _members_kept(self) -> list[dict]:
        return [
            {**dataclasses.asdict(m), "role": str(m.role), "id": str(m.id) if m.id else None}
            for m in self.members
        ]

    def _members_restored(self, kept: list[dict]) -> None:
        self.members = [
            PersonInput(
                **{
                    **m,
                    "role": MemberRole(m["role"]),
                    "id": uuid.UUID(m["id"]) if m["id"] else None,
                }
            )
            for m in kept
        ]
        self.member_model.set_rows(self.members)

    def _load(self, h: HouseholdView) -> None:
        typed = _as_input(h)
        for field, value in (
            (self.street, typed.street),
            (self.house_number, typed.house_number),
            (self.postcode, typed.postcode),
            (self.city, typed.city),
            (self.phone, typed.phone),
        ):
            field.setText(value)
        self.district.setCurrentIndex(max(0, self.district.findData(h.district)))
        self.members = typed.members
        self.member_model.set_rows(self.members)

    def _guess_district(self) -> None:
        if self.district.currentData():
            return
        guess = reference.current(self.ctx).district_for_postcode(
            self.postcode.text().strip().upper()
        )
        if guess:
            self.district.setCurrentIndex(self.district.findData(guess))

    def _add_member(self) -> None:
        dialog = MemberDialog(parent=self, offer_next=True)
        roles = {MemberRole(m.role) for m in self.members}
        role = (
            MemberRole.MAIN
            if MemberRole.MAIN not in roles
            else MemberRole.PARTNER
            if MemberRole.PARTNER not in roles
            else MemberRole.CHILD
        )
        dialog.role.setCurrentIndex(dialog.role.findData(role.value))
        if self.members:
            dialog.last_name.setText(self.members[0].last_name)
        self._keep_member_draft(dialog, None)
        dialog.chosen.connect(self._member_added)
        dialog.finished.connect(
            lambda result: (
                QTimer.singleShot(0, self._add_member) if result and dialog.then_next else None
            )
        )
        kit.run_modal(dialog)

    def _keep_member_draft(self, dialog: MemberDialog, row: int | None) -> None:
        """What is typed into a member's dialog is kept too (``member:new:<household>`` or
        ``member:<household>:<row>``); once OK'd it is in this dialog's own draft."""
        where = self.household.id if self.household else "new"
        dialog.keep_drafts(
            self.ctx,
            f"member:new:{where}" if row is None else f"member:{where}:{row}",
            self.tr("Bewoner"),
            self.household.id if self.household else None,
        )

    def _member_added(self, member: PersonInput) -> None:
        self.members.append(member)
        self.member_model.set_rows(self.members)
        self.errors["members"].clear_message()

    def _edit_selected(self) -> None:
        rows = self.member_table.selectionModel().selectedRows()
        if rows:
            self._edit_member(rows[0].row())

    def _edit_member(self, row: int) -> None:
        dialog = MemberDialog(self.members[row], self)
        self._keep_member_draft(dialog, row)

        def apply(member: PersonInput) -> None:
            self.members[row] = member
            self.member_model.set_rows(self.members)

        dialog.chosen.connect(apply)
        kit.run_modal(dialog)

    def typed(self) -> HouseholdInput:
        h = self.household
        return HouseholdInput(
            street=self.street.text(),
            house_number=self.house_number.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            district=self.district.currentData() or "",
            phone=self.phone.text(),
            members=list(self.members),
            id=h.id if h else None,
            version=h.version if h else None,
        )

    def _ask_duplicates(self, error: households.PossibleDuplicates) -> DuplicateDialog:
        dialog = DuplicateDialog(error, self)
        kit.run_modal(dialog)
        return dialog

    def collect(self) -> HouseholdInput:
        return self.typed()

    def save(self, value: HouseholdInput) -> HouseholdView:
        typed = value
        try:
            if self.household is None:
                return households.register_household(self.ctx, typed)
            return households.update_household(self.ctx, typed)
        except households.PossibleDuplicates as error:
            answer = self._ask_duplicates(error)
            if answer.choice == DuplicateDialog.OPEN:
                self.open_existing.emit(answer.selected_id())
                self.reject()
                raise DomainError(self.tr("Het bestaande dossier is geopend.")) from None
            if answer.choice == DuplicateDialog.REGISTER_ANYWAY:
                return households.register_household(self.ctx, typed, allow_duplicate=True)
            raise DomainError(error.message) from None
        except ValidationFailed as error:
            raise ValidationFailed(self._member_errors(error.errors)) from None
        except Conflict as error:
            return self._resolve_conflict(typed, error)

    def _ask_conflict(self, lines: list[str]) -> bool:
        """Show what the other person changed; True to save the worker's own edit on top."""
        answer = QMessageBox.question(
            self,
            self.tr("Intussen gewijzigd"),
            self.tr(
                "Iemand anders heeft dit huishouden intussen gewijzigd:\n\n{lines}\n\n"
                "Uw eigen wijzigingen staan nog in het scherm. Wilt u die nu opslaan, "
                "bovenop de wijziging van de ander?"
            ).format(lines="\n".join(f"• {line}" for line in lines) or "• (geen zichtbare velden)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _resolve_conflict(self, typed: HouseholdInput, error: Conflict) -> HouseholdView:
        current = error.current
        if not isinstance(current, HouseholdView) or self.household is None:
            raise DomainError(error.message) from None
        if not self._ask_conflict(household_changes(self.household, current)):
            raise DomainError(
                self.tr("Niet opgeslagen. Uw wijzigingen staan nog in het scherm.")
            ) from None
        merged = reapply(typed, self.household, current)
        self.household = current
        return households.update_household(self.ctx, merged)

    def _member_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Member errors ("members.1.bsn") are told by name under the members table."""
        result, member_lines = {}, []
        for key, message in errors.items():
            if key.startswith("members."):
                index = int(key.split(".")[1])
                member_lines.append(f"{self.members[index].first_name}: {message}")
            else:
                result[key] = message
        if member_lines or "members" in errors:
            result["members"] = "\n".join(filter(None, [errors.get("members", ""), *member_lines]))
        return result

    def _accept(self) -> None:
        super()._accept()
        if self.result() == QDialog.DialogCode.Accepted:
            self.saved.emit(self.value)
