"""Nothing slow on the UI thread: search, opening a dossier and the work queue ask the store
from a worker thread; an answer that arrives late never replaces a newer one; the search
waits for a pause in typing only while searches are slow."""

import dataclasses
import threading

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY, make_actor
from triage_app.domain.accounts import Role
from triage_app.services import households
from triage_app.store.engine import Store
from triage_app.ui import main_window
from triage_app.ui.main_window import MainWindow


@pytest.fixture
def store_path(tmp_path, store_templates):
    """The ``ctx`` fixture's store, holding 60 demo households (generated once, copied)."""
    path = tmp_path / "store.db"
    store_templates.demo_households(f"sqlite:///{path}", 60, seed=5, today=TODAY)
    return path


@pytest.fixture
def worker(ctx):
    return dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))


@pytest.fixture
def store_calls(monkeypatch):
    """Every read and write transaction opened, with the thread that opened it."""
    calls: list[tuple[str, bool]] = []
    for name in ("read", "write"):
        original = getattr(Store, name)

        def wrapped(self, _original=original, _name=name):  # type: ignore[no-untyped-def]
            calls.append((_name, threading.current_thread() is threading.main_thread()))
            return _original(self)

        monkeypatch.setattr(Store, name, wrapped)
    return calls


@pytest.fixture
def window(qtbot, worker):
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.work.loading())
    return window


def _settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.searching())
    qtbot.waitUntil(lambda: not window.household_screen.loading())
    qtbot.waitUntil(lambda: not window.work.loading())
    qtbot.waitUntil(lambda: not window.search_logs.busy)


def _a_surname(worker) -> str:
    return households.search_households(worker, "utrecht").rows[0].name.split()[-1]


def test_search_open_and_queue_never_touch_the_store_on_the_ui_thread(
    qtbot, worker, store_calls, typer
):
    surname = _a_surname(worker)
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.work.loading())
    store_calls.clear()  # from here on: search, open, back to the queue, the team's queue
    typer(window.search_box, surname)
    _settle(qtbot, window)
    assert window.model.rowCount() >= 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # open the first result
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    _settle(qtbot, window)
    assert window.household_screen.member_model.rowCount() >= 1
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # back: the queue refreshes
    window.work.scope.setCurrentIndex(1)  # team work
    _settle(qtbot, window)

    kinds = {kind for kind, _ in store_calls}
    assert kinds == {"read", "write"}  # searched, logged, opened (with its audit), queue
    on_ui_thread = [kind for kind, main in store_calls if main]
    assert on_ui_thread == []


def test_opening_a_dossier_is_one_write_transaction(qtbot, window, worker, store_calls):
    some = households.search_households(worker, "utrecht").rows[0]
    store_calls.clear()
    window.open_household(some.id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    _settle(qtbot, window)
    assert [kind for kind, _ in store_calls] == ["write"]  # read and audit lines: one commit
    assert window.household_screen.household.id == some.id


def test_a_late_answer_never_replaces_a_newer_one(qtbot, window, worker, monkeypatch, typer):
    surname = _a_surname(worker)
    release = threading.Event()
    real = households.search_households

    def search(ctx, typed, *args):  # type: ignore[no-untyped-def]
        if typed == "utrecht":
            release.wait(10)  # the first search is slow: it answers after the second
        return real(ctx, typed, *args)

    monkeypatch.setattr(main_window.households, "search_households", search)
    qtbot.keyClicks(window.search_box, "utrecht")
    qtbot.waitUntil(lambda: not window.search_timer.isActive())
    window.search_box.clear()
    typer(window.search_box, surname)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    newer = [window.model.household(i).id for i in range(window.model.rowCount())]

    release.set()  # now the stale "utrecht" answer (100+ households) comes in
    qtbot.waitUntil(lambda: not window.searches._running)
    assert [window.model.household(i).id for i in range(window.model.rowCount())] == newer
    assert "typ verder" not in window.results_label.text()


def test_a_dossier_asked_for_later_wins(qtbot, window, worker, monkeypatch):
    first, second = households.search_households(worker, "utrecht").rows[:2]
    release = threading.Event()
    from triage_app.services import dossier

    real = dossier.open_dossier

    def open_dossier(ctx, household_id):  # type: ignore[no-untyped-def]
        if household_id == first.id:
            release.wait(10)
        return real(ctx, household_id)

    monkeypatch.setattr(dossier, "open_dossier", open_dossier)
    window.open_household(first.id)
    window.open_household(second.id)
    qtbot.waitUntil(lambda: window.household_screen.household is not None)
    release.set()
    qtbot.waitUntil(lambda: not window.household_screen.loads._running)
    assert window.household_screen.household.id == second.id


def test_enter_while_the_search_runs_opens_what_was_typed(qtbot, window, worker, typer):
    surname = _a_surname(worker)
    typer(window.search_box, surname)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # before any result is shown
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.household_screen)
    assert surname in window.household_screen.title.text()


def test_debounce_only_while_searches_are_slow(qtbot, window):
    qtbot.keyClicks(window.search_box, "ut")
    qtbot.waitUntil(lambda: not window.searching())
    window.searches.last_ms = 1.0  # the store answers quickly: search on every key
    qtbot.keyClicks(window.search_box, "r")
    assert window.search_timer.interval() == 0
    qtbot.waitUntil(lambda: not window.searching())
    window.searches.last_ms = 400.0  # slow: wait for a pause in typing
    qtbot.keyClicks(window.search_box, "e")
    assert window.search_timer.interval() == main_window.SEARCH_DELAY_MS
    qtbot.waitUntil(lambda: not window.searching())
    assert window.model.rowCount() > 0
