"""A worker takes a wijk along from the team store (PostgreSQL), edits a household offline in
its dialog, syncs and settles the one conflict in the conflict view, all from the main window."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.conftest import TODAY
from tests.integration.test_offline_sync import PASSWORD, _edit
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import accounts, households, offline
from triage_app.ui import offline_view
from triage_app.ui.household_dialog import HouseholdDialog
from triage_app.ui.main_window import MainWindow
from triage_app.ui.offline_view import ConflictDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def team(postgres_store_url):
    admin, _ = accounts.create_first_admin(postgres_store_url, "beheer", "Beheer", PASSWORD)
    roles = frozenset({Role.INTAKE, Role.CASEMANAGER})
    accounts.add_worker(admin, "anna", "Anna de Boer", roles, PASSWORD, temporary=False)
    accounts.add_worker(admin, "bert", "Bert Jansen", roles, PASSWORD, temporary=False)
    admin.store.dispose()
    anna = offline.team_login(postgres_store_url, "anna", PASSWORD)
    anna.today = lambda: TODAY
    household = households.register_household(
        anna,
        HouseholdInput(
            street="Zamenhofdreef",
            house_number="12",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(first_name="Kees", last_name="Zwanenburg", birth_date="02-02-1949"),
                PersonInput(
                    first_name="Fenna",
                    last_name="Zwanenburg",
                    birth_date="14-05-1951",
                    role=MemberRole.PARTNER,
                ),
            ],
        ),
    )
    yield postgres_store_url, anna, household
    anna.store.dispose()


def _fill_modal(qtbot, typer, url: str | None, wijk: str | None = None) -> None:
    """Answer the team dialog once it is open: address, password, OK."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        address = dialog.findChild(type(dialog.team_url), "team_url")
        if url is not None:
            address.clear()
            qtbot.keyClicks(address, url)
        qtbot.keyClicks(dialog.findChild(type(dialog.password), "team_password"), PASSWORD)
        if wijk is not None:
            dialog.wijk.setCurrentIndex(dialog.wijk.findText(wijk))
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    QTimer.singleShot(0, fill)


def _action(window, text):
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def test_take_along_work_offline_sync_and_settle_a_conflict(
    qtbot, typer, tmp_path, team, monkeypatch
):
    url, desk, household = team
    warnings = []
    monkeypatch.setattr(
        offline_view.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )
    bert_team = offline.team_login(url, "bert", PASSWORD)
    laptop, _ = offline.new_laptop_store(f"sqlite:///{tmp_path / 'laptop.db'}", bert_team, PASSWORD)
    bert_team.store.dispose()
    laptop.today = lambda: TODAY
    window = MainWindow(laptop)
    qtbot.addWidget(window)
    window.show()

    _fill_modal(qtbot, typer, url, "Overvecht")
    _action(window, "Meenemen…").trigger()
    qtbot.waitUntil(
        lambda: bool(warnings) or "1 dossier meegenomen" in window.offline_status.text(),
        timeout=60000,
    )
    assert warnings == []

    # Offline, Bert finds the dossier on the laptop and changes the household's phone in its
    # dialog; at the office Anna changes the same phone.
    qtbot.keyClicks(window.search_box, "Zwanenburg")
    qtbot.waitUntil(lambda: not window.searching() and window.model.rowCount() == 1)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    screen = window.household_screen
    qtbot.waitUntil(lambda: window.pages.currentWidget() is screen and not screen.loading())

    def edit_phone() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HouseholdDialog)
        qtbot.keyClicks(dialog.phone, "06 2222 2222")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    QTimer.singleShot(0, edit_phone)
    qtbot.mouseClick(screen.edit_button, LEFT)
    qtbot.waitUntil(lambda: "06 22222222" in screen.address.text())
    window.offline_status.refresh()
    qtbot.waitUntil(lambda: "1 wijziging wacht" in window.offline_status.text())
    view = households.get_household(desk, household.id)
    households.update_household(desk, _edit(view, phone="0611111111"))

    _fill_modal(qtbot, typer, None)  # the address is remembered from taking along
    _action(window, "Synchroniseren").trigger()
    qtbot.waitUntil(lambda: hasattr(window.offline, "conflicts"), timeout=60000)
    dialog: ConflictDialog = window.offline.conflicts
    assert dialog.items.count() == 1
    assert "0622222222" in dialog.laptop_value.text() and "bert" in dialog.laptop_value.text()
    assert "0611111111" in dialog.team_value.text() and "anna" in dialog.team_value.text()
    qtbot.waitUntil(lambda: "1 conflicten" in window.offline_status.text())

    qtbot.mouseClick(dialog.use_typed, LEFT)  # nothing typed: said where it was typed
    assert "Typ de waarde" in dialog.error.text()
    typer(dialog.typed, "0633333333")
    qtbot.mouseClick(dialog.use_typed, LEFT)
    assert dialog.items.count() == 0
    qtbot.waitUntil(lambda: "0 conflicten" in window.offline_status.text())

    window.statusBar().clearMessage()
    _fill_modal(qtbot, typer, None)
    _action(window, "Synchroniseren").trigger()
    qtbot.waitUntil(
        lambda: bool(warnings) or "Gesynchroniseerd" in window.statusBar().currentMessage(),
        timeout=60000,
    )
    assert warnings == []
    assert households.get_household(desk, household.id).phone == "0633333333"
    assert households.get_household(laptop, household.id).phone == "0633333333"
    window.close()


def test_a_household_registered_offline_and_at_the_desk_is_merged_from_the_conflict_view(
    qtbot, typer, tmp_path, team, monkeypatch
):
    url, desk, _household = team
    warnings = []
    monkeypatch.setattr(
        offline_view.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )
    bert_team = offline.team_login(url, "bert", PASSWORD)
    laptop, _ = offline.new_laptop_store(f"sqlite:///{tmp_path / 'laptop.db'}", bert_team, PASSWORD)
    laptop.today = lambda: TODAY
    offline.take_along(laptop, bert_team, laptop_name="L", team_url=url, district="Overvecht")
    bert_team.store.dispose()

    def vissers(*first_names):
        return HouseholdInput(
            street="Zamenhofdreef",
            house_number="40",
            postcode="3562 AB",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(first_name=name, last_name="Visser", birth_date=f"0{n + 3}-03-1960")
                for n, name in enumerate(first_names)
            ],
        )

    at_desk = households.register_household(desk, vissers("Piet"))
    households.register_household(laptop, vissers("Piet", "Joke"))
    window = MainWindow(laptop)
    qtbot.addWidget(window)
    window.show()

    _fill_modal(qtbot, typer, url)
    _action(window, "Synchroniseren").trigger()
    qtbot.waitUntil(lambda: hasattr(window.offline, "conflicts"), timeout=60000)
    dialog: ConflictDialog = window.offline.conflicts
    assert dialog.items.count() == 1
    assert "Dit huishouden is offline ingeschreven" in dialog.title.text()
    assert "Piet Visser" in dialog.laptop_value.text() and "Piet Visser" in dialog.team_value.text()
    assert dialog.keep_team.text() == "Samenvoegen"
    qtbot.mouseClick(dialog.keep_team, LEFT)
    assert dialog.error.text() == "" and dialog.items.count() == 0

    window.statusBar().clearMessage()
    _fill_modal(qtbot, typer, None)
    _action(window, "Synchroniseren").trigger()
    qtbot.waitUntil(
        lambda: bool(warnings) or "Gesynchroniseerd" in window.statusBar().currentMessage(),
        timeout=60000,
    )
    assert warnings == []
    found = households.search_households(desk, "Visser").rows
    assert [h.id for h in found] == [at_desk.id]  # one household, not two
    members = households.get_household(desk, at_desk.id).members
    assert sorted(m.first_name for m in members) == ["Joke", "Piet"]
    window.close()
