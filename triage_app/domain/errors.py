"""Errors the domain and the services raise, each with a Dutch message a worker can act on."""

from collections.abc import Mapping


class DomainError(Exception):
    """Something a worker asked for cannot be done; ``message`` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidValue(DomainError):
    """One typed value is wrong. ``field`` names the input it came from, when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ValidationFailed(DomainError):
    """Several fields are wrong at once; ``errors`` maps field name to Dutch message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("Controleer de gemarkeerde velden: " + "; ".join(self.errors.values()))


class NotFound(DomainError):
    pass


class NotAllowed(DomainError):
    """The acting worker's roles do not allow this."""


class Conflict(DomainError):
    """Someone else changed the record first (optimistic locking). ``current`` is the record as
    it is now, so the screen can show what the other person changed and re-apply the worker's
    own edit on top of it."""

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current
