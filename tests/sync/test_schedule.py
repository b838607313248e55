"""Automatic cycles: every few minutes while the server answers, backing off while not."""

from __future__ import annotations

import random

from desk_app.sync.schedule import EVERY_SECONDS, MAX_BACKOFF_SECONDS, next_delay


def test_regular_cycle_and_growing_capped_back_off_with_jitter() -> None:
    rng = random.Random(7)
    assert 0.8 * EVERY_SECONDS <= next_delay(0, rng=rng) <= 1.2 * EVERY_SECONDS
    delays = [next_delay(n, rng=random.Random(1)) for n in range(1, 10)]
    assert delays == sorted(delays[:7]) + delays[7:]  # grows ...
    assert (
        max(next_delay(n, rng=rng) for n in range(1, 40)) <= 1.2 * MAX_BACKOFF_SECONDS
    )  # ... to a cap
    spread = {round(next_delay(3, rng=rng)) for _ in range(50)}
    assert len(spread) > 10  # desks coming back together do not knock at once
