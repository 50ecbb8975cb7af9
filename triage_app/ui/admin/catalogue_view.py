"""The social-base catalogue (sociale kaart) for the team lead: see, add, switch off, import."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.domain.labels import counted
from triage_app.domain.offers import FOR_WHOM_LABELS, ForWhom
from triage_app.services import catalogue, reference
from triage_app.services.context import ServiceContext
from triage_app.ui import kit
from triage_app.ui.form_dialog import FormDialog
from triage_app.ui.form_helpers import ErrorLabel
from triage_app.ui.models.rows_model import Column, RowsModel


class OfferDialog(FormDialog):
    """Add an offer, or change one (``offer`` given: its code stays). Domains and wijken are
    typed as names or codes separated by commas; an empty age means no limit. What is typed
    is kept as a draft (per offer), offered back after a crash."""

    def __init__(
        self, ctx: ServiceContext, offer: dict | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Aanbod in de wijk"), parent)
        self.ctx = ctx
        names = reference.current(ctx).life_domain_names()
        self.inputs: dict[str, QLineEdit] = {}
        self.scores: dict[str, QSpinBox] = {}
        self.for_whom = QComboBox()
        for code, label in FOR_WHOM_LABELS.items():
            self.for_whom.addItem(label, str(code))
        no_limit = self.tr("Leeg = geen grens")
        for key, label, hint in (
            ("code", self.tr("Code"), ""),
            ("organisation", self.tr("Organisatie"), ""),
            ("activity", self.tr("Activiteit"), ""),
            (
                "domains",
                self.tr("Leefgebieden"),
                self.tr("Namen, gescheiden door komma's, bijv. Financiën, Sociaal netwerk"),
            ),
            ("score_from", self.tr("Past bij score vanaf"), ""),
            (
                "score_to",
                self.tr("Past bij score tot en met"),
                self.tr("1 = acuut, 5 = volledig zelfredzaam"),
            ),
            ("for_whom", self.tr("Voor wie"), ""),
            ("age_from", self.tr("Leeftijd vanaf"), no_limit),
            ("age_to", self.tr("Leeftijd tot en met"), no_limit),
            ("target_group", self.tr("Doelgroep (omschrijving)"), ""),
            ("contact", self.tr("Contact"), ""),
            ("wijken", self.tr("Wijken"), self.tr("Leeg = de hele stad")),
        ):
            if key == "for_whom":
                self.add_field(key, label, self.for_whom, hint)
            elif key.startswith("score_"):
                spin = QSpinBox()
                spin.setRange(1, 5)
                spin.setValue(1 if key == "score_from" else 3)
                self.scores[key] = self.add_field(key, label, spin, hint)  # type: ignore[assignment]
            else:
                self.inputs[key] = self.add_field(key, label, QLineEdit(), hint)  # type: ignore[assignment]
        self.active = self.add_field("active", "", QCheckBox(self.tr("Actief")))
        self.active.setChecked(True)
        if offer is not None:
            self._fill(offer, names)
        code = offer.get("code") if offer is not None else "new"
        self.keep_drafts(ctx, f"catalogue_offer:{code}", self.tr("Aanbod in de wijk"))

    def _fill(self, offer: dict, names: dict[str, str]) -> None:
        for key, field in self.inputs.items():
            value = offer.get(key)
            if key == "domains":
                value = ", ".join(names.get(d, d) for d in offer.get("domains", []))
            elif key == "wijken":
                value = ", ".join(offer.get("wijken", []))
            field.setText("" if value is None else str(value))
        self.inputs["code"].setReadOnly(True)  # another code would be another offer
        self.for_whom.setCurrentIndex(max(0, self.for_whom.findData(offer.get("for_whom"))))
        for key, spin in self.scores.items():
            spin.setValue(int(offer.get(key) or (1 if key == "score_from" else 5)))
        self.active.setChecked(bool(offer.get("active", True)))

    def collect(self) -> dict:
        values: dict = {key: field.text() for key, field in self.inputs.items()}
        values["for_whom"] = self.for_whom.currentData()
        values.update({key: spin.value() for key, spin in self.scores.items()})
        values["active"] = self.active.isChecked()
        return values

    def save(self, value: dict) -> dict:
        return catalogue.save_offer(self.ctx, value)  # ValidationFailed: shown per field


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
                    lambda o: "\n".join(names.get(d, d) for d in o["domains"]),
                ),
                Column(self.tr("Voor wie"), self._for_whom),
                Column(self.tr("Leeftijd"), self._ages),
                Column(
                    self.tr("Past bij score"),
                    lambda o: f"{o.get('score_from') or 1}–{o.get('score_to') or 5}",
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
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        kit.table(table, self.edit)  # Enter or a double click changes the offer
        self.table = table
        table.horizontalHeader().setStretchLastSection(True)
        self.report = ErrorLabel()
        self.report.setObjectName("import_report")
        self.status = QLabel()
        self.status.setObjectName("status")
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("add", self.tr("Toevoegen…"), self.add),
            ("edit", self.tr("Wijzigen…"), lambda: self.edit(self.table.currentIndex().row())),
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

    def _for_whom(self, offer: dict) -> str:
        return FOR_WHOM_LABELS[ForWhom(offer.get("for_whom") or ForWhom.RESIDENT)]

    def _ages(self, offer: dict) -> str:
        low, high = offer.get("age_from"), offer.get("age_to")
        if low is None and high is None:
            return self.tr("alle leeftijden")
        if high is None:
            return self.tr("vanaf {low}").format(low=low)
        if low is None:
            return self.tr("tot en met {high}").format(high=high)
        return f"{low}–{high}"

    def add(self) -> None:
        dialog = OfferDialog(self.ctx, parent=self)
        dialog.chosen.connect(lambda _offer: self.refresh())
        kit.run_modal(dialog)

    def edit(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.report.show_message(self.tr("Kies eerst een aanbod in de lijst."))
            return
        self.report.clear_message()
        dialog = OfferDialog(self.ctx, self.model.row_at(row), parent=self)
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
            self.tr("{a} nieuw, {u} bijgewerkt").format(a=report.added, u=report.updated)
        )
        if report.rejected:
            self.status.setText(self.tr("Niets ingelezen"))
            self.report.show_message(
                self.tr(
                    "Niets ingelezen: {rows} niet goed. Verbeter het bestand en lees het "
                    "opnieuw in.\n"
                ).format(rows=counted(len(report.rejected), "regel is", "regels zijn"))
                + "\n".join(
                    self.tr("regel {n}: {why}").format(n=n, why=why) for n, why in report.rejected
                )
            )
