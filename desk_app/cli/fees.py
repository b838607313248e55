"""Fees: ``desk-app fees due|qr|pay|receipt|void|book|handover|statement|account|amounts|
set-amount``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, day, on_desk
from desk_app.cli.language import integer, number, say
from desk_app.domain.catalogue import format_money
from desk_app.domain.fees import PaymentMethod

if TYPE_CHECKING:  # (the services load when a command runs: tests/cli/test_cli.py)
    from desk_app.services.desk import Desk


def add_parsers(command: Command) -> None:
    fees = command(
        "fees",
        say(
            "phí, lệ phí: khoản phải nộp, mã VietQR, thu tiền và biên lai, hủy biên lai, "
            "sổ thu trong ngày, bàn giao, đối chiếu sao kê ngân hàng",
            "fees: what is due, the VietQR code, payment and receipt, voiding, the day's "
            "cash book, hand-over, bank statement matching",
        ),
        on_desk(lambda desk, args: int(args.fees_run(desk, args))),
    )
    actions = fees.add_subparsers(
        dest="fees_action",
        required=True,
        title=say("việc", "actions"),
        metavar=say("VIỆC", "ACTION"),
    )
    folder, account = say("THƯ_MỤC", "FOLDER"), say("TÀI_KHOẢN", "ACCOUNT")

    def action(name: str, help_text: str, run: object) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar=folder,
                       help=say("thư mục dữ liệu của quầy", "the desk's data folder"))  # fmt: skip
        p.add_argument("--officer", default=argparse.SUPPRESS, metavar=account,
                       help=say("tài khoản cán bộ", "the officer's account"))  # fmt: skip
        p.set_defaults(fees_run=run)
        return p

    def code_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("code", metavar=say("MÃ_HỒ_SƠ", "CODE"),
                       help=say("mã hồ sơ", "the dossier's code"))  # fmt: skip

    def receipt_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("series", metavar=say("KÝ_HIỆU", "SERIES"),
                       help=say("ký hiệu biên lai, ví dụ BL26-Q1", "the series, e.g. BL26-Q1"))  # fmt: skip
        p.add_argument("number", type=integer(), metavar=say("SỐ", "NUMBER"),
                       help=say("số biên lai", "the receipt's number"))  # fmt: skip

    def out_arg(p: argparse.ArgumentParser, required: bool) -> None:
        p.add_argument("--out", type=Path, required=required, metavar=say("TỆP", "FILE"),
                       help=say("tệp PDF sẽ ghi", "the PDF file to write"))  # fmt: skip

    due = action("due", say("khoản phí phải nộp của hồ sơ", "the fee due on a dossier"), show_due)
    code_arg(due)
    due.add_argument("--json", action="store_true", help=say("in dạng JSON", "print JSON"))
    qr = action(
        "qr",
        say("in nội dung mã VietQR để chuyển khoản (và phiếu thanh toán với --out)",
            "print the VietQR text to pay by transfer (and the payment slip with --out)"),
        show_qr,
    )  # fmt: skip
    code_arg(qr)
    out_arg(qr, False)
    pay = action(
        "pay",
        say("thu phí của hồ sơ và cấp biên lai (hai liên)",
            "take a dossier's fee and issue the receipt (two copies)"),
        take_payment,
    )  # fmt: skip
    code_arg(pay)
    pay.add_argument(
        "--method", required=True, choices=[m.value for m in PaymentMethod],
        metavar=say("CÁCH", "METHOD"),
        help=say("cash (tiền mặt) hoặc transfer (chuyển khoản)", "cash or transfer"),
    )  # fmt: skip
    out_arg(pay, False)
    receipt = action(
        "receipt",
        say("in lại biên lai ra tệp PDF (ghi «BẢN IN LẠI»)",
            "print a receipt again to a PDF file (marked as a reprint)"),
        print_receipt,
    )  # fmt: skip
    receipt_args(receipt)
    out_arg(receipt, True)
    void = action("void", say("hủy biên lai, có lý do", "void a receipt, with a reason"), void_it)
    receipt_args(void)
    void.add_argument("--reason", required=True, metavar=say("LÝ_DO", "REASON"),
                      help=say("lý do hủy", "why it is void"))  # fmt: skip
    book = action(
        "book",
        say("sổ thu phí trong ngày: tiền mặt, chuyển khoản, bàn giao",
            "the day's cash book: cash, transfers, hand-over"),
        show_book,
    )  # fmt: skip
    book.add_argument("--day", required=True, metavar=say("NGÀY", "DAY"),
                      help=say("ngày, ví dụ 2026-03-04", "the day, e.g. 2026-03-04"))  # fmt: skip
    book.add_argument("--all", action="store_true",
                      help=say("mọi cán bộ của quầy", "every officer of the desk"))  # fmt: skip
    book.add_argument("--json", action="store_true", help=say("in dạng JSON", "print JSON"))
    handover = action(
        "handover",
        say("ghi việc bàn giao tiền trong ngày cho kế toán",
            "record the day's hand-over to the accountant"),
        hand_over,
    )  # fmt: skip
    handover.add_argument("--day", required=True, metavar=say("NGÀY", "DAY"),
                          help=say("ngày bàn giao", "the day handed over"))  # fmt: skip
    handover.add_argument("--accountant", required=True, metavar=say("HỌ_TÊN", "NAME"),
                          help=say("họ tên kế toán nhận", "the accountant's name"))  # fmt: skip
    statement = action(
        "statement",
        say("đối chiếu sao kê ngân hàng (.csv hoặc .xlsx) theo mã hồ sơ",
            "match a bank statement (.csv or .xlsx) on the dossier codes"),
        import_statement,
    )  # fmt: skip
    statement.add_argument("file", type=Path, metavar=say("TỆP", "FILE"),
                           help=say("tệp sao kê", "the statement file"))  # fmt: skip
    bank = action(
        "account",
        say("khai báo tài khoản nhận phí của xã và ký hiệu biên lai",
            "set the commune's fee account and receipt symbols"),
        set_account,
    )  # fmt: skip
    amounts = action(
        "amounts",
        say("các khoản phí do tỉnh quy định và mức thu quầy đang có",
            "the fees the province sets and the amounts this desk has"),
        show_amounts,
    )  # fmt: skip
    amounts.add_argument("--json", action="store_true", help=say("in dạng JSON", "print JSON"))
    set_amount = action(
        "set-amount",
        say("nhập mức thu do HĐND tỉnh quy định cho một thủ tục (quản trị viên)",
            "set the amount the province decided for a procedure's fee (administrator)"),
        set_province_amount,
    )  # fmt: skip
    set_amount.add_argument("procedure", metavar=say("MÃ_THỦ_TỤC", "PROCEDURE"),
                            help=say("mã thủ tục, ví dụ 1.004873", "the procedure's code"))  # fmt: skip
    set_amount.add_argument("amount", metavar=say("SỐ_TIỀN", "AMOUNT"),
                            help=say("số đồng mỗi bộ hồ sơ, ví dụ 8000",
                                     "đồng per dossier set, e.g. 8000"))  # fmt: skip
    set_amount.add_argument("--basis", default="", metavar=say("CĂN_CỨ", "BASIS"),
                            help=say("số nghị quyết của HĐND tỉnh",
                                     "the province council's resolution"))  # fmt: skip
    for flag, vi, en in (
        ("--bank-bin", "mã BIN ngân hàng (6 số, ví dụ 970415)", "the bank's BIN (6 digits)"),
        ("--account", "số tài khoản", "the account number"),
        ("--account-name", "tên chủ tài khoản", "the account holder's name"),
        ("--bank-name", "tên ngân hàng", "the bank's name"),
        ("--tax-code", "mã số thuế của đơn vị thu", "the collecting unit's tax code"),
        ("--form-symbol", "ký hiệu mẫu biên lai", "the receipt form's symbol"),
        ("--series-prefix", "chữ đầu ký hiệu biên lai (mặc định BL)", "series prefix (BL)"),
    ):
        bank.add_argument(flag, metavar=say("GIÁ_TRỊ", "VALUE"), help=say(vi, en))


def show_due(desk: Desk, args: argparse.Namespace) -> int:
    due = desk.fees.due(args.code)
    if args.json:
        paid = due.paid or due.paid_elsewhere
        print(json.dumps({
            "code": due.code, "amount": due.amount, "outstanding": due.outstanding,
            "fee_text": due.fee_text, "amount_not_set": due.amount_not_set,
            "receipt": None if paid is None else {
                "series": paid.series, "number": paid.number, "desk": paid.desk_number},
        }, ensure_ascii=False))  # fmt: skip
        return 0
    if due.amount_not_set:
        print(say(f"{due.code}: {due.fee_text}",
                  f"{due.code}: the amount of this fee is not set at this desk: the "
                  "province sets it; an administrator types it in Settings → Fees the "
                  "province sets (or desk-app fees set-amount). The dossier is received "
                  "all the same; take the fee later."))  # fmt: skip
    else:
        print(f"{due.code}: {due.fee_text}")
    if due.paid is not None:
        print(say(f"Đã thu: biên lai {due.paid.series} số {due.paid.number:07d}",
                  f"Paid: receipt {due.paid.series} no. {due.paid.number:07d}"))  # fmt: skip
    elif (other := due.paid_elsewhere) is not None:
        print(say(f"Đã thu tại quầy {other.desk_number}: biên lai {other.series} số "
                  f"{other.number:07d} ({format_money(other.amount)}); không thu lần nữa",
                  f"Paid at desk {other.desk_number}: receipt {other.series} no. "
                  f"{other.number:07d} ({format_money(other.amount)}); not to be taken again"))  # fmt: skip
    elif due.outstanding:
        print(say(f"Còn phải nộp: {format_money(due.outstanding)}",
                  f"Outstanding: {format_money(due.outstanding)}"))  # fmt: skip
    return 0


def show_qr(desk: Desk, args: argparse.Namespace) -> int:
    print(desk.fees.qr_payload(args.code))
    if args.out:
        _write(args.out, desk.fees.payment_slip(args.code))
        print(say(f"Đã ghi phiếu thanh toán vào {args.out}", f"Wrote the payment slip to {args.out}"),
              file=sys.stderr)  # fmt: skip
    return 0


def take_payment(desk: Desk, args: argparse.Namespace) -> int:
    receipt = desk.fees.take_payment(args.code, PaymentMethod(args.method))
    print(f"{receipt.series} {receipt.number:07d} {receipt.amount}")
    message = say(
        f"Đã thu {format_money(receipt.amount)} ({receipt.method.label.lower()}) của hồ sơ "
        f"{receipt.dossier_code}: biên lai {receipt.series} số {receipt.number:07d}",
        f"Took {format_money(receipt.amount)} ({receipt.method.value}) for "
        f"{receipt.dossier_code}: receipt {receipt.series} no. {receipt.number:07d}",
    )
    if args.out:
        printed = desk.fees.print_receipt(receipt.series, receipt.number)
        _write(args.out, printed.pdf)
        message += say(f"; đã ghi {args.out}", f"; wrote {args.out}")
    print(message, file=sys.stderr)
    return 0


def print_receipt(desk: Desk, args: argparse.Namespace) -> int:
    printed = desk.fees.print_receipt(args.series, args.number)
    _write(args.out, printed.pdf)
    print(say(f"Đã ghi biên lai (lần in {printed.print_number}) vào {args.out}",
              f"Wrote the receipt (printing {printed.print_number}) to {args.out}"),
          file=sys.stderr)  # fmt: skip
    return 0


def void_it(desk: Desk, args: argparse.Namespace) -> int:
    voided = desk.fees.void(args.series, args.number, args.reason)
    print(say(f"Đã hủy biên lai {voided.series} số {voided.number:07d}: {voided.void_reason}",
              f"Voided receipt {voided.series} no. {voided.number:07d}: {voided.void_reason}"),
          file=sys.stderr)  # fmt: skip
    return 0


def show_book(desk: Desk, args: argparse.Namespace) -> int:
    on = day(args.day, "--day")
    book = desk.fees.cash_book(on, None if args.all else desk.session.officer_id)
    t = book.totals
    if args.json:
        print(json.dumps({
            "day": on.isoformat(), "cash": t.cash, "transfer": t.transfer, "total": t.total,
            "receipts": t.receipts, "voided": t.voided,
            "transfers_unmatched": t.transfers_unmatched,
            "handed_over": None if book.handover is None else book.handover.accountant,
            "lines": [
                {"series": r.series, "number": r.number, "code": r.dossier_code,
                 "amount": r.amount, "method": r.method.value, "void": r.voided_at is not None,
                 "matched": r.matched_at is not None}
                for r in book.receipts
            ],
        }, ensure_ascii=False))  # fmt: skip
        return 0
    for r in book.receipts:
        state = say(" ĐÃ HỦY", " VOID") if r.voided_at else ""
        print(f"{r.series} {r.number:07d}  {r.dossier_code}  {format_money(r.amount):>12}  "
              f"{say(r.method.label, r.method.value)}{state}")  # fmt: skip
    print(say(
        f"Ngày {on:%d/%m/%Y}: tiền mặt {format_money(t.cash)}, chuyển khoản "
        f"{format_money(t.transfer)} (chưa đối chiếu {number(t.transfers_unmatched)}), cộng "
        f"{format_money(t.total)}; {number(t.receipts)} biên lai, {number(t.voided)} đã hủy",
        f"{on:%d/%m/%Y}: cash {format_money(t.cash)}, transfer {format_money(t.transfer)} "
        f"({number(t.transfers_unmatched)} not matched), total {format_money(t.total)}; "
        f"{number(t.receipts)} receipts, {number(t.voided)} void",
    ))  # fmt: skip
    if book.handover is not None:
        print(say(f"Đã bàn giao cho {book.handover.accountant}",
                  f"Handed over to {book.handover.accountant}"))  # fmt: skip
    return 0


def hand_over(desk: Desk, args: argparse.Namespace) -> int:
    h = desk.fees.hand_over(day(args.day, "--day"), args.accountant)
    print(say(
        f"Đã bàn giao ngày {h.day:%d/%m/%Y} cho {h.accountant}: tiền mặt {format_money(h.cash)}, "
        f"chuyển khoản {format_money(h.transfer)}",
        f"Handed {h.day:%d/%m/%Y} over to {h.accountant}: cash {format_money(h.cash)}, "
        f"transfer {format_money(h.transfer)}",
    ))  # fmt: skip
    return 0


def import_statement(desk: Desk, args: argparse.Namespace) -> int:
    result = desk.fees.import_statement(args.file)
    for m in result.matches:
        if m.problem:
            print(say(f"Dòng {m.line.row}: {m.problem}", f"Row {m.line.row}: {m.problem}"))
    print(say(
        f"Đã đối chiếu {number(result.matched)} khoản; {number(result.problems)} dòng cần xem lại",
        f"Matched {number(result.matched)}; {number(result.problems)} rows to look at",
    ))  # fmt: skip
    return 0


def set_account(desk: Desk, args: argparse.Namespace) -> int:
    now = desk.fees.fee_settings()
    given = {
        "bank_bin": args.bank_bin, "bank_account": args.account,
        "bank_account_name": args.account_name, "bank_name": args.bank_name,
        "tax_code": args.tax_code, "form_symbol": args.form_symbol,
        "series_prefix": args.series_prefix,
    }  # fmt: skip
    values = {k: v for k, v in given.items() if v is not None}
    from desk_app.services.fee_types import FeeSettings

    saved = desk.fees.save_fee_settings(FeeSettings(**{**now.__dict__, **values}))
    print(say(
        f"Tài khoản nhận phí: {saved.bank_name} {saved.bank_account} ({saved.bank_bin}) — "
        f"{saved.bank_account_name}",
        f"Fee account: {saved.bank_name} {saved.bank_account} ({saved.bank_bin}) — "
        f"{saved.bank_account_name}",
    ))  # fmt: skip
    return 0


def show_amounts(desk: Desk, args: argparse.Namespace) -> int:
    rows = desk.fees.province_fees()
    if args.json:
        print(json.dumps([
            {"procedure": r.procedure_code, "name": r.procedure_name, "note": r.note,
             "amount": None if r.amount is None else r.amount.amount,
             "basis": "" if r.amount is None else r.amount.basis,
             "source": None if r.amount is None else r.amount.source.value}
            for r in rows
        ], ensure_ascii=False))  # fmt: skip
        return 0
    source = {"local": say("quầy này", "this desk"), "commune": say("quầy khác của xã",
              "another desk of the commune"), "district": say("cấp trên", "upstream")}  # fmt: skip
    for r in rows:
        if r.amount is None:
            state = say("CHƯA CÓ MỨC THU", "NOT SET")
        else:
            state = f"{format_money(r.amount.amount)} ({source[r.amount.source.value]}"
            state += f"; {r.amount.basis})" if r.amount.basis else ")"
        print(f"{r.procedure_code}  {r.procedure_name}: {state}")
    return 0


def set_province_amount(desk: Desk, args: argparse.Namespace) -> int:
    saved = desk.fees.set_province_amount(args.procedure, args.amount, args.basis)
    print(say(
        f"Mức thu của thủ tục {saved.procedure_code}: {format_money(saved.amount)} mỗi bộ hồ sơ; "
        "các quầy khác của xã nhận ở lần đồng bộ tới",
        f"Amount of procedure {saved.procedure_code}: {format_money(saved.amount)} per dossier "
        "set; the commune's other desks get it at their next sync",
    ))  # fmt: skip
    return 0


def _write(path: Path, data: bytes) -> None:
    from desk_app.services.files import write_atomically  # (storage: loaded when it runs)

    write_atomically(path, data)
