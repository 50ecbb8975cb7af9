"""Data minimisation in the gesprek: only the life domains the question touches are asked; the
others stay folded away, and scoring one of them needs a reason, which the verslag prints."""

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlmodel import select

from triage_app.services import printing
from triage_app.store.intake_tables import Assessment, AssessmentScore
from triage_app.ui.intake.intake_flow import IntakeFlow

LEFT = Qt.MouseButton.LeftButton


def click(qtbot, flow, name):
    qtbot.mouseClick(flow.findChild(QPushButton, name), LEFT)


def stored(ctx):
    with ctx.store.read() as session:
        return {
            s.life_domain: (s.score, s.reason) for s in session.exec(select(AssessmentScore))
        }, [a.scope for a in session.exec(select(Assessment))]


def start(qtbot, ctx, household, question):
    flow = IntakeFlow(ctx, household)
    qtbot.addWidget(flow)
    flow.show()
    qtbot.keyClicks(flow.question, question)
    flow.told_support.setChecked(True)
    flow.told_plan.setChecked(True)
    click(qtbot, flow, "melding_next")
    return flow


def test_only_the_questions_domains_show_the_others_ask_a_reason(qtbot, ctx, household):
    flow = start(qtbot, ctx, household, "De post blijft liggen en er komen aanmaningen")
    assert flow.scope.codes() == ["finances"]  # prefilled from the question's words
    assert flow.focusWidget() is flow.scope.list
    combo, _notes = flow.scores["finances"]
    other, _ = flow.scores["physical_health"]
    assert combo.isVisible() and not other.isVisible()  # not asked: folded away

    qtbot.keyClick(combo, "3")
    flow.scope.show_others.click()  # Alt+A: the other domains, optional
    reason, error = flow.reasons["physical_health"]
    assert other.isVisible() and reason.isVisible()
    assert not flow.reasons["finances"][0].isVisible()  # a domain of the question: no reason
    other.setFocus()
    qtbot.keyClick(other, "2")
    click(qtbot, flow, "assessment_next")
    assert error.isVisible()
    assert error.text().startswith("Dit leefgebied hoort niet bij de vraag. Waarom is dit nodig")
    assert flow.focusWidget() is reason
    assert flow.step_label.text() == "Stap 2 van 4: Gesprek"
    assert stored(ctx) == ({}, [])  # nothing saved, not even the finances score

    qtbot.keyClicks(reason, "Valt vaak, kan daardoor de post niet halen")
    flow.carers.setText("Kees")
    flow.carer_load.setCurrentIndex(flow.carer_load.findData("heavy"))
    click(qtbot, flow, "assessment_next")
    assert not error.isVisible()
    assert flow.step_label.text() == "Stap 3 van 4: Advies en route"
    assert stored(ctx) == (
        {
            "finances": (3, ""),
            "physical_health": (2, "Valt vaak, kan daardoor de post niet halen"),
        },
        ["finances"],
    )

    reader = PdfReader(io.BytesIO(printing.assessment_report_pdf(ctx, flow.view.request_id)))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Waar we over spraken We vroegen alleen naar wat nodig is voor uw vraag." in text
    assert "Financiën Hier gaat uw vraag over." in text
    assert (
        "Lichamelijke gezondheid Ook nodig voor uw vraag: Valt vaak, kan daardoor de post niet"
        " halen" in text
    )
    not_asked = text.split("omdat uw vraag er niet over gaat: ")[1].split(".")[0]
    assert "Huisvesting" in not_asked and "Sociaal netwerk" in not_asked
    assert "Financiën" not in not_asked and "Lichamelijke" not in not_asked
    assert "De zorg is zwaar voor de mantelzorger." in text
    assert "heavy" not in text


def test_a_domain_ticked_later_needs_no_reason_and_comes_back_ticked(qtbot, ctx, household):
    flow = start(qtbot, ctx, household, "Ik wil graag meer onder de mensen komen")
    assert flow.scope.codes() == []
    assert flow.no_domains.isVisible()
    flow.scope.list.setFocus()
    for _ in range(2):  # "s": Sociaal netwerk (the only domain with an s)
        qtbot.keyClick(flow.scope.list, "s")
    qtbot.keyClick(flow.scope.list, Qt.Key.Key_Space)
    assert flow.scope.codes() == ["social_network"]
    assert not flow.no_domains.isVisible()
    combo, _ = flow.scores["social_network"]
    combo.setFocus()
    qtbot.keyClick(combo, "2")
    click(qtbot, flow, "save_assessment")
    flow.close()

    again = IntakeFlow(ctx, household)
    qtbot.addWidget(again)
    again.show()
    assert again.scope.codes() == ["social_network"]
    assert again.scores["social_network"][0].currentData() == 2
    assert again.scores["social_network"][0].isVisible()
