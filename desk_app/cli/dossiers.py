"""Dossiers: search, the receipt (Form 01) to a file, and the appointment date."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, on_desk, open_for
from desk_app.cli.language import integer, say
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.errors import DeskError

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    search = command(
        "search",
        say("tìm hồ sơ, in mỗi hồ sơ một dòng JSON", "find dossiers, one JSON line each"),
        on_desk(search_dossiers),
    )
    search.add_argument(
        "query",
        nargs="?",
        default="",
        metavar=say("TỪ_KHÓA", "WORDS"),
        help=say("từ cần tìm", "the words to look for"),
    )
    search.add_argument(
        "--limit",
        type=integer(),
        default=50,
        help=say("số hồ sơ tối đa (mặc định 50)", "at most this many (50 by default)"),
    )
    receipt = command(
        "receipt",
        say(
            "xuất Giấy tiếp nhận (Mẫu 01) ra tệp PDF; tính là một lần in",
            "write the receipt (Form 01) to a PDF file; counted as one print",
        ),
        on_desk(write_receipt),
    )
    receipt.add_argument(
        "code", metavar=say("MÃ_HỒ_SƠ", "CODE"), help=say("mã hồ sơ", "the dossier's code")
    )
    receipt.add_argument(
        "--out", type=Path, required=True, help=say("tệp PDF sẽ ghi", "the PDF file to write")
    )
    due = command(
        "due", say("tính ngày hẹn trả kết quả", "compute the date the result is due"), due_at
    )
    due.add_argument(
        "--procedure",
        required=True,
        help=say("mã thủ tục, ví dụ 1.001193", "the procedure's code, e.g. 1.001193"),
    )
    due.add_argument(
        "--received",
        required=True,
        help=say(
            "thời điểm nhận, ISO (2026-03-02T16:00)", "when it was received, ISO (2026-03-02T16:00)"
        ),
    )


def search_dossiers(desk: Desk, args: argparse.Namespace) -> int:
    for hit in desk.dossiers.search(args.query, limit=max(1, args.limit)):
        print(json.dumps(asdict(hit), ensure_ascii=False))
    return 0


def write_receipt(desk: Desk, args: argparse.Namespace) -> int:
    from desk_app.services.files import write_atomically

    printed = desk.receipts.next_print(args.code)
    write_atomically(args.out, printed.pdf)  # counted once the file is written
    try:
        desk.receipts.record_print(printed)
    except BaseException:  # not counted, so not given out: the next one is this one
        args.out.unlink(missing_ok=True)
        raise
    again = printed.print_number - 1
    mark = say(f" (bản in lại lần {again})", f" (reprint {again})") if printed.is_reprint else ""
    print(
        say(
            f"Đã ghi Giấy tiếp nhận hồ sơ {printed.code}{mark} vào {args.out}",
            f"Wrote the receipt of dossier {printed.code}{mark} to {args.out}",
        ),
        file=sys.stderr,
    )
    return 0


def due_at(args: argparse.Namespace) -> int:
    """With ``--data-dir``, by that desk's calendar; without, by the bundled one."""
    try:
        received = datetime.fromisoformat(args.received)
    except ValueError:
        raise DeskError(
            say(
                f"Thời điểm nhận «{args.received}» không đúng dạng ISO, ví dụ 2026-03-02T16:00.",
                f"The time received «{args.received}» is not ISO, e.g. 2026-03-02T16:00.",
            )
        ) from None
    if received.tzinfo is None:
        received = received.replace(tzinfo=VN_TZ)
    if args.__dict__.get("data_dir"):
        desk = open_for(args)
        try:
            due = desk.intake.due_at(args.procedure, received)
        finally:
            desk.close()
    else:
        from desk_app.services.catalogue import bundled_due_at

        due = bundled_due_at(args.procedure, received)
    print(due.isoformat(timespec="minutes"))
    return 0
