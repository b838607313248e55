"""The calendar managed at the desk (issue 25 item 1): the administrator lists the days the
desk believes are off and adds or removes days off and make-up days, audited and queued
for the district; a day upstream published cannot be changed here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import DaySource, StoredDay, believed_days, upstream_note
from desk_app.domain.errors import InvalidField


def test_the_list_shows_the_package_s_guesses_and_the_desk_s_own_days() -> None:
    days = believed_days(date(2027, 1, 1), date(2027, 12, 31), [])
    off = {d.day: d for d in days if not d.working}
    assert date(2027, 2, 8) in off and "Tết" in off[date(2027, 2, 8)].why  # Tết 2027 (guess)
    assert off[date(2027, 11, 24)].why == "Ngày Văn hóa Việt Nam"
    assert all(d.source is DaySource.PACKAGE for d in days)
    assert date(2027, 2, 6) not in off  # a Saturday is no news
    rows = [
        StoredDay(
            DayOverride(date(2027, 11, 24), OverrideKind.WORK, "Không nghỉ năm 2027"),
            DaySource.LOCAL,
            "2027-01-05T08:00:00+07:00",
            "admin",
        ),
        StoredDay(
            DayOverride(date(2027, 2, 13), OverrideKind.WORK, "Làm bù Tết"), DaySource.DISTRICT
        ),
    ]
    days = {d.day: d for d in believed_days(date(2027, 1, 1), date(2027, 12, 31), rows)}
    assert days[date(2027, 11, 24)].working and days[date(2027, 11, 24)].source is DaySource.LOCAL
    assert days[date(2027, 2, 13)].kind_label == "Ngày làm việc (làm bù)"
    note = upstream_note(rows[0], DayOverride(date(2027, 11, 24), OverrideKind.OFF))
    assert note.startswith("Quầy này đặt là ngày làm việc (Không nghỉ năm 2027)")
    assert note.endswith("cấp trên công bố ngày nghỉ: áp dụng theo cấp trên.")


def test_the_administrator_adds_and_removes_days_audited_and_queued(desk: Desk) -> None:
    # (who may: only a role with the settings permission, tests/services/test_roles.py)
    tet_saturday = date(2027, 2, 20)  # a Saturday worked to make up for Tết (say)
    desk.intake.set_day_override(DayOverride(tet_saturday, OverrideKind.WORK, "QĐ 9/QĐ-UBND"))
    desk.intake.set_day_override(DayOverride(date(2027, 11, 24), OverrideKind.WORK, "Làm việc"))
    assert desk.intake.calendar.is_working_day(tet_saturday)
    assert desk.intake.calendar.is_working_day(date(2027, 11, 24))
    listed = {d.day: d for d in desk.intake.believed_days(date(2027, 1, 1), date(2027, 12, 31))}
    assert listed[tet_saturday].source is DaySource.LOCAL and listed[tet_saturday].working
    assert listed[tet_saturday].changed_by == "admin"
    desk.intake.remove_day_override(date(2027, 11, 24))
    assert not desk.intake.calendar.is_working_day(date(2027, 11, 24))  # the package again
    entries = desk.storage.db.execute(
        "SELECT payload FROM change_log WHERE kind = 'calendar_day' ORDER BY seq"
    ).fetchall()
    sent = [json.loads(row[0]) for row in entries]
    assert [(e["day"], e["kind"]) for e in sent] == [
        ("2027-02-20", "work"), ("2027-11-24", "work"), ("2027-11-24", "none"),
    ]  # fmt: skip
    audit = [(e.action.value, e.subject, e.detail) for e in desk.audit.recent(10)]
    assert ("change", "lịch 24/11/2027", "calendar_day") in audit
    with pytest.raises(InvalidField, match="đã qua"):
        desk.intake.set_day_override(DayOverride(date(2026, 3, 3), OverrideKind.OFF))
    with pytest.raises(InvalidField, match="không có trong bảng"):
        desk.intake.remove_day_override(date(2027, 3, 3))


def test_a_day_upstream_published_is_not_changed_at_the_desk(desk: Desk) -> None:
    with desk.storage.write():
        desk.intake._settings_store.set_day_override(  # as the district's publication does
            DayOverride(date(2027, 2, 13), OverrideKind.WORK, "Làm bù"), "district"
        )
    with pytest.raises(InvalidField, match="cấp trên công bố"):
        desk.intake.set_day_override(DayOverride(date(2027, 2, 13), OverrideKind.OFF))
    with pytest.raises(InvalidField, match="cấp trên công bố"):
        desk.intake.remove_day_override(date(2027, 2, 13))
