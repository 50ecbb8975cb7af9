"""Steering figures as plain data, with small counts suppressed so no figure points to a
resident (the threshold is in the municipality profile)."""

import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figures:
    since: str
    until: str
    district: str  # "" for all wijken
    threshold: int
    counts: dict[str, int] = field(default_factory=dict)  # label -> count
    shares: dict[str, float] = field(default_factory=dict)  # label -> share 0..1
    days: dict[str, float | None] = field(default_factory=dict)  # label -> median days
    routes: dict[str, int] = field(default_factory=dict)  # route label -> count
    trend: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # month -> routes
    by_kind: dict[str, int] = field(default_factory=dict)
    by_segment: dict[str, int] = field(default_factory=dict)
    closures: dict[str, int] = field(default_factory=dict)
    caseload: dict[str, int] = field(default_factory=dict)

    def shown(self, count: int) -> str:
        """A count as printed: small ones are suppressed ("< 5")."""
        return f"< {self.threshold}" if 0 < count < self.threshold else str(count)

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, label, value) for the table, CSV and PDF."""
        out = [("Aantallen", label, self.shown(n)) for label, n in self.counts.items()]
        out += [("Aandelen", label, f"{share:.0%}") for label, share in self.shares.items()]
        out += [
            ("Doorlooptijd (mediaan, dagen)", label, "-" if d is None else f"{d:.0f}")
            for label, d in self.days.items()
        ]
        for section, data in (
            ("Route", self.routes),
            ("Maatwerk per soort", self.by_kind),
            ("Maatwerk per segment", self.by_segment),
            ("Afgesloten plannen per reden", self.closures),
            ("Caseload per medewerker", self.caseload),
        ):
            out += [(section, label, self.shown(n)) for label, n in data.items()]
        for month, routes in self.trend:
            out += [
                ("Trend routes per maand", f"{month} {label.lower()}", self.shown(n))
                for label, n in routes.items()
            ]
        return out


def median_days(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
