"""The team lead edits an offer's target group in the sociale kaart, with the keyboard."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from triage_app.services import catalogue
from triage_app.ui.admin.catalogue_view import CatalogueView

LEFT = Qt.MouseButton.LeftButton


def open_offer(qtbot, view, modals, organisation):
    row = next(
        i
        for i in range(view.model.rowCount())
        if view.model.row_at(i)["organisation"] == organisation
    )
    view.table.setFocus()
    view.table.selectRow(row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the offer
    return modals[-1]


def retype(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def stored(ctx, code):
    return next(o for o in catalogue.offers(ctx) if o["code"] == code)


def test_edit_the_target_group_of_an_offer(qtbot, ctx, modals):
    view = CatalogueView(ctx)
    qtbot.addWidget(view)
    view.show()
    dialog = open_offer(qtbot, view, modals, "Jongerenwerk")
    assert dialog.inputs["code"].isReadOnly() and dialog.inputs["code"].text() == "SB10"
    assert (dialog.inputs["age_from"].text(), dialog.inputs["age_to"].text()) == ("12", "23")

    retype(qtbot, dialog.inputs["age_from"], "27")  # now the wrong way round
    qtbot.keyClick(dialog.inputs["age_from"], Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors["age_to"].isVisible()
    assert "verkeerde kant op (27 tot 23)" in dialog.errors["age_to"].text()
    assert stored(ctx, "SB10")["age_from"] == 12  # nothing written

    retype(qtbot, dialog.inputs["age_from"], "16")
    retype(qtbot, dialog.inputs["age_to"], "27")
    dialog.scores["score_to"].setFocus()
    qtbot.keyClick(dialog.scores["score_to"], Qt.Key.Key_Down)  # 4 -> 3
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    saved = stored(ctx, "SB10")
    assert (saved["age_from"], saved["age_to"], saved["score_to"]) == (16, 27, 3)
    row = next(i for i in range(view.model.rowCount()) if view.model.row_at(i)["code"] == "SB10")
    shown = [view.model.index(row, c).data() for c in range(view.model.columnCount())]
    assert "16–27" in shown and "1–3" in shown


def test_choose_for_whom_and_refuse_unknown_domains_at_the_field(qtbot, ctx, modals):
    view = CatalogueView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.table.clearSelection()
    qtbot.mouseClick(view.findChild(QPushButton, "add"), LEFT)
    dialog = modals[-1]
    qtbot.keyClicks(dialog.inputs["code"], "N7")
    qtbot.keyClicks(dialog.inputs["organisation"], "Buurtkamer Zonnedauw")
    qtbot.keyClicks(dialog.inputs["activity"], "Koffie voor mantelzorgers")
    qtbot.keyClicks(dialog.inputs["domains"], "Sociaal netwerk, dansen")
    qtbot.keyClicks(dialog.inputs["age_from"], "oud")
    dialog.for_whom.setFocus()
    qtbot.keyClick(dialog.for_whom, Qt.Key.Key_Down)
    assert dialog.for_whom.currentText() == "Mantelzorger"
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.errors["domains"].text() == "Onbekend leefgebied: dansen."
    assert dialog.errors["age_from"].text().startswith("Een leeftijd is een heel getal")

    retype(qtbot, dialog.inputs["domains"], "Sociaal netwerk")
    retype(qtbot, dialog.inputs["age_from"], "")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    new = stored(ctx, "N7")
    assert new["for_whom"] == "mantelzorger" and new["domains"] == ["social_network"]
    assert (new["age_from"], new["score_from"], new["score_to"]) == (None, 1, 3)
    assert view.model.rowCount() == len(catalogue.offers(ctx))
