"""When the next automatic cycle runs: every few minutes while the server answers,
exponential back-off with jitter while it does not (so forty desks coming back after a
power cut do not all knock at once)."""

from __future__ import annotations

import random

EVERY_SECONDS = 300.0
MAX_BACKOFF_SECONDS = 3600.0


def next_delay(failures: int, *, rng: random.Random | None = None) -> float:
    """Seconds until the next cycle after ``failures`` failed cycles in a row."""
    rng = rng or random.Random()
    base = EVERY_SECONDS if failures <= 0 else min(MAX_BACKOFF_SECONDS, 30.0 * 2 ** (failures - 1))
    return base * rng.uniform(0.8, 1.2)
