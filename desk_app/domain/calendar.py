"""Working days, office hours and appointment (due) times.

Base calendar: ``holidays.VN`` (Labour Code 2019 Art. 112, with the Prime Minister's
swapped days the package knows). On top of it an editable, versioned table of extra
days off and make-up working days (``DayOverride``) that upstream can update.

Practice counts in working hours: one working day is the length of the office day
(default 07:00–11:30 and 13:30–17:00 = 8 hours). An appointment never falls outside
office hours on a working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

# Vietnam has one time zone and no daylight saving time.
VN_TZ = timezone(timedelta(hours=7), "ICT")


class OverrideKind(StrEnum):
    OFF = "off"  # an extra day off (e.g. a bridge day announced late)
    WORK = "work"  # a make-up working day on a weekend


@dataclass(frozen=True)
class DayOverride:
    day: date
    kind: OverrideKind
    note: str = ""


@dataclass(frozen=True)
class OfficeHours:
    """Sessions of the office day, in order, e.g. morning and afternoon."""

    sessions: tuple[tuple[time, time], ...] = (
        (time(7, 0), time(11, 30)),
        (time(13, 30), time(17, 0)),
    )

    def __post_init__(self) -> None:
        previous_end = time(0, 0)
        for start, end in self.sessions:
            if not previous_end <= start < end:
                raise ValueError("office sessions must be ordered and non-overlapping")
            previous_end = end

    @property
    def day_length(self) -> timedelta:
        return sum(
            (_on(date.min, end) - _on(date.min, start) for start, end in self.sessions),
            timedelta(),
        )

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]


class ProcessingKind(StrEnum):
    WORKING_DAYS = "working_days"
    SAME_DAY = "same_day"


@dataclass(frozen=True)
class ProcessingTime:
    """How long a procedure may take, as the catalogue states it.

    ``WORKING_DAYS``: ``days`` working days of office time from reception.
    ``SAME_DAY``: ready by closing time the day it is received; when received after
    ``cutoff`` (e.g. 15:00 for civil status, Law on Civil Status Art. 5(3)) or on a
    non-working day, by closing time of the next working day.
    """

    kind: ProcessingKind
    days: float = 0.0
    cutoff: time | None = None

    def __post_init__(self) -> None:
        if self.kind is ProcessingKind.WORKING_DAYS and not 0 < self.days <= 365:
            raise ValueError("working-day processing time must be between 0 and 365 days")

    def describe(self) -> str:
        """Vietnamese wording for forms and screens."""
        if self.kind is ProcessingKind.SAME_DAY:
            if self.cutoff is None:
                return "Trong ngày làm việc"
            return f"Trong ngày làm việc (nhận sau {self.cutoff:%H:%M} trả trong ngày làm việc tiếp theo)"
        return f"{_format_days(self.days)} ngày làm việc"

    @property
    def legal_days(self) -> str:
        """The number printed after "Thời gian giải quyết hồ sơ theo quy định là"."""
        if self.kind is ProcessingKind.SAME_DAY:
            return "trong ngày"
        return _format_days(self.days)


def _format_days(days: float) -> str:
    return f"{days:g}".replace(".", ",")


def _on(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=VN_TZ)


@dataclass
class WorkCalendar:
    """Working days of a commune office: ``holidays.VN`` plus local overrides."""

    overrides: Iterable[DayOverride] = ()
    hours: OfficeHours = field(default_factory=OfficeHours)

    def __post_init__(self) -> None:
        import holidays  # (0.1 s: imported by the first calendar, not by every start)

        self._overrides = {o.day: o.kind for o in self.overrides}
        self._holidays = holidays.country_holidays("VN", language="vi")
        self._cache: dict[date, bool] = {}

    def package_says(self, day: date) -> tuple[bool, str]:
        """What ``holidays.VN`` alone says of ``day``: working or not, and the holiday's
        (or the swapped working Saturday's) Vietnamese name."""
        working = bool(self._holidays.is_working_day(day))
        name = str(self._holidays.get(day) or "")
        if working and day.weekday() >= 5:
            name = "Ngày làm bù (theo lịch nghỉ lễ đã công bố)"
        return working, name

    def is_working_day(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        kind = self._overrides.get(day)
        if kind is not None:
            result = kind is OverrideKind.WORK
        else:
            # is_working_day knows weekends, public holidays and swapped working Saturdays.
            result = bool(self._holidays.is_working_day(day))
        self._cache[day] = result
        return result

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        for _ in range(3660):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError("no working day within ten years; the calendar overrides are wrong")

    def closing_time(self, day: date) -> datetime:
        return _on(day, self.hours.closing)

    def next_working_instant(self, moment: datetime) -> datetime:
        """``moment`` if it is office time on a working day, else the next session start."""
        moment = moment.astimezone(VN_TZ)
        day = moment.date()
        if self.is_working_day(day):
            for start, end in self.hours.sessions:
                if moment < _on(day, start):
                    return _on(day, start)
                if moment < _on(day, end):
                    return moment
        return _on(self.next_working_day(day), self.hours.sessions[0][0])

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """Advance ``amount`` of office time from ``start``; the result is office time.

        When the amount runs out exactly at the end of a session the result is that
        end (e.g. 17:00), which is still within the working day.
        """
        if amount < timedelta(0):
            raise ValueError("working time to add must not be negative")
        moment = self.next_working_instant(start)
        remaining = amount
        while True:
            day = moment.date()
            for _start, end in self.hours.sessions:
                session_end = _on(day, end)
                if moment >= session_end:
                    continue
                moment = max(moment, _on(day, _start))
                available = session_end - moment
                if remaining <= available:
                    return moment + remaining
                remaining -= available
                moment = session_end
            moment = _on(self.next_working_day(day), self.hours.sessions[0][0])

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time from ``start`` to ``end`` (zero when ``end`` is not after ``start``)."""
        total = timedelta(0)
        moment = self.next_working_instant(start)
        while moment < end:
            day = moment.date()
            for session_start, session_end in self.hours.sessions:
                begin = max(moment, _on(day, session_start))
                finish = min(end, _on(day, session_end))
                if finish > begin:
                    total += finish - begin
            moment = _on(self.next_working_day(day), self.hours.sessions[0][0])
        return total

    def appointment(self, received_at: datetime, processing: ProcessingTime) -> datetime:
        """When the result is due, for a dossier received at ``received_at``."""
        received_at = received_at.astimezone(VN_TZ)
        day = received_at.date()
        if processing.kind is ProcessingKind.SAME_DAY:
            in_time = (
                self.is_working_day(day)
                and received_at < self.closing_time(day)
                and (processing.cutoff is None or received_at.time() < processing.cutoff)
            )
            return self.closing_time(day if in_time else self.next_working_day(day))
        return self.add_working_time(received_at, self.hours.day_length * processing.days)
