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
    find = command(
        "hub-find",
        say(
            "tìm hub của xã trong mạng nội bộ (mDNS); với --fingerprint và --code: đăng ký "
            "với hub có đúng dấu khóa đọc trên màn hình hub (hub-status)",
            "find the commune hubs on the LAN (mDNS); with --fingerprint and --code: enrol "
            "with the hub whose key has the fingerprint read on the hub's screen (hub-status)",
        ),
        on_desk(hub_find),
    )
    find.add_argument(
        "--wait",
        type=float,
        default=3.0,
        help=say("số giây chờ các hub trả lời", "seconds to wait for hubs to answer"),
    )
    find.add_argument(
        "--fingerprint",
        default="",
        help=say("dấu khóa của hub đã xác nhận", "the hub's key fingerprint, as confirmed"),
    )
    find.add_argument(
        "--code",
        default="",
        help=say("mã đăng ký quầy do hub cấp", "the desk enrolment code the hub made"),
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


def hub_find(desk: Desk, args: argparse.Namespace) -> int:
    from desk_app.domain.errors import DeskError
    from desk_app.services.sync import SyncError

    found = desk.sync.find_hubs(max(0.1, args.wait))
    for hub in found:
        print(say(f"Hub của xã {hub.commune_code} tại {hub.url}, dấu khóa {hub.fingerprint}",
                  f"Hub of commune {hub.commune_code} at {hub.url}, key fingerprint "
                  f"{hub.fingerprint}"))  # fmt: skip
    if not found:
        print(say("Không tìm thấy hub nào trong mạng nội bộ.", "No hub found on the LAN."))
    if not (args.fingerprint and args.code):
        return 0 if found else 1
    # every hub advertised with this fingerprint is asked to prove it holds that key; an
    # advertisement is only a hint (anybody on the LAN can send one)
    refusals = []
    for hub in found:
        try:
            identity = desk.sync.enrol_found(hub.url, args.code, args.fingerprint)
        except SyncError as err:
            refusals.append(f"{hub.url}: {err.message}")
            continue
        print(say(f"Đã đăng ký quầy {identity.desk_number} của {identity.commune_code} với hub "
                  f"{identity.server_url}.",
                  f"Enrolled desk {identity.desk_number} of {identity.commune_code} with the "
                  f"hub {identity.server_url}."))  # fmt: skip
        return 0
    told = say(
        "Không hub nào có đúng dấu khóa đã xác nhận; quầy không đăng ký.",
        "No hub holds the confirmed key; the desk did not enrol.",
    )
    raise DeskError(" ".join([told, *refusals]))


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
