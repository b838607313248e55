"""Machine-readable figures: each bench prints ``FIGURE {json}`` lines beside its own text.

``scripts/bench`` (``bench/run_all.py``) collects them from every bench's output and
writes the tables of ``docs/bench.md`` and README.md from them, so no figure is copied by
hand. A figure is a key, a value (a number, or a summary of samples) and its unit, with
the conditions it was measured under.

Percentiles are honest about their samples: a p95 needs at least ``MIN_P95`` samples
(with fewer, the 95th percentile of a handful of runs is just their maximum), so a
summary of fewer samples gives the median and the maximum and says so.
"""

from __future__ import annotations

import json
import statistics
from typing import Any

PREFIX = "FIGURE "
MIN_P95 = 20


def percentile(samples: list[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0–100) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, Any]:
    """n, median, max, mean, and p95 only when there are enough samples for it."""
    out: dict[str, Any] = {
        "n": len(samples),
        "p50": statistics.median(samples),
        "max": max(samples),
        "mean": statistics.fmean(samples),
    }
    if len(samples) >= MIN_P95:
        out["p95"] = percentile(samples, 95)
    return out


def emit(key: str, value: Any, unit: str = "", conditions: str = "") -> None:
    """Print one figure for ``scripts/bench``: a number, or a ``summary`` of samples."""
    record = {"key": key, "value": value, "unit": unit, "conditions": conditions}
    print(PREFIX + json.dumps(record, ensure_ascii=False), flush=True)


def emit_samples(key: str, samples: list[float], unit: str = "ms", conditions: str = "") -> None:
    emit(key, summary(samples), unit, conditions)


def parse(lines: str) -> dict[str, dict[str, Any]]:
    """The figures printed in a bench's output, by key (the last one wins)."""
    found: dict[str, dict[str, Any]] = {}
    for line in lines.splitlines():
        if PREFIX in line:  # (a progress mark on stderr may share the line)
            record = json.loads(line[line.index(PREFIX) + len(PREFIX) :])
            found[str(record["key"])] = record
    return found
