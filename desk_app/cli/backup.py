"""Backups: one now (while the desk works), and the restore from one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, data_dir, on_desk, required_password
from desk_app.cli.language import integer, number, say

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    backup = command(
        "backup",
        say(
            "sao lưu dữ liệu quầy (chạy được khi đang làm việc); giữ lại các bản mới nhất",
            "back the desk's data up (works while the desk is in use); keeps the newest copies",
        ),
        on_desk(back_up),
    )
    backup.add_argument(
        "--to",
        type=Path,
        help=say(
            "thư mục sao lưu (mặc định: cạnh thư mục dữ liệu, hoặc biến DESK_APP_BACKUP_DIR)",
            "the backup folder (by default: beside the data folder, or DESK_APP_BACKUP_DIR)",
        ),
    )
    backup.add_argument(
        "--keep",
        type=integer(),
        default=7,
        help=say("số bản giữ lại (mặc định 7)", "how many copies to keep (7 by default)"),
    )
    restoring = command(
        "restore",
        say(
            "khôi phục quầy từ một bản sao lưu (đóng phần mềm trước); thư mục dữ liệu cũ "
            "được giữ lại, đổi tên",
            "restore the desk from a backup (close the program first); the old data folder "
            "is kept, renamed",
        ),
        restore_from,
    )
    restoring.add_argument(
        "snapshot",
        type=Path,
        metavar=say("BẢN_SAO_LƯU", "BACKUP"),
        help=say(
            "thư mục bản sao lưu desk-NĂMTHÁNGNGÀY-GIỜ", "the backup's folder desk-YYYYMMDD-HHMMSS"
        ),
    )


def back_up(desk: Desk, args: argparse.Namespace) -> int:
    done = desk.backups.back_up(args.to, keep=args.keep)
    shot = done.snapshot
    print(
        say(
            f"Đã sao lưu {number(shot.dossiers)} hồ sơ vào {shot.path} "
            f"({number(done.copied_papers)} tệp số hóa mới); đã xóa {done.removed} bản cũ, "
            f"giữ {args.keep} bản.",
            f"Backed up {number(shot.dossiers)} dossiers to {shot.path} "
            f"({number(done.copied_papers)} new scanned files); removed {done.removed} old "
            f"copies, keeping {args.keep}.",
        ),
        file=sys.stderr,
    )
    return 0


def restore_from(args: argparse.Namespace) -> int:
    from desk_app.services.backup import restore_desk
    from desk_app.services.clock import system_clock

    password = required_password(args)
    done = restore_desk(data_dir(args), args.snapshot, args.officer, password, system_clock)
    shot = done.snapshot
    print(
        say(
            f"Đã khôi phục {number(shot.dossiers)} hồ sơ từ bản sao lưu {shot.name} "
            f"({shot.created_at:%H:%M %d/%m/%Y}) vào {done.data_dir}.",
            f"Restored {number(shot.dossiers)} dossiers from the backup {shot.name} "
            f"({shot.created_at:%H:%M %d/%m/%Y}) into {done.data_dir}.",
        ),
        file=sys.stderr,
    )
    if done.set_aside:
        print(
            say(
                f"Thư mục dữ liệu trước khi khôi phục được giữ tại {done.set_aside}.",
                f"The data folder as it was before the restore is kept at {done.set_aside}.",
            ),
            file=sys.stderr,
        )
    if done.enrolled:
        print(
            say(
                "Lưu ý: quầy này đồng bộ với máy chủ. Hãy đồng bộ ngay (desk-app sync) trước "
                "khi tiếp nhận hồ sơ mới: quầy lấy lại từ máy chủ các hồ sơ đã gửi sau thời "
                "điểm sao lưu, và số hồ sơ tiếp theo nối sau số lớn nhất đã cấp.",
                "Note: this desk syncs with a server. Sync now (desk-app sync) before "
                "receiving new dossiers: the desk takes back from the server the dossiers sent "
                "after the backup, and the next dossier number follows the largest given.",
            ),
            file=sys.stderr,
        )
    return 0
