"""Two desks edit the same household: the second sees what the first changed and can still
save their own edit; nothing typed is lost."""

from PySide6.QtCore import Qt

from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import households
from triage_app.ui.household_dialog import HouseholdDialog

LEFT = Qt.MouseButton.LeftButton


def test_second_save_shows_the_other_change_and_reapplies(qtbot, ctx, monkeypatch):
    view = households.register_household(
        ctx,
        HouseholdInput(
            street="Drift",
            house_number="8",
            postcode="3512 BS",
            city="Utrecht",
            district="Binnenstad",
            members=[
                PersonInput(
                    first_name="Ans", last_name="Kok", birth_date="01-01-1950", bsn="111222333"
                )
            ],
        ),
    )
    desk_a, desk_b = HouseholdDialog(ctx, view), HouseholdDialog(ctx, view)
    for dialog in (desk_a, desk_b):
        qtbot.addWidget(dialog)
        dialog.show()
    qtbot.keyClicks(desk_a.phone, "0301234567")
    qtbot.mouseClick(desk_a.ok_button, LEFT)

    desk_b.street.clear()
    qtbot.keyClicks(desk_b.street, "Nieuwegracht")
    shown = []
    monkeypatch.setattr(
        HouseholdDialog, "_ask_conflict", lambda self, lines: shown.extend(lines) or True
    )
    qtbot.mouseClick(desk_b.ok_button, LEFT)
    assert shown == ["telefoon: was '', nu '0301234567'"]
    now = households.get_household(ctx, view.id)
    assert (now.street, now.phone) == ("Nieuwegracht", "0301234567")
    assert households.reveal_bsn(ctx, now.members[0].id) == "111222333"


def test_declining_keeps_the_typed_edit_on_screen(qtbot, ctx, monkeypatch):
    view = households.register_household(
        ctx,
        HouseholdInput(
            street="Drift",
            house_number="8",
            postcode="3512 BS",
            city="Utrecht",
            district="Binnenstad",
            members=[PersonInput(first_name="Ans", last_name="Kok", birth_date="01-01-1950")],
        ),
    )
    first, second = HouseholdDialog(ctx, view), HouseholdDialog(ctx, view)
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        dialog.show()
    qtbot.keyClicks(first.phone, "0301234567")
    qtbot.mouseClick(first.ok_button, LEFT)
    qtbot.keyClicks(second.phone, "0612345678")
    monkeypatch.setattr(HouseholdDialog, "_ask_conflict", lambda self, lines: False)
    qtbot.mouseClick(second.ok_button, LEFT)
    assert second.isVisible() and second.phone.text() == "0612345678"
    assert "Niet opgeslagen" in second.general_error.text()
    assert households.get_household(ctx, view.id).phone == "0301234567"
