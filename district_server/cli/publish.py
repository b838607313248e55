"""What the district publishes to its desks: a catalogue version, a holiday-calendar day, an
officer account and its revocation. The desks receive them at their next sync."""

from __future__ import annotations

import argparse
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk_app.platform.command_language import say
from district_server import publishing
from district_server.cli.common import Refused, command, store_of

log = logging.getLogger(__name__)

_KIND = {
    "publish-catalogue": "catalogue",
    "publish-day": "calendar",
    "publish-officer": "officer",
    "revoke-officer": "officer",
    "publish-trust": "trust",
    "publish-fee": "fee_amount",
}


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalogue = command(
        sub,
        "publish-catalogue",
        say(
            "phát hành một phiên bản danh mục thủ tục tới các quầy",
            "publish a version of the procedure catalogue to the desks",
        ),
    )
    catalogue.add_argument(
        "file",
        type=Path,
        help=say(
            "tệp danh mục (JSON), hoặc danh mục công bố dạng bảng (.xlsx, .csv)",
            "the catalogue file (JSON), or a published list as a table (.xlsx, .csv)",
        ),
    )
    catalogue.add_argument(
        "--version",
        default="",
        help=say("số phiên bản (với tệp bảng)", "the version number (for a table file)"),
    )
    day = command(
        sub,
        "publish-day",
        say(
            "phát hành ngày nghỉ thêm (off) hoặc ngày làm bù (work)",
            "publish an extra day off (off) or a make-up working day (work)",
        ),
    )
    day.add_argument(
        "--day", required=True, help=say("ngày, dạng 2026-09-01", "day, as 2026-09-01")
    )
    day.add_argument("--kind", required=True, choices=("off", "work"))
    day.add_argument(
        "--note", default="", help=say("căn cứ (số văn bản)", "basis (document number)")
    )
    day.add_argument(
        "--commune",
        help=say("chỉ cho một xã (mặc định: mọi xã)", "one commune only (default: all)"),
    )
    fee = command(
        sub,
        "publish-fee",
        say(
            "phát hành mức thu phí, lệ phí do HĐND tỉnh quy định cho một thủ tục",
            "publish the amount the province set for a procedure's fee",
        ),
    )
    fee.add_argument("--procedure", required=True, help=say("mã thủ tục", "procedure code"))
    fee.add_argument(
        "--amount", required=True, help=say("số đồng mỗi bộ hồ sơ", "đồng per dossier set")
    )
    fee.add_argument(
        "--basis", default="", help=say("căn cứ (số nghị quyết)", "basis (resolution number)")
    )
    fee.add_argument(
        "--commune",
        help=say("chỉ cho một xã (mặc định: mọi xã)", "one commune only (default: all)"),
    )
    officer = command(
        sub,
        "publish-officer",
        say(
            "tạo hoặc sửa tài khoản cán bộ của một xã",
            "create or change a commune officer's account",
        ),
    )
    officer.add_argument("--commune", required=True)
    officer.add_argument("--username", required=True)
    officer.add_argument("--full-name", required=True)
    officer.add_argument("--role", default="reception", choices=publishing.ROLES)
    revoke = command(
        sub,
        "revoke-officer",
        say("thu hồi tài khoản cán bộ của một xã", "revoke a commune officer's account"),
    )
    revoke.add_argument("--commune", required=True)
    revoke.add_argument("--username", required=True)
    revoke.add_argument("--reason", required=True)
    trust = command(
        sub,
        "publish-trust",
        say(
            "phát hành danh sách CSCA tin cậy (xác thực chip thẻ căn cước) tới các quầy",
            "publish the CSCA trust list (ID card chip verification) to the desks",
        ),
    )
    trust.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar=say("TỆP", "FILE"),
        help=say(
            "chứng thư CSCA (PEM, gói PEM hoặc DER); danh sách mới thay cả danh sách cũ",
            "CSCA certificates (PEM, a PEM bundle or DER); the new list replaces the old whole",
        ),
    )
    trust.add_argument(
        "--version",
        default="",
        help=say(
            "số phiên bản (mặc định: theo nội dung)", "the version (default: from the content)"
        ),
    )
    for parser in (catalogue, day, officer, revoke, trust):
        parser.set_defaults(handler=publish)


def publish(args: argparse.Namespace) -> int:
    try:
        return _publish(args, datetime.now(UTC))
    except publishing.Unpublishable as err:
        raise Refused(str(err)) from None


def _publish(args: argparse.Namespace, now: datetime) -> int:
    store = store_of(args)
    commune: str | None = None
    document: dict[str, Any]
    if args.command == "publish-catalogue" and args.file.suffix.lower() in (".xlsx", ".csv"):
        key, document = publishing.catalogue_from_table(args.file, args.version, now.date())
        what = say(f"danh mục phiên bản {key}", f"catalogue version {key}")
    elif args.command == "publish-catalogue":
        try:
            document = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise publishing.Unpublishable(
                say(
                    f"Không đọc được {args.file.name}: {type(err).__name__}.",
                    f"Cannot read {args.file.name}: {type(err).__name__}.",
                )
            ) from None
        key, document = publishing.catalogue(document)
        what = say(f"danh mục phiên bản {key}", f"catalogue version {key}")
    elif args.command == "publish-trust":
        key, document = publishing.trust(args.files, args.version, now)
        held = store.latest_published("trust", key, None)
        if held is not None and held.get("sha256") != document["sha256"]:
            raise publishing.Unpublishable(
                say(
                    f"Phiên bản {key} của danh sách tin cậy đã phát hành với nội dung khác: "
                    "đặt số phiên bản mới (--version).",
                    f"Trust list version {key} was published with other content: give a new "
                    "version (--version).",
                )
            )
        what = say(
            f"danh sách CSCA tin cậy phiên bản {key} ({len(document['sha256'])} chứng thư)",
            f"CSCA trust list version {key} ({len(document['sha256'])} certificates)",
        )
        log.info(
            "trust list %s published: %s",
            key,
            "; ".join(
                f"{s} sha256={h}"
                for s, h in zip(document["subjects"], document["sha256"], strict=True)
            ),
        )
    elif args.command == "publish-fee":
        key, document = publishing.fee_amount(args.procedure, args.amount, args.basis)
        commune = args.commune
        what = say(
            f"mức thu {document['amount']:,} đ của thủ tục {key}".replace(",", "."),
            f"the amount {document['amount']:,} đ of procedure {key}".replace(",", "."),
        )
    elif args.command == "publish-day":
        key, document = publishing.calendar_day(args.day, args.kind, args.note)
        commune = args.commune
        if args.kind == "off":
            what = say(f"ngày nghỉ thêm {key}", f"extra day off {key}")
        else:
            what = say(f"ngày làm bù {key}", f"make-up working day {key}")
    else:
        commune = args.commune.strip()
        if args.command == "publish-officer":
            key, document = publishing.officer(args.username, args.full_name, args.role)
            what = say(f"tài khoản {key} của {commune}", f"account {key} of {commune}")
        else:
            held = store.latest_published("officer", args.username.strip().lower(), commune)
            if held is None:
                raise publishing.Unpublishable(
                    say(
                        f"Xã {commune} không có tài khoản «{args.username}» đã phát hành.",
                        f"Commune {commune} has no published account «{args.username}».",
                    )
                )
            key, document = publishing.officer(
                held["username"], held["full_name"], held["role"], revoked_at=now,
                reason=args.reason,
            )  # fmt: skip
            what = say(
                f"việc thu hồi tài khoản {key} của {commune}",
                f"the revocation of account {key} of {commune}",
            )
    position = store.publish(_KIND[args.command], key, document, now, commune)
    print(
        say(
            f"Đã phát hành {what} (số {position}); các quầy nhận ở lần đồng bộ tới.",
            f"Published {what} (number {position}); the desks receive it at their next sync.",
        )
    )
    return 0
