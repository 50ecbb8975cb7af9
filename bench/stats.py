"""Timing helpers: repeat a call, report median and p95 in milliseconds."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    median_ms: float
    p95_ms: float
    floor_name: str = ""
    floor_median_ms: float | None = None
    target: str = ""

    def row(self) -> str:
        floor = (
            f"{self.floor_median_ms:9.2f}  ({self.floor_name})"
            if self.floor_median_ms is not None
            else ""
        )
        return (
            f"{self.name:<44} {self.median_ms:9.2f} {self.p95_ms:9.2f}   {floor:<40} {self.target}"
        )


HEADER = (
    f"{'figure':<44} {'median':>9} {'p95':>9}   {'floor median (what)':<40} target\n" + "-" * 130
)


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
