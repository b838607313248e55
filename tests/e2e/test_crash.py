"""The crash harness (bench/crash.py) in small: the desk SIGKILLed at random moments of
intake, scanning and sync, checked after every restart and against the server at the end.
The big run (hundreds of kills) is ``python -m bench.crash``; its figures are in README."""

from __future__ import annotations

from pathlib import Path

from bench.crash import run
from tests.e2e.conftest import RunningServer


def test_a_desk_killed_at_random_loses_nothing_and_syncs_nothing_twice(
    district: RunningServer, tmp_path: Path
) -> None:
    tally = run(tmp_path, district.url, district.store, kills=12, seed=7, max_delay=1.5)
    assert tally.kills == 12
    assert tally.receipts > 0 and tally.dossiers >= tally.receipts
    assert tally.entries >= tally.dossiers  # synced at the end, each exactly once
