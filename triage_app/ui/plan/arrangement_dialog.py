"""Add or change a specialist arrangement; its size and monthly cost are shown as you choose."""

import uuid
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from triage_app.domain.arrangement import (
    category_for_kind,
    compute_arrangement,
    kinds,
    product_codes,
    providers,
    segments,
)
from triage_app.domain.errors import InvalidValue, ValidationFailed
from triage_app.domain.household import PersonView
from triage_app.domain.plan import (
    DELIVERY_LABELS,
    FREQUENCY_LABELS,
    INTENSITY_LABELS,
    UNIT_LABELS,
    DeliveryForm,
    ExtentUnit,
    Frequency,
    Intensity,
    ProvisionData,
)
from triage_app.domain.reference import Reference
from triage_app.domain.values import format_date
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import euro, read_date


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for label, data in items:
        combo.addItem(label, data)
    return combo


class ArrangementDialog(FormDialog):
    def __init__(
        self,
        members: list[PersonView],
        today,
        reference: Reference,
        provision: ProvisionData | None = None,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Maatwerkvoorziening"), parent)
        self.today = today
        self.table = reference.tariffs
        self.member = self.add_field(
            "person_id", self.tr("Voor wie"), _combo([(m.name, str(m.id)) for m in members])
        )
        self.kind = self.add_field(
            "kind",
            self.tr("Soort ondersteuning"),
            _combo([(o.name, o.code) for o in kinds(self.table)]),
        )
        self.segment = self.add_field(
            "segment", self.tr("Segment"), _combo([(o.name, o.code) for o in segments(self.table)])
        )
        self.intensity: dict[str, QComboBox] = {}
        for area in reference.result_areas:
            combo = _combo([(INTENSITY_LABELS[i], i.value) for i in Intensity])
            self.intensity[area.code] = self.add_field(f"intensity_{area.code}", area.name, combo)
            combo.currentIndexChanged.connect(self._update_size)
        self.size = QLabel()
        self.size.setObjectName("size_label")
        self.size.setStyleSheet("font-weight: bold;")
        self.form.addRow(self.tr("Arrangement"), self.size)
        self.delivery = self.add_field(
            "delivery_form",
            self.tr("Vorm"),
            _combo([(DELIVERY_LABELS[d], d.value) for d in DeliveryForm]),
        )
        self.pgb_amount = self.add_field("pgb_amount", self.tr("Pgb per maand (€)"), QLineEdit())
        self.provider = self.add_field(
            "provider",
            self.tr("Aanbieder"),
            _combo([("", "")] + [(o.name, o.code) for o in providers(self.table)]),
        )
        self.preferred = self.add_field(
            "preferred_provider",
            self.tr("Keuze van de bewoner"),
            QLineEdit(),
            self.tr("De aanbieder of professional die de bewoner zelf wil (keuzevrijheid)."),
        )
        self.product_code = self.add_field("product_code", self.tr("Productcode"), QComboBox())
        extent = QWidget()
        row = QHBoxLayout(extent)
        row.setContentsMargins(0, 0, 0, 0)
        self.volume = QDoubleSpinBox()
        self.volume.setObjectName("volume")
        self.volume.setRange(0, 100_000)
        self.volume.setDecimals(1)
        self.unit = _combo([(UNIT_LABELS[u], u.value) for u in ExtentUnit])
        self.unit.setObjectName("unit")
        self.unit.setAccessibleName(self.tr("Eenheid"))
        self.frequency = _combo([(FREQUENCY_LABELS[f], f.value) for f in Frequency])
        self.frequency.setObjectName("frequency")
        self.frequency.setAccessibleName(self.tr("Per"))
        for widget in (self.volume, self.unit, self.frequency):
            row.addWidget(widget)
        self.add_field("extent", self.tr("Omvang"), extent)
        self.start = self.add_field("start_date", self.tr("Begindatum"), QLineEdit())
        self.end = self.add_field("end_date", self.tr("Einddatum"), QLineEdit())
        self.granted = self.add_field(
            "granted", self.tr("Besluit"), QCheckBox(self.tr("Toekennen (uitvinken = afwijzen)"))
        )
        self.granted.setChecked(True)
        self.terminate = self.add_field(
            "terminate", "", QCheckBox(self.tr("Deze voorziening stopt eerder (beëindiging)"))
        )
        self.segment.currentIndexChanged.connect(self._update_size)
        self.kind.currentIndexChanged.connect(self._update_codes)
        if provision is not None:
            self._load(provision)
        self._update_codes()
        self._update_size()

    def _load(self, p: ProvisionData) -> None:
        self.member.setCurrentIndex(max(0, self.member.findData(str(p.person_id))))
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind)))
        self.segment.setCurrentIndex(max(0, self.segment.findData(p.segment)))
        for area, level in p.intensities.items():
            if area in self.intensity:
                combo = self.intensity[area]
                combo.setCurrentIndex(combo.findData(Intensity(level).value))
        self.delivery.setCurrentIndex(self.delivery.findData(p.delivery_form.value))
        self.pgb_amount.setText(str(p.pgb_amount or ""))
        self.provider.setCurrentIndex(max(0, self.provider.findData(p.provider or "")))
        self.preferred.setText(p.preferred_provider)
        self.volume.setValue(p.volume or 0)
        if p.unit:
            self.unit.setCurrentIndex(self.unit.findData(p.unit.value))
        if p.frequency:
            self.frequency.setCurrentIndex(self.frequency.findData(p.frequency.value))
        self.start.setText(format_date(p.start_date))
        self.end.setText(format_date(p.end_date))
        self.granted.setChecked(p.granted)
        self.terminate.setChecked(p.terminate)
        self._code = p.product_code

    def _levels(self) -> dict[str, Intensity]:
        return {
            area: Intensity(c.currentData())
            for area, c in self.intensity.items()
            if c.currentData() != Intensity.NONE.value
        }

    def _update_size(self) -> None:
        try:
            size = compute_arrangement(self.segment.currentData(), self._levels(), self.table)
        except InvalidValue:
            self.size.setText(self.tr("Kies per resultaatgebied een intensiteit."))
            return
        self.size.setText(
            self.tr("{name} ({code}), {points} punten: {cost} per maand").format(
                name=size.size_name,
                code=size.size_class,
                points=size.points,
                cost=euro(size.monthly_cost),
            )
        )

    def _update_codes(self) -> None:
        category = category_for_kind(self.kind.currentData(), self.table)
        self.product_code.clear()
        self.product_code.addItem(self.tr("(geen)"), "")
        for option in product_codes(category, self.today, self.table):
            self.product_code.addItem(f"{option.code} {option.name}", option.code)
        wanted = getattr(self, "_code", None)
        if wanted:
            self.product_code.setCurrentIndex(max(0, self.product_code.findData(wanted)))

    def collect(self) -> ProvisionData:
        errors: dict[str, str] = {}
        dates = {}
        for name, field in (("start_date", self.start), ("end_date", self.end)):
            try:
                dates[name] = read_date(field.text())
            except InvalidValue as exc:
                errors[name] = exc.message
        try:
            compute_arrangement(self.segment.currentData(), self._levels(), self.table)
        except InvalidValue as exc:
            errors[f"intensity_{next(iter(self.intensity))}"] = exc.message
        delivery = DeliveryForm(self.delivery.currentData())
        amount = None
        if delivery == DeliveryForm.PGB:
            try:
                amount = Decimal(self.pgb_amount.text().replace(",", ".").strip())
            except InvalidOperation:
                errors["pgb_amount"] = self.tr(
                    "Vul het bedrag van het pgb in, bijvoorbeeld 450,00."
                )
        if errors:
            raise ValidationFailed(errors)
        volume = self.volume.value() or None
        return ProvisionData(
            person_id=uuid.UUID(self.member.currentData()),
            kind=self.kind.currentData(),
            segment=self.segment.currentData(),
            intensities=self._levels(),
            delivery_form=delivery,
            provider=self.provider.currentData() or None,
            start_date=dates.get("start_date"),
            end_date=dates.get("end_date"),
            product_category=category_for_kind(self.kind.currentData(), self.table),
            product_code=self.product_code.currentData() or None,
            volume=volume,
            unit=ExtentUnit(self.unit.currentData()) if volume else None,
            frequency=Frequency(self.frequency.currentData()) if volume else None,
            pgb_amount=amount,
            granted=self.granted.isChecked(),
            preferred_provider=self.preferred.text().strip(),
            terminate=self.terminate.isChecked(),
        )
