"""The window (the default command) and the self-check after installation."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, data_dir, open_for, password, secret
from desk_app.cli.language import say
from desk_app.domain.errors import DeskError
from desk_app.logs import LOG_DIR, LOG_FILE

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    command(
        "gui",
        say("mở cửa sổ quầy tiếp nhận (mặc định)", "open the desk's window (the default)"),
        run,
    )
    smoke = command(
        "smoke",
        say(
            "tự kiểm tra sau khi cài: mở cửa sổ trên một thư mục dữ liệu mới (xã mẫu), lập một "
            "hồ sơ mẫu, số hoá một trang thử, hiện Giấy tiếp nhận rồi thoát với mã 0",
            "self-check after installing: open the window on a new data folder (the demo "
            "commune), record a sample dossier, digitise a test page, show its receipt and "
            "exit with code 0",
        ),
        self_check,
    )
    smoke.add_argument(
        "--out",
        type=Path,
        required=True,
        help=say("tệp PDF của Giấy tiếp nhận", "the receipt's PDF file"),
    )
    smoke.add_argument(
        "--sign",
        type=Path,
        help=say(
            "tệp chứng thư số .p12 để ký thử trang số hoá (mật khẩu trong "
            "DESK_APP_SIGN_PASSPHRASE, nếu không thì hỏi)",
            "a .p12 certificate file to sign the test page with (its passphrase in "
            "DESK_APP_SIGN_PASSPHRASE, else asked)",
        ),
    )
    smoke.add_argument(
        "--scan",
        nargs="?",
        const="",
        metavar=say("MÁY_QUÉT", "SCANNER"),
        help=say(
            "quét trang thử trên máy quét của máy này (tên thiết bị; bỏ trống: máy đầu tiên "
            "tìm thấy) thay cho trang vẽ sẵn",
            "scan the test page on this PC's scanner (a device name; empty: the first found) "
            "instead of the drawn one",
        ),
    )


def run(args: argparse.Namespace) -> int:
    """The window: signed in from the command line (DESK_APP_PASSWORD), else through the
    sign-in dialog (or the first-run wizard)."""
    given = password(args, prompt=False)
    if given is None:
        return _login(data_dir(args))
    from desk_app.services.clock import system_clock
    from desk_app.services.signin import unlock_in_background

    # argon2 derives the key on its own thread while Qt and the window's modules load
    unlocking = unlock_in_background(data_dir(args), args.officer, given, system_clock)
    from desk_app.ui.main import create_application, run_gui

    create_application()  # Qt starts while the key derives too (as bench.startup measures)
    desk = open_for(args, check_later=True, unlocked=unlocking.result())
    try:
        return run_gui(desk, data_dir(args))
    finally:
        desk.close()


def _login(folder: Path) -> int:
    from desk_app.app import open_desk
    from desk_app.services.access import is_set_up, set_up_desk
    from desk_app.services.clock import system_clock
    from desk_app.ui.main import run_gui_login

    def opened(username: str, password: str) -> Desk:
        return open_desk(folder, officer=username, password=password, check_later=True)

    def set_up(username: str, full_name: str, password: str) -> str:
        return set_up_desk(
            folder, username=username, full_name=full_name, password=password,
            clock=system_clock,
        )  # fmt: skip

    return run_gui_login(opened, None if is_set_up(folder) else set_up, folder)


def self_check(args: argparse.Namespace) -> int:
    from desk_app.services.access import is_set_up
    from desk_app.ui.smoke import run_smoke

    if is_set_up(data_dir(args)):
        raise DeskError(
            say(
                "Tự kiểm tra cần một thư mục dữ liệu mới: thư mục này đã có dữ liệu quầy.",
                "The self-check needs a new data folder: this one already holds a desk's data.",
            )
        )
    signer = None
    if args.sign is not None:
        from desk_app.services.digitisation import Pkcs12Identity

        passphrase = secret(
            os.environ.get("DESK_APP_SIGN_PASSPHRASE"),
            say(f"Mật khẩu của chứng thư {args.sign.name}: ", f"Passphrase of {args.sign.name}: "),
        )
        signer = Pkcs12Identity(args.sign, passphrase or "")
    code = run_smoke(open_for(args, demo=True), args.out, signer, args.scan)
    if code != 0:  # what failed, with its traceback, went to the desk's log
        log_file = data_dir(args) / LOG_DIR / LOG_FILE
        print(
            say(
                f"Lỗi: tự kiểm tra không đạt; chi tiết trong {log_file}.",
                f"Error: the self-check failed; details in {log_file}.",
            ),
            file=sys.stderr,
        )
    return code
