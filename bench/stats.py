"""Timing helpers: repeat a call, report median and p95 in milliseconds."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def timings(call: Callable[[], object], repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        result.append((time.perf_counter() - started) * 1000)
    return result


def summarise(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


@dataclass
class Felt:
    """One figure as a worker feels it, beside its floors (the parts alone, same run) and its
    target; ``met`` says whether this run meets the target."""

    name: str
    median: float
    p95: float
    n: int
    floors: dict[str, float]  # what -> median
    target: str
    met: bool
    unit: str = "ms"

    @classmethod
    def of(
        cls,
        name: str,
        samples: list[float],
        floors: dict[str, list[float]],
        target_median: float,
        target_p95: float | None = None,
        unit: str = "ms",
    ) -> "Felt":
        med, p95 = summarise(samples) if samples else (float("nan"), float("nan"))
        met = med <= target_median and (target_p95 is None or p95 <= target_p95)
        target = f"<= {target_median:g} {unit}" + (
            f" median, {target_p95:g} {unit} p95" if target_p95 is not None else ""
        )
        return cls(
            name,
            med,
            p95,
            len(samples),
            {what: summarise(s)[0] for what, s in floors.items() if s},
            target,
            met,
            unit,
        )

    @classmethod
    def single(
        cls,
        name: str,
        value: float,
        limit: float,
        unit: str,
        floors: dict[str, float] | None = None,
    ) -> "Felt":
        return cls(
            name, value, value, 1, floors or {}, f"<= {limit:g} {unit}", value <= limit, unit
        )

    def row(self) -> str:
        floors = "; ".join(f"{what} {value:.1f}" for what, value in self.floors.items())
        mark = "met" if self.met else "MISSED"
        digits = 2 if self.unit == "x" else 1  # a ratio of 1.52 must not read as 1.5, met
        return (
            f"{self.name:<58} {self.median:9.{digits}f} {self.p95:9.{digits}f} {self.n:5d} "
            f"{self.unit:<3} "
            f"{self.target:<26} {mark:<7} {floors}"
        )


FELT_HEADER = (
    f"{'figure (as felt)':<58} {'median':>9} {'p95':>9} {'n':>5} {'':<3} {'target':<26} "
    f"{'':<7} floors (median, same run)\n" + "-" * 140
)
