from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.calendar import (
    VN_TZ,
    DayOverride,
    OverrideKind,
    ProcessingKind,
    ProcessingTime,
    WorkCalendar,
)

SAME_DAY_15 = ProcessingTime(ProcessingKind.SAME_DAY, cutoff=time(15, 0))
CAL = WorkCalendar()


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def days(n: float) -> ProcessingTime:
    return ProcessingTime(ProcessingKind.WORKING_DAYS, days=n)


def test_tet_2026_is_skipped() -> None:
    # Friday 13 Feb 2026 10:00, 3 working days: weekend, then Tết 16–20 Feb, are not counted.
    assert not CAL.is_working_day(date(2026, 2, 17))
    assert CAL.appointment(at(2026, 2, 13, 10), days(3)) == at(2026, 2, 25, 10)


def test_the_swapped_saturday_is_a_working_day_and_the_swapped_monday_is_not() -> None:
    # 2026: Monday 31 Aug is a day off, made up by working Saturday 22 Aug.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 31))
    # Same-day procedure received Friday 21 Aug after the cut-off: due on the working Saturday.
    assert CAL.appointment(at(2026, 8, 21, 16), SAME_DAY_15) == at(2026, 8, 22, 17)
    # Received Friday 28 Aug after 15:00: Sat, Sun, the swapped Monday, 1–2 Sep are all off.
    assert CAL.appointment(at(2026, 8, 28, 16), SAME_DAY_15) == at(2026, 9, 3, 17)


def test_weekends_are_skipped() -> None:
    # Received on Saturday 7 March: counting starts Monday 07:00.
    assert CAL.appointment(at(2026, 3, 7, 10), days(1)) == at(2026, 3, 9, 17)
    assert CAL.appointment(at(2026, 3, 6, 16), days(1)) == at(2026, 3, 9, 16)


def test_received_at_16_for_a_15_cutoff_procedure_is_due_next_working_day() -> None:
    assert CAL.appointment(at(2026, 3, 4, 16), SAME_DAY_15) == at(2026, 3, 5, 17)
    assert CAL.appointment(at(2026, 3, 4, 14, 59), SAME_DAY_15) == at(2026, 3, 4, 17)
    assert CAL.appointment(at(2026, 3, 4, 15, 0), SAME_DAY_15) == at(2026, 3, 5, 17)


def test_same_day_without_cutoff_after_closing_is_next_day() -> None:
    same_day = ProcessingTime(ProcessingKind.SAME_DAY)
    assert CAL.appointment(at(2026, 3, 4, 16, 59), same_day) == at(2026, 3, 4, 17)
    assert CAL.appointment(at(2026, 3, 4, 17, 30), same_day) == at(2026, 3, 5, 17)


def test_lunch_break_and_early_arrival_do_not_count() -> None:
    # Received at 12:00 (lunch): half a day (4 h) runs 13:30–17:00 then 07:00–07:30.
    assert CAL.appointment(at(2026, 3, 4, 12), days(0.5)) == at(2026, 3, 5, 7, 30)
    assert CAL.appointment(at(2026, 3, 4, 6), days(1)) == at(2026, 3, 4, 17)


def test_vietnam_cultural_day_2026_is_a_holiday() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))


def test_overrides_add_days_off_and_make_up_days() -> None:
    cal = WorkCalendar(
        [
            DayOverride(date(2026, 3, 5), OverrideKind.OFF, "nghỉ bù"),
            DayOverride(date(2026, 3, 7), OverrideKind.WORK, "làm bù thứ Bảy"),
        ]
    )
    assert cal.appointment(at(2026, 3, 4, 16), SAME_DAY_15) == at(2026, 3, 6, 17)
    assert cal.appointment(at(2026, 3, 6, 16), SAME_DAY_15) == at(2026, 3, 7, 17)


def test_wording_for_forms() -> None:
    assert days(3).describe() == "3 ngày làm việc"
    assert days(0.5).legal_days == "0,5"
    assert "15:00" in SAME_DAY_15.describe()
    with pytest.raises(ValueError):
        days(0)


@settings(max_examples=300, deadline=None)
@given(
    received=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 1)),
    n=st.sampled_from([0.5, 1, 2, 3, 5, 7, 15, 30]),
    same_day=st.booleans(),
)
def test_an_appointment_never_lands_outside_office_hours(
    received: datetime, n: float, same_day: bool
) -> None:
    received = received.replace(tzinfo=VN_TZ)
    processing = SAME_DAY_15 if same_day else days(n)
    due = CAL.appointment(received, processing)
    assert due > received
    assert CAL.is_working_day(due.date())
    assert any(start <= due.time() <= end for start, end in CAL.hours.sessions)
    if not same_day:
        # Never more than the office time asked for plus the non-working time between.
        assert due - received <= timedelta(days=n * 3 + 12)


@settings(max_examples=300, deadline=None)
@given(
    first=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 1)),
    later_by=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    n=st.sampled_from([0.5, 1, 2, 3, 5, 7, 15, 30]),
    more=st.sampled_from([0.5, 1, 2, 5]),
)
def test_later_or_longer_never_gives_an_earlier_appointment(
    first: datetime, later_by: timedelta, n: float, more: float
) -> None:
    """A dossier received later, or a procedure that takes longer, is never due sooner."""
    received = first.replace(tzinfo=VN_TZ)
    due = CAL.appointment(received, days(n))
    assert CAL.appointment(received + later_by, days(n)) >= due
    assert CAL.appointment(received, days(n + more)) > due
