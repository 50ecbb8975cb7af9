"""Keep any form's typed content every few seconds, and put it back after a crash.

Works on the named input widgets (``objectName``) inside a form: line edits, text edits,
combo boxes, check boxes, spin boxes and date edits; what a form holds outside widgets (e.g.
the members typed into a new household) it hands over as ``extra``, a getter and a setter of
plain JSON values. The form calls ``saved()`` after a real save (the draft is then dropped)
and ``restore_if_any()`` when it opens.

The timer's keeps are written off the UI thread (each is a write with fsync), one after the
other on one background thread, so a newer draft never lands before an older one; ``saved()``
and ``dropped()`` wait for the keeps on their way before they drop the draft, so a late keep
cannot bring a dropped draft back. ``keep_now()`` writes at once, on the caller's thread.
"""

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QObject, QRunnable, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from triage_app.domain.errors import DomainError
from triage_app.services import drafts
from triage_app.services.context import ServiceContext

INTERVAL_MS = 3000
EXTRA = "_extra"  # the payload key of what the form keeps outside its widgets


def form_values(form: QWidget) -> dict:
    values: dict = {}
    for widget in form.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_") or widget.window() is not form.window():
            continue  # Qt's own parts, and dialogs opened from the form (kept by their own form)
        if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal:
            values[name] = widget.text()
        elif isinstance(widget, QPlainTextEdit):
            values[name] = widget.toPlainText()
        elif isinstance(widget, QTextEdit):
            values[name] = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            values[name] = widget.currentIndex()
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values[name] = widget.isChecked()
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            values[name] = widget.value()
        elif isinstance(widget, QDateEdit):
            values[name] = widget.date().toString("yyyy-MM-dd")
    return values


def set_form_values(form: QWidget, values: dict) -> None:
    for widget in form.findChildren(QWidget):
        name = widget.objectName()
        if name not in values or widget.window() is not form.window():
            continue
        value = values[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(int(value))
        elif isinstance(widget, QAbstractButton):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.setValue(value)
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))


@functools.cache
def _keeper() -> QThreadPool:
    """The one background thread that writes drafts, in the order they were asked for."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    return pool


class _Keep(QRunnable):
    def __init__(self, job: Callable[[], None]) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job()


class FormAutosave(QObject):
    """Saves ``form``'s content as a draft whenever it changed, every few seconds."""

    def __init__(
        self,
        ctx: ServiceContext,
        form: QWidget,
        form_key: str,
        label: str,
        household_id=None,
        interval_ms: int = INTERVAL_MS,
        extra: tuple[Callable[[], Any], Callable[[Any], None]] | None = None,
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(form)
        self.ctx, self.form, self.form_key = ctx, form, form_key
        self.label, self.household_id = label, household_id
        self.extra = extra
        self._last = self.values()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._keep_in_background)
        self.timer.start()

    def values(self) -> dict:
        values = form_values(self.form)
        if self.extra is not None:
            values[EXTRA] = self.extra[0]()
        return values

    def baseline(self) -> None:
        """The form was just filled from stored data: that is not typed work to keep."""
        self._last = self.values()

    def _write(self, values: dict) -> None:
        try:
            drafts.keep(self.ctx, self.form_key, values, self.label, self.household_id)
        except DomainError:
            # e.g. the disk is full: the form still holds it; try again at the next tick
            if self._last is values:
                self._last = None

    def _keep_in_background(self) -> None:
        values = self.values()
        if values == self._last:
            return
        self._last = values
        _keeper().start(_Keep(lambda: self._write(values)))

    def keep_now(self) -> None:
        """Write the draft now (after any keeps still on their way)."""
        values = self.values()
        if values == self._last:
            return
        _keeper().waitForDone()
        self._last = values
        self._write(values)

    def saved(self) -> None:
        """The form was saved for real: the draft is no longer needed."""
        self.timer.stop()
        _keeper().waitForDone()
        drafts.discard(self.ctx, self.form_key)
        self._last = self.values()
        self.timer.start()

    def dropped(self) -> None:
        """The worker cancelled the form on purpose: nothing to offer back later."""
        self.timer.stop()
        _keeper().waitForDone()
        drafts.discard(self.ctx, self.form_key)

    def restore_if_any(self, ask: bool = True) -> bool:
        """Offer the kept draft back; True when it was restored."""
        found = drafts.pending(self.ctx, self.form_key)
        if not found:
            return False
        draft = found[0]
        if ask:
            answer = QMessageBox.question(
                self.form,
                self.form.tr("Niet-opgeslagen werk"),
                draft.offer_text(),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                drafts.discard(self.ctx, self.form_key)
                return False
        set_form_values(self.form, draft.payload)
        if self.extra is not None and EXTRA in draft.payload:
            self.extra[1](draft.payload[EXTRA])
        self._last = self.values()
        return True
