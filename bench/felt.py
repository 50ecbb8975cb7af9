"""What a worker feels, measured through the real window (offscreen): a key typed in the search
box until the new rows are painted, a double-click on a result until the dossier is painted,
and the longest UI stall while a scripted worker types during long background work.

Every figure is timed from the input event to the repaint, with the event loop sleeping in
between as it does in the app (no busy polling that would steal the GIL from the worker
threads). The floors are the parts alone, in the same run: the service call and the repaint.
"""

import os
import time
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bench.stats import Felt  # noqa: E402
from triage_app.services import households  # noqa: E402

WAIT = QEventLoop.ProcessEventsFlag.WaitForMoreEvents

# What workers type, one key at a time: names, streets, postcodes, dossier numbers, dates.
TYPED = [
    "jansen",
    "de vries",
    "celik",
    "3561 a",
    "h-2025-00012",
    "van den berg",
    "mohamed",
    "yilmaz",
    "overvecht",
    "12-03-19",
    "bakker",
    "1",
    "35",
]


def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


def key(widget, ch: str) -> None:  # type: ignore[no-untyped-def]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def wait_until(done) -> None:  # type: ignore[no-untyped-def]
    """Let the event loop sleep until ``done()``; a 1 ms timer wakes it to look."""
    qapp = app()
    poke = QTimer(interval=1)
    poke.start()
    while not done():
        qapp.processEvents(WAIT)
    poke.stop()


def open_window(ctx):  # type: ignore[no-untyped-def]
    from triage_app.ui.main_window import MainWindow

    app()
    window = MainWindow(ctx)
    window.resize(1200, 800)
    window.show()
    wait_until(lambda: not window.work.loading())
    from triage_app.app import keep_start_up_out_of_full_collections

    keep_start_up_out_of_full_collections()  # as app.run_window does once the window is up
    return window


def bench_search_felt(ctx, rounds: int) -> list[Felt]:  # type: ignore[no-untyped-def]
    """Each key in the search box until the rows for what is typed so far are painted."""
    window = open_window(ctx)
    box, view = window.search_box, window.results.viewport()
    felt: list[float] = []
    service: list[float] = []
    paint: list[float] = []
    for _ in range(rounds):
        for word in TYPED:
            box.clear()
            wait_until(lambda: not window.searching())
            for ch in word:
                started = time.perf_counter()
                key(box, ch)
                wait_until(lambda: not window.searching())
                view.repaint()
                felt.append((time.perf_counter() - started) * 1000)
            typed = box.text().strip()
            started = time.perf_counter()
            result = households.search_households(ctx, typed)
            service.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            window.model.set_rows(result.rows)
            view.repaint()
            paint.append((time.perf_counter() - started) * 1000)
    window.close()
    return [
        Felt.of(
            "search: key in the box -> rows painted",
            felt,
            {"service call": service, "model reset + repaint": paint},
            target_median=10,
            target_p95=30,
        )
    ]


def bench_open_felt(ctx, count: int) -> list[Felt]:  # type: ignore[no-untyped-def]
    """A double-click on a search result until the dossier is painted, and back (Esc)."""
    from PySide6.QtTest import QTest

    window = open_window(ctx)
    with ctx.store.read() as session:
        numbers = [
            row[0]
            for row in session.execute(
                text("SELECT dossier_number FROM household ORDER BY random() LIMIT :n"),
                {"n": count},
            )
        ]
    felt: list[float] = []
    floor: list[float] = []
    screen = window.household_screen
    for number in numbers:
        window.search_box.setText(number)
        wait_until(lambda: not window.searching())
        if not window.model.rowCount():
            continue
        rect = window.results.visualRect(window.model.index(0, 1))
        QTest.mouseClick(window.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        started = time.perf_counter()
        QTest.mouseDClick(window.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        wait_until(lambda: window.pages.currentWidget() is screen and not screen.loading())
        screen.repaint()
        felt.append((time.perf_counter() - started) * 1000)
        floor.append(_raw_dossier_reads(ctx, screen.household.id))
        QTest.keyClick(window, Qt.Key.Key_Escape)
        wait_until(lambda: not window.work.loading())
    window.close()
    return [
        Felt.of(
            "open a dossier: double-click -> painted",
            felt,
            {"selects of all shown, no audit": floor},
            target_median=50,
        )
    ]


def _raw_dossier_reads(ctx, household_id: uuid.UUID) -> float:  # type: ignore[no-untyped-def]
    hid = household_id.hex if ctx.store.is_sqlite else str(household_id)
    started = time.perf_counter()
    with ctx.store.engine.connect() as connection:
        for table in ("household", "person", "request", "assessment", "route_decision"):
            column = "id" if table == "household" else "household_id"
            connection.execute(
                text(f"SELECT * FROM {table} WHERE {column} = :i"),  # noqa: S608
                {"i": hid},
            ).all()
    return (time.perf_counter() - started) * 1000


class Typist:
    """A worker typing in the search box every 120 ms while long work runs; a 5 ms timer
    records how long the UI thread was away (the stall)."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window
        self.ticks: list[float] = []
        self.text = "jansen de vries bakker "
        self.at = 0
        self.clock = QTimer(interval=5)
        self.clock.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.keys = QTimer(interval=120)
        self.keys.timeout.connect(self._type)

    def _type(self) -> None:
        ch = self.text[self.at % len(self.text)]
        self.at += 1
        if ch == " " and self.at % 6 == 0:
            self.window.search_box.clear()
        else:
            key(self.window.search_box, ch)

    def start(self) -> None:
        self.clock.start()
        self.keys.start()

    def stop(self) -> float:
        """The longest stall in ms."""
        self.clock.stop()
        self.keys.stop()
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps) * 1000 if gaps else 0.0


def while_typing(ctx, start_job, finished) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Run ``start_job()`` (it starts background work) while a worker types; wait until
    ``finished()``. Returns (seconds taken, longest UI stall in ms)."""
    window = open_window(ctx)
    typist = Typist(window)
    typist.start()
    started = time.perf_counter()
    start_job()
    wait_until(finished)
    total = time.perf_counter() - started
    stall = typist.stop()
    window.close()
    return total, stall
