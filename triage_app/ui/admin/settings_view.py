"""The municipality profile: name and addresses on letters, where to object, the monthly
contribution per year, and the idle lock. Kept in the store, so every desk sees the change."""

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from triage_app.domain.errors import ValidationFailed
from triage_app.services import settings
from triage_app.services.context import ServiceContext
from triage_app.ui.form_dialog import FormDialog

TEXT_FIELDS = [
    ("name", "Naam gemeente"),
    ("department", "Afdeling"),
    ("postal_address", "Postadres"),
    ("postal_postcode", "Postcode postadres"),
    ("city", "Plaats"),
    ("phone", "Telefoon"),
    ("website", "Website"),
]
OBJECTION_FIELDS = [
    ("name", "Bezwaar naar"),
    ("street", "Bezwaar: adres"),
    ("postcode", "Bezwaar: postcode"),
    ("city", "Bezwaar: plaats"),
    ("online", "Bezwaar online"),
]


class SettingsView(FormDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Instellingen van de gemeente"), parent)
        self.ctx = ctx
        profile = settings.profile(ctx)
        self.year = ctx.today().year
        self.fields = {
            key: self.add_field(key, self.tr(label), QLineEdit(str(profile.get(key, ""))))
            for key, label in TEXT_FIELDS
        }
        objection = profile.get("objection_address", {})
        self.objection = {
            key: self.add_field(
                f"objection_{key}", self.tr(label), QLineEdit(str(objection.get(key, "")))
            )
            for key, label in OBJECTION_FIELDS
        }
        amounts = profile.get("personal_contribution", {})
        self.contribution = {}
        for year in (self.year, self.year + 1):
            current = amounts.get(str(year))
            field = QLineEdit("" if current is None else f"{current:.2f}".replace(".", ","))
            self.contribution[year] = self.add_field(
                f"contribution_{year}",
                self.tr("Eigen bijdrage {y} (per maand)").format(y=year),
                field,
                self.tr("Het abonnementstarief; leeg = nog niet bekend.")
                if year > self.year
                else "",
            )
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setValue(int(profile.get("idle_lock_minutes", 10)))
        self.add_field("idle_lock_minutes", self.tr("Scherm vergrendelen na (minuten)"), self.idle)

    def collect(self) -> dict:
        changes: dict = {key: field.text().strip() for key, field in self.fields.items()}
        changes["objection_address"] = {k: f.text().strip() for k, f in self.objection.items()}
        amounts = {}
        for year, field in self.contribution.items():
            text = field.text().strip().replace("€", "").replace(",", ".").strip()
            if not text:
                continue
            try:
                amounts[str(year)] = float(Decimal(text))
            except InvalidOperation:
                raise ValidationFailed(
                    {f"contribution_{year}": self.tr("Vul een bedrag in, bijvoorbeeld 21,80.")}
                ) from None
        changes["personal_contribution"] = amounts
        changes["idle_lock_minutes"] = self.idle.value()
        return settings.save_profile(self.ctx, changes)
