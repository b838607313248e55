"""``district-server``: serve, enrol a desk (one-time code), revoke a desk.

district-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080]
                      [--database-url postgresql://…] [--workers N]
                      [--blobs s3://bucket/prefix [--s3-endpoint http://…]]
                      [--enrol-attempts 5]   # per address per 5 minutes
district-server enrol-desk --data-dir DIR --commune CODE --desk N   # code on last line
district-server revoke-desk --data-dir DIR DESK_ID --reason "…"
district-server publish-catalogue --data-dir DIR FILE.json          # comes into force
district-server publish-day --data-dir DIR --day 2026-09-01 --kind off|work [--note …]
district-server publish-officer --data-dir DIR --commune CODE --username U --full-name "…"
                                [--role reception|leader|admin]
district-server revoke-officer --data-dir DIR --commune CODE --username U --reason "…"
"""

from __future__ import annotations

import argparse
import logging
import logging.config
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.domain.codes import validate_agency_code
from desk_app.domain.errors import DeskError
from district_server import publishing
from district_server.keys import server_key
from district_server.logs import log_config

if TYPE_CHECKING:
    from district_server.store import ServerStore

DB_FILE = "district.sqlite3"
_KIND = {
    "publish-catalogue": "catalogue",
    "publish-day": "calendar",
    "publish-officer": "officer",
    "revoke-officer": "officer",
}


def database_url(data_dir: Path, url: str | None) -> str:
    if url:
        return url
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / DB_FILE}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="district-server", description="Máy chủ Một cửa cấp trên (huyện/tỉnh)."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--data-dir", type=Path, required=True, help="thư mục dữ liệu")
        p.add_argument("--database-url", help="PostgreSQL: postgresql+psycopg://…")
        return p

    serve = command("serve", "chạy máy chủ")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--lookup-base-url", default="", help="địa chỉ công khai của trang tra cứu")
    _blob_options(serve)
    serve.add_argument(
        "--workers", type=int, default=1, help="số tiến trình phục vụ (PostgreSQL: theo số lõi)"
    )
    serve.add_argument(
        "--enrol-attempts",
        type=int,
        help="số lần thử đăng ký quầy mỗi 5 phút từ một địa chỉ (mặc định 5; cả máy chủ: "
        "gấp 6 lần, ít nhất 30)",
    )
    enrol = command("enrol-desk", "tạo mã đăng ký dùng một lần cho một quầy")
    enrol.add_argument("--commune", required=True, help="mã xã (mã cơ quan)")
    enrol.add_argument("--desk", type=int, required=True, help="số quầy (1, 2, …)")
    pack = command("import-pack", "nhập gói dữ liệu USB của một quầy; ghi tệp xác nhận")
    pack.add_argument("pack", type=Path)
    _blob_options(pack)
    pack.add_argument("--ack", type=Path, help="tệp xác nhận sẽ ghi (mặc định: <gói>.ack.json)")
    command("admin-token", "tạo mật khẩu cho trang quản lý /quan-ly (in ở dòng cuối)")
    revoke = command("revoke-desk", "thu hồi quyền kết nối của một quầy")
    revoke.add_argument("desk_id")
    revoke.add_argument("--reason", required=True)
    publish = command("publish-catalogue", "phát hành một phiên bản danh mục thủ tục tới các quầy")
    publish.add_argument("file", type=Path, help="tệp danh mục (JSON)")
    day = command("publish-day", "phát hành ngày nghỉ thêm (off) hoặc ngày làm bù (work)")
    day.add_argument("--day", required=True, help="ngày, dạng 2026-09-01")
    day.add_argument("--kind", required=True, choices=("off", "work"))
    day.add_argument("--note", default="", help="căn cứ (số văn bản)")
    day.add_argument("--commune", help="chỉ cho một xã (mặc định: mọi xã)")
    officer = command("publish-officer", "tạo hoặc sửa tài khoản cán bộ của một xã")
    officer.add_argument("--commune", required=True)
    officer.add_argument("--username", required=True)
    officer.add_argument("--full-name", required=True)
    officer.add_argument("--role", default="reception", choices=publishing.ROLES)
    revoke_officer = command("revoke-officer", "thu hồi tài khoản cán bộ của một xã")
    revoke_officer.add_argument("--commune", required=True)
    revoke_officer.add_argument("--username", required=True)
    revoke_officer.add_argument("--reason", required=True)
    return parser


def _blob_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--blobs",
        default="",
        help="kho tệp số hóa S3: s3://bucket/tiền-tố (mặc định: thư mục dữ liệu)",
    )
    parser.add_argument("--s3-endpoint", default="", help="địa chỉ kho S3 tương thích (MinIO, …)")


# The libraries of each extra, for a clear word when one is missing.
_EXTRA_OF = {"boto3": "s3", "botocore": "s3"}


def _missing_library(err: ModuleNotFoundError) -> int:
    name = (err.name or "?").split(".")[0]
    extra = _EXTRA_OF.get(name, "server")
    what = "kho S3" if extra == "s3" else "máy chủ"
    print(
        f"Lỗi: máy này chưa cài phần {what} (thiếu thư viện {name}). Hãy cài: "
        f"pip install 'desk-app[{extra}]' rồi chạy lại lệnh.",
        file=sys.stderr,
    )
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except ModuleNotFoundError as err:
        return _missing_library(err)


def _main(args: argparse.Namespace) -> int:
    if args.command == "serve":
        # the server's libraries, checked before anything starts
        import fastapi  # noqa: F401
    from district_server.store import ServerStore

    store = ServerStore(database_url(args.data_dir, args.database_url))
    now = datetime.now(UTC)
    if args.command == "enrol-desk":
        if not 1 <= args.desk <= 99:
            print("Lỗi: số quầy phải từ 1 đến 99.", file=sys.stderr)
            return 2
        try:  # the desk's codes start with it, and desks check it as their agency code
            commune = validate_agency_code(args.commune)
        except DeskError as err:
            print(f"Lỗi: {err.message}", file=sys.stderr)
            return 2
        code = store.new_enrol_code(commune, args.desk, now)
        print(f"Mã đăng ký cho quầy {args.desk} của {commune} (dùng một lần, 7 ngày):")
        print(code)
        return 0
    if args.command == "import-pack":
        import json

        from district_server.blob_files import BlobFiles, blob_storage
        from district_server.pack_import import PackRefused, import_pack

        try:
            files = BlobFiles(
                args.data_dir, blob_storage(args.data_dir, args.blobs, args.s3_endpoint)
            )
            ack = import_pack(store, files, server_key(args.data_dir), args.pack)
        except (PackRefused, ValueError) as err:
            print(f"Lỗi: {err}", file=sys.stderr)
            return 2
        target = args.ack or args.pack.with_name(args.pack.name + ".ack.json")
        _write_durably(target, json.dumps(ack, ensure_ascii=False).encode())
        doc = ack["document"]
        print(
            f"Đã nhập gói: máy chủ có đến mục {doc['acked_through']}, thêm {doc['blobs_stored']} "
            f"tệp số hóa. Tệp xác nhận: {target}"
        )
        return 0
    if args.command == "admin-token":
        print("Mật khẩu trang quản lý /quan-ly (tên đăng nhập: admin); chỉ hiện một lần:")
        print(store.new_admin_token(now))
        return 0
    if args.command == "revoke-desk":
        if not store.revoke(args.desk_id, args.reason, now):
            print(f"Lỗi: không có quầy {args.desk_id}.", file=sys.stderr)
            return 2
        print(f"Đã thu hồi quầy {args.desk_id}.")
        return 0
    if args.command in ("publish-catalogue", "publish-day", "publish-officer", "revoke-officer"):
        try:
            return _publish(store, args, now)
        except publishing.Unpublishable as err:
            print(f"Lỗi: {err}", file=sys.stderr)
            return 2
    import uvicorn

    from district_server.blob_files import blob_storage

    try:
        blob_storage(args.data_dir, args.blobs, args.s3_endpoint)  # boto3 there, the URL right
    except ValueError as err:
        print(f"Lỗi: {err}", file=sys.stderr)
        return 2

    logging.config.dictConfig(log_config())
    os.environ["DISTRICT_DATA_DIR"] = str(args.data_dir)
    os.environ["DISTRICT_DATABASE_URL"] = args.database_url or ""
    os.environ["DISTRICT_LOOKUP_BASE_URL"] = args.lookup_base_url
    os.environ["DISTRICT_BLOBS"] = args.blobs
    os.environ["DISTRICT_S3_ENDPOINT"] = args.s3_endpoint
    if args.enrol_attempts is not None:
        os.environ["DISTRICT_ENROL_ATTEMPTS"] = str(max(1, args.enrol_attempts))
    server_key(args.data_dir)  # made once, before several workers could race to make it
    uvicorn.run(
        "district_server.cli:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_config=log_config(),
        # deadlines for a request's head and body (a slow-loris client held a connection,
        # and a file descriptor, for ever)
        http="district_server.connections:PatientH11",
    )
    return 0


def _write_durably(target: Path, data: bytes) -> None:
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


def _publish(store: ServerStore, args: argparse.Namespace, now: datetime) -> int:
    import json

    commune: str | None = None
    if args.command == "publish-catalogue":
        try:
            document = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise publishing.Unpublishable(
                f"Không đọc được {args.file.name}: {type(err).__name__}."
            ) from None
        key, document = publishing.catalogue(document)
        what = f"danh mục phiên bản {key}"
    elif args.command == "publish-day":
        key, document = publishing.calendar_day(args.day, args.kind, args.note)
        commune = args.commune
        what = f"ngày {'nghỉ thêm' if args.kind == 'off' else 'làm bù'} {key}"
    else:
        commune = args.commune.strip()
        if args.command == "publish-officer":
            key, document = publishing.officer(args.username, args.full_name, args.role)
            what = f"tài khoản {key} của {commune}"
        else:
            held = store.latest_published("officer", args.username.strip().lower(), commune)
            if held is None:
                raise publishing.Unpublishable(
                    f"Xã {commune} không có tài khoản «{args.username}» đã phát hành."
                )
            key, document = publishing.officer(
                held["username"], held["full_name"], held["role"], revoked_at=now,
                reason=args.reason,
            )  # fmt: skip
            what = f"việc thu hồi tài khoản {key} của {commune}"
    position = store.publish(_KIND[args.command], key, document, now, commune)
    print(f"Đã phát hành {what} (số {position}); các quầy nhận ở lần đồng bộ tới.")
    return 0


def app_from_environment() -> Any:
    """The app of one serving process (uvicorn starts one per worker)."""
    from district_server import limits
    from district_server.app import create_app
    from district_server.blob_files import BlobFiles, blob_storage
    from district_server.store import ServerStore

    data_dir = Path(os.environ["DISTRICT_DATA_DIR"])
    store = ServerStore(database_url(data_dir, os.environ.get("DISTRICT_DATABASE_URL") or None))
    storage = blob_storage(
        data_dir,
        os.environ.get("DISTRICT_BLOBS") or None,
        os.environ.get("DISTRICT_S3_ENDPOINT") or None,
    )
    return create_app(
        store,
        BlobFiles(data_dir, storage),
        server_key=server_key(data_dir),
        lookup_base_url=os.environ.get("DISTRICT_LOOKUP_BASE_URL", ""),
        enrol_attempts=int(os.environ.get("DISTRICT_ENROL_ATTEMPTS") or 0)
        or limits.ENROL_PER_ADDRESS,
    )


if __name__ == "__main__":
    sys.exit(main())
