"""The desk's own calendar days go up and down (issue 25 item 1): a day set at one desk
reaches the commune's other desks through the real server; a day upstream publishes wins
and the list says what the desks had set."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from desk_app.app import Desk
from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import DaySource
from district_server import publishing
from tests.conftest import desk_at
from tests.e2e.conftest import RunningServer

COMMUNE = "H26.031.05"


def _desk(tmp_path: Path, name: str, number: int, district: RunningServer) -> Desk:
    desk = desk_at(tmp_path / name)
    desk.settings.save(replace(desk.settings.load(), desk_number=number))
    desk.sync.enrol(district.url, district.store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    return desk


def _listed(desk: Desk, day: date):  # type: ignore[no-untyped-def]
    return next(d for d in desk.intake.believed_days(day, day) if d.day == day)


def test_a_desk_s_day_reaches_the_commune_and_upstream_wins(
    district: RunningServer, tmp_path: Path
) -> None:
    one = _desk(tmp_path, "one", 1, district)
    two = _desk(tmp_path, "two", 2, district)
    year = datetime.now(UTC).year + 1
    culture_day, tet_saturday = date(year, 11, 24), date(year, 2, 20)
    try:
        one.intake.set_day_override(DayOverride(culture_day, OverrideKind.WORK, "Không nghỉ"))
        one.intake.set_day_override(DayOverride(tet_saturday, OverrideKind.OFF, "Nghỉ thêm"))
        summary = one.sync.run_once()
        assert summary.pending == 0 and summary.problems == 0  # the server took them
        assert two.intake.calendar.is_working_day(tet_saturday) is False  # a Saturday anyway
        assert two.intake.calendar.is_working_day(culture_day) is False  # the package's guess
        two.sync.run_once()
        assert two.intake.calendar.is_working_day(culture_day)  # the commune's day, pulled
        assert _listed(two, culture_day).source is DaySource.COMMUNE
        # upstream publishes the day off after all: it wins, with a note on both desks
        key, document = publishing.calendar_day(culture_day.isoformat(), "off", "QĐ 1/QĐ-UBND")
        district.store.publish("calendar", key, document, datetime.now(UTC), COMMUNE)
        for desk in (one, two):
            desk.sync.run_once()
            assert not desk.intake.calendar.is_working_day(culture_day)
            listed = _listed(desk, culture_day)
            assert listed.source is DaySource.DISTRICT and listed.why == "QĐ 1/QĐ-UBND"
            assert "ngày làm việc (Không nghỉ)" in listed.upstream_note
            assert listed.upstream_note.endswith("áp dụng theo cấp trên.")
        # a desk removing its own day removes it at the others too
        one.intake.remove_day_override(tet_saturday)
        one.sync.run_once()
        two.sync.run_once()
        assert all(d.day != tet_saturday for d in two.intake.believed_days(tet_saturday,
                                                                           tet_saturday))  # fmt: skip
    finally:
        one.close()
        two.close()
