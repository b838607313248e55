"""Reporting periods: cut-off days, boundaries and names that do not exist."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.periods import (
    InvalidPeriod,
    PeriodKind,
    check_range,
    parse_period,
    period_containing,
)


@pytest.mark.parametrize(
    ("text", "cutoff", "first", "last"),
    [
        ("2026-Q1", 15, date(2025, 12, 15), date(2026, 3, 14)),  # national rule
        ("2026-Q1", 10, date(2025, 12, 10), date(2026, 3, 9)),  # the Sóc Sơn seed
        ("2026-Q4", 15, date(2026, 9, 15), date(2026, 12, 14)),
        ("2026-Q1", 1, date(2026, 1, 1), date(2026, 3, 31)),  # calendar quarters
        ("2026-H1", 15, date(2025, 12, 15), date(2026, 6, 14)),
        ("2026-H2", 10, date(2026, 6, 10), date(2026, 12, 9)),
        ("2026", 15, date(2025, 12, 15), date(2026, 12, 14)),
        ("2026-01", 15, date(2025, 12, 15), date(2026, 1, 14)),  # across the year end
        ("2026-M12", 1, date(2026, 12, 1), date(2026, 12, 31)),
        ("2026q2", 15, date(2026, 3, 15), date(2026, 6, 14)),
    ],
)
def test_bounds(text: str, cutoff: int, first: date, last: date) -> None:
    period = parse_period(text, cutoff_day=cutoff)
    assert (period.start, period.last_day) == (first, last)


def test_the_14th_and_15th_belong_to_different_quarters() -> None:
    assert period_containing(date(2026, 3, 14), PeriodKind.QUARTER).code == "2026-Q1"
    assert period_containing(date(2026, 3, 15), PeriodKind.QUARTER).code == "2026-Q2"
    assert period_containing(date(2026, 3, 9), PeriodKind.QUARTER, cutoff_day=10).code == "2026-Q1"
    assert period_containing(date(2026, 3, 10), PeriodKind.QUARTER, cutoff_day=10).code == "2026-Q2"
    # December after the cut-off already counts for next year's first quarter.
    assert period_containing(date(2026, 12, 15), PeriodKind.QUARTER).code == "2027-Q1"
    assert period_containing(date(2026, 12, 14), PeriodKind.YEAR).code == "2026"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-Q5", "Không có quý 5"),
        ("2026-Q0", "Không có quý 0"),
        ("2026-13", "Không có tháng 13"),
        ("2026-H3", "6 tháng 3"),
        ("Q1", "không hợp lệ"),
        ("2026/Q1", "không hợp lệ"),
        ("", "không hợp lệ"),
        ("1900", "từ 2000"),
    ],
)
def test_periods_that_do_not_exist(text: str, message: str) -> None:
    with pytest.raises(InvalidPeriod, match=message):
        parse_period(text)


def test_cutoff_and_range_checks() -> None:
    with pytest.raises(InvalidPeriod, match="từ 1 đến 28"):
        parse_period("2026-Q1", cutoff_day=31)
    with pytest.raises(InvalidPeriod, match="đổi lại thứ tự"):
        check_range(date(2026, 3, 2), date(2026, 3, 1))


@given(
    st.sampled_from(list(PeriodKind)),
    st.integers(2001, 2099),
    st.integers(1, 28),
)
def test_periods_of_a_kind_tile_the_years_without_gaps(
    kind: PeriodKind, year: int, cutoff: int
) -> None:
    periods = [parse_period(f"{year}", cutoff_day=cutoff)] if kind is PeriodKind.YEAR else []
    if kind is not PeriodKind.YEAR:
        letter = {"month": "", "quarter": "Q", "half": "H"}[kind.value]
        periods = [
            parse_period(f"{year}-{letter}{n}", cutoff_day=cutoff)
            for n in range(1, kind.per_year + 1)
        ]
    for before, after in itertools.pairwise(periods):
        assert before.end == after.start
    assert periods[0].previous().end == periods[0].start
