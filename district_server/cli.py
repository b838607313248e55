"""``district-server``: serve, enrol a desk (one-time code), revoke a desk.

district-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080]
                      [--database-url postgresql://…]
district-server enrol-desk --data-dir DIR --commune CODE --desk N   # code on last line
district-server revoke-desk --data-dir DIR DESK_ID --reason "…"
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from district_server.keys import public_text, server_key
from district_server.store import ServerStore

DB_FILE = "district.sqlite3"


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
    serve.add_argument(
        "--workers", type=int, default=1, help="số tiến trình phục vụ (PostgreSQL: theo số lõi)"
    )
    enrol = command("enrol-desk", "tạo mã đăng ký dùng một lần cho một quầy")
    enrol.add_argument("--commune", required=True, help="mã xã (mã cơ quan)")
    enrol.add_argument("--desk", type=int, required=True, help="số quầy (1, 2, …)")
    pack = command("import-pack", "nhập gói dữ liệu USB của một quầy; ghi tệp xác nhận")
    pack.add_argument("pack", type=Path)
    pack.add_argument("--ack", type=Path, help="tệp xác nhận sẽ ghi (mặc định: <gói>.ack.json)")
    command("admin-token", "tạo mật khẩu cho trang quản lý /quan-ly (in ở dòng cuối)")
    revoke = command("revoke-desk", "thu hồi quyền kết nối của một quầy")
    revoke.add_argument("desk_id")
    revoke.add_argument("--reason", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    store = ServerStore(database_url(args.data_dir, args.database_url))
    now = datetime.now(UTC)
    if args.command == "enrol-desk":
        if not 1 <= args.desk <= 99:
            print("Lỗi: số quầy phải từ 1 đến 99.", file=sys.stderr)
            return 2
        code = store.new_enrol_code(args.commune.strip(), args.desk, now)
        print(f"Mã đăng ký cho quầy {args.desk} của {args.commune} (dùng một lần, 7 ngày):")
        print(code)
        return 0
    if args.command == "import-pack":
        import json

        from district_server.blob_files import BlobFiles
        from district_server.pack_import import PackRefused, import_pack

        try:
            ack = import_pack(store, BlobFiles(args.data_dir), server_key(args.data_dir), args.pack)
        except PackRefused as err:
            print(f"Lỗi: {err}", file=sys.stderr)
            return 2
        target = args.ack or args.pack.with_name(args.pack.name + ".ack.json")
        target.write_text(json.dumps(ack, ensure_ascii=False), encoding="utf-8")
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
    import os

    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    os.environ["DISTRICT_DATA_DIR"] = str(args.data_dir)
    os.environ["DISTRICT_DATABASE_URL"] = args.database_url or ""
    os.environ["DISTRICT_LOOKUP_BASE_URL"] = args.lookup_base_url
    server_key(args.data_dir)  # made once, before several workers could race to make it
    uvicorn.run(
        "district_server.cli:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_level="info",
    )
    return 0


def app_from_environment() -> Any:
    """The app of one serving process (uvicorn starts one per worker)."""
    import os

    from district_server.app import create_app
    from district_server.blob_files import BlobFiles

    data_dir = Path(os.environ["DISTRICT_DATA_DIR"])
    store = ServerStore(database_url(data_dir, os.environ.get("DISTRICT_DATABASE_URL") or None))
    return create_app(
        store,
        BlobFiles(data_dir),
        server_key_public=public_text(server_key(data_dir)),
        lookup_base_url=os.environ.get("DISTRICT_LOOKUP_BASE_URL", ""),
    )


if __name__ == "__main__":
    sys.exit(main())
