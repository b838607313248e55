"""The demo commune: realistic, numbered like real desks, the same from either path."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.domain.errors import DeskError
from tests.conftest import FakeClock, desk_at


def _snapshot(data_dir: Path, clock: FakeClock) -> list[tuple[str, str, str]]:
    desk = desk_at(data_dir, clock=clock)
    rows = [(h.code, h.applicant_name, h.due_at) for h in desk.dossiers.search("", limit=5000)]
    desk.close()
    return rows


def test_worker_process_and_in_process_make_the_same_commune(
    tmp_path: Path, clock: FakeClock
) -> None:
    for name, in_worker in (("inline", False), ("worker", True)):
        desk = desk_at(tmp_path / name, clock=clock)
        summary = desk.demo.create(2500, seed=11, in_worker=in_worker)
        assert summary.dossiers == 2500
        desk.close()
    inline, worker = _snapshot(tmp_path / "inline", clock), _snapshot(tmp_path / "worker", clock)
    assert len(inline) == 2500
    assert inline == worker


def test_demo_data_looks_like_a_commune(tmp_path: Path, clock: FakeClock) -> None:
    desk = desk_at(tmp_path / "d", clock=clock)
    summary = desk.demo.create(3000, seed=5)
    first, last = summary.first_received, summary.last_received
    assert first is not None and last is not None
    assert (last - first).days > 365 * 4  # spread over five years
    hits = desk.dossiers.search("", limit=3000)
    codes = [h.code for h in hits]
    assert len(set(codes)) == 3000
    assert {c.rsplit("-", 1)[1][0] for c in codes} == {"0", "2"}  # two desks' blocks
    assert sum("Nguyễn" in h.applicant_name for h in hits) > 600  # the most common name
    assert desk.settings.load().demo
    statuses = {h.status for h in hits}
    assert statuses <= set(range(1, 11)) and {2, 10} <= statuses  # open and returned ones
    assert any(h.late for h in hits) and not all(h.late for h in hits)
    assert desk.storage.integrity_ok()
    with pytest.raises(DeskError, match="đã có 3000 hồ sơ"):
        desk.demo.create(10)
    desk.close()


def test_demo_reports_balance_in_every_period(tmp_path: Path, clock: FakeClock) -> None:
    """Whatever the period, every dossier active in it ends it in exactly one bucket,
    and a period's open dossiers are the next period's carried-over ones."""
    desk = desk_at(tmp_path / "d", clock=clock)
    desk.demo.create(3000, seed=7)
    reports = desk.reports
    previous = None
    for year in (2022, 2023, 2024, 2025, 2026):
        for quarter in (1, 2, 3, 4):
            figures = reports.report(reports.period(f"{year}-Q{quarter}")).total
            assert figures.balanced, (year, quarter, figures)
            if previous is not None:
                assert figures.carried_over == previous.open + previous.paused
            previous = figures
    year = reports.report(reports.period("2025")).total
    assert year.received > 400 and year.finished_late > 0 and year.finished_on_time > 0
    assert 0 < year.fully_digitised < year.received and year.results_digitised > 0
    desk.close()
