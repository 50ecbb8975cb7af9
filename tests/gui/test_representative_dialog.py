"""A casemanager records a resident's curator from the household screen, by keyboard: bad
input gets a Dutch message at the field and writes nothing; the saved curator shows in the
members table and is what the next beschikking is addressed to."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from tests.conftest import make_actor
from triage_app.domain.accounts import Role
from triage_app.services import representatives
from triage_app.ui.household_screen import HouseholdScreen
from triage_app.ui.representative_dialog import RepresentativeDialog


@pytest.fixture
def screen(qtbot, ctx, household, modals):
    casemanager = dataclasses.replace(ctx, actor=make_actor(Role.CASEMANAGER, username="cm"))
    screen = HouseholdScreen(casemanager)
    qtbot.addWidget(screen)
    screen.show()
    screen.open(household.id)
    qtbot.waitUntil(lambda: screen.household is not None and not screen.loading())
    screen.dialogs = modals
    return screen


def key(qtbot, widget, which):
    qtbot.keyClick(widget, which)


def test_record_a_curator_by_keyboard(qtbot, ctx, household, screen, typer):
    fenna = household.members[1]
    row = next(i for i, m in enumerate(screen.household.members) if m.id == fenna.id)
    screen.members.setFocus()
    screen.members.selectRow(row)
    assert screen._selected_member().id == fenna.id
    screen.representative_button.setFocus()
    key(qtbot, screen.representative_button, Qt.Key.Key_Space)
    [dialog] = screen.dialogs
    assert isinstance(dialog, RepresentativeDialog)
    assert dialog.windowTitle() == "Vertegenwoordiger van Fenna Zwanenburg"
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.kind)
    qtbot.keyClicks(dialog.kind, "Cu")  # combo box: type to choose
    assert dialog.kind.currentText() == "Curator"
    key(qtbot, dialog.kind, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.form_of_address, "d")
    assert dialog.form_of_address.currentText() == "de heer"
    key(qtbot, dialog.form_of_address, Qt.Key.Key_Tab)
    typer(dialog.focusWidget(), "Jan de Vries")
    key(qtbot, dialog.focusWidget(), Qt.Key.Key_Tab)
    typer(dialog.focusWidget(), "Oudegracht 140")
    key(qtbot, dialog.focusWidget(), Qt.Key.Key_Tab)
    typer(dialog.focusWidget(), "35")
    key(qtbot, dialog.focusWidget(), Qt.Key.Key_Tab)
    typer(dialog.focusWidget(), "Utrecht")
    key(qtbot, dialog.focusWidget(), Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.errors["postcode"].text() == (
        "Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3511 AB."
    )
    assert dialog.focusWidget() is dialog.postcode
    assert representatives.get_representative(ctx, fenna.id) is None  # nothing written

    typer(dialog.postcode, "11 AZ")
    key(qtbot, dialog.postcode, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = representatives.get_representative(ctx, fenna.id)
    assert (saved.name, saved.street, saved.postcode, saved.city) == (
        "Jan de Vries",
        "Oudegracht 140",
        "3511 AZ",
        "Utrecht",
    )
    column = screen.member_model.columnCount() - 1
    shown = screen.member_model.index(row, column).data()
    assert shown == "curator Jan de Vries"


def test_choosing_no_representative_removes_it(qtbot, ctx, household, screen):
    from triage_app.domain.representative import RepresentativeInput

    fenna = household.members[1]
    representatives.set_representative(
        screen.ctx,
        fenna.id,
        RepresentativeInput("mentor", "mevrouw", "Anna Smit", "Oudegracht 1", "3511 AB", "Utrecht"),
    )
    row = next(i for i, m in enumerate(screen.household.members) if m.id == fenna.id)
    screen.members.selectRow(row)
    qtbot.mouseClick(screen.representative_button, Qt.MouseButton.LeftButton)
    [dialog] = screen.dialogs
    assert dialog.kind.currentText() == "Mentor" and dialog.name.text() == "Anna Smit"
    dialog.kind.setFocus()
    key(qtbot, dialog.kind, Qt.Key.Key_Home)  # "Geen vertegenwoordiger"
    key(qtbot, dialog.kind, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert representatives.get_representative(ctx, fenna.id) is None


def test_without_a_chosen_member_it_asks_to_choose_one(qtbot, screen, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    screen.members.clearSelection()
    qtbot.mouseClick(screen.representative_button, Qt.MouseButton.LeftButton)
    assert said == ["Kies eerst de bewoner in de lijst."] and not screen.dialogs


def test_a_representative_typed_before_a_crash_comes_back(qtbot, household, screen, monkeypatch):
    from triage_app.services import drafts
    from triage_app.ui import autosave

    fenna = household.members[1]
    row = next(i for i, m in enumerate(screen.household.members) if m.id == fenna.id)
    screen.members.selectRow(row)
    qtbot.mouseClick(screen.representative_button, Qt.MouseButton.LeftButton)
    [dialog] = screen.dialogs
    qtbot.keyClicks(dialog.name, "Jan de Vries")
    dialog.autosave.keep_now()
    dialog.autosave.timer.stop()
    dialog.deleteLater()  # the app died: nothing was saved

    asked: list[str] = []
    monkeypatch.setattr(
        autosave.QMessageBox,
        "question",
        lambda _parent, _title, text, *_: (
            asked.append(text) or autosave.QMessageBox.StandardButton.Yes
        ),
    )
    qtbot.mouseClick(screen.representative_button, Qt.MouseButton.LeftButton)
    again = screen.dialogs[-1]
    qtbot.waitUntil(lambda: again.name.text() == "Jan de Vries")
    assert asked and "Vertegenwoordiger" in asked[0]
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # cancelled on purpose: nothing left to offer
    assert drafts.pending(screen.ctx) == []
