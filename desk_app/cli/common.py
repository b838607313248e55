"""What the commands share: the data folder, signing in, secrets asked on the terminal,
days as officers write them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.language import say
from desk_app.domain.errors import DeskError
from desk_app.domain.identity import parse_vn_date
from desk_app.platform.data_folder import default_data_dir

if TYPE_CHECKING:
    from desk_app.services.access import Unlocked
    from desk_app.services.desk import Desk


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def password(args: argparse.Namespace, *, prompt: bool = True) -> str | None:
    """``DESK_APP_PASSWORD``, else (``sync`` on Windows) the password sealed by
    ``seal-password``, else asked on the terminal (never echoed)."""
    from desk_app.services.signin import password_from_environment

    given = password_from_environment()
    if given is None and args.command == "sync":
        from desk_app.services.sync_secret import sealed_sync_password

        given = sealed_sync_password(data_dir(args), args.officer)
    question = say(f"Mật khẩu của {args.officer}: ", f"Password of {args.officer}: ")
    return secret(given, question if prompt else "")


def secret(given: str | None, prompt: str) -> str | None:
    """``given`` (from the environment), else asked on a terminal with ``prompt`` (never
    echoed); None when neither (no prompt, or no terminal: a scheduled run)."""
    if given is None and prompt and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return given


def env_secret(env: str, prompt: str) -> str:
    """``env``'s value, else asked on a terminal; "" when neither."""
    return secret(os.environ.get(env), prompt) or ""


def required_password(args: argparse.Namespace) -> str:
    given = password(args)
    if given is None:
        raise DeskError(
            say(
                f"Cần mật khẩu của «{args.officer}»: chạy trong cửa sổ lệnh để nhập, hoặc đặt "
                "biến môi trường DESK_APP_PASSWORD (cho lịch chạy tự động).",
                f"The password of «{args.officer}» is needed: run in a terminal to type it, "
                "or set the environment variable DESK_APP_PASSWORD (for scheduled runs).",
            )
        )
    return given


def open_for(
    args: argparse.Namespace,
    *,
    demo: bool = False,
    check_later: bool = False,
    unlocked: Unlocked | None = None,
) -> Desk:
    """The desk of ``--data-dir`` signed in as ``--officer`` (or with the key ``unlocked``
    already gave); with ``demo``, a data folder not yet set up becomes the demo commune's
    (administrator «admin», password «demo»)."""
    from desk_app.app import open_desk
    from desk_app.services.access import ADMIN, DEMO_PASSWORD, is_set_up, set_up_desk
    from desk_app.services.clock import system_clock

    folder = data_dir(args)
    if demo and not is_set_up(folder):
        set_up_desk(
            folder, username=ADMIN, full_name="Quản trị (xã mẫu)", password=DEMO_PASSWORD,
            clock=system_clock, demo=True,
        )  # fmt: skip
        print(
            say(
                "XÃ MẪU, CHỈ ĐỂ DÙNG THỬ: tài khoản «admin», mật khẩu «demo». "
                "Không nhập hồ sơ thật vào xã mẫu.",
                "DEMO COMMUNE, FOR TRYING OUT ONLY: account «admin», password «demo». "
                "Do not enter real dossiers into the demo commune.",
            ),
            file=sys.stderr,
        )
        return open_desk(folder, officer=ADMIN, password=DEMO_PASSWORD)
    desk = open_desk(
        folder,
        officer=args.officer,
        password=None if unlocked else required_password(args),
        unlocked=unlocked,
        check_later=check_later,
    )  # (check_later: the window proves the clean-close mark after its first paint)
    if desk.storage.read_only:
        print(
            say(
                f"Lưu ý: thư mục dữ liệu {folder} chỉ đọc được: xem, tìm và xuất được, không "
                "lưu được gì (kể cả nhật ký truy cập).",
                f"Note: the data folder {folder} is read-only: viewing, searching and "
                "exporting work, nothing can be saved (not even the access log).",
            ),
            file=sys.stderr,
        )
    return desk


def day(text: str, option: str) -> date:
    """A day given as 2026-03-01 or as officers write it, 01/03/2026."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return parse_vn_date(text, field=option, label="Ngày")
    except DeskError as err:
        raise DeskError(
            say(
                f"{option} không hợp lệ: {err.message} Ghi dạng 2026-03-01 hoặc 01/03/2026.",
                f"{option} is not valid: {err.message} Write it as 2026-03-01 or 01/03/2026.",
            )
        ) from None


Handler = Callable[[argparse.Namespace], int]
DeskCommand = Callable[["Desk", argparse.Namespace], int]
# adds one sub-command: its name, help and handler (desk_app.cli.parser)
Command = Callable[[str, str, Handler], argparse.ArgumentParser]


def on_desk(run: DeskCommand, *, demo: bool = False) -> Handler:
    """A command that works on the signed-in desk, closed after it whatever happens."""

    def handler(args: argparse.Namespace) -> int:
        desk = open_for(args, demo=demo)
        try:
            return run(desk, args)
        finally:
            desk.close()

    return handler
