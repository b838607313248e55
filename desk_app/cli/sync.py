"""Sync with the district server: enrolment, one sync (the nightly schedule's), and the
USB pack with its acknowledgement."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, on_desk
from desk_app.cli.language import say

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    enrol = command(
        "enrol",
        say(
            "đăng ký quầy với máy chủ cấp trên bằng mã dùng một lần",
            "enrol the desk with the upstream server using a one-time code",
        ),
        on_desk(enrol_desk),
    )
    enrol.add_argument(
        "--server",
        required=True,
        help=say(
            "địa chỉ máy chủ, ví dụ https://motcua.example.vn",
            "the server's address, e.g. https://motcua.example.vn",
        ),
    )
    enrol.add_argument(
        "--code",
        required=True,
        help=say(
            "mã đăng ký do quản trị máy chủ cấp",
            "the enrolment code from the server's administrator",
        ),
    )
    enrol.add_argument(
        "--lookup-base",
        default="",
        help=say(
            "địa chỉ https tra cứu tình trạng in trong mã QR (hệ thống một cửa tỉnh hoặc cổng "
            "dịch vụ công); mặc định: địa chỉ máy chủ công bố, hoặc chính máy chủ",
            "the https status-lookup address printed in the QR (the provincial one-stop "
            "system or the public service portal); default: the one the server announces, "
            "or the server itself",
        ),
    )
    command(
        "sync",
        say(
            "đồng bộ một lần với máy chủ (cho lịch chạy hằng đêm); mã thoát 0 khi không còn gì "
            "chờ, 1 khi còn mục chờ gửi, 3 khi đã gửi hết nhưng có mục lỗi chờ người xử lý",
            "sync once with the server (for the nightly schedule); exit code 0 when nothing "
            "waits, 1 when entries still wait to be sent, 3 when all were sent but some "
            "problems wait for a person",
        ),
        on_desk(sync_once),
    )
    export_pack = command(
        "export-pack",
        say(
            "ghi gói dữ liệu chưa gửi (kèm tệp số hóa) ra USB",
            "write what was not sent (with its scanned files) to a pack for a USB stick",
        ),
        on_desk(write_pack),
    )
    export_pack.add_argument(
        "--out",
        type=Path,
        required=True,
        help=say("tệp gói sẽ ghi (.zip)", "the pack file to write (.zip)"),
    )
    import_ack = command(
        "import-ack",
        say(
            "nhập tệp xác nhận của máy chủ cho gói USB đã gửi",
            "read the server's acknowledgement of a USB pack",
        ),
        on_desk(read_ack),
    )
    import_ack.add_argument(
        "file",
        type=Path,
        metavar=say("TỆP", "FILE"),
        help=say("tệp xác nhận của máy chủ", "the server's acknowledgement file"),
    )


def enrol_desk(desk: Desk, args: argparse.Namespace) -> int:
    identity = desk.sync.enrol(args.server, args.code, args.lookup_base)
    lookup = desk.settings.load().lookup_base_url
    print(
        say(
            f"Đã đăng ký quầy {identity.desk_number} của {identity.commune_code} với máy chủ "
            f"{identity.server_url} (mã quầy {identity.desk_id}). Mã QR tra cứu tại {lookup}.",
            f"Enrolled desk {identity.desk_number} of {identity.commune_code} with the server "
            f"{identity.server_url} (desk id {identity.desk_id}). QR look-up at {lookup}.",
        ),
        file=sys.stderr,
    )
    return 0


def sync_once(desk: Desk, args: argparse.Namespace) -> int:
    summary = desk.sync.run_once()
    print(summary.line)
    if summary.pending:
        return 1
    return 3 if summary.problems else 0


def write_pack(desk: Desk, args: argparse.Namespace) -> int:
    pack = desk.sync.export_pack(args.out)
    size = f"{pack.bytes / 1024:.0f} KB"
    print(
        say(
            f"Đã ghi gói {args.out}: mục {pack.from_seq}–{pack.to_seq} ({pack.entries} mục), "
            f"{pack.blobs} tệp số hóa, {size}.",
            f"Wrote the pack {args.out}: entries {pack.from_seq}–{pack.to_seq} "
            f"({pack.entries} entries), {pack.blobs} scanned files, {size}.",
        ),
        file=sys.stderr,
    )
    return 0


def read_ack(desk: Desk, args: argparse.Namespace) -> int:
    acked = desk.sync.import_ack(args.file)
    state = desk.sync.state()
    print(
        say(
            f"Máy chủ đã xác nhận đến mục {acked}; còn chờ {state.pending} mục.",
            f"The server acknowledged up to entry {acked}; {state.pending} entries still wait.",
        ),
        file=sys.stderr,
    )
    return 0
