"""The advice table: acute domains on top and marked, routes and offers per life domain."""

from PySide6.QtCore import Qt

from triage_app.domain.intake import Offer, Score, advise
from triage_app.domain.offers import ForWhom
from triage_app.services.reference import shipped
from triage_app.ui.models.advice_model import (
    ACUTE_BACKGROUND,
    DOMAIN,
    OFFERS,
    ROUTE,
    SCORE,
    AdviceModel,
)

NAMES = {"finances": "Financiën", "housing": "Huisvesting", "time_use": "Tijdsbesteding"}
RULES = shipped().triage_rules
DREEF = Offer("SB02", "Buurthuis De Dreef", "Samen eten", ("time_use",), "030 000 0002")
RESPIJT = Offer("SB33", "Respijt", "Even vrij", ("finances",), "030", for_whom=ForWhom.CARER)


def test_acute_first_then_heaviest_with_offers(qtmodeltester):
    model = AdviceModel(NAMES)
    advice = advise([Score("time_use", 3), Score("finances", 2), Score("housing", 1)], RULES)
    model.set_advice(advice, {"time_use": [DREEF], "housing": [RESPIJT]})
    qtmodeltester.check(model)
    shown = [model.index(r, DOMAIN).data() for r in range(model.rowCount())]
    assert shown == ["Huisvesting (acuut)", "Financiën", "Tijdsbesteding"]
    assert model.index(0, SCORE).data() == "1 Acute problematiek"
    assert model.index(0, DOMAIN).data(Qt.ItemDataRole.BackgroundRole).color() == ACUTE_BACKGROUND
    assert model.index(1, ROUTE).data() == "Wijkteam (basis)"
    assert model.index(2, OFFERS).data() == "Buurthuis De Dreef (Samen eten, 030 000 0002)"
    assert model.index(1, OFFERS).data() == "-"
    assert model.index(0, OFFERS).data() == "Respijt (Even vrij, 030) – voor de mantelzorger"
    assert model.headerData(ROUTE, Qt.Orientation.Horizontal) == "Voorgestelde route"


def test_empty_advice(qtmodeltester):
    model = AdviceModel(NAMES)
    model.set_advice(advise([], RULES), {})
    qtmodeltester.check(model)
    assert model.rowCount() == 0
