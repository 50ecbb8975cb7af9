"""Find a household by typing, open it, register and change one, as an intake worker does."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView
from sqlmodel import select

from tests.conftest import TODAY, make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import households
from triage_app.store.tables import AuditLog
from triage_app.ui import household_dialog, kit
from triage_app.ui.main_window import MainWindow
from triage_app.ui.models.household_search_model import HouseholdSearchModel

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def store_path(tmp_path, store_templates):
    """The ``ctx`` fixture's store, holding 200 demo households (generated once, copied)."""
    path = tmp_path / "store.db"
    store_templates.demo_households(f"sqlite:///{path}", 200, seed=3, today=TODAY)
    return path


@pytest.fixture
def intake(ctx):
    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    households.register_household(
        worker,
        HouseholdInput(
            street="Wolgadreef",
            house_number="7",
            postcode="3563 HT",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(
                    first_name="Ayşe",
                    last_name="Çelikkaya",
                    birth_date="14-05-1961",
                    bsn="111222333",
                ),
                PersonInput(
                    first_name="Emre",
                    last_name="Çelikkaya",
                    birth_date="02-02-1990",
                    role=MemberRole.CHILD,
                ),
            ],
        ),
    )
    return worker


@pytest.fixture
def window(qtbot, intake, modals):
    window = MainWindow(intake)
    qtbot.addWidget(window)
    window.show()
    window.dialogs = modals
    return window


def _search(qtbot, window, text, typer=None):
    window.search_box.clear()
    if typer:
        typer(window.search_box, text)
    else:
        qtbot.keyClicks(window.search_box, text)
    qtbot.waitUntil(lambda: not window.searching())


def _wait_open(qtbot, window):
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    qtbot.waitUntil(lambda: not window.household_screen.loading())
    qtbot.waitUntil(lambda: not window.search_logs.busy)  # the search's audit line is written


def _names(window):
    return [window.model.household(i).members for i in range(window.model.rowCount())]


def test_typing_finds_with_and_without_accents_and_enter_opens(qtbot, window, intake, typer):
    _search(qtbot, window, "celikk")
    assert len(_names(window)) == 1 and "Ayşe Çelikkaya" in _names(window)[0]
    _search(qtbot, window, "Çelikk", typer)
    assert len(_names(window)) == 1
    assert window.results_label.text() == "1 gevonden"
    _search(qtbot, window, "3563 ht wolga")
    assert len(_names(window)) == 1

    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    screen = window.household_screen
    _wait_open(qtbot, window)
    assert "Huishouden Çelikkaya" in screen.title.text()
    assert screen.member_model.rowCount() == 2
    assert screen.member_model.row_at(0).bsn_masked == "*****2333"

    with intake.store.read() as session:
        actions = [(row.action, row.actor) for row in session.exec(select(AuditLog))]
    assert ("searched", "ilse") in actions and ("viewed", "ilse") in actions

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == 0


def test_short_prefix_says_to_type_on(qtbot, window):
    _search(qtbot, window, "utrecht")
    assert "typ verder" in window.results_label.text()
    assert window.model.rowCount() == 100


def _member(qtbot, window, first, last, birth, bsn=""):
    dialog = window.dialogs[-1]
    qtbot.mouseClick(dialog.add_member_button, LEFT)
    member = window.dialogs[-1]
    for field, text in (
        (member.first_name, first),
        (member.last_name, last),
        (member.birth_date, birth),
        (member.bsn, bsn),
    ):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(member.ok_button, LEFT)
    return member


def _address(qtbot, dialog, street, number, postcode):
    for field, text in (
        (dialog.street, street),
        (dialog.house_number, number),
        (dialog.postcode, postcode),
    ):
        field.clear()
        qtbot.keyClicks(field, text)


def test_register_rejects_bad_input_at_the_field_and_writes_nothing(qtbot, window, intake):
    before = households.count_households(intake)
    qtbot.mouseClick(window.new_button, LEFT)
    dialog = window.dialogs[-1]
    _address(qtbot, dialog, "Biltstraat", "101bis", "12345")

    member = _member(qtbot, window, "Piet", "Pieters", "01-02-1970", "123456789")
    assert member.errors["bsn"].isVisible()
    assert "elfproef" in member.errors["bsn"].text()
    assert dialog.member_model.rowCount() == 0  # not added
    member.bsn.clear()
    qtbot.keyClicks(member.bsn, "123456782")
    qtbot.mouseClick(member.ok_button, LEFT)
    assert dialog.member_model.rowCount() == 1

    qtbot.keyClick(dialog.postcode, Qt.Key.Key_Tab)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.errors["postcode"].isVisible()
    assert "4 cijfers en 2 letters" in dialog.errors["postcode"].text()
    assert households.count_households(intake) == before

    dialog.postcode.clear()
    qtbot.keyClicks(dialog.postcode, "3584 ab")
    dialog.postcode.editingFinished.emit()
    assert dialog.district.currentText() == "Oost"  # guessed from the postcode
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    assert households.count_households(intake) == before + 1
    screen = window.household_screen
    _wait_open(qtbot, window)
    assert "Biltstraat 101BIS, 3584 AB Utrecht" in screen.address.text()


def test_same_bsn_offers_the_existing_dossier(qtbot, window, intake, monkeypatch):
    shown = kit.run_modal
    monkeypatch.setattr(
        kit,
        "run_modal",
        lambda d: (
            d.open_button.click() if isinstance(d, household_dialog.DuplicateDialog) else shown(d)
        ),
    )
    qtbot.mouseClick(window.new_button, LEFT)
    dialog = window.dialogs[-1]
    _address(qtbot, dialog, "Kanaalstraat", "3", "3531 AB")
    dialog.district.setCurrentIndex(dialog.district.findData("West"))
    _member(qtbot, window, "Ayse", "Celikkaya", "14-05-1961", "111222333")
    before = households.count_households(intake)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert households.count_households(intake) == before
    _wait_open(qtbot, window)
    assert "Çelikkaya" in window.household_screen.title.text()


def test_edit_household_phone(qtbot, window):
    _search(qtbot, window, "celikk")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    screen = window.household_screen
    _wait_open(qtbot, window)
    qtbot.mouseClick(screen.edit_button, LEFT)
    dialog = window.dialogs[-1]
    qtbot.keyClicks(dialog.phone, "030 123 4567")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "030 1234567" in screen.address.text()


def test_search_model_passes_the_model_tester(qtmodeltester, intake):
    model = HouseholdSearchModel()
    model.set_rows(households.search_households(intake, "utrecht").rows)
    qtmodeltester.check(model)


def test_many_void_qt_calls_do_not_crash(qtbot):
    """PySide6 6.12 on Python 3.11 aborts after a few thousand such calls (TECH-NOTES)."""
    label = QLabel()
    qtbot.addWidget(label)
    for i in range(20_000):
        label.setText(str(i))
    assert label.text() == "19999"


def test_households_named_as_typed_come_before_member_matches(qtbot, window, intake):
    def register(number, *people):
        households.register_household(
            intake,
            HouseholdInput(
                street="Amsterdamsestraatweg",
                house_number=number,
                postcode="3513 AA",
                city="Utrecht",
                district="Overvecht",
                members=[
                    PersonInput(
                        first_name=first,
                        last_name=last,
                        birth_date=f"0{i + 1}-0{number}-198{number}",
                        role=MemberRole.MAIN if i == 0 else MemberRole.PARTNER,
                    )
                    for i, (first, last) in enumerate(people)
                ],
            ),
        )

    register("1", ("Anna", "Aaltink"), ("Samir", "Amrani"))
    register("2", ("Noor", "El Amrani"))
    register("3", ("Fatima", "El Amrani"), ("Karim", "Aaltink"))
    _search(qtbot, window, "amrani")
    shown = [window.model.household(i).name for i in range(window.model.rowCount())]
    named = [i for i, name in enumerate(shown) if "Amrani" in name]
    assert len(named) >= 2 and "Huishouden Aaltink" in shown
    assert max(named) < shown.index("Huishouden Aaltink")

    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    _wait_open(qtbot, window)
    assert "Huishouden El Amrani" in window.household_screen.title.text()


def test_status_bar_names_the_role_in_dutch(window):
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert any(text.endswith("(Intakemedewerker)") for text in texts)
    assert not any("(intake)" in text for text in texts)


def _searches(ctx):
    """The search lines of the audit log, in the order they were written."""
    import json

    with ctx.store.read() as session:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action == "searched").order_by(AuditLog.seq)
        ).all()
        return [json.loads(row.details) for row in rows]


def test_every_result_set_shown_is_logged_once_even_when_typing_goes_on(qtbot, window, intake):
    """Two result sets shown one after the other, faster than the log waits for typing to
    settle, and the last one before the window closes: each is logged once, with the
    dossiers on screen; typing on without changing the set adds nothing."""
    _search(qtbot, window, "celikk")
    first = [window.model.household(i).dossier_number for i in range(window.model.rowCount())]
    _search(qtbot, window, "celikka")  # the same set: not logged again
    _search(qtbot, window, "qqqq")  # another set (empty) replaces it before the log timer
    assert window.log_timer.isActive()  # the second set is not logged yet by the timer
    window.close()
    qtbot.waitUntil(lambda: len(_searches(intake)) == 2)
    logged = {entry["search"]: entry for entry in _searches(intake)}
    assert set(logged) == {"celikka", "qqqq"}
    assert logged["celikka"]["shown"] == first and logged["celikka"]["results"] == 1


def test_dossier_numbers_and_bsn_are_never_cut_off(qtbot, window):
    _search(qtbot, window, "celikk")
    results = window.results
    results.setColumnWidth(0, 20)  # a worker drags the column narrow
    assert results.columnWidth(0) >= QTableView.sizeHintForColumn(results, 0)  # Qt's measure
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    _wait_open(qtbot, window)
    members = window.household_screen.members
    members.setColumnWidth(4, 20)
    assert members.model().headerData(4, Qt.Orientation.Horizontal) == "BSN"
    assert members.columnWidth(4) >= members.sizeHintForColumn(4)


def test_typing_writes_nothing_until_it_settles_then_every_set_once(qtbot, window, intake):
    """Four result sets shown while a worker types (a write would slow each keystroke):
    nothing is written until typing settles, then each set is logged once, in the order it
    was shown, with the dossiers that were on screen."""
    shown = {}
    for typed in ("celikk", "utrecht", "qqqq", "celikka"):
        _search(qtbot, window, typed)
        rows = range(min(3, window.model.rowCount()))
        shown[typed] = [window.model.household(i).dossier_number for i in rows]
    assert _searches(intake) == []
    qtbot.waitUntil(lambda: len(_searches(intake)) == 4, timeout=5000)
    logged = _searches(intake)
    assert [entry["search"] for entry in logged] == ["celikk", "utrecht", "qqqq", "celikka"]
    assert [entry.get("shown", [])[:3] for entry in logged] == list(shown.values())
    assert logged[1]["results"] == 100 and logged[2]["results"] == 0


def test_a_long_stretch_of_typing_writes_what_waits(qtbot, window, intake, monkeypatch):
    """However long a worker types on, the result sets shown are not held back without end:
    once so many wait, they are written (here after three)."""
    from triage_app.ui import main_window

    monkeypatch.setattr(main_window, "LOG_SEARCH_SETS_AT_MOST", 2)
    for typed in ("celikk", "utrecht", "qqqq"):
        _search(qtbot, window, typed)
    assert window.log_timer.isActive()  # typing has not settled
    qtbot.waitUntil(lambda: len(_searches(intake)) == 3)
    assert [entry["search"] for entry in _searches(intake)] == ["celikk", "utrecht", "qqqq"]
