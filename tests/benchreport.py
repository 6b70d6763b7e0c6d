"""The benchmark's report: rows of samples, one aligned table, the same as JSON."""

from __future__ import annotations

import math
import os
import platform
import statistics
from dataclasses import asdict, dataclass
from importlib.metadata import version


@dataclass
class Result:
    """One row of the table: samples of one measurement, and what they should meet."""

    name: str
    unit: str
    samples: list[float]
    target: float | None = None
    at_least: bool = False
    """The target is a lower bound (a ratio), not an upper one."""
    on_p95: bool = False
    """The target is on the 95th percentile rather than the median."""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        value = self.p95 if self.on_p95 else self.median
        return value >= self.target if self.at_least else value < self.target


def _figure(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value:,.0f} B"
    digits = 3 if unit == "s" else 2 if value < 10 else 1 if value < 1000 else 0
    return f"{value:,.{digits}f} {unit}" if unit != "×" else f"{value:,.1f}×"


def table(results: list[Result]) -> str:
    rows = [("measurement", "median", "p95", "target", "met?")]
    for r in results:
        target = "—"
        if r.target is not None:
            target = ("≥ " if r.at_least else "< ") + _figure(r.target, r.unit)
            target = f"p95 {target}" if r.on_p95 else target
        met = {True: "yes", False: "NO", None: "info"}[r.met]
        rows.append((r.name, _figure(r.median, r.unit), _figure(r.p95, r.unit), target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.rjust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join([row[0].ljust(widths[0]), *cells[1:]]))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def as_json(results: list[Result], **about: object) -> dict:
    """The figures and what they were measured on (``about``: size, articles, terminal...)."""
    return {
        **about,
        "load_average_end": os.getloadavg(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "results": [asdict(r) | {"median": r.median, "p95": r.p95, "met": r.met} for r in results],
    }
