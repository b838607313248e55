"""``desk-app``: the desk window by default, and headless commands over the same services.

Errors an officer can cause are printed to stderr in Vietnamese with exit code 2;
anything unexpected exits 1 with a short message (no traceback in front of an officer).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.errors import DeskError, DraftInvalid
from desk_app.domain.identity import parse_vn_date
from desk_app.services.desk import Desk
from desk_app.services.files import write_atomically

EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-app", description="Phần mềm tiếp nhận hồ sơ tại Bộ phận Một cửa cấp xã."
    )
    parser.add_argument("--data-dir", type=Path, help="thư mục dữ liệu của quầy")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS, help="thư mục dữ liệu của quầy"
        )
        return p

    command("gui", "mở cửa sổ quầy tiếp nhận (mặc định)")
    demo = command("demo", "tạo xã mẫu với hồ sơ giả lập")
    demo.add_argument("--dossiers", type=int, default=2000, help="số hồ sơ mẫu (mặc định 2000)")
    demo.add_argument("--seed", type=int, default=2026)
    search = command("search", "tìm hồ sơ, in mỗi hồ sơ một dòng JSON")
    search.add_argument("query", nargs="?", default="")
    search.add_argument("--limit", type=int, default=50)
    receipt = command("receipt", "xuất Giấy tiếp nhận (Mẫu 01) ra tệp PDF; tính là một lần in")
    receipt.add_argument("code", help="mã hồ sơ")
    receipt.add_argument("--out", type=Path, required=True, help="tệp PDF sẽ ghi")
    due = command("due", "tính ngày hẹn trả kết quả")
    due.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    due.add_argument("--received", required=True, help="thời điểm nhận, ISO (2026-03-02T16:00)")
    report = command("report", "xuất báo cáo kết quả giải quyết TTHC của một kỳ (.xlsx hoặc .pdf)")
    report.add_argument(
        "--period", required=True, help="kỳ báo cáo: 2026-Q1 (quý), 2026-H1, 2026-03 hoặc 2026"
    )
    report.add_argument("--out", type=Path, required=True, help="tệp .xlsx hoặc .pdf sẽ ghi")
    book = command("book", "xuất Sổ theo dõi hồ sơ (Mẫu 07) cho một khoảng ngày (.pdf hoặc .xlsx)")
    book.add_argument("--from", dest="date_from", required=True, help="từ ngày, ví dụ 2026-03-01")
    book.add_argument("--to", dest="date_to", required=True, help="đến ngày, ví dụ 2026-03-31")
    book.add_argument("--out", type=Path, required=True, help="tệp .pdf hoặc .xlsx sẽ ghi")
    enrol = command("enrol", "đăng ký quầy với máy chủ cấp trên bằng mã dùng một lần")
    enrol.add_argument(
        "--server", required=True, help="địa chỉ máy chủ, ví dụ https://motcua.example.vn"
    )
    enrol.add_argument("--code", required=True, help="mã đăng ký do quản trị máy chủ cấp")
    command(
        "sync",
        "đồng bộ một lần với máy chủ (cho lịch chạy hằng đêm); mã thoát 0 khi không còn gì "
        "chờ, 1 khi còn mục chờ gửi, 3 khi đã gửi hết nhưng có mục lỗi chờ người xử lý",
    )
    export_pack = command("export-pack", "ghi gói dữ liệu chưa gửi (kèm tệp số hóa) ra USB")
    export_pack.add_argument("--out", type=Path, required=True, help="tệp gói sẽ ghi (.zip)")
    import_ack = command("import-ack", "nhập tệp xác nhận của máy chủ cho gói USB đã gửi")
    import_ack.add_argument("file", type=Path)
    digitise = command(
        "digitise", "số hóa: gắn các tệp quét (JPEG, PNG, TIFF, PDF) làm thành phần N của hồ sơ"
    )
    digitise.add_argument("code", help="mã hồ sơ")
    digitise.add_argument("files", nargs="+", type=Path, help="các tệp quét, theo thứ tự trang")
    digitise.add_argument(
        "--component", type=int, required=True, help="số thứ tự thành phần hồ sơ (1, 2, ...)"
    )
    digitise.add_argument(
        "--mode", choices=["bw", "grey", "colour"], default="bw", help="đen trắng, xám hoặc màu"
    )
    digitise.add_argument(
        "--type", dest="doc_type", default=None, help="loại giấy tờ: " + ", ".join(_doc_types())
    )
    digitise.add_argument("--owner", default="", help="số định danh của chủ giấy tờ")
    digitise.add_argument("--number", default="", help="số, ký hiệu giấy tờ")
    digitise.add_argument("--issuer", default="", help="cơ quan cấp")
    digitise.add_argument("--issued", default="", help="ngày cấp dd/mm/yyyy")
    digitise.add_argument("--valid-until", default="", help="hiệu lực đến dd/mm/yyyy")
    digitise.add_argument(
        "--p12", type=Path, help="tệp chứng thư số .p12 để ký (mật khẩu: DESK_APP_SIGN_PASSWORD)"
    )
    digitise.add_argument("--pkcs11-module", type=Path, help="thư viện PKCS#11 của USB token")
    digitise.add_argument("--token", help="tên USB token (mã PIN: DESK_APP_TOKEN_PIN)")
    digitise.add_argument("--out", type=Path, help="thư mục để lưu thêm một bản PDF")
    return parser


def _doc_types() -> list[str]:
    from desk_app.domain.documents import DocumentType

    return [t.value for t in DocumentType if t is not DocumentType.RESULT]


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen (PyInstaller) build re-enters here in workers
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    try:
        return _run(command, args)
    except DraftInvalid as err:
        for e in err.errors:
            print(f"Lỗi: {e.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except DeskError as err:
        print(f"Lỗi: {err.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"Lỗi đọc/ghi tệp: {err.strerror or err} ({err.filename or ''})", file=sys.stderr)
        return 1


def _data_dir(args: argparse.Namespace) -> Path:
    from desk_app.app import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _run(command: str, args: argparse.Namespace) -> int:
    if command == "due":
        return _due(args)
    from desk_app.app import open_desk

    desk = open_desk(_data_dir(args))
    try:
        if command == "gui":
            from desk_app.ui.main import run_gui

            return run_gui(desk)
        if command == "demo":
            return _demo(desk, args)
        if command == "search":
            for hit in desk.dossiers.search(args.query, limit=max(1, args.limit)):
                print(json.dumps(asdict(hit), ensure_ascii=False))
            return 0
        if command == "receipt":
            printed = desk.receipts.print_copy(args.code)
            write_atomically(args.out, printed.pdf)
            mark = f" (bản in lại lần {printed.print_number - 1})" if printed.is_reprint else ""
            print(
                f"Đã ghi Giấy tiếp nhận hồ sơ {printed.code}{mark} vào {args.out}", file=sys.stderr
            )
            return 0
        if command == "report":
            period = desk.reports.period(args.period)
            figures = desk.reports.report(period)
            desk.reports.write_report(figures, args.out)
            t = figures.total
            print(
                f"{period.label}: kỳ trước chuyển qua {_n(t.carried_over)}, tiếp nhận "
                f"{_n(t.received)}, đã giải quyết {_n(t.finished)} (quá hạn "
                f"{_n(t.finished_late)}), đang giải quyết {_n(t.open)}. Đã ghi {args.out}",
                file=sys.stderr,
            )
            return 0
        if command == "enrol":
            identity = desk.sync.enrol(args.server, args.code)
            print(
                f"Đã đăng ký quầy {identity.desk_number} của {identity.commune_code} với máy chủ "
                f"{identity.server_url} (mã quầy {identity.desk_id}).",
                file=sys.stderr,
            )
            return 0
        if command == "sync":
            summary = desk.sync.run_once()
            print(summary.line)
            if summary.pending:
                return 1
            return 3 if summary.problems else 0
        if command == "export-pack":
            pack = desk.sync.export_pack(args.out)
            print(
                f"Đã ghi gói {args.out}: mục {pack.from_seq}–{pack.to_seq} ({pack.entries} mục), "
                f"{pack.blobs} tệp số hóa, {pack.bytes / 1024:.0f} KB.",
                file=sys.stderr,
            )
            return 0
        if command == "import-ack":
            acked = desk.sync.import_ack(args.file)
            state = desk.sync.state()
            print(
                f"Máy chủ đã xác nhận đến mục {acked}; còn chờ {state.pending} mục.",
                file=sys.stderr,
            )
            return 0
        if command == "digitise":
            return _digitise(desk, args)
        if command == "book":
            first, last = _day(args.date_from, "--from"), _day(args.date_to, "--to")
            rows = desk.reports.write_book(first, last, args.out)
            print(
                f"Đã ghi Sổ theo dõi hồ sơ từ {first:%d/%m/%Y} đến {last:%d/%m/%Y} "
                f"({_n(rows)} hồ sơ) vào {args.out}",
                file=sys.stderr,
            )
            return 0
    finally:
        desk.close()
    raise AssertionError(command)


def _demo(desk: Desk, args: argparse.Namespace) -> int:
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\rĐang tạo hồ sơ mẫu: {_n(done)}/{_n(total)}", end="", file=sys.stderr)

    summary = desk.demo.create(args.dossiers, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Đã tạo xã mẫu với {_n(summary.dossiers)} hồ sơ của {_n(summary.citizens)} công dân "
        f"trong {time.monotonic() - started:.1f} giây, tại {desk.data_dir}.",
        file=sys.stderr,
    )
    return 0


def _digitise(desk: Desk, args: argparse.Namespace) -> int:
    import getpass
    import os

    from desk_app.capture.page import ColourMode
    from desk_app.capture.signing import Pkcs12Identity, SignIdentity, TokenIdentity
    from desk_app.domain.documents import DocumentTags, DocumentType

    def secret(env: str, prompt: str) -> str:
        value = os.environ.get(env)
        if value is None and sys.stdin.isatty():
            value = getpass.getpass(prompt)
        return value or ""

    signer: SignIdentity | None = None
    if args.p12:
        signer = Pkcs12Identity(
            args.p12, secret("DESK_APP_SIGN_PASSWORD", "Mật khẩu chứng thư số: ")
        )
    elif args.pkcs11_module or args.token:
        if not (args.pkcs11_module and args.token):
            raise DeskError("Ký bằng USB token cần cả --pkcs11-module và --token.")
        signer = TokenIdentity(
            args.pkcs11_module, args.token, secret("DESK_APP_TOKEN_PIN", "Mã PIN của USB token: ")
        )
    tags = None
    if args.doc_type or args.owner or args.number or args.issuer or args.issued or args.valid_until:
        if args.doc_type and args.doc_type not in _doc_types():
            raise DeskError(
                f"Loại giấy tờ «{args.doc_type}» không có; chọn một trong: {', '.join(_doc_types())}."
            )
        tags = DocumentTags(
            doc_type=DocumentType(args.doc_type or "other"),
            owner_id_number=args.owner,
            number=args.number,
            issuer=args.issuer,
            issued_on=_day(args.issued, "--issued") if args.issued else None,
            valid_until=_day(args.valid_until, "--valid-until") if args.valid_until else None,
        )
    document = desk.digitisation.digitise_files(
        args.code,
        args.component,
        list(args.files),
        mode=ColourMode(args.mode),
        tags=tags,
        signer=signer,
    )
    size = len(desk.digitisation.pdf(document.id))
    signed = f", ký số bởi {document.signed_by}" if document.signed_by else ", chưa ký số"
    print(
        f"Đã số hóa thành phần {args.component} «{document.title}» của hồ sơ {args.code}: "
        f"{document.pages} trang, {size / 1024:.0f} KB{signed}; tệp {document.file_name}.",
        file=sys.stderr,
    )
    if args.out:
        path = desk.digitisation.export(document.id, args.out)
        print(f"Đã lưu bản PDF vào {path}", file=sys.stderr)
    return 0


def _n(number: int) -> str:
    """Vietnamese digit grouping: 1000000 → 1.000.000."""
    return f"{number:,}".replace(",", ".")


def _day(text: str, option: str) -> date:
    """A day given as 2026-03-01 or as officers write it, 01/03/2026."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return parse_vn_date(text, field=option, label="Ngày")
    except DeskError as err:
        raise DeskError(
            f"{option} không hợp lệ: {err.message} Ghi dạng 2026-03-01 hoặc 01/03/2026."
        ) from None


def _due(args: argparse.Namespace) -> int:
    try:
        received = datetime.fromisoformat(args.received)
    except ValueError:
        raise DeskError(
            f"Thời điểm nhận «{args.received}» không đúng dạng ISO, ví dụ 2026-03-02T16:00."
        ) from None
    if received.tzinfo is None:
        received = received.replace(tzinfo=VN_TZ)
    if args.__dict__.get("data_dir"):
        from desk_app.app import open_desk

        desk = open_desk(Path(args.data_dir))
        try:
            due_at = desk.intake.due_at(args.procedure, received)
        finally:
            desk.close()
    else:
        from desk_app.services.catalogue import bundled_due_at

        due_at = bundled_due_at(args.procedure, received)
    print(due_at.isoformat(timespec="minutes"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
