"""A dialog with labelled fields, a red message under each field, and OK / Cancel.

Subclasses add fields with ``add_field`` and build their typed value in ``collect``, raising
``InvalidValue(field=...)`` or ``ValidationFailed`` to show messages at the fields; ``collect``
never writes. A dialog that stores its value overrides ``save(value)``, the one place that calls
a service; its refusals show at the same fields. The saved value is reported by the ``chosen``
signal. A dialog that is given
a service context keeps what was typed as a draft (``keep_drafts``): after a crash it is offered
back when the same form opens again; saving or cancelling drops it.
"""

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, InvalidValue, ValidationFailed
from triage_app.services.context import ServiceContext
from triage_app.ui import autosave, kit
from triage_app.ui.form_helpers import ErrorLabel


class FormDialog(QDialog):
    chosen = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.value: Any = None
        self.autosave: autosave.FormAutosave | None = None
        self.form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.ok_button.setText(self.tr("&Opslaan"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Annuleren"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(kit.scrolled(fields), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def keep_drafts(
        self, ctx: ServiceContext, form_key: str, label: str, household_id=None, extra=None
    ) -> None:  # type: ignore[no-untyped-def]
        """Keep the typed content every few seconds; offer a kept draft back when shown."""
        self.autosave = autosave.FormAutosave(
            ctx, self, form_key, label, household_id, autosave.INTERVAL_MS, extra
        )
        self.rejected.connect(self.autosave.dropped)
        self._offer_draft = True

    def add_field(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        widget.setObjectName(name)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            inner.addWidget(note)
        error = ErrorLabel()
        error.setObjectName(f"{name}_error")
        inner.addWidget(error)
        self.errors[name] = error
        if label:
            self.form.addRow(kit.label_for(widget, label), box)
        else:
            self.form.addRow(box)
        return widget

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        """The dialog opens on its first field, never on a button."""
        super().showEvent(event)
        if self.autosave is not None and getattr(self, "_offer_draft", False):
            self._offer_draft = False
            QTimer.singleShot(0, self.autosave.restore_if_any)
        for other in self.findChildren(QPushButton):
            if other is not self.ok_button and other.window() is self:
                other.setAutoDefault(False)  # Enter saves; a focused button takes Enter itself
        focused = self.focusWidget()
        if focused is None or isinstance(focused, QAbstractButton):
            first = self._first_field()
            if first is not None:
                first.setFocus()

    def _first_field(self) -> QWidget | None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = kit.first_input(item.widget()) if item and item.widget() else None
            if widget is not None and widget.isEnabled() and widget.isVisibleTo(self):
                return widget
        return None

    def collect(self) -> Any:
        """The typed value of the fields; reads widgets only and never calls a service."""
        raise NotImplementedError

    def save(self, value: Any) -> Any:
        """Store the collected value and return what ``chosen`` reports; by default nothing
        is stored. A ``ValidationFailed``/``InvalidValue``/``DomainError`` shows at the fields."""
        return value

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            (self.errors.get(name) or self.general_error).show_message(message)
        self.adjustSize()  # make room for the messages, never clip them
        first = next((n for n in errors if n in self.errors), None)
        if first:
            widget = self.findChild(QWidget, first)
            if widget is not None:
                widget.setFocus()

    def _accept(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.clear_message()
        try:
            self.value = self.save(self.collect())
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return
        except InvalidValue as exc:
            self.show_errors({exc.field or "": exc.message})
            return
        except DomainError as exc:
            self.general_error.show_message(exc.message)
            return
        if self.autosave is not None:
            self.autosave.saved()
            self.autosave.timer.stop()
        self.chosen.emit(self.value)
        self.accept()
