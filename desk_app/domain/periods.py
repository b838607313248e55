"""Reporting periods: month, quarter, six months and year, cut on a configurable day.

The national rule (Decree 09/2019) cuts on the 15th, so Q1 2026 runs 15/12/2025 –
14/03/2026; some provinces cut on the 10th; a cut-off day of 1 gives calendar periods.
A period named for a month ends the day before the cut-off in that month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desk_app.domain.errors import DeskError

MIN_YEAR, MAX_YEAR = 2000, 2100
ROMAN = ("I", "II", "III", "IV")


class InvalidPeriod(DeskError):
    """A reporting period or date range that does not exist."""


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "half": 6, "year": 12}[self.value]

    @property
    def per_year(self) -> int:
        """How many periods of this kind a year has."""
        return 12 // self.months


def validate_cutoff_day(day: int) -> int:
    if not 1 <= day <= 28:
        raise InvalidPeriod(
            f"Ngày chốt số liệu báo cáo phải từ 1 đến 28 (đang là {day}).",
            field="report_cutoff_day",
        )
    return day


def _month_start(index: int, cutoff: int) -> date:
    """The cut-off day of month ``index`` (= year * 12 + month - 1)."""
    return date(index // 12, index % 12 + 1, cutoff)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    number: int  # month 1–12, quarter 1–4, half 1–2, or 1 for a year
    cutoff_day: int = 15

    def __post_init__(self) -> None:
        validate_cutoff_day(self.cutoff_day)
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise InvalidPeriod(f"Năm báo cáo phải từ {MIN_YEAR} đến {MAX_YEAR}.")
        if not 1 <= self.number <= self.kind.per_year:
            names = {"month": "tháng", "quarter": "quý", "half": "kỳ 6 tháng", "year": "năm"}
            raise InvalidPeriod(
                f"Không có {names[self.kind.value]} {self.number}: chỉ từ 1 đến {self.kind.per_year}."
            )

    @property
    def end(self) -> date:
        """The first day after the period."""
        last_month = self.year * 12 + self.number * self.kind.months - 1
        return _month_start(last_month + (1 if self.cutoff_day == 1 else 0), self.cutoff_day)

    @property
    def start(self) -> date:
        last_month = self.year * 12 + self.number * self.kind.months - 1
        first = last_month - self.kind.months + (1 if self.cutoff_day == 1 else 0)
        return _month_start(first, self.cutoff_day)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def code(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.year}-{self.number:02d}"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.number}"
            case PeriodKind.HALF:
                return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                name = f"Tháng {self.number:02d} năm {self.year}"
            case PeriodKind.QUARTER:
                name = f"Quý {ROMAN[self.number - 1]} năm {self.year}"
            case PeriodKind.HALF:
                half = "6 tháng đầu" if self.number == 1 else "6 tháng cuối"
                name = f"{half} năm {self.year}"
            case _:
                name = f"Năm {self.year}"
        return f"{name} (từ {self.start:%d/%m/%Y} đến {self.last_day:%d/%m/%Y})"

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1, self.cutoff_day)
        return Period(self.kind, self.year - 1, self.kind.per_year, self.cutoff_day)


_FORMS = (
    (re.compile(r"(\d{4})-?Q(\d{1,2})"), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-?H(\d{1,2})"), PeriodKind.HALF),
    (re.compile(r"(\d{4})-?M?(\d{1,2})"), PeriodKind.MONTH),
    (re.compile(r"(\d{4})"), PeriodKind.YEAR),
)


def parse_period(text: str, *, cutoff_day: int = 15) -> Period:
    """``2026-Q1`` (quarter), ``2026-H1`` (six months), ``2026-03`` (month) or ``2026``."""
    raw = text.strip().upper()
    for pattern, kind in _FORMS:
        match = pattern.fullmatch(raw)
        if match:
            year = int(match.group(1))
            number = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
            return Period(kind, year, number, cutoff_day)
    typed = text.strip()
    shown = typed if len(typed) <= 40 else typed[:40] + "…"  # never echo a pasted page back
    raise InvalidPeriod(
        f"Kỳ báo cáo «{shown}» không hợp lệ. Hãy ghi 2026-Q1 (quý), 2026-H1 (6 tháng), "
        "2026-03 (tháng) hoặc 2026 (năm)."
    )


def period_containing(day: date, kind: PeriodKind, *, cutoff_day: int = 15) -> Period:
    """The period of ``kind`` that ``day`` falls in."""
    for year in (day.year, day.year + 1):
        for number in range(1, kind.per_year + 1):
            period = Period(kind, year, number, cutoff_day)
            if period.start <= day < period.end:
                return period
    raise AssertionError(day)  # pragma: no cover - the periods of two years cover every day


def check_range(date_from: date, date_to: date) -> None:
    """A date range for the tracking book: the first day not after the last."""
    if date_from > date_to:
        raise InvalidPeriod(
            f"Ngày bắt đầu ({date_from:%d/%m/%Y}) sau ngày kết thúc ({date_to:%d/%m/%Y}); "
            "hãy đổi lại thứ tự."
        )
