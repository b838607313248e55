"""Automatic cycles: every few minutes while the server answers, backing off while not."""

from __future__ import annotations

import random

from desk_app.sync.schedule import next_delay


def test_regular_cycle_and_growing_capped_back_off_with_jitter() -> None:
    rng = random.Random(7)
    assert 0.8 * 300 <= next_delay(0, rng=rng) <= 1.2 * 300  # README: every 5 minutes ± 20 %
    # README: backing off 30 s, 1, 2, 4 … minutes up to an hour
    steps = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, *[3600] * 30]
    for failures, step in enumerate(steps, start=1):
        assert 0.8 * step <= next_delay(failures, rng=rng) <= 1.2 * step, failures
    spread = {round(next_delay(3, rng=rng)) for _ in range(50)}
    assert len(spread) > 10  # desks coming back together do not knock at once
