"""A worker's own preferences: where each window was left (plain numbers, no Qt)."""

from dataclasses import dataclass

from triage_app.services.context import ServiceContext
from triage_app.store.preference_tables import WorkerPreference
from triage_app.store.tables import utcnow


@dataclass(frozen=True)
class WindowPlace:
    """A window's position and size in screen pixels."""

    x: int
    y: int
    width: int
    height: int


def _key(window: str) -> str:
    return f"window:{window}"


def window_place(ctx: ServiceContext, window: str) -> WindowPlace | None:
    """Where this worker last left ``window`` ("main", "plan", ...); None if never."""
    with ctx.store.read() as session:
        row = session.get(WorkerPreference, (ctx.actor.username, _key(window)))
        if row is None:
            return None
        try:
            return WindowPlace(**{k: int(row.value[k]) for k in ("x", "y", "width", "height")})
        except (KeyError, TypeError, ValueError):
            return None  # an unreadable value: the window opens at its default


def keep_window_place(ctx: ServiceContext, window: str, place: WindowPlace) -> None:
    """Remember where this worker left ``window``; only sizes that make sense are kept."""
    if place.width <= 0 or place.height <= 0:
        return
    with ctx.store.write() as session:
        row = session.get(WorkerPreference, (ctx.actor.username, _key(window)))
        if row is None:
            row = WorkerPreference(worker=ctx.actor.username, key=_key(window))
        row.value = {
            "x": place.x,
            "y": place.y,
            "width": place.width,
            "height": place.height,
        }
        row.saved_at = utcnow()
        session.add(row)
