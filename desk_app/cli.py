"""``desk-app``: the desk window by default, and headless commands over the same services.

Errors an officer can cause are printed to stderr in Vietnamese with exit code 2;
anything unexpected exits 1 with a short message (no traceback in front of an officer).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import multiprocessing
import os
import sys
import time
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.errors import DeskError, DraftInvalid
from desk_app.domain.identity import parse_vn_date
from desk_app.logs import LOG_DIR, LOG_FILE
from desk_app.logs import configure as configure_logging
from desk_app.platform.console import utf8_output
from desk_app.services.desk import Desk
from desk_app.services.files import write_atomically

log = logging.getLogger("desk_app.cli")

EXIT_USER_ERROR = 2
EXIT_AUDIT_BROKEN = 4
EXIT_CLOSED_PIPE = 141  # as a Unix tool stopped by SIGPIPE (128 + 13)
OFFICER_HELP = (
    "tài khoản cán bộ (mặc định admin); mật khẩu hỏi khi chạy hoặc lấy từ biến DESK_APP_PASSWORD"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-app", description="Phần mềm tiếp nhận hồ sơ tại Bộ phận Một cửa cấp xã."
    )
    parser.add_argument("--data-dir", type=Path, help="thư mục dữ liệu của quầy")
    parser.add_argument("--officer", default="admin", help=OFFICER_HELP)
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS, help="thư mục dữ liệu của quầy"
        )
        p.add_argument("--officer", default=argparse.SUPPRESS, help=OFFICER_HELP)
        return p

    command("gui", "mở cửa sổ quầy tiếp nhận (mặc định)")
    setup = command("setup", "thiết lập quầy lần đầu: tạo tài khoản quản trị và mã khôi phục")
    setup.add_argument("--admin", default="admin", help="tên đăng nhập quản trị (mặc định admin)")
    setup.add_argument("--name", default="Quản trị", help="họ tên người quản trị")
    command(
        "audit-verify",
        "kiểm tra nhật ký truy cập: mã thoát 0 khi nguyên vẹn, 4 khi có mục bị sửa hoặc xóa",
    )
    recover = command("recover", "đặt lại mật khẩu quản trị bằng mã khôi phục in lúc thiết lập")
    recover.add_argument("--admin", default="admin", help="tài khoản quản trị cần đặt lại")
    backup = command(
        "backup",
        "sao lưu dữ liệu quầy (chạy được khi đang làm việc); giữ lại các bản mới nhất",
    )
    backup.add_argument(
        "--to", type=Path, help="thư mục sao lưu (mặc định: cạnh thư mục dữ liệu, hoặc "
        "biến DESK_APP_BACKUP_DIR)",
    )  # fmt: skip
    backup.add_argument("--keep", type=int, default=7, help="số bản giữ lại (mặc định 7)")
    restore = command(
        "restore",
        "khôi phục quầy từ một bản sao lưu (đóng phần mềm trước); thư mục dữ liệu cũ được "
        "giữ lại, đổi tên",
    )
    restore.add_argument("snapshot", type=Path, help="thư mục bản sao lưu desk-NĂMTHÁNGNGÀY-GIỜ")
    smoke = command(
        "smoke",
        "tự kiểm tra sau khi cài: mở cửa sổ trên một thư mục dữ liệu mới (xã mẫu), lập một "
        "hồ sơ mẫu, số hoá một trang thử, hiện Giấy tiếp nhận rồi thoát với mã 0",
    )
    smoke.add_argument("--out", type=Path, required=True, help="tệp PDF của Giấy tiếp nhận")
    smoke.add_argument(
        "--sign",
        type=Path,
        help="tệp chứng thư số .p12 để ký thử trang số hoá (mật khẩu trong "
        "DESK_APP_SIGN_PASSPHRASE, nếu không thì hỏi)",
    )
    smoke.add_argument(
        "--scan",
        nargs="?",
        const="",
        metavar="MÁY_QUÉT",
        help="quét trang thử trên máy quét của máy này (tên thiết bị; bỏ trống: máy đầu tiên "
        "tìm thấy) thay cho trang vẽ sẵn",
    )
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
    command(
        "seal-password",
        "Windows: niêm phong (DPAPI) mật khẩu của cán bộ cho lịch đồng bộ hằng đêm, chỉ tài "
        "khoản Windows này trên máy này mở được",
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
    utf8_output()
    args = _parser().parse_args(argv)
    args.officer = str(args.officer).strip().lower()
    command = args.command or "gui"
    # (not while a restore replaces the data folder: Windows cannot rename a folder with
    # an open file in it)
    if command != "restore" and (command != "due" or args.__dict__.get("data_dir")):
        try:
            configure_logging(_data_dir(args))
        except OSError:  # a read-only or missing drive: no log (not on the console), work on
            logging.getLogger().addHandler(logging.NullHandler())
    started = time.monotonic()
    log.info("command %s started (officer %s)", command, args.officer)
    try:
        code = _run(command, args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        log.info("command %s ended: exit %d in %.1f s", command, code, time.monotonic() - started)
        return code
    except BrokenPipeError:
        # The reader went away (`desk-app search … | head -1`): what it read was whole, the
        # desk was closed on the way out (``finally``); stop quietly, as Unix tools do.
        log.info("command %s: output closed by its reader", command)
        _quiet_closed_output()
        return EXIT_CLOSED_PIPE
    except DraftInvalid as err:
        # the message may quote what was typed: only the fields go to the log
        log.warning("command %s refused: %s", command, ", ".join(e.field for e in err.errors))
        for e in err.errors:
            print(f"Lỗi: {e.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except DeskError as err:
        log.warning("command %s refused: %s", command, type(err).__name__)
        print(f"Lỗi: {err.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except OSError as err:
        log.warning("command %s: file error %s", command, type(err).__name__)
        print(f"Lỗi đọc/ghi tệp: {err.strerror or err} ({err.filename or ''})", file=sys.stderr)
        return 1


def _quiet_closed_output() -> None:
    """Point stdout (and stderr, if its pipe is the one closed) at the null device, so the
    interpreter's last flush has nowhere to fail and prints no "Broken pipe"."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)


def _data_dir(args: argparse.Namespace) -> Path:
    from desk_app.app import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _run(command: str, args: argparse.Namespace) -> int:
    if command == "due":
        return _due(args)
    if command == "setup":
        return _setup(args)
    if command == "recover":
        return _recover(args)
    if command == "restore":
        return _restore(args)
    if command == "smoke":
        return _smoke(args)
    if command == "seal-password":
        return _seal_password(args)
    if command == "gui" and _password(args, prompt=False) is None:
        return _gui_login(_data_dir(args))
    desk = _open(args, demo=command == "demo")
    try:
        if command == "gui":
            from desk_app.ui.main import run_gui

            return run_gui(desk)
        if command == "demo":
            return _demo(desk, args)
        if command == "audit-verify":
            count, breaks = desk.audit.verify()
            anchor = desk.audit.anchor().anchor
            for gap in breaks:
                print(f"Mục {gap.seq}: {gap.reason}", file=sys.stderr)
            against = (
                f"; đối chiếu với xác nhận của máy chủ đến mục {_n(anchor.seq)} "
                f"({anchor.signed_at[:16]})"
                if anchor
                else "; chưa có xác nhận của máy chủ (đồng bộ để có)"
            )
            if breaks:
                print(f"Nhật ký truy cập KHÔNG nguyên vẹn: {len(breaks)} chỗ hỏng trong "
                      f"{_n(count)} mục{against}.")  # fmt: skip
                return EXIT_AUDIT_BROKEN
            print(f"Nhật ký truy cập nguyên vẹn: {_n(count)} mục{against}.")
            return 0
        if command == "backup":
            done = desk.backups.back_up(args.to, keep=args.keep)
            shot = done.snapshot
            print(
                f"Đã sao lưu {_n(shot.dossiers)} hồ sơ vào {shot.path} ({_n(done.copied_papers)} "
                f"tệp số hóa mới); đã xóa {done.removed} bản cũ, giữ {args.keep} bản.",
                file=sys.stderr,
            )
            return 0
        if command == "search":
            for hit in desk.dossiers.search(args.query, limit=max(1, args.limit)):
                print(json.dumps(asdict(hit), ensure_ascii=False))
            return 0
        if command == "receipt":
            printed = desk.receipts.next_print(args.code)
            write_atomically(args.out, printed.pdf)  # counted once the file is written
            try:
                desk.receipts.record_print(printed)
            except BaseException:  # not counted, so not given out: the next one is this one
                args.out.unlink(missing_ok=True)
                raise
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


def _gui_login(data_dir: Path) -> int:
    from desk_app.app import open_desk
    from desk_app.services.access import is_set_up, set_up_desk
    from desk_app.services.clock import system_clock
    from desk_app.ui.main import run_gui_login

    def opened(username: str, password: str) -> Desk:
        return open_desk(data_dir, officer=username, password=password)

    def set_up(username: str, full_name: str, password: str) -> str:
        return set_up_desk(
            data_dir, username=username, full_name=full_name, password=password,
            clock=system_clock,
        )  # fmt: skip

    return run_gui_login(opened, None if is_set_up(data_dir) else set_up)


def _password(args: argparse.Namespace, *, prompt: bool = True) -> str | None:
    """``DESK_APP_PASSWORD``, else (``sync`` on Windows) the password sealed by
    ``seal-password``, else asked on the terminal (never echoed)."""
    from desk_app.services.access import password_from_environment

    given = password_from_environment()
    if given is None and args.command == "sync":
        from desk_app.services.sync_secret import sealed_sync_password

        given = sealed_sync_password(_data_dir(args), args.officer)
    return _secret(given, f"Mật khẩu của {args.officer}: " if prompt else "")


def _seal_password(args: argparse.Namespace) -> int:
    from desk_app.app import open_desk
    from desk_app.domain.officers import Permission
    from desk_app.services.sync_secret import seal_sync_password

    if sys.platform != "win32":
        raise DeskError(
            "Niêm phong mật khẩu chỉ có trên Windows; trên Linux dùng systemd-creds "
            "hoặc DESK_APP_PASSWORD cho lịch chạy."
        )
    data_dir = _data_dir(args)
    password = _required_password(args)
    desk = open_desk(data_dir, officer=args.officer, password=password)  # a wrong one stops here
    try:
        desk.session.require(Permission.SYNC)  # the account the task signs in with syncs
    finally:
        desk.close()
    target = seal_sync_password(data_dir, args.officer, password)
    print(
        f"Đã niêm phong mật khẩu của «{args.officer}» vào {target}: lịch đồng bộ chạy bằng "
        "tài khoản Windows này sẽ dùng nó.",
        file=sys.stderr,
    )
    return 0


def _secret(given: str | None, prompt: str) -> str | None:
    """``given`` (from the environment), else asked on a terminal with ``prompt`` (never
    echoed); None when neither (no prompt, or no terminal: a scheduled run)."""
    if given is None and prompt and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return given


def _required_password(args: argparse.Namespace) -> str:
    password = _password(args)
    if password is None:
        raise DeskError(
            f"Cần mật khẩu của «{args.officer}»: chạy trong cửa sổ lệnh để nhập, hoặc đặt "
            "biến môi trường DESK_APP_PASSWORD (cho lịch chạy tự động)."
        )
    return password


def _open(args: argparse.Namespace, *, demo: bool = False) -> Desk:
    from desk_app.app import open_desk
    from desk_app.services.access import (
        ADMIN,
        DEMO_PASSWORD,
        is_set_up,
        set_up_desk,
    )
    from desk_app.services.clock import system_clock

    data_dir = _data_dir(args)
    if demo and not is_set_up(data_dir):
        set_up_desk(
            data_dir, username=ADMIN, full_name="Quản trị (xã mẫu)", password=DEMO_PASSWORD,
            clock=system_clock, demo=True,
        )  # fmt: skip
        print(
            "XÃ MẪU, CHỈ ĐỂ DÙNG THỬ: tài khoản «admin», mật khẩu «demo». "
            "Không nhập hồ sơ thật vào xã mẫu.",
            file=sys.stderr,
        )
        return open_desk(data_dir, officer=ADMIN, password=DEMO_PASSWORD)
    desk = open_desk(data_dir, officer=args.officer, password=_required_password(args))
    if desk.storage.read_only:
        print(
            f"Lưu ý: thư mục dữ liệu {data_dir} chỉ đọc được: xem, tìm và xuất được, không lưu "
            "được gì (kể cả nhật ký truy cập).",
            file=sys.stderr,
        )
    return desk


def _new_password(username: str) -> str:
    from desk_app.services.access import password_from_environment

    value = password_from_environment()
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DeskError("Cần mật khẩu mới: nhập trong cửa sổ lệnh hoặc đặt DESK_APP_PASSWORD.")
    import getpass

    first = getpass.getpass(f"Mật khẩu mới cho {username}: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise DeskError("Hai lần nhập mật khẩu không khớp.")
    return first


def _print_recovery(code: str) -> None:
    print(
        "MÃ KHÔI PHỤC (chỉ hiện một lần; in hoặc chép tay, cất nơi an toàn, không lưu trong "
        "máy này). Khi quên mật khẩu quản trị, mã này mở lại được dữ liệu:",
        file=sys.stderr,
    )
    print(code)


def _setup(args: argparse.Namespace) -> int:
    from desk_app.services.access import set_up_desk
    from desk_app.services.clock import system_clock

    data_dir = _data_dir(args)
    password = _new_password(args.admin)
    code = set_up_desk(
        data_dir, username=args.admin, full_name=args.name, password=password,
        clock=system_clock,
    )  # fmt: skip
    print(f"Đã thiết lập quầy tại {data_dir}; quản trị «{args.admin}».", file=sys.stderr)
    _print_recovery(code)
    return 0


def _recover(args: argparse.Namespace) -> int:
    from desk_app.services.access import recover_admin
    from desk_app.services.clock import system_clock

    data_dir = _data_dir(args)
    code = os.environ.get("DESK_APP_RECOVERY_CODE")
    if code is None and not sys.stdin.isatty():
        raise DeskError(
            "Cần mã khôi phục: chạy trong cửa sổ lệnh, hoặc đặt DESK_APP_RECOVERY_CODE."
        )
    code = code or input("Mã khôi phục: ")
    password = _new_password(args.admin)
    new_code = recover_admin(data_dir, code, args.admin, password, system_clock)
    print(f"Đã đặt lại mật khẩu của «{args.admin}». Mã khôi phục cũ không còn dùng được.",
          file=sys.stderr)  # fmt: skip
    _print_recovery(new_code)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from desk_app.services.backup import restore_desk
    from desk_app.services.clock import system_clock

    password = _required_password(args)
    done = restore_desk(_data_dir(args), args.snapshot, args.officer, password, system_clock)
    print(
        f"Đã khôi phục {_n(done.snapshot.dossiers)} hồ sơ từ bản sao lưu {done.snapshot.name} "
        f"({done.snapshot.created_at:%H:%M %d/%m/%Y}) vào {done.data_dir}.",
        file=sys.stderr,
    )
    if done.set_aside:
        print(f"Thư mục dữ liệu trước khi khôi phục được giữ tại {done.set_aside}.",
              file=sys.stderr)  # fmt: skip
    if done.enrolled:
        print(
            "Lưu ý: quầy này đồng bộ với máy chủ. Hãy đồng bộ ngay (desk-app sync) trước khi "
            "tiếp nhận hồ sơ mới: quầy lấy lại từ máy chủ các hồ sơ đã gửi sau thời điểm sao "
            "lưu, và số hồ sơ tiếp theo nối sau số lớn nhất đã cấp.",
            file=sys.stderr,
        )
    return 0


def _smoke(args: argparse.Namespace) -> int:
    from desk_app.services.access import is_set_up
    from desk_app.ui.smoke import run_smoke

    if is_set_up(_data_dir(args)):
        raise DeskError("Tự kiểm tra cần một thư mục dữ liệu mới: thư mục này đã có dữ liệu quầy.")
    signer = None
    if args.sign is not None:
        from desk_app.services.digitisation import Pkcs12Identity

        passphrase = _secret(
            os.environ.get("DESK_APP_SIGN_PASSPHRASE"), f"Mật khẩu của chứng thư {args.sign.name}: "
        )
        signer = Pkcs12Identity(args.sign, passphrase or "")
    code = run_smoke(_open(args, demo=True), args.out, signer, args.scan)
    if code != 0:  # what failed, with its traceback, went to the desk's log
        log_file = _data_dir(args) / LOG_DIR / LOG_FILE
        print(f"Lỗi: tự kiểm tra không đạt; chi tiết trong {log_file}.", file=sys.stderr)
    return code


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
    if args.out:  # checked before anything is stored: a mistake here invites a duplicate
        desk.digitisation.check_export_folder(args.out)
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
        desk = _open(args)
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
