"""Taking fees on a real desk: certification priced per original, VietQR on the printed
receipt (decoded by zxing-cpp, parsed by vietnam-qr-pay from PyPI), series numbering,
reprints, voiding, the cash book and bank statements (CSV and Excel)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from vietnam_qr_pay import QRPay

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fees import FeeError, PaymentMethod
from desk_app.storage.database import IntegrityError
from tests.conftest import FakeClock
from tests.fees_tools import certify, commune
from tests.pdf_tools import pdf_pages, pdf_qr_codes, pdf_text


def test_certification_fee_is_per_original_and_copy_not_per_set(desk: Desk) -> None:
    commune(desk)
    code = certify(
        desk,
        [OriginalDraft("Giấy khai sinh", 1, 3), OriginalDraft("Sổ hộ khẩu", 12, 2)],
    )
    due = desk.fees.due(code)
    # 3 × 2.000 + 2 × (4.000 + 10 × 1.000)
    assert due.amount == 6000 + 28000 and due.outstanding == 34000
    record = desk.receipts.load(code)
    assert record.sets_count == 1  # copies never raise the number of sets
    form01 = pdf_text(desk.receipts.render(record))
    assert "01 (bộ)" in form01 and "34.000 đ (2 bản chính)" in form01


def test_transfer_receipt_prints_a_vietqr_an_independent_parser_accepts(
    desk: Desk, clock: FakeClock
) -> None:
    commune(desk)
    code = certify(desk, [OriginalDraft("Bằng tốt nghiệp", 3, 2)])
    receipt = desk.fees.take_payment(code, PaymentMethod.TRANSFER)
    assert (receipt.series, receipt.number, receipt.amount) == ("BL26-Q1", 1, 10000)
    printed = desk.fees.print_receipt(receipt.series, receipt.number)
    assert pdf_pages(printed.pdf) == 2  # two copies (liên)
    text = pdf_text(printed.pdf)
    for words in ("BIÊN LAI THU PHÍ, LỆ PHÍ", "Liên 1: Lưu", "Liên 2: Giao người nộp tiền",
                  "Ký hiệu: BL26-Q1", "Số: 0000001", "Mười nghìn đồng", "Chuyển khoản",
                  "Mã số thuế: 0101234567", "Trần Văn Bình", code):  # fmt: skip
        assert words in text, words
    assert "BẢN IN LẠI" not in text
    (payload,) = pdf_qr_codes(printed.pdf, page=1)
    qr = QRPay(payload)  # PyPI's vietnam-qr-pay, not our code: it checks the CRC first
    assert qr.is_valid
    assert qr.version == "01" and qr.init_method == "12"
    assert qr.provider.guid == "A000000727" and qr.provider.service == "QRIBFTTA"
    assert (qr.consumer.bank_bin, qr.consumer.bank_number) == ("970415", "113366668888")
    assert (qr.currency, qr.amount, qr.nation) == ("704", "10000", "VN")
    assert qr.merchant.name == "UBND XA MINH PHU"
    assert qr.additional_data.purpose == code.upper()
    assert qr.crc == payload[-4:]
    broken = payload[:-5] + ("0" if payload[-5] != "0" else "1") + payload[-4:]
    assert not QRPay(broken).is_valid  # the parser does check the CRC
    again = desk.fees.print_receipt(receipt.series, receipt.number)
    assert again.print_number == 2 and "BẢN IN LẠI (lần 1)" in pdf_text(again.pdf)


def test_screen_qr_and_payment_slip(desk: Desk) -> None:
    commune(desk)
    code = certify(desk, [OriginalDraft("Giấy A", 2, 1)])
    payload = desk.fees.qr_payload(code)
    slip = desk.fees.payment_slip(code)
    assert pdf_qr_codes(slip) == [payload]
    assert QRPay(payload).amount == "4000"


def test_series_per_desk_and_year_voiding_keeps_the_row(desk: Desk, clock: FakeClock) -> None:
    commune(desk)
    first = certify(desk, [OriginalDraft("Giấy A", 1, 1)])
    second = certify(desk, [OriginalDraft("Giấy B", 1, 2)])
    r1 = desk.fees.take_payment(first, PaymentMethod.CASH)
    with pytest.raises(FeeError, match="đã thu"):
        desk.fees.take_payment(first, PaymentMethod.CASH)
    r2 = desk.fees.take_payment(second, PaymentMethod.CASH)
    assert (r1.number, r2.number) == (1, 2)
    with pytest.raises(Exception, match="Chưa nhập"):
        desk.fees.void(r1.series, r1.number, "  ")
    voided = desk.fees.void(r1.series, r1.number, "Thu nhầm số tiền")
    assert voided.void_reason == "Thu nhầm số tiền" and voided.voided_at is not None
    assert "ĐÃ HỦY — Lý do: Thu nhầm số tiền" in pdf_text(desk.fees.render_receipt(r1.series, 1))
    with pytest.raises(FeeError, match="đã hủy"):
        desk.fees.void(r1.series, r1.number, "lần nữa")
    db = desk.storage.db
    with pytest.raises(IntegrityError), desk.storage.write():
        db.execute("DELETE FROM fee_receipts WHERE id = ?", [r1.id])
    with pytest.raises(IntegrityError), desk.storage.write():
        db.execute("UPDATE fee_receipts SET amount = 1 WHERE id = ?", [r2.id])
    again = desk.fees.take_payment(first, PaymentMethod.CASH)  # after a void: a new receipt
    assert again.number == 3
    clock.now = datetime(2027, 1, 4, 9, 0, tzinfo=VN_TZ)
    third = certify(desk, [OriginalDraft("Giấy C", 1, 1)])
    assert desk.fees.take_payment(third, PaymentMethod.CASH).series == "BL27-Q1"
    kinds = [r[0] for r in db.execute("SELECT kind FROM change_log WHERE kind LIKE 'fee_%'")]
    assert kinds == ["fee_paid", "fee_paid", "fee_voided", "fee_paid", "fee_paid"]
    payload = json.loads(
        db.execute("SELECT payload FROM change_log WHERE kind = 'fee_paid'").fetchone()[0]
    )
    assert payload["amount"] == 2000 and isinstance(payload["amount"], int)


def test_cash_book_hand_over_and_statement_matching(
    desk: Desk, clock: FakeClock, tmp_path: Path
) -> None:
    commune(desk)
    codes = [certify(desk, [OriginalDraft("Giấy", pages, 1)]) for pages in (1, 2, 3, 4)]
    desk.fees.take_payment(codes[0], PaymentMethod.CASH)  # 2.000
    desk.fees.take_payment(codes[1], PaymentMethod.TRANSFER)  # 4.000
    desk.fees.take_payment(codes[2], PaymentMethod.TRANSFER)  # 5.000
    desk.fees.take_payment(codes[3], PaymentMethod.TRANSFER)  # 6.000
    statement = tmp_path / "sao-ke.csv"
    statement.write_text(
        "SAO KÊ TÀI KHOẢN\n"
        "Ngày giao dịch;Số tiền ghi có;Nội dung\n"
        f"04/03/2026;4.000;MBVCB.1 {codes[1].replace('.', '').replace('-', '')} phi\n"
        f"04/03/2026;9.000;{codes[2]} le phi\n"
        "04/03/2026;-50.000;rut tien\n",
        encoding="utf-8-sig",
    )
    result = desk.fees.import_statement(statement)
    assert (result.matched, result.problems) == (1, 1)
    book = desk.fees.cash_book(date(2026, 3, 4), desk.session.officer_id)
    t = book.totals
    assert (t.cash, t.transfer, t.receipts, t.transfers_unmatched) == (2000, 15000, 4, 2)
    excel = tmp_path / "sao-ke.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Ngân hàng", None, None])
    ws.append(["Date", "Amount", "Description"])
    ws.append([datetime(2026, 3, 4, 10, 0), 6000, f"CK {codes[3]}"])
    wb.save(excel)
    assert desk.fees.import_statement(excel).matched == 1
    handed = desk.fees.hand_over(date(2026, 3, 4), "Lê Thị Kế Toán")
    assert (handed.cash, handed.transfer, handed.receipts) == (2000, 15000, 4)
    with pytest.raises(FeeError, match="bàn giao"):
        desk.fees.hand_over(date(2026, 3, 4), "Lê Thị Kế Toán")
    assert desk.fees.cash_book(date(2026, 3, 4), desk.session.officer_id).handover == handed
    kinds = [r[0] for r in desk.storage.db.execute(
        "SELECT kind FROM change_log WHERE kind IN ('fee_matched', 'cash_handover')")]  # fmt: skip
    assert kinds == ["fee_matched", "fee_matched", "cash_handover"]


def test_no_fee_no_payment_and_exemption_on_receipt(desk: Desk) -> None:
    commune(desk)
    code = certify(desk, [OriginalDraft("Giấy A", 3, 1)], exemption="Người thuộc hộ nghèo")
    due = desk.fees.due(code)
    assert due.amount == 0 and due.outstanding == 0
    assert "Miễn 5.000 đ (Người thuộc hộ nghèo)" in due.fee_text
    with pytest.raises(FeeError):
        desk.fees.take_payment(code, PaymentMethod.CASH)
    with pytest.raises(FeeError):
        desk.fees.qr_payload(code)


def test_the_quarterly_report_gains_fees(desk: Desk, tmp_path: Path) -> None:
    commune(desk)
    paid = [certify(desk, [OriginalDraft("Giấy", 3, 1)]) for _ in range(3)]  # 5.000 each
    certify(desk, [OriginalDraft("Giấy", 3, 1)], exemption="Người thuộc hộ nghèo")
    desk.fees.take_payment(paid[0], PaymentMethod.CASH)
    desk.fees.take_payment(paid[1], PaymentMethod.TRANSFER)
    wrong = desk.fees.take_payment(paid[2], PaymentMethod.CASH)
    desk.fees.void(wrong.series, wrong.number, "Thu nhầm")
    report = desk.reports.report(desk.reports.period("2026-Q1"))
    f = report.fees
    assert (f.cash, f.transfer, f.total, f.receipts, f.voided, f.exempted) == (
        5000, 5000, 10000, 2, 1, 1
    )  # fmt: skip
    assert desk.reports.report(desk.reports.period("2026-Q2")).fees.total == 0
    desk.reports.write_report(report, tmp_path / "q1.pdf")
    text = pdf_text((tmp_path / "q1.pdf").read_bytes())
    assert "Phí, lệ phí đã thu" in text and "10.000 đ" in text
    desk.reports.write_report(report, tmp_path / "q1.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "q1.xlsx")["Số hóa và hài lòng"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert rows["Tổng số đã thu"] == (10000, 2)
    assert rows["Hồ sơ được miễn phí, lệ phí"] == (None, 1)
