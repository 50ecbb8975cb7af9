"""The municipality profile: name and addresses on letters, where to object, the monthly
contribution per year, and the idle lock. Kept in the store, so every desk sees the change;
what is typed but not saved is kept as a draft."""

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from triage_app.domain.errors import ValidationFailed
from triage_app.domain.reference import thaw
from triage_app.services import reference, settings
from triage_app.services.context import ServiceContext
from triage_app.ui.form_dialog import FormDialog

SIZES = ("S", "M", "L", "XL")
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
        self.logo = self.add_field(
            "logo",
            self.tr("Logo (afbeelding)"),
            QLineEdit(str(profile.get("logo", "") or "")),
            self.tr("Pad naar een PNG of JPG voor het briefhoofd."),
        )
        self.wijken = self._lines(
            "districts",
            self.tr("Wijken"),
            [f"{d['name']}: {', '.join(d['postcodes'])}" for d in profile["districts"]],
            self.tr("Per regel: naam: postcodecijfers, bijv. Oost: 3581, 3582"),
        )
        table = thaw(reference.current(self.ctx).tariffs)
        self.providers = self._lines(
            "providers",
            self.tr("Aanbieders"),
            [f"{o['code']}: {o['name']}" for o in table["providers"]],
            self.tr("Per regel: code: naam"),
        )
        self.tariffs = self._tariff_grid(table)
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setValue(int(profile.get("idle_lock_minutes", 10)))
        self.add_field("idle_lock_minutes", self.tr("Scherm vergrendelen na (minuten)"), self.idle)
        # Filled from the store first, so only what the administrator changes is a draft.
        self.keep_drafts(ctx, "settings", self.tr("Instellingen van de gemeente"))

    def _tariff_grid(self, table: dict) -> dict[tuple[str, str], QLineEdit]:
        """One row per segment by its Dutch name, one field per arrangement size."""
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        sizes = {size["code"]: size["name"] for size in table["size_classes"]}
        for column, code in enumerate(SIZES, start=1):
            grid.addWidget(QLabel(sizes.get(code, code)), 0, column)
        fields: dict[tuple[str, str], QLineEdit] = {}
        for row, segment in enumerate(table["segments"], start=1):
            grid.addWidget(QLabel(segment["name"]), row, 0)
            for column, code in enumerate(SIZES, start=1):
                amount = segment["monthly_tariff"].get(code)
                field = QLineEdit("" if amount is None else f"{amount:.2f}".replace(".", ","))
                field.setObjectName(f"tariff_{segment['code']}_{code}")
                field.setAccessibleName(
                    self.tr("Tarief {segment}, {size}").format(
                        segment=segment["name"], size=sizes.get(code, code)
                    )
                )
                field.setMaximumWidth(90)
                grid.addWidget(field, row, column)
                fields[(segment["code"], code)] = field
        self.add_field(
            "tariffs",
            self.tr("Tarieven per maand"),
            grid_box,
            self.tr("Per segment het bedrag per maand voor elke grootte, bijv. 310,00."),
        )
        return fields

    def _lines(self, name: str, label: str, lines: list[str], hint: str) -> QPlainTextEdit:
        box = QPlainTextEdit("\n".join(lines))
        box.setFixedHeight(90)
        return self.add_field(name, label, box, hint)

    @staticmethod
    def _pairs(box: QPlainTextEdit, field: str) -> list[tuple[str, str]]:
        pairs = []
        for number, line in enumerate(box.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, value = line.partition(":")
            if not sep or not key.strip() or not value.strip():
                raise ValidationFailed({field: f"Regel {number} heeft de vorm 'naam: waarde'."})
            pairs.append((key.strip(), value.strip()))
        return pairs

    def _arrangements(self) -> dict:
        table = thaw(reference.current(self.ctx).tariffs)
        providers = [{"code": k, "name": v} for k, v in self._pairs(self.providers, "providers")]
        segments = {
            seg["code"]: {**seg, "monthly_tariff": dict(seg["monthly_tariff"])}
            for seg in table["segments"]
        }
        for (code, size), field in self.tariffs.items():
            text = field.text().strip().replace("€", "").replace(",", ".").strip()
            try:
                amount = Decimal(text)
            except InvalidOperation:
                amount = Decimal(-1)
            if not amount.is_finite() or amount < 0:
                raise ValidationFailed(
                    {"tariffs": f"{field.accessibleName()}: vul een bedrag in, bijv. 310,00."}
                )
            segments[code]["monthly_tariff"][size] = float(amount)
        if not providers:
            raise ValidationFailed({"providers": "Noem minstens één aanbieder."})
        return {"providers": providers, "segments": list(segments.values())}

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
        changes["logo"] = self.logo.text().strip()
        changes["districts"] = [
            {"name": name, "postcodes": [c.strip() for c in codes.split(",") if c.strip()]}
            for name, codes in self._pairs(self.wijken, "districts")
        ]
        if not changes["districts"]:
            raise ValidationFailed({"districts": self.tr("Noem minstens één wijk.")})
        changes["arrangements"] = self._arrangements()
        return changes

    def save(self, value: dict) -> dict:
        return settings.save_profile(self.ctx, value)
