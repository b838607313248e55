"""The desk's calendar: the days it believes are off (or worked on a weekend), and the
administrator's days off and make-up days (docs/rules/calendar.md)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, day, on_desk
from desk_app.cli.language import say
from desk_app.domain.calendar import DayOverride, OverrideKind

if TYPE_CHECKING:  # (the services load when a command runs: tests/cli/test_cli.py)
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    listing = command(
        "calendar",
        say(
            "liệt kê các ngày quầy coi là nghỉ (ngày thường) hoặc làm việc (cuối tuần) và lý do",
            "list the days the desk takes as off (weekdays) or worked (weekends), and why",
        ),
        on_desk(list_days),
    )
    listing.add_argument(
        "--year", type=int, help=say("năm (mặc định năm nay)", "the year (this year by default)")
    )
    setting = command(
        "set-day",
        say(
            "đặt một ngày nghỉ thêm hoặc ngày làm bù (quản trị; ghi nhật ký, đồng bộ lên cấp trên)",
            "set an extra day off or make-up working day (administrator; logged, synced up)",
        ),
        on_desk(set_day),
    )
    setting.add_argument("--day", required=True, help=say("ngày, ví dụ 2027-02-15", "the day"))
    setting.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in OverrideKind],
        help=say("off: nghỉ; work: làm việc", "off: a day off; work: a working day"),
    )
    setting.add_argument("--note", default="", help=say("căn cứ, ví dụ số văn bản", "the basis"))
    removing = command(
        "remove-day",
        say(
            "bỏ một ngày nghỉ hoặc ngày làm bù quầy đã đặt (theo lại lịch nghỉ lễ)",
            "remove a day off or make-up day the desk set (back to the holiday calendar)",
        ),
        on_desk(remove_day),
    )
    removing.add_argument("--day", required=True, help=say("ngày, ví dụ 2027-02-15", "the day"))


def list_days(desk: Desk, args: argparse.Namespace) -> int:
    year = args.year or date.today().year
    for entry in desk.intake.believed_days(date(year, 1, 1), date(year, 12, 31)):
        line = f"{entry.day:%d/%m/%Y}\t{entry.kind_label}\t{entry.why or '-'}\t{entry.source.label}"
        if entry.upstream_note:
            line += f"\t{entry.upstream_note}"
        print(line)
    return 0


def set_day(desk: Desk, args: argparse.Namespace) -> int:
    when = day(args.day, "--day")
    desk.intake.set_day_override(DayOverride(when, OverrideKind(args.kind), args.note))
    print(say(f"Đã đặt ngày {when:%d/%m/%Y}.", f"Day {when:%d/%m/%Y} set."))
    return 0


def remove_day(desk: Desk, args: argparse.Namespace) -> int:
    when = day(args.day, "--day")
    desk.intake.remove_day_override(when)
    print(say(f"Đã bỏ ngày {when:%d/%m/%Y}.", f"Day {when:%d/%m/%Y} removed."))
    return 0
