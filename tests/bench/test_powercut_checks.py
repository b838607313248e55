"""The power-cut harness's backup check (bench/powercut_checks.py) on snapshots the desk
really took: the last backup reported done must be there, unless rotation took it out
behind as many whole snapshots taken after it as the worker keeps."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from bench.powercut_checks import Tally, _check_backups
from tests.conftest import FakeClock, desk_at

KEEP = 3


def test_the_last_backup_reported_done_may_go_only_behind_newer_whole_snapshots(
    tmp_path: Path, clock: FakeClock
) -> None:
    backups, journals = tmp_path / "backups", tmp_path / "journals"
    journals.mkdir()
    desk = desk_at(tmp_path / "data", clock=clock)
    try:
        names = []
        for _ in range(KEEP + 1):
            names.append(desk.backups.back_up(backups, keep=KEEP).snapshot.name)
            clock.now += timedelta(minutes=1)
        # only the first was reported: the power went after each later one's rename and
        # before the screen said "done", three cycles in a row (cycle 25 of the 1000-cycle
        # run, e27abcf); rotation then took the reported one out, rightly
        (journals / "backups.log").write_text(names[0] + "\n", encoding="utf-8")
        assert names[0] not in [s.name for s in desk.backups.snapshots(backups)]
        tally = Tally()
        _check_backups(desk, backups, journals, tally, KEEP)
        assert tally.problems == [] and tally.snapshots == KEEP  # before: "gone"
        assert tally.rotated_reported == {names[0]}

        # a reported snapshot lost with fewer than KEEP newer ones is still caught
        (journals / "backups.log").write_text(names[2] + "\n", encoding="utf-8")
        shutil.rmtree(backups / names[2])
        _check_backups(desk, backups, journals, tally, KEEP)
        assert tally.broken_backups == {names[2]}
        assert tally.problems == [f"cycle 0: backup {names[2]} reported done is gone"]
    finally:
        desk.close()
