"""A desk's USB pack: imported with the same apply as the HTTP path, answered with a signed
acknowledgement file the desk imports."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desk_app.platform.command_language import say
from district_server.cli.common import Refused, blob_options, command, store_of, write_durably
from district_server.keys import server_key


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = command(
        sub,
        "import-pack",
        say(
            "nhập gói dữ liệu USB của một quầy; ghi tệp xác nhận",
            "import a desk's USB pack; write the acknowledgement file",
        ),
    )
    pack.add_argument("pack", type=Path, help=say("tệp gói của quầy", "the desk's pack file"))
    blob_options(pack)
    pack.add_argument(
        "--ack",
        type=Path,
        help=say(
            "tệp xác nhận sẽ ghi (mặc định: <gói>.ack.json)",
            "acknowledgement file to write (default: <pack>.ack.json)",
        ),
    )
    pack.set_defaults(handler=import_pack)


def import_pack(args: argparse.Namespace) -> int:
    from district_server import pack_import
    from district_server.blob_files import BlobFiles, blob_storage

    store = store_of(args)
    try:
        files = BlobFiles(args.data_dir, blob_storage(args.data_dir, args.blobs, args.s3_endpoint))
        ack = pack_import.import_pack(store, files, server_key(args.data_dir), args.pack)
    except (pack_import.PackRefused, ValueError) as err:
        raise Refused(str(err)) from None
    target = args.ack or args.pack.with_name(args.pack.name + ".ack.json")
    write_durably(target, json.dumps(ack, ensure_ascii=False).encode())
    doc = ack["document"]
    print(
        say(
            f"Đã nhập gói: máy chủ có đến mục {doc['acked_through']}, thêm "
            f"{doc['blobs_stored']} tệp số hóa. Tệp xác nhận: {target}",
            f"Pack imported: the server holds entries through {doc['acked_through']}, "
            f"{doc['blobs_stored']} more scanned papers. Acknowledgement: {target}",
        )
    )
    return 0
