"""``desk-app demo``: a demo commune with synthetic dossiers (desk_app.demo)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, on_desk
from desk_app.cli.language import integer, number, say

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    demo = command(
        "demo",
        say("tạo xã mẫu với hồ sơ giả lập", "make a demo commune with synthetic dossiers"),
        on_desk(make_demo, demo=True),
    )
    demo.add_argument(
        "--dossiers",
        type=integer(),
        default=2000,
        help=say("số hồ sơ mẫu (mặc định 2000)", "how many dossiers (2000 by default)"),
    )
    demo.add_argument(
        "--seed",
        type=integer(),
        default=2026,
        help=say("hạt giống ngẫu nhiên (mặc định 2026)", "the random seed (2026 by default)"),
    )


def make_demo(desk: Desk, args: argparse.Namespace) -> int:
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(
                say("\rĐang tạo hồ sơ mẫu: ", "\rMaking demo dossiers: ")
                + f"{number(done)}/{number(total)}",
                end="",
                file=sys.stderr,
            )

    summary = desk.demo.create(args.dossiers, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    elapsed = time.monotonic() - started
    print(
        say(
            f"Đã tạo xã mẫu với {number(summary.dossiers)} hồ sơ của "
            f"{number(summary.citizens)} công dân trong {elapsed:.1f} giây, tại {desk.data_dir}.",
            f"Made the demo commune with {number(summary.dossiers)} dossiers of "
            f"{number(summary.citizens)} citizens in {elapsed:.1f} s, in {desk.data_dir}.",
        ),
        file=sys.stderr,
    )
    return 0
