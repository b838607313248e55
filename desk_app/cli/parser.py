"""The ``desk-app`` argument parser: the options every command takes, then each command
group's own (one module each), every word in the command's language."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk_app.cli import accounts, backup, demo, digitise, dossiers, gui, reports, sync
from desk_app.cli.common import Handler
from desk_app.cli.language import argparse_in_vietnamese, say

GROUPS = (gui, accounts, backup, demo, dossiers, reports, sync, digitise)


def build() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-app",
        description=say(
            "Phần mềm tiếp nhận hồ sơ tại Bộ phận Một cửa cấp xã.",
            "Dossier reception for the one-stop office of a commune.",
        ),
    )
    data_help = say("thư mục dữ liệu của quầy", "the desk's data folder")
    officer_help = say(
        "tài khoản cán bộ (mặc định admin); mật khẩu hỏi khi chạy hoặc lấy từ biến "
        "DESK_APP_PASSWORD",
        "the officer's account (admin by default); the password is asked, or taken from "
        "DESK_APP_PASSWORD",
    )
    folder, account = say("THƯ_MỤC", "FOLDER"), say("TÀI_KHOẢN", "ACCOUNT")
    parser.add_argument("--data-dir", type=Path, metavar=folder, help=data_help)
    parser.add_argument("--officer", default="admin", metavar=account, help=officer_help)
    sub = parser.add_subparsers(
        dest="command", title=say("lệnh", "commands"), metavar=say("LỆNH", "COMMAND")
    )

    def command(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS, metavar=folder, help=data_help
        )
        p.add_argument("--officer", default=argparse.SUPPRESS, metavar=account, help=officer_help)
        p.set_defaults(handler=handler)
        return p

    for group in GROUPS:
        group.add_parsers(command)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, or argparse's own refusal (exit 2) or help (exit 0) in the command's
    language."""
    with argparse_in_vietnamese():
        return build().parse_args(argv)
