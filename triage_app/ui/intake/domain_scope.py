"""The top of the gesprek: which life domains the question touches (data minimisation).

The worker ticks the domains in a list (arrows or a first letter to move, space to tick);
only those are asked. The other domains stay folded away and optional: shown on request, and
scoring one of them asks for a reason."""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.reference import LifeDomain

CODE = Qt.ItemDataRole.UserRole


class DomainScope(QWidget):
    """A checkable list of life domains and the "show the others" switch; ``changed`` fires
    when either changes. A hidden field mirrors the ticked codes, so the form's autosave keeps
    and restores them like any other field."""

    changed = Signal()

    def __init__(self, domains: list[LifeDomain], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<b>Waar gaat de vraag over?</b> Vink aan met de spatiebalk."))
        self.list = QListWidget()
        self.list.setObjectName("scope_list")
        self.list.setAccessibleName(self.tr("Leefgebieden waar de vraag over gaat"))
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setFixedHeight(96)
        for domain in domains:
            item = QListWidgetItem(domain.name)
            item.setData(CODE, domain.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.codes_field = QLineEdit()  # for the autosave only; never shown
        self.codes_field.setObjectName("scope")
        self.codes_field.hide()
        self.show_others = QCheckBox(
            self.tr("&Andere leefgebieden ook tonen (niet nodig; vraagt een reden)")
        )
        self.show_others.setObjectName("show_other_domains")
        self.show_others.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Alt+A: out of Tab order
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list)
        layout.addWidget(self.codes_field)
        layout.addWidget(self.show_others)
        self.list.installEventFilter(self)
        self.list.itemChanged.connect(self._ticked)
        self.codes_field.textChanged.connect(self._typed_back)
        self.show_others.toggled.connect(self.changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """A letter jumps to the next domain starting with it (again: the one after that),
        however fast the worker types; Qt's own search would join quick letters into a word."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            letter = event.text().lower()  # type: ignore[attr-defined]
            plain = event.modifiers() in (  # type: ignore[attr-defined]
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
            if plain and len(letter) == 1 and letter.isalpha():
                self._jump(letter)
                return True
        return super().eventFilter(watched, event)

    def _jump(self, letter: str) -> None:
        count, start = self.list.count(), self.list.currentRow()
        for step in range(1, count + 1):
            row = (start + step) % count
            if self.list.item(row).text().lower().startswith(letter):
                self.list.setCurrentRow(row)
                return

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def codes(self) -> list[str]:
        """The ticked domains, in the list's order."""
        return [i.data(CODE) for i in self._items() if i.checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes: list[str]) -> None:
        self.codes_field.setText(",".join(codes))

    def others_shown(self) -> bool:
        return self.show_others.isChecked()

    def _ticked(self) -> None:
        self.codes_field.setText(",".join(self.codes()))

    def _typed_back(self, text: str) -> None:
        wanted = set(filter(None, text.split(",")))
        self.list.blockSignals(True)
        for item in self._items():
            item.setCheckState(
                Qt.CheckState.Checked if item.data(CODE) in wanted else Qt.CheckState.Unchecked
            )
        self.list.blockSignals(False)
        self.list.viewport().update()
        self.changed.emit()
