"""The days the desk believes are off (or worked though on a weekend), and why.

The base is ``holidays.VN`` (the package's knowledge, which may guess wrong for a year
not yet announced: Tết 2027, 24/11); on top of it the desk's table of days off and
make-up days, each with where it came from: this desk's administrator, another desk of
the commune, or the district/province (upstream). Upstream wins: a day it publishes
replaces what a desk set, and the list says so (docs/rules/calendar.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desk_app.domain.calendar import DayOverride, OverrideKind, WorkCalendar
from desk_app.domain.errors import InvalidField


class DaySource(StrEnum):
    PACKAGE = "package"  # holidays.VN, no override
    LOCAL = "local"  # this desk's administrator
    COMMUNE = "commune"  # another desk of the commune (pulled)
    DISTRICT = "district"  # published upstream: wins

    @property
    def label(self) -> str:
        return {
            "package": "Lịch nghỉ lễ theo quy định (gói holidays)",
            "local": "Quầy này đặt",
            "commune": "Quầy khác của xã đặt",
            "district": "Cấp trên công bố",
        }[self.value]


@dataclass(frozen=True)
class StoredDay:
    """One row of the desk's table of days off and make-up days."""

    override: DayOverride
    source: DaySource
    changed_at: str = ""
    changed_by: str = ""
    upstream_note: str = ""  # set when upstream replaced what a desk had set


@dataclass(frozen=True)
class BelievedDay:
    day: date
    working: bool
    why: str  # the holiday's name or the note of the override
    source: DaySource
    upstream_note: str = ""
    changed_at: str = ""
    changed_by: str = ""

    @property
    def kind_label(self) -> str:
        if self.working:
            return "Ngày làm việc (làm bù)" if self.day.weekday() >= 5 else "Ngày làm việc"
        return "Ngày nghỉ"


def believed_days(start: date, end: date, rows: Iterable[StoredDay]) -> list[BelievedDay]:
    """Every day of ``[start, end]`` whose status is not the plain week's (a weekday off, a
    weekend worked), and every day the table names, in date order."""
    table = {row.override.day: row for row in rows}
    calendar = WorkCalendar([row.override for row in table.values()])
    days: list[BelievedDay] = []
    day = start
    while day <= end:
        row = table.get(day)
        working = calendar.is_working_day(day)
        if row is not None:
            days.append(
                BelievedDay(
                    day,
                    working,
                    row.override.note,
                    row.source,
                    row.upstream_note,
                    row.changed_at,
                    row.changed_by,
                )
            )
        elif working == (day.weekday() >= 5):  # a weekday off or a weekend worked
            _, name = calendar.package_says(day)
            days.append(BelievedDay(day, working, name, DaySource.PACKAGE))
        day += timedelta(days=1)
    return days


MAX_NOTE = 200


def check_day_change(
    day: date, kind: OverrideKind | None, current: StoredDay | None, today: date
) -> None:
    """Refuse what a desk may not do: change a day upstream published (upstream wins), or
    touch the past (appointments already given were counted with it)."""
    if current is not None and current.source is DaySource.DISTRICT:
        raise InvalidField(
            f"Ngày {day:%d/%m/%Y} do cấp trên công bố ({_kind_word(current.override.kind)}); "
            "quầy không sửa được: hãy đề nghị cấp trên công bố lại.",
            field="day",
        )
    if day < today:
        raise InvalidField(
            f"Ngày {day:%d/%m/%Y} đã qua: lịch hẹn đã tính theo ngày đó, không sửa lại được.",
            field="day",
        )
    if kind is None and (current is None or current.source is DaySource.PACKAGE):
        raise InvalidField(
            f"Ngày {day:%d/%m/%Y} không có trong bảng ngày nghỉ, ngày làm bù của quầy.",
            field="day",
        )


def upstream_note(current: StoredDay | None, published: DayOverride) -> str:
    """What the list shows when upstream publishes a day a desk had set otherwise."""
    if current is None or current.source is DaySource.DISTRICT:
        return ""
    if current.override.kind is published.kind:
        return ""
    return (
        f"{current.source.label} là {_kind_word(current.override.kind)}"
        + (f" ({current.override.note})" if current.override.note else "")
        + f"; cấp trên công bố {_kind_word(published.kind)}: áp dụng theo cấp trên."
    )


def _kind_word(kind: OverrideKind) -> str:
    return "ngày nghỉ" if kind is OverrideKind.OFF else "ngày làm việc"
