"""The referral step: one consistent choice (a listed offer with its code, or a typed
organisation without one), one referral per press, and a second one to the same target on the
same day only after the worker says so."""

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlmodel import select

from triage_app.services import printing
from triage_app.store.intake_tables import Referral
from triage_app.ui.intake import intake_flow
from triage_app.ui.intake.intake_flow import IntakeFlow

LEFT = Qt.MouseButton.LeftButton


def click(qtbot, flow, name):
    qtbot.mouseClick(flow.findChild(QPushButton, name), LEFT)


def referrals(ctx):
    with ctx.store.read() as session:
        return [(r.target, r.offer_code) for r in session.exec(select(Referral))]


@pytest.fixture
def at_referral(qtbot, ctx, household):
    """An intake up to the referral step, time use scored 3 (the Buurthuis is offered)."""
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    flow.show()
    qtbot.keyClicks(flow.question, "Ik zit de hele dag alleen thuis en verveel me")
    flow.told_support.setChecked(True)
    flow.told_plan.setChecked(True)
    click(qtbot, flow, "melding_next")
    combo, _notes = flow.scores["time_use"]
    combo.setCurrentIndex(combo.findData(3))
    click(qtbot, flow, "assessment_next")
    click(qtbot, flow, "decide_route")
    assert flow.step_label.text() == "Stap 4 van 4: Verwijzing"
    return flow


def retype(qtbot, flow, text):
    line = flow.target.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line, text)


def test_typed_target_after_picking_an_offer_prints_the_typed_target(qtbot, ctx, at_referral):
    flow = at_referral
    flow.target.setCurrentIndex(flow.target.findText("Buurthuis De Dreef"))
    assert flow.chosen_offer() == "SB02"
    assert flow.target_kind.text() == "Aanbod van de sociale kaart."
    retype(qtbot, flow, "Stichting Samen Eten")
    assert "Eigen organisatie" in flow.target_kind.text()
    click(qtbot, flow, "make_referral")
    assert flow.referral_done.text() == "Verwijzing naar Stichting Samen Eten gemaakt."
    assert referrals(ctx) == [("Stichting Samen Eten", None)]  # no code of the item before

    reader = PdfReader(io.BytesIO(printing.referral_letter_pdf(ctx, flow.referral_id)))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Verwijzing naar Stichting Samen Eten" in text
    assert "Buurthuis De Dreef" not in text and "Koffieochtend" not in text
    assert "Aanbod" not in text  # a typed organisation: no offer of the list


def test_picked_offer_keeps_its_code(qtbot, ctx, at_referral):
    flow = at_referral
    flow.target.setCurrentIndex(flow.target.findText("Buurthuis De Dreef"))
    click(qtbot, flow, "make_referral")
    assert referrals(ctx) == [("Buurthuis De Dreef", "SB02")]


def test_double_press_makes_one_referral(qtbot, ctx, at_referral):
    flow = at_referral
    retype(qtbot, flow, "Stichting Samen Eten")
    button = flow.findChild(QPushButton, "make_referral")
    qtbot.mouseDClick(button, LEFT)
    click(qtbot, flow, "make_referral")
    assert referrals(ctx) == [("Stichting Samen Eten", None)]
    assert not button.isEnabled()  # until another target is chosen


def test_same_day_identical_referral_asks_first(qtbot, ctx, at_referral, monkeypatch):
    flow = at_referral
    retype(qtbot, flow, "Stichting Samen Eten")
    click(qtbot, flow, "make_referral")
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        intake_flow.QMessageBox, "question", lambda _p, _t, text: asked.append(text) or answer[0]
    )
    retype(qtbot, flow, "stichting samen eten")  # the same organisation, typed again
    click(qtbot, flow, "make_referral")
    assert asked == ["Er is vandaag al een verwijzing naar stichting samen eten. Nog een maken?"]
    assert len(referrals(ctx)) == 1  # "Nee": nothing made

    answer[0] = QMessageBox.StandardButton.Yes
    click(qtbot, flow, "make_referral")
    assert len(asked) == 2 and len(referrals(ctx)) == 2

    retype(qtbot, flow, "Taalhuis")  # another target does not ask
    click(qtbot, flow, "make_referral")
    assert len(asked) == 2 and len(referrals(ctx)) == 3
