"""The procedure catalogue: import the list the province or the ministry published."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, on_desk
from desk_app.cli.language import number, say

if TYPE_CHECKING:  # (the services load when a command runs: tests/cli/test_cli.py)
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    imported = command(
        "catalogue-import",
        say(
            "nhập danh mục thủ tục đã công bố (.xlsx hoặc .csv) thành phiên bản mới",
            "import a published procedure list (.xlsx or .csv) as a new catalogue version",
        ),
        on_desk(import_catalogue),
    )
    imported.add_argument(
        "file", type=Path, help=say("tệp danh mục (.xlsx, .csv)", "the list (.xlsx, .csv)")
    )
    imported.add_argument(
        "--version",
        default="",
        help=say(
            "số phiên bản (mặc định: ngày và dấu vân tay của tệp)",
            "the version (default: the date and the file's fingerprint)",
        ),
    )


def import_catalogue(desk: Desk, args: argparse.Namespace) -> int:
    catalogue = desk.catalogue.import_published(args.file, version=args.version)
    sectors = sorted({p.sector for p in catalogue.procedures})
    print(
        say(
            f"Đã áp dụng danh mục phiên bản {catalogue.version}: "
            f"{number(len(catalogue.procedures))} thủ tục, {number(len(sectors))} lĩnh vực "
            f"({', '.join(sectors)}).",
            f"Catalogue version {catalogue.version} in force: "
            f"{number(len(catalogue.procedures))} procedures, {number(len(sectors))} sectors "
            f"({', '.join(sectors)}).",
        ),
        file=sys.stderr,
    )
    return 0
