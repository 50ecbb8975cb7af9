"""Keep any form's typed content every few seconds, and put it back after a crash.

Works on the named input widgets (``objectName``) inside a form: line edits, text edits,
combo boxes, check boxes, spin boxes and date edits. The form calls ``saved()`` after a real
save (the draft is then dropped) and ``restore_if_any()`` when it opens.
"""

from PySide6.QtCore import QDate, QObject, QTimer
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


def form_values(form: QWidget) -> dict:
    values: dict = {}
    for widget in form.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_"):
            continue
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
        if name not in values:
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
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(form)
        self.ctx, self.form, self.form_key = ctx, form, form_key
        self.label, self.household_id = label, household_id
        self._last = form_values(form)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.keep_now)
        self.timer.start()

    def keep_now(self) -> None:
        values = form_values(self.form)
        if values == self._last:
            return
        try:
            drafts.keep(self.ctx, self.form_key, values, self.label, self.household_id)
        except DomainError:
            return  # e.g. the disk is full: try again at the next tick, the form still holds it
        self._last = values

    def saved(self) -> None:
        """The form was saved for real: the draft is no longer needed."""
        self.timer.stop()
        drafts.discard(self.ctx, self.form_key)
        self._last = form_values(self.form)
        self.timer.start()

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
        self._last = form_values(self.form)
        return True
