"""Arrangement size and monthly cost from the municipality's table (resources/arrangements.json).

Intensity per result area gives points; the sum gives a size class; segment and size class give
the monthly tariff. Also the reference lists an arrangement is chosen from.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from triage_app.domain.errors import InvalidValue
from triage_app.domain.plan import Intensity
from triage_app.resources import load_json


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


def arrangement_table() -> dict:
    """The shipped table with the municipality's own providers and tariffs (settings) over it."""
    from triage_app.domain.reference import municipality

    return {**load_json("arrangements.json"), **municipality().get("arrangements", {})}


def compute_arrangement(
    segment: str, intensities: dict[str, Intensity], table: dict | None = None
) -> ArrangementSize:
    """The size and monthly cost of an arrangement; raises InvalidValue when it has none."""
    table = table or arrangement_table()
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
            cost = Decimal(str(segments[segment]["monthly_tariff"][size["code"]]))
            return ArrangementSize(points, size["code"], size["name"], cost)
    raise InvalidValue(
        f"Het tarief kent geen arrangement van {points} punten.", field="intensities"
    )


def _options(key: str) -> list[Option]:
    return [Option(item["code"], item["name"]) for item in arrangement_table()[key]]


def kinds() -> list[Option]:
    return _options("kinds")


def segments() -> list[Option]:
    return _options("segments")


def providers() -> list[Option]:
    return _options("providers")


def product_categories() -> list[Option]:
    return _options("product_categories")


def category_for_kind(kind: str) -> str:
    for item in arrangement_table()["kinds"]:
        if item["code"] == kind:
            return str(item["product_category"])
    raise InvalidValue("Kies de soort ondersteuning.", field="kind")


def product_codes(category: str, on: dt.date) -> list[Option]:
    """The municipality's product codes of a category valid on a date (a year-dated list)."""
    result = []
    for item in arrangement_table()["product_codes"]:
        start = dt.date.fromisoformat(item["valid_from"])
        end = dt.date.fromisoformat(item["valid_to"]) if item["valid_to"] else None
        if item["category"] == category and start <= on and (end is None or on <= end):
            result.append(Option(item["code"], item["name"]))
    return result


def name_of(options: list[Option], code: str | None) -> str:
    return next((o.name for o in options if o.code == code), code or "")
