"""The social-base catalogue (sociale kaart) for the team lead: see, add, switch off, import."""

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.services import catalogue, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import ErrorLabel
from triage_app.ui.models.rows_model import Column, RowsModel


class OfferDialog(FormDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Aanbod in de wijk"), parent)
        self.ctx = ctx
        self.inputs = {
            key: self.add_field(key, label, QLineEdit(), hint)
            for key, label, hint in (
                ("code", self.tr("Code"), ""),
                ("organisation", self.tr("Organisatie"), ""),
                ("activity", self.tr("Activiteit"), ""),
                (
                    "domains",
                    self.tr("Leefgebieden"),
                    self.tr("Codes, gescheiden door komma's, bijv. finances, social_network"),
                ),
                ("target_group", self.tr("Doelgroep"), ""),
                ("contact", self.tr("Contact"), ""),
                ("wijken", self.tr("Wijken"), self.tr("Leeg = de hele stad")),
            )
        }
        self.active = self.add_field("active", "", QCheckBox(self.tr("Actief")))
        self.active.setChecked(True)

    def collect(self) -> dict:
        values = {key: field.text() for key, field in self.inputs.items()}
        values["domains"] = values["domains"].split(",")
        values["wijken"] = values["wijken"].split(",")
        values["active"] = self.active.isChecked()
        try:
            return catalogue.save_offer(self.ctx, values)
        except DomainError as exc:
            raise DomainError(exc.message[:1].upper() + exc.message[1:] + ".") from None


class CatalogueView(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sociale kaart"))
        self.resize(1000, 560)
        names = reference.current(ctx).life_domain_names()
        self.model = RowsModel(
            [
                Column(self.tr("Code"), lambda o: o["code"]),
                Column(self.tr("Organisatie"), lambda o: o["organisation"]),
                Column(self.tr("Activiteit"), lambda o: o["activity"]),
                Column(
                    self.tr("Leefgebieden"),
                    lambda o: ", ".join(names.get(d, d) for d in o["domains"]),
                ),
                Column(self.tr("Wijken"), lambda o: ", ".join(o["wijken"]) or self.tr("hele stad")),
                Column(
                    self.tr("Actief"), lambda o: self.tr("ja") if o["active"] else self.tr("nee")
                ),
            ]
        )
        table = QTableView()
        table.setObjectName("offers_table")
        table.setAccessibleName(self.tr("Aanbod in de sociale kaart"))
        table.setModel(self.model)
        table.horizontalHeader().setStretchLastSection(True)
        self.report = ErrorLabel()
        self.report.setObjectName("import_report")
        self.status = QLabel()
        self.status.setObjectName("status")
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("add", self.tr("Toevoegen…"), self.add),
            ("import", self.tr("Importeren (CSV)…"), self.import_csv),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(sorted(catalogue.offers(self.ctx), key=lambda o: o["code"]))

    def add(self) -> None:
        dialog = OfferDialog(self.ctx, self)
        dialog.chosen.connect(lambda _offer: self.refresh())
        kit.run_modal(dialog)

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Sociale kaart importeren"), "", self.tr("CSV (*.csv)")
        )
        if not path:
            return
        self.report.clear_message()
        try:
            with open(path, "rb") as fh:
                report = catalogue.import_csv(self.ctx, fh.read())
        except (OSError, DomainError) as exc:
            self.report.show_message(getattr(exc, "message", str(exc)))
            return
        self.refresh()
        self.status.setText(
            self.tr("{a} nieuw, {u} bijgewerkt, {r} afgekeurd").format(
                a=report.added, u=report.updated, r=len(report.rejected)
            )
        )
        if report.rejected:
            self.report.show_message(
                self.tr("Niet ingelezen:\n")
                + "\n".join(
                    self.tr("regel {n}: {why}").format(n=n, why=why) for n, why in report.rejected
                )
            )
