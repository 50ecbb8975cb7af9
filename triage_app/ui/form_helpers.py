"""Small pieces every form uses: an inline error label under a field, a wait without threads."""

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class ErrorLabel(QLabel):
    """A red message shown right under the field it is about; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


def wait_responsive(seconds: float) -> None:
    """Pause without freezing the window (used for the delay after a wrong password)."""
    if seconds <= 0:
        return
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def read_date(text: str, required: bool = False):  # type: ignore[no-untyped-def]
    """A typed date (dd-mm-jjjj) or None; raises InvalidValue with a Dutch message."""
    from triage_app.domain.errors import InvalidValue
    from triage_app.domain.values import parse_date

    if not text.strip():
        if required:
            raise InvalidValue("Vul een datum in (dd-mm-jjjj).")
        return None
    return parse_date(text)


def euro(amount) -> str:  # type: ignore[no-untyped-def]
    """€ 1.234,50 — Dutch notation."""
    if amount is None:
        return ""
    whole = f"{float(amount):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {whole}"
