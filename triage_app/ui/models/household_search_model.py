"""Search results: one row per household."""

from triage_app.domain.household import HouseholdSummary
from triage_app.ui.models.rows_model import ROW_ROLE, Column, RowsModel

DOSSIER, NAME, ADDRESS, POSTCODE, DISTRICT, MEMBERS = range(6)
HOUSEHOLD_ROLE = ROW_ROLE


class HouseholdSearchModel(RowsModel):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(
            [
                Column("Dossier", lambda h: h.dossier_number),
                Column("Naam", lambda h: h.name),
                Column("Adres", lambda h: h.address),
                Column("Postcode", lambda h: h.postcode),
                Column("Wijk", lambda h: h.district),
                Column("Bewoners", lambda h: h.members, lambda h: h.members),
            ],
            parent,
        )

    def household(self, row: int) -> HouseholdSummary:
        return self.row_at(row)
