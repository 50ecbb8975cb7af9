"""The one way the GUI saves a file a worker chose: the save dialog asks before overwriting,
and services/output_files.py refuses the store, its key file and the backups."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from triage_app.domain.errors import DomainError
from triage_app.services import output_files


def _store_path(widget: QWidget | None) -> Path | None:
    """The open store's file, from the nearest widget (or parent) that holds a context."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if ctx is not None and getattr(ctx, "store", None) is not None:
            return Path(ctx.store.path) if ctx.store.path else None
        widget = widget.parentWidget()
    return None


def ask_path(parent: QWidget, title: str, name: str, filters: str = "") -> str:
    """A file name from the save dialog (which itself asks before overwriting), or ''."""
    if filters:
        path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    else:
        path, _ = QFileDialog.getSaveFileName(parent, title, name)
    return path


def write(parent: QWidget, path: str, data: bytes) -> bool:
    """Write ``data``; a refusal is shown to the worker, never raised."""
    try:
        output_files.write_output(Path(path), data, _store_path(parent), force=True)
    except (DomainError, OSError) as exc:
        QMessageBox.warning(parent, parent.tr("Opslaan"), getattr(exc, "message", str(exc)))
        return False
    return True


def save_bytes(parent: QWidget, title: str, name: str, data: bytes, filters: str = "") -> str:
    """Ask for a name and save; returns the path, or '' when cancelled or refused."""
    path = ask_path(parent, title, name, filters)
    return path if path and write(parent, path, data) else ""
