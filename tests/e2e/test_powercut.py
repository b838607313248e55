"""The power-cut harness (bench/powercut.py) in small: the desk works on a file system that
loses what a power cut loses (bench/lazyfs.py), the power goes at random moments of intake,
receipt printing, digitising, sync, backup and migration, and after every cut the desk is
checked on what the disk kept. The big run is ``python -m bench.powercut``; figures in
README."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.lazyfs import available
from bench.powercut import PHASES, Tally, run
from tests.e2e.conftest import RunningServer

pytestmark = pytest.mark.skipif(available() is not None, reason=str(available()))

CYCLES = int(os.environ.get("DESK_APP_POWERCUT_CYCLES", "24"))


def test_power_cuts_lose_no_receipted_dossier_no_paper_no_backup_and_sync_nothing_twice(
    district: RunningServer, tmp_path: Path
) -> None:
    tally = Tally()
    try:
        run(tmp_path, district.url, district.store, CYCLES, seed=11, max_delay=3.0,
            old_dossiers=1500, tally=tally)  # fmt: skip
    finally:
        print(tally.figures(), *tally.problems, sep="\n")
    assert tally.failures == 0, tally.problems
    assert tally.cycles == CYCLES
    assert tally.receipts > 0 and tally.dossiers >= tally.receipts
    assert tally.unsynced_files > 0  # the cuts did throw writes away
    assert tally.cuts.get("migration", 0) >= 1  # every sixth cycle migrates: cut inside it
    assert len(set(tally.cuts) & set(PHASES[1:7])) >= 4  # intake … migration, most of them
    assert tally.papers > 0 and tally.snapshots > 0
    assert tally.entries_synced >= tally.dossiers  # synced at the end, each exactly once
