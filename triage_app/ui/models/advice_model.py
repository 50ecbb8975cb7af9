"""The triage advice per life domain as a table: score, proposed route, offers in the wijk."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from triage_app.domain.intake import (
    LEVEL_NAMES,
    ROUTE_LABELS,
    ROUTE_WEIGHT,
    Advice,
    DomainAdvice,
    Offer,
)
from triage_app.domain.offers import ForWhom

DOMAIN, SCORE, ROUTE, OFFERS = range(4)
HEADERS = ("Leefgebied", "Score", "Voorgestelde route", "Aanbod in de wijk (sociale basis)")
ADVICE_ROLE = Qt.ItemDataRole.UserRole + 1  # the DomainAdvice behind a row
ACUTE_BACKGROUND = QColor("#fde8ea")

Index = QModelIndex | QPersistentModelIndex


class AdviceModel(QAbstractTableModel):
    def __init__(self, domain_names: dict[str, str], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.names = domain_names
        self.rows: list[DomainAdvice] = []
        self.offers: dict[str, list[Offer]] = {}

    def set_advice(self, advice: Advice, offers: dict[str, list[Offer]]) -> None:
        """Acute domains first, then the heaviest route, in the order of the gesprek."""
        self.beginResetModel()
        order = {d.life_domain: i for i, d in enumerate(advice.domains)}
        self.rows = sorted(
            advice.domains,
            key=lambda d: (not d.acute, -ROUTE_WEIGHT[d.route], order[d.life_domain]),
        )
        self.offers = dict(offers)
        self.endResetModel()

    def offers_text(self, row: DomainAdvice) -> str:
        return "; ".join(
            f"{o.organisation} ({o.activity}, {o.contact})"
            + (" – voor de mantelzorger" if o.for_whom == ForWhom.CARER else "")
            for o in self.offers.get(row.life_domain, [])
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == SCORE:
            return LEVEL_NAMES[row.score]
        if role == Qt.ItemDataRole.BackgroundRole and row.acute:
            return QBrush(ACUTE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and row.acute and column in (DOMAIN, SCORE):
            font = QFont()
            font.setBold(True)
            return font
        if role == ADVICE_ROLE:
            return row
        return None

    def _text(self, row: DomainAdvice, column: int) -> str:
        if column == DOMAIN:
            name = self.names.get(row.life_domain, row.life_domain)
            return f"{name} (acuut)" if row.acute else name
        if column == SCORE:
            return f"{row.score} {LEVEL_NAMES[row.score]}"
        if column == ROUTE:
            return ROUTE_LABELS[row.route]
        return self.offers_text(row) or "-"

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None
