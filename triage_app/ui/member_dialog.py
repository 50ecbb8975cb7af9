"""Add or change one member of a household; every field is checked as the worker saves."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

from triage_app.domain.household import MEMBER_ROLE_LABELS, MemberRole, PersonInput
from triage_app.ui.form_dialog import FormDialog


class MemberDialog(FormDialog):
    def __init__(
        self,
        member: PersonInput | None = None,
        parent: QWidget | None = None,
        offer_next: bool = False,
    ) -> None:
        super().__init__(self.tr("Bewoner"), parent)
        self.then_next = False  # "opslaan en volgende lid": the household opens a new one
        self.member = member or PersonInput()
        self.first_name = self.add_field("first_name", self.tr("Voornaam"), QLineEdit())
        self.prefix = self.add_field("prefix", self.tr("Tussenvoegsel"), QLineEdit())
        self.last_name = self.add_field("last_name", self.tr("Achter&naam"), QLineEdit())
        self.birth_date = self.add_field(
            "birth_date", self.tr("&Geboortedatum"), QLineEdit(), self.tr("dd-mm-jjjj")
        )
        self.bsn = self.add_field(
            "bsn",
            self.tr("BSN"),
            QLineEdit(),
            self.tr("Mag leeg blijven. Wordt gecontroleerd (elfproef)."),
        )
        self.role = QComboBox()
        for role in MemberRole:
            self.role.addItem(MEMBER_ROLE_LABELS[role], role.value)
        self.add_field("role", self.tr("Rol in het huishouden"), self.role)
        self.phone = self.add_field("phone", self.tr("Telefoon"), QLineEdit())
        self.email = self.add_field("email", self.tr("E-mail"), QLineEdit())
        self.is_carer = self.add_field("is_carer", "", QCheckBox(self.tr("Is mantelzorger")))
        self.ok_button.setText(self.tr("&OK"))
        self.next_button = self.buttons.addButton(
            self.tr("Opslaan en &volgende lid"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.next_button.setObjectName("save_and_next")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self._save_and_next)
        self.next_button.setVisible(offer_next)
        m = self.member
        for field, value in (
            (self.first_name, m.first_name),
            (self.prefix, m.prefix),
            (self.last_name, m.last_name),
            (self.birth_date, m.birth_date),
            (self.bsn, m.bsn),
            (self.phone, m.phone),
            (self.email, m.email),
        ):
            field.setText(value)
        self.role.setCurrentIndex(self.role.findData(MemberRole(m.role).value))
        self.is_carer.setChecked(m.is_carer)
        self.first_name.setFocus()

    def _save_and_next(self) -> None:
        self.then_next = True
        self._accept()
        if self.result() != QDialog.DialogCode.Accepted:
            self.then_next = False

    def collect(self) -> PersonInput:
        typed = PersonInput(
            first_name=self.first_name.text(),
            prefix=self.prefix.text(),
            last_name=self.last_name.text(),
            birth_date=self.birth_date.text(),
            bsn=self.bsn.text(),
            role=MemberRole(self.role.currentData()),
            phone=self.phone.text(),
            email=self.email.text(),
            is_carer=self.is_carer.isChecked(),
            id=self.member.id,
            version=self.member.version,
        )
        typed.validate()  # raises ValidationFailed with the field names of this dialog
        return typed
