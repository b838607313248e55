"""Reports: a period's results (Excel or PDF) and the tracking book (Form 07)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, day, on_desk
from desk_app.cli.language import number, say

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    report = command(
        "report",
        say(
            "xuất báo cáo kết quả giải quyết TTHC của một kỳ (.xlsx hoặc .pdf)",
            "write a period's report of procedures handled (.xlsx or .pdf)",
        ),
        on_desk(write_report),
    )
    report.add_argument(
        "--period",
        required=True,
        help=say(
            "kỳ báo cáo: 2026-Q1 (quý), 2026-H1, 2026-03 hoặc 2026",
            "the period: 2026-Q1 (quarter), 2026-H1, 2026-03 or 2026",
        ),
    )
    report.add_argument(
        "--out",
        type=Path,
        required=True,
        help=say("tệp .xlsx hoặc .pdf sẽ ghi", "the .xlsx or .pdf file to write"),
    )
    book = command(
        "book",
        say(
            "xuất Sổ theo dõi hồ sơ (Mẫu 07) cho một khoảng ngày (.pdf hoặc .xlsx)",
            "write the tracking book (Form 07) for a range of days (.pdf or .xlsx)",
        ),
        on_desk(write_book),
    )
    book.add_argument(
        "--from",
        dest="date_from",
        required=True,
        help=say("từ ngày, ví dụ 2026-03-01", "the first day, e.g. 2026-03-01"),
    )
    book.add_argument(
        "--to",
        dest="date_to",
        required=True,
        help=say("đến ngày, ví dụ 2026-03-31", "the last day, e.g. 2026-03-31"),
    )
    book.add_argument(
        "--out",
        type=Path,
        required=True,
        help=say("tệp .pdf hoặc .xlsx sẽ ghi", "the .pdf or .xlsx file to write"),
    )


def write_report(desk: Desk, args: argparse.Namespace) -> int:
    period = desk.reports.period(args.period)
    figures = desk.reports.report(period)
    desk.reports.write_report(figures, args.out)
    t = figures.total
    print(
        say(
            f"{period.label}: kỳ trước chuyển qua {number(t.carried_over)}, tiếp nhận "
            f"{number(t.received)}, đã giải quyết {number(t.finished)} (quá hạn "
            f"{number(t.finished_late)}), đang giải quyết {number(t.open)}. Đã ghi {args.out}",
            f"{period.label}: carried over {number(t.carried_over)}, received "
            f"{number(t.received)}, finished {number(t.finished)} (late "
            f"{number(t.finished_late)}), open {number(t.open)}. Wrote {args.out}",
        ),
        file=sys.stderr,
    )
    return 0


def write_book(desk: Desk, args: argparse.Namespace) -> int:
    first, last = day(args.date_from, "--from"), day(args.date_to, "--to")
    rows = desk.reports.write_book(first, last, args.out)
    print(
        say(
            f"Đã ghi Sổ theo dõi hồ sơ từ {first:%d/%m/%Y} đến {last:%d/%m/%Y} "
            f"({number(rows)} hồ sơ) vào {args.out}",
            f"Wrote the tracking book from {first:%d/%m/%Y} to {last:%d/%m/%Y} "
            f"({number(rows)} dossiers) to {args.out}",
        ),
        file=sys.stderr,
    )
    return 0
