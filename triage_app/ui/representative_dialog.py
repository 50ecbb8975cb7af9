"""Record, change or remove the representative of one resident (curator, mentor,
bewindvoerder, gemachtigde, ouder met gezag) with name and address for the letters."""

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from triage_app.domain.representative import (
    FORM_LABELS,
    KIND_LABELS,
    Representative,
    RepresentativeInput,
)
from triage_app.services import representatives
from triage_app.services.context import ServiceContext
from triage_app.ui.form_dialog import FormDialog


class RepresentativeDialog(FormDialog):
    """``chosen`` reports the saved Representative, or None when it was removed."""

    def __init__(
        self,
        ctx: ServiceContext,
        person_id: uuid.UUID,
        person_name: str,
        current: Representative | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Vertegenwoordiger van {name}").format(name=person_name), parent)
        self.ctx, self.person_id = ctx, person_id
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Geen vertegenwoordiger"), "")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label[:1].upper() + label[1:], kind.value)
        self.add_field(
            "kind",
            self.tr("&Soort"),
            self.kind,
            self.tr(
                "Een curator, mentor, gemachtigde of ouder met gezag krijgt de beschikkingen. "
                "Een bewindvoerder krijgt een kopie als het besluit over geld gaat."
            ),
        )
        self.form_of_address = QComboBox()
        for code, label in FORM_LABELS.items():
            self.form_of_address.addItem(label, code)
        self.add_field("form", self.tr("Aan&hef"), self.form_of_address)
        self.name = self.add_field("name", self.tr("&Naam"), QLineEdit())
        self.street = self.add_field(
            "street", self.tr("A&dres"), QLineEdit(), self.tr("Straat en huisnummer")
        )
        self.postcode = self.add_field("postcode", self.tr("&Postcode"), QLineEdit())
        self.city = self.add_field("city", self.tr("P&laats"), QLineEdit())
        if current is not None:
            self.kind.setCurrentIndex(self.kind.findData(current.kind.value))
            self.form_of_address.setCurrentIndex(self.form_of_address.findData(current.form))
            for field, value in (
                (self.name, current.name),
                (self.street, current.street),
                (self.postcode, current.postcode),
                (self.city, current.city),
            ):
                field.setText(value)
        self.kind.setFocus()

    def collect(self) -> RepresentativeInput | None:
        if not self.kind.currentData():
            return None  # remove
        typed = RepresentativeInput(
            kind=self.kind.currentData(),
            form=self.form_of_address.currentData(),
            name=self.name.text(),
            street=self.street.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
        )
        typed.validate()  # Dutch messages at the fields
        return typed

    def save(self, value: RepresentativeInput | None) -> Representative | None:
        return representatives.set_representative(self.ctx, self.person_id, value)
