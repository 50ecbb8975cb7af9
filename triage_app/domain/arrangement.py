"""Arrangement size and monthly cost from the municipality's table (``Reference.tariffs``).

Intensity per result area gives points; the sum gives a size class; segment and size class give
the monthly tariff. Also the reference lists an arrangement is chosen from. Every function gets
the table as its last argument (``ctx.reference.tariffs``).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from triage_app.domain.errors import InvalidValue
from triage_app.domain.plan import Intensity


@dataclass(frozen=True)
class ArrangementSize:
    points: int
    size_class: str
    size_name: str
    monthly_cost: Decimal


@dataclass(frozen=True)
class Option:
    code: str
    name: str


Table = Mapping[str, Any]
CENT = Decimal("0.01")


def compute_arrangement(
    segment: str, intensities: Mapping[str, Intensity], table: Table
) -> ArrangementSize:
    """The size and monthly cost of an arrangement; raises InvalidValue when it has none."""
    segments = {s["code"]: s for s in table["segments"]}
    if segment not in segments:
        raise InvalidValue("Kies het segment van het arrangement.", field="segment")
    points = sum(
        table["intensity_points"][Intensity(level).value] for level in intensities.values()
    )
    if points == 0:
        raise InvalidValue(
            "Kies voor minstens één resultaatgebied een intensiteit.", field="intensities"
        )
    for size in table["size_classes"]:
        if size["min_points"] <= points <= size["max_points"]:
            tariff = segments[segment]["monthly_tariff"][size["code"]]
            cost = Decimal(str(tariff)).quantize(CENT)  # as the store keeps it
            return ArrangementSize(points, size["code"], size["name"], cost)
    raise InvalidValue(
        f"Het tarief kent geen arrangement van {points} punten.", field="intensities"
    )


def _options(key: str, table: Table) -> list[Option]:
    return [Option(item["code"], item["name"]) for item in table[key]]


def kinds(table: Table) -> list[Option]:
    return _options("kinds", table)


def segments(table: Table) -> list[Option]:
    return _options("segments", table)


def providers(table: Table) -> list[Option]:
    return _options("providers", table)


def category_for_kind(kind: str, table: Table) -> str:
    for item in table["kinds"]:
        if item["code"] == kind:
            return str(item["product_category"])
    raise InvalidValue("Kies de soort ondersteuning.", field="kind")


def product_codes(category: str, on: dt.date, table: Table) -> list[Option]:
    """The municipality's product codes of a category valid on a date (a year-dated list)."""
    result = []
    for item in table["product_codes"]:
        start = dt.date.fromisoformat(item["valid_from"])
        end = dt.date.fromisoformat(item["valid_to"]) if item["valid_to"] else None
        if item["category"] == category and start <= on and (end is None or on <= end):
            result.append(Option(item["code"], item["name"]))
    return result


def name_of(options: list[Option], code: str | None) -> str:
    return next((o.name for o in options if o.code == code), code or "")
