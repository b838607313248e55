"""The ``desk-app`` argument parser: the options every command takes, then each command
group's own (one module each), every word in the command's language."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk_app.cli import (
    accounts,
    backup,
    calendar,
    card,
    catalogue,
    demo,
    digitise,
    dossiers,
    fees,
    gui,
    reports,
    sync,
)
from desk_app.cli.common import Handler
from desk_app.cli.language import argparse_in_vietnamese, say

GROUPS = (
    gui,
    accounts,
    backup,
    demo,
    dossiers,
    reports,
    catalogue,
    sync,
    digitise,
    card,
    fees,
    calendar,
)


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
    for each in sub.choices.values():
        _name_values(each)
    return parser


# What an option's value is called in the usage lines ("--out TỆP"), by the option's dest;
# argparse would write the dest in capitals, in English.
METAVARS = {
    "out": ("TỆP", "FILE"),
    "to": ("THƯ_MỤC", "FOLDER"),
    "keep": ("SỐ", "N"),
    "limit": ("SỐ", "N"),
    "dossiers": ("SỐ", "N"),
    "seed": ("SỐ", "N"),
    "component": ("SỐ", "N"),
    "admin": ("TÀI_KHOẢN", "ACCOUNT"),
    "name": ("HỌ_TÊN", "NAME"),
    "sign": ("TỆP_P12", "P12_FILE"),
    "p12": ("TỆP_P12", "P12_FILE"),
    "procedure": ("MÃ_THỦ_TỤC", "PROCEDURE"),
    "received": ("THỜI_ĐIỂM", "TIME"),
    "period": ("KỲ", "PERIOD"),
    "date_from": ("NGÀY", "DAY"),
    "date_to": ("NGÀY", "DAY"),
    "issued": ("NGÀY", "DAY"),
    "valid_until": ("NGÀY", "DAY"),
    "server": ("ĐỊA_CHỈ", "URL"),
    "code": ("MÃ", "CODE"),
    "doc_type": ("LOẠI", "TYPE"),
    "owner": ("SỐ_ĐỊNH_DANH", "ID_NUMBER"),
    "number": ("SỐ_HIỆU", "NUMBER"),
    "issuer": ("CƠ_QUAN", "ISSUER"),
    "pkcs11_module": ("THƯ_VIỆN", "LIBRARY"),
    "token": ("TÊN_TOKEN", "TOKEN"),
    "day": ("NGÀY", "DAY"),
    "year": ("NĂM", "YEAR"),
    "note": ("GHI_CHÚ", "NOTE"),
}


def _name_values(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:  # argparse keeps them there; there is no public list
        named = action.metavar is not None or action.choices is not None
        if action.option_strings and action.nargs != 0 and not named and action.dest in METAVARS:
            action.metavar = say(*METAVARS[action.dest])


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, or argparse's own refusal (exit 2) or help (exit 0) in the command's
    language."""
    with argparse_in_vietnamese():
        return build().parse_args(argv)
