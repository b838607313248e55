"""The desk's accounts: first set-up, the administrator's recovery, the password sealed
for the nightly sync, and the access log's check."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, data_dir, on_desk, required_password
from desk_app.cli.language import number, say
from desk_app.domain.errors import DeskError

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

EXIT_AUDIT_BROKEN = 4


def add_parsers(command: Command) -> None:
    setup = command(
        "setup",
        say(
            "thiết lập quầy lần đầu: tạo tài khoản quản trị và mã khôi phục",
            "set the desk up the first time: the administrator's account and a recovery code",
        ),
        set_up,
    )
    setup.add_argument(
        "--admin",
        default="admin",
        help=say(
            "tên đăng nhập quản trị (mặc định admin)",
            "the administrator's user name (admin by default)",
        ),
    )
    setup.add_argument(
        "--name",
        default="Quản trị",
        help=say("họ tên người quản trị", "the administrator's full name"),
    )
    recover = command(
        "recover",
        say(
            "đặt lại mật khẩu quản trị bằng mã khôi phục in lúc thiết lập",
            "reset the administrator's password with the recovery code printed at set-up",
        ),
        recover_admin,
    )
    recover.add_argument(
        "--admin",
        default="admin",
        help=say("tài khoản quản trị cần đặt lại", "the administrator account to reset"),
    )
    command(
        "seal-password",
        say(
            "Windows: niêm phong (DPAPI) mật khẩu của cán bộ cho lịch đồng bộ hằng đêm, chỉ "
            "tài khoản Windows này trên máy này mở được",
            "Windows: seal (DPAPI) the officer's password for the nightly sync; only this "
            "Windows account on this PC can open it",
        ),
        seal_password,
    )
    command(
        "audit-verify",
        say(
            "kiểm tra nhật ký truy cập: mã thoát 0 khi nguyên vẹn, 4 khi có mục bị sửa hoặc xóa",
            "check the access log: exit code 0 when whole, 4 when an entry was changed or deleted",
        ),
        on_desk(audit_verify),
    )


def _new_password(username: str) -> str:
    from desk_app.services.signin import password_from_environment

    value = password_from_environment()
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DeskError(
            say(
                "Cần mật khẩu mới: nhập trong cửa sổ lệnh hoặc đặt DESK_APP_PASSWORD.",
                "A new password is needed: type it in a terminal or set DESK_APP_PASSWORD.",
            )
        )
    import getpass

    first = getpass.getpass(say(f"Mật khẩu mới cho {username}: ", f"New password for {username}: "))
    if getpass.getpass(say("Nhập lại mật khẩu: ", "The password again: ")) != first:
        raise DeskError(say("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."))
    return first


def _print_recovery(code: str) -> None:
    print(
        say(
            "MÃ KHÔI PHỤC (chỉ hiện một lần; in hoặc chép tay, cất nơi an toàn, không lưu "
            "trong máy này). Khi quên mật khẩu quản trị, mã này mở lại được dữ liệu:",
            "RECOVERY CODE (shown once only; print or copy it by hand, keep it safe, not on "
            "this PC). When the administrator's password is forgotten, it opens the data again:",
        ),
        file=sys.stderr,
    )
    print(code)


def set_up(args: argparse.Namespace) -> int:
    from desk_app.services.access import set_up_desk
    from desk_app.services.clock import system_clock

    folder = data_dir(args)
    password = _new_password(args.admin)
    code = set_up_desk(
        folder, username=args.admin, full_name=args.name, password=password,
        clock=system_clock,
    )  # fmt: skip
    print(
        say(
            f"Đã thiết lập quầy tại {folder}; quản trị «{args.admin}».",
            f"The desk is set up in {folder}; administrator «{args.admin}».",
        ),
        file=sys.stderr,
    )
    _print_recovery(code)
    return 0


def recover_admin(args: argparse.Namespace) -> int:
    from desk_app.services.access import recover_admin
    from desk_app.services.clock import system_clock

    folder = data_dir(args)
    code = os.environ.get("DESK_APP_RECOVERY_CODE")
    if code is None and not sys.stdin.isatty():
        raise DeskError(
            say(
                "Cần mã khôi phục: chạy trong cửa sổ lệnh, hoặc đặt DESK_APP_RECOVERY_CODE.",
                "The recovery code is needed: run in a terminal, or set DESK_APP_RECOVERY_CODE.",
            )
        )
    code = code or input(say("Mã khôi phục: ", "Recovery code: "))
    password = _new_password(args.admin)
    new_code = recover_admin(folder, code, args.admin, password, system_clock)
    print(
        say(
            f"Đã đặt lại mật khẩu của «{args.admin}». Mã khôi phục cũ không còn dùng được.",
            f"The password of «{args.admin}» is reset. The old recovery code no longer works.",
        ),
        file=sys.stderr,
    )
    _print_recovery(new_code)
    return 0


def seal_password(args: argparse.Namespace) -> int:
    from desk_app.domain.officers import Permission
    from desk_app.services.sync_secret import seal_sync_password

    if sys.platform != "win32":
        raise DeskError(
            say(
                "Niêm phong mật khẩu chỉ có trên Windows; trên Linux dùng systemd-creds "
                "hoặc DESK_APP_PASSWORD cho lịch chạy.",
                "Sealing a password exists on Windows only; on Linux use systemd-creds or "
                "DESK_APP_PASSWORD for the schedule.",
            )
        )
    folder = data_dir(args)
    password = required_password(args)
    from desk_app.app import open_desk

    desk = open_desk(folder, officer=args.officer, password=password)  # a wrong one stops here
    try:
        desk.session.require(Permission.SYNC)  # the account the task signs in with syncs
    finally:
        desk.close()
    target = seal_sync_password(folder, args.officer, password)
    print(
        say(
            f"Đã niêm phong mật khẩu của «{args.officer}» vào {target}: lịch đồng bộ chạy "
            "bằng tài khoản Windows này sẽ dùng nó.",
            f"The password of «{args.officer}» is sealed in {target}: the sync schedule "
            "running as this Windows account will use it.",
        ),
        file=sys.stderr,
    )
    return 0


def audit_verify(desk: Desk, args: argparse.Namespace) -> int:
    count, breaks = desk.audit.verify()
    anchor = desk.audit.anchor().anchor
    for gap in breaks:
        print(
            say(f"Mục {gap.seq}: {gap.reason}", f"Entry {gap.seq}: {gap.reason}"), file=sys.stderr
        )
    if anchor:
        against = say(
            f"; đối chiếu với xác nhận của máy chủ đến mục {number(anchor.seq)} "
            f"({anchor.signed_at[:16]})",
            f"; checked against the server's acknowledgement up to entry {number(anchor.seq)} "
            f"({anchor.signed_at[:16]})",
        )
    else:
        against = say(
            "; chưa có xác nhận của máy chủ (đồng bộ để có)",
            "; no acknowledgement from the server yet (sync to get one)",
        )
    if breaks:
        print(
            say(
                f"Nhật ký truy cập KHÔNG nguyên vẹn: {len(breaks)} chỗ hỏng trong "
                f"{number(count)} mục{against}.",
                f"The access log is NOT whole: {len(breaks)} breaks in "
                f"{number(count)} entries{against}.",
            )
        )
        return EXIT_AUDIT_BROKEN
    print(
        say(
            f"Nhật ký truy cập nguyên vẹn: {number(count)} mục{against}.",
            f"The access log is whole: {number(count)} entries{against}.",
        )
    )
    return 0
