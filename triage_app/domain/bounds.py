"""Limits on what a worker can type: text, dates and amounts a dossier can sensibly hold.

Every check raises ``InvalidValue`` with a Dutch message; nothing here reads files or the store.
"""

import datetime as dt
import math

from triage_app.domain.errors import InvalidValue

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
SHORT_TEXT = 200  # names, streets, codes
LONG_TEXT = 20_000  # notes, motivations, questions

# The most a single provision can sensibly hold, per unit and frequency-free: a week has 168
# hours, 10 080 minutes, 14 day parts; a year 366 etmalen; a budget of a million euro.
MAX_VOLUME = {
    "minute": 10_080.0,
    "hour": 168.0 * 53,
    "day_part": 14.0 * 53,
    "etmaal": 366.0,
    "piece": 10_000.0,
    "euro": 1_000_000.0,
}
DEFAULT_MAX_VOLUME = 10_000.0


def check_text(value: str, max_length: int = SHORT_TEXT, label: str = "Deze tekst") -> str:
    """Refuse NUL characters, lone surrogates and text longer than ``max_length``."""
    if "\x00" in value:
        raise InvalidValue(f"{label} bevat een ongeldig teken (NUL).")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise InvalidValue(f"{label} bevat een ongeldig teken.")
    if len(value) > max_length:
        raise InvalidValue(f"{label} is te lang: hoogstens {max_length} tekens.")
    return value


def check_date(date: dt.date, label: str = "Deze datum") -> dt.date:
    """A date between 1900 and 2100: anything else is a typing error."""
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise InvalidValue(f"{label} moet tussen 1900 en 2100 liggen.")
    return date


def check_volume(volume: float, unit: str | None) -> float:
    """A finite, positive extent within a sane maximum for its unit."""
    if not isinstance(volume, int | float) or isinstance(volume, bool):
        raise InvalidValue("De omvang moet een getal zijn.")
    if not math.isfinite(volume):
        raise InvalidValue("De omvang moet een gewoon getal zijn.")
    if volume <= 0:
        raise InvalidValue("De omvang moet groter dan nul zijn.")
    ceiling = MAX_VOLUME.get(unit or "", DEFAULT_MAX_VOLUME)
    if volume > ceiling:
        raise InvalidValue(f"De omvang is te groot: hoogstens {ceiling:g}.")
    return float(volume)


def check_backup_keep(value: object) -> int:
    """How many scheduled backups to keep: a whole number of at least 1 (0 would delete all)."""
    try:
        keep = int(str(value))
    except ValueError:
        keep = 0
    if keep < 1 or keep > 1000:
        raise InvalidValue(
            "Bewaar minstens 1 en hoogstens 1000 back-ups; met 0 zouden alle back-ups "
            "worden verwijderd.",
            field="backup_keep",
        )
    return keep
