"""Desks and administrators: a one-time enrolment code for a desk, a desk's revocation, a
password for the district view (/quan-ly)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

import desk_protocol as protocol
from desk_app.domain.codes import validate_agency_code
from desk_app.domain.errors import DeskError
from desk_app.platform.command_language import integer, say
from district_server.cli.common import Refused, command, store_of
from district_server.keys import public_text, server_key


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    enrol = command(
        sub,
        "enrol-desk",
        say(
            "tạo mã đăng ký dùng một lần cho một quầy", "make a one-time enrolment code for a desk"
        ),
    )
    enrol.add_argument(
        "--commune", required=True, help=say("mã xã (mã cơ quan)", "commune (agency) code")
    )
    enrol.add_argument(
        "--desk",
        type=integer(),
        required=True,
        help=say("số quầy (1, 2, …)", "desk number (1, 2, …)"),
    )
    enrol.set_defaults(handler=enrol_desk)
    hub = command(
        sub,
        "enrol-hub",
        say(
            "tạo mã đăng ký dùng một lần cho hub (máy chủ trung gian) của một xã",
            "make a one-time enrolment code for a commune's hub",
        ),
    )
    hub.add_argument(
        "--commune", required=True, help=say("mã xã (mã cơ quan)", "commune (agency) code")
    )
    hub.set_defaults(handler=enrol_hub)
    status = command(
        sub,
        "hub-status",
        say(
            "hub: những gì còn chờ chuyển lên máy chủ cấp trên, lần liên lạc cuối, lỗi",
            "hub: what waits to go upstream, the last contact, the upstream's refusals",
        ),
    )
    status.set_defaults(handler=hub_status)
    token = command(
        sub,
        "admin-token",
        say(
            "tạo mật khẩu cho trang quản lý /quan-ly (in ở dòng cuối)",
            "make a password for the district view /quan-ly (printed on the last line)",
        ),
    )
    token.set_defaults(handler=admin_token)
    revoke = command(
        sub, "revoke-desk", say("thu hồi quyền kết nối của một quầy", "revoke a desk's access")
    )
    revoke.add_argument("desk_id")
    revoke.add_argument("--reason", required=True, help=say("lý do", "reason"))
    revoke.set_defaults(handler=revoke_desk)


def enrol_desk(args: argparse.Namespace) -> int:
    if not 1 <= args.desk <= 99:
        raise Refused(say("số quầy phải từ 1 đến 99.", "the desk number must be from 1 to 99."))
    try:  # the desk's codes start with it, and desks check it as their agency code
        commune = validate_agency_code(args.commune)
    except DeskError as err:
        raise Refused(err.message) from None
    from district_server.store import ENROL_CODE_DAYS

    code = store_of(args).new_enrol_code(commune, args.desk, datetime.now(UTC))
    print(
        say(
            f"Mã đăng ký cho quầy {args.desk} của {commune} (dùng một lần, {ENROL_CODE_DAYS} ngày):",
            f"Enrolment code for desk {args.desk} of {commune} (single use, {ENROL_CODE_DAYS} days):",
        )
    )
    print(code)
    return 0


def enrol_hub(args: argparse.Namespace) -> int:
    try:
        commune = validate_agency_code(args.commune)
    except DeskError as err:
        raise Refused(err.message) from None
    from district_server.store import ENROL_CODE_DAYS, HUB_NUMBER

    code = store_of(args).new_enrol_code(commune, HUB_NUMBER, datetime.now(UTC))
    print(
        say(
            f"Mã đăng ký hub của {commune} (dùng một lần, {ENROL_CODE_DAYS} ngày):",
            f"Hub enrolment code of {commune} (single use, {ENROL_CODE_DAYS} days):",
        )
    )
    print(code)
    return 0


def hub_status(args: argparse.Namespace) -> int:
    store = store_of(args)
    held = store.hub_values()
    if "hub_id" not in held:
        raise Refused(say("đây không phải hub đã đăng ký.", "this is not an enrolled hub."))
    waiting = store.relay_status()
    oldest = waiting["oldest"].isoformat(timespec="seconds") if waiting["oldest"] else "—"
    print(say(f"Hub của xã {held['commune_code']}, máy chủ cấp trên {held['upstream_url']}",
              f"Hub of commune {held['commune_code']}, upstream {held['upstream_url']}"))  # fmt: skip
    fingerprint = protocol.key_fingerprint(public_text(server_key(args.data_dir)))
    print(say(f"Dấu khóa của hub (quầy đối chiếu khi đăng ký): {fingerprint}",
              f"The hub's key fingerprint (desks check it at enrolment): {fingerprint}"))  # fmt: skip
    print(say(f"Liên lạc được lần cuối: {held.get('last_contact', '—')}",
              f"Last contact: {held.get('last_contact', '—')}"))  # fmt: skip
    if held.get("retired"):
        print(say(f"Đã bị thu hồi: {held['retired']}", f"Revoked: {held['retired']}"))
    if held.get("last_error"):
        print(say(f"Lỗi gần nhất: {held['last_error']}", f"Last error: {held['last_error']}"))
    print(say(f"Chờ chuyển lên: {waiting['batches']} lô (cũ nhất {oldest}), "
              f"{waiting['papers']} tệp số hóa, {waiting['unregistered']} quầy chưa báo",
              f"Waiting: {waiting['batches']} batches (oldest {oldest}), "
              f"{waiting['papers']} papers, {waiting['unregistered']} desks not registered"))  # fmt: skip
    for reason, count in waiting["refusals"].items():
        print(say(f"  bị từ chối ({count} lô): {reason}", f"  refused ({count}): {reason}"))
    for clock in store.clocks_off():
        minutes = round(abs(clock["skew"]) / 60)
        way = say("nhanh", "fast") if clock["skew"] > 0 else say("chậm", "slow")
        print(say(f"Đồng hồ quầy {clock['desk_number']} {way} {minutes} phút so với hub "
                  f"(lúc {clock['at']}): quầy không đồng bộ được đến khi chỉnh lại giờ",
                  f"Desk {clock['desk_number']}'s clock {way} by {minutes} min against the "
                  f"hub (at {clock['at']}): it cannot sync until its clock is set right"))  # fmt: skip
    return 0


def admin_token(args: argparse.Namespace) -> int:
    print(
        say(
            "Mật khẩu trang quản lý /quan-ly (tên đăng nhập: admin); chỉ hiện một lần:",
            "Password of the district view /quan-ly (user name: admin); shown only once:",
        )
    )
    print(store_of(args).new_admin_token(datetime.now(UTC)))
    return 0


def revoke_desk(args: argparse.Namespace) -> int:
    if not store_of(args).revoke(args.desk_id, args.reason, datetime.now(UTC)):
        raise Refused(say(f"không có quầy {args.desk_id}.", f"no desk {args.desk_id}."))
    print(say(f"Đã thu hồi quầy {args.desk_id}.", f"Desk {args.desk_id} revoked."))
    return 0
