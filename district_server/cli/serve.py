"""``serve``: the API, the status page and the district view under uvicorn, one process per
worker, each building its app from the environment this command sets."""

from __future__ import annotations

import argparse
import contextlib
import logging.config
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.platform.command_language import integer, say
from district_server.cli.common import Refused, blob_options, command, database_url, store_of
from district_server.keys import public_text, server_key
from district_server.logs import log_config

if TYPE_CHECKING:
    from district_server.store import ServerStore


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = command(sub, "serve", say("chạy máy chủ", "run the server"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=integer(), default=8080)
    serve.add_argument(
        "--lookup-base-url",
        default="",
        help=say("địa chỉ công khai của trang tra cứu", "public address of the status page"),
    )
    blob_options(serve)
    serve.add_argument(
        "--workers",
        type=integer(),
        default=1,
        help=say(
            "số tiến trình phục vụ (PostgreSQL: theo số lõi)",
            "serving processes (PostgreSQL: one per core)",
        ),
    )
    serve.add_argument(
        "--enrol-attempts",
        type=integer(),
        help=say(
            "số lần thử đăng ký quầy mỗi 5 phút từ một địa chỉ (mặc định 5; cả máy chủ: "
            "gấp 6 lần, ít nhất 30)",
            "desk enrolment attempts per address per 5 minutes (default 5; the whole "
            "server: 6 times as many, at least 30)",
        ),
    )
    serve.add_argument(
        "--tls-cert",
        type=Path,
        help=say(
            "chứng chỉ TLS (PEM) để phục vụ https trực tiếp, không cần Caddy/nginx (hub)",
            "TLS certificate (PEM) to serve https itself, without Caddy or nginx (a hub)",
        ),
    )
    serve.add_argument("--tls-key", type=Path, help=say("khóa của chứng chỉ TLS", "its key"))
    serve.add_argument(
        "--role",
        choices=("district", "hub"),
        default="district",
        help=say(
            "district: máy chủ cấp trên; hub: máy chủ trung gian trong mạng nội bộ của xã",
            "district: the upper-level server; hub: the commune office's LAN hub",
        ),
    )
    serve.add_argument(
        "--upstream",
        default="",
        help=say(
            "hub: địa chỉ máy chủ cấp trên (huyện/tỉnh)", "hub: the upstream (district) server"
        ),
    )
    serve.add_argument(
        "--upstream-code",
        default="",
        help=say(
            "hub: mã đăng ký hub do máy chủ cấp trên cấp (enrol-hub), dùng ở lần chạy đầu",
            "hub: the hub enrolment code the upstream made (enrol-hub), used on first start",
        ),
    )
    serve.add_argument(
        "--advertise",
        action="store_true",
        help=say(
            "hub: quảng bá hub trong mạng nội bộ (mDNS, _deskhub._tcp) với mã xã và dấu khóa, "
            "để quầy tìm bằng «desk-app hub-find»",
            "hub: advertise the hub on the LAN (mDNS, _deskhub._tcp) with its commune and key "
            "fingerprint, for «desk-app hub-find»",
        ),
    )
    serve.set_defaults(handler=serve_forever)


def serve_forever(args: argparse.Namespace) -> int:
    # the server's libraries, checked before anything starts
    import fastapi  # noqa: F401
    import uvicorn

    from district_server.blob_files import blob_storage

    if bool(args.tls_cert) != bool(args.tls_key):
        raise Refused(say("cần cả --tls-cert và --tls-key.", "give both --tls-cert and --tls-key."))
    for tls_file in (args.tls_cert, args.tls_key):  # (the hub's task names them before they exist)
        if tls_file and not tls_file.is_file():
            raise Refused(say(f"không có tệp {tls_file}.", f"no file {tls_file}."))
    # the tables made once, before several workers could race to make them
    store = store_of(args)
    try:
        blob_storage(args.data_dir, args.blobs, args.s3_endpoint)  # boto3 there, the URL right
    except ValueError as err:
        raise Refused(str(err)) from None

    logging.config.dictConfig(log_config())
    if args.advertise and args.role != "hub":
        raise Refused(say("--advertise chỉ dùng với --role hub.", "--advertise is for --role hub."))
    if args.role == "hub":
        hub_enrolled(args, store)
        args.workers = 1  # one process: its forwarder is the only one speaking upstream
    os.environ["DISTRICT_ROLE"] = args.role
    os.environ["DISTRICT_DATA_DIR"] = str(args.data_dir)
    os.environ["DISTRICT_DATABASE_URL"] = args.database_url or ""
    os.environ["DISTRICT_LOOKUP_BASE_URL"] = args.lookup_base_url
    os.environ["DISTRICT_BLOBS"] = args.blobs
    os.environ["DISTRICT_S3_ENDPOINT"] = args.s3_endpoint
    if args.enrol_attempts is not None:
        os.environ["DISTRICT_ENROL_ATTEMPTS"] = str(max(1, args.enrol_attempts))
    key = server_key(args.data_dir)  # made once, before several workers could race to make it
    with contextlib.ExitStack() as stack:
        if args.advertise:
            from district_server.hub.advertise import advertised

            commune = store.hub_values()["commune_code"]
            stack.enter_context(advertised(commune, public_text(key), args.host, args.port,
                                           https=bool(args.tls_cert)))  # fmt: skip
        store.engine.dispose()  # (the app opens its own; none held idle beside it)
        _run(uvicorn, args)
    return 0


def _run(uvicorn: Any, args: argparse.Namespace) -> None:
    uvicorn.run(
        "district_server.cli.serve:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_config=log_config(),
        # deadlines for a request's head and body (a slow-loris client held a connection,
        # and a file descriptor, for ever)
        http="district_server.connections:PatientH11",
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
    )


def hub_enrolled(args: argparse.Namespace, store: ServerStore) -> None:
    """The hub's identity at its upstream: enrolled once (its own key, the upstream's pinned),
    or refused in words when it has no code to enrol with."""
    from district_server.hub.upstream import UpstreamError, enrol

    held = store.hub_values()
    if "hub_id" in held:
        if args.upstream and args.upstream.rstrip("/") != held["upstream_url"]:
            raise Refused(
                say(
                    f"hub này đã đăng ký với {held['upstream_url']}, không phải {args.upstream}.",
                    f"this hub is enrolled with {held['upstream_url']}, not {args.upstream}.",
                )
            )
        return
    if not (args.upstream and args.upstream_code):
        raise Refused(
            say(
                "hub chưa đăng ký với máy chủ cấp trên: chạy lại với --upstream ĐỊA_CHỈ "
                "--upstream-code MÃ (mã do lệnh enrol-hub ở máy chủ cấp trên in ra).",
                "the hub has not enrolled with its upstream: run again with --upstream URL "
                "--upstream-code CODE (the code enrol-hub printed on the upstream).",
            )
        )
    try:
        answer = enrol(args.upstream, args.upstream_code, server_key(args.data_dir))
    except UpstreamError as err:
        raise Refused(
            say(f"đăng ký hub không được: {err}", f"hub enrolment failed: {err}")
        ) from None
    store.set_hub_values(
        {
            "hub_id": str(answer["desk_id"]),
            "commune_code": str(answer["commune_code"]),
            "upstream_url": args.upstream.rstrip("/"),
            "upstream_public_key": str(answer["server_public_key"]),
        }
    )
    print(say(f"Hub của xã {answer['commune_code']} đã đăng ký với {args.upstream}.",
              f"Hub of commune {answer['commune_code']} enrolled with {args.upstream}."))  # fmt: skip


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
    files = BlobFiles(data_dir, storage)
    role = None
    if os.environ.get("DISTRICT_ROLE") == "hub":
        from district_server.hub import forwarder

        started = forwarder.start(
            store,
            files,
            server_key(data_dir),
            # for tests and benches: a shorter back-off, smaller relay requests
            retry_max=float(os.environ.get("DISTRICT_HUB_RETRY_MAX") or 30),
            relay_items=int(os.environ.get("DISTRICT_HUB_RELAY_ITEMS") or 50),
            desks_every=float(os.environ.get("DISTRICT_HUB_DESKS_EVERY") or 60),
        )
        role = started[0] if started else None
    return create_app(
        store,
        files,
        hub=role,
        server_key=server_key(data_dir),
        lookup_base_url=os.environ.get("DISTRICT_LOOKUP_BASE_URL", ""),
        enrol_attempts=int(os.environ.get("DISTRICT_ENROL_ATTEMPTS") or 0)
        or limits.ENROL_PER_ADDRESS,
    )
