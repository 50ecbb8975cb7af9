"""Windows reopen at the size and place the worker left them (kept per worker through a
service, as plain numbers), always fitted to the screen they open on."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from triage_app.services import preferences
from triage_app.services.context import ServiceContext
from triage_app.ui import kit


def remember(window: QWidget, name: str, ctx: ServiceContext | None = None) -> None:
    """Keep ``window``'s size and place under ``name`` for the worker of ``ctx`` (or of the
    nearest parent window that has one); without a worker the window opens at its default."""
    window.installEventFilter(_PlaceKeeper(window, name, ctx))


def worker_context(widget: QWidget | None) -> ServiceContext | None:
    """The service context of ``widget`` or of the nearest parent that has one."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if isinstance(ctx, ServiceContext):
            return ctx
        widget = widget.parentWidget()
    return None


class _PlaceKeeper(QObject):
    def __init__(self, window: QWidget, name: str, ctx: ServiceContext | None) -> None:
        super().__init__(window)
        self.window, self.name, self.ctx = window, name, ctx
        self.restored = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window:
            if event.type() == QEvent.Type.Show and not self.restored:
                self.restored = True
                self._restore()
            elif event.type() == QEvent.Type.Hide and not event.spontaneous():
                self._keep()
        return False

    def _context(self) -> ServiceContext | None:
        if self.ctx is None:
            self.ctx = worker_context(self.window.parentWidget())
        return self.ctx

    def _restore(self) -> None:
        ctx = self._context()
        place = preferences.window_place(ctx, self.name) if ctx is not None else None
        if place is None:
            return
        self.window.resize(place.width, place.height)
        self.window.move(place.x, place.y)
        kit.fit_to_screen(self.window)  # a bigger screen then, a laptop now

    def _keep(self) -> None:
        ctx = self._context()
        if ctx is None or self.window.isMinimized() or self.window.isMaximized():
            return
        place = preferences.WindowPlace(
            self.window.x(), self.window.y(), self.window.width(), self.window.height()
        )
        try:
            preferences.keep_window_place(ctx, self.name, place)
        except Exception:  # noqa: BLE001 - a size not kept must never stop a window closing
            return
