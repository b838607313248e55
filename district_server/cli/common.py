"""What every command shares: the data folder and database options, the store they open,
and a file written so that a power cut leaves it whole or as it was."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.platform.command_language import say

if TYPE_CHECKING:
    from district_server.store import ServerStore

DB_FILE = "district.sqlite3"


class Refused(Exception):
    """What a command refuses to do, in the command's language (or the rules' words): printed
    after "Lỗi:" with exit code 2."""


def database_url(data_dir: Path, url: str | None) -> str:
    if url:
        return url
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / DB_FILE}"


def store_of(args: argparse.Namespace) -> ServerStore:
    from district_server.store import ServerStore

    return ServerStore(database_url(args.data_dir, args.database_url))


def command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A sub-command with the data folder and database options every command takes."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument(
        "--data-dir", type=Path, required=True, help=say("thư mục dữ liệu", "data folder")
    )
    parser.add_argument("--database-url", help="PostgreSQL: postgresql+psycopg://…")
    return parser


def blob_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--blobs",
        default="",
        help=say(
            "kho tệp số hóa S3: s3://bucket/tiền-tố (mặc định: thư mục dữ liệu)",
            "S3 store of the scanned papers: s3://bucket/prefix (default: the data folder)",
        ),
    )
    parser.add_argument(
        "--s3-endpoint",
        default="",
        help=say("địa chỉ kho S3 tương thích (MinIO, …)", "S3-compatible endpoint (MinIO, …)"),
    )


def write_durably(target: Path, data: bytes) -> None:
    """``target`` holds ``data`` whole, or keeps what it held, even across a power cut."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    from district_server.blob_files import fsync_dir

    fsync_dir(target.parent)
