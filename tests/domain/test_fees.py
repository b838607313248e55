"""Fee amounts (Circular 226/2016/TT-BTC for certified copies), receipts' words, statements."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.catalogue import FeeKind, FeeRule, parse_catalogue
from desk_app.domain.errors import InvalidCatalogue, InvalidField
from desk_app.domain.fees import (
    CashEntry,
    OriginalLine,
    PaymentMethod,
    StatementLine,
    amount_in_words,
    check_exemption,
    check_originals,
    match_statement,
    parse_amount,
    per_copy_amount,
    quote,
    receipt_series,
    totals,
)

CERTIFY = FeeRule(
    FeeKind.PER_PAGE, first_pages=2, first_rate=2000, rate=1000, cap=200000,
    exemptions=("Người có công với cách mạng",),
)  # fmt: skip


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(1, 2000), (2, 4000), (3, 5000), (10, 12000), (196, 198000), (197, 199000),
     (198, 200000), (199, 200000), (2000, 200000)],
)  # fmt: skip
def test_one_copy_costs_2000_for_pages_1_and_2_then_1000_capped_at_200000(
    pages: int, amount: int
) -> None:
    assert per_copy_amount(CERTIFY, pages) == amount


def test_several_originals_each_with_its_pages_and_copies() -> None:
    fee = quote(
        CERTIFY,
        sets=1,
        originals=[
            OriginalLine("Giấy khai sinh", 1, 3),  # 3 × 2.000
            OriginalLine("Bằng tốt nghiệp", 2, 2),  # 2 × 4.000
            OriginalLine("Sổ đỏ", 5, 1),  # 1 × 7.000
            OriginalLine("Hồ sơ dày", 300, 2),  # 2 × 200.000 (cap per copy)
        ],
    )
    assert [line.amount for line in fee.lines] == [6000, 8000, 7000, 400000]
    assert fee.total == 421000
    assert isinstance(fee.total, int)
    assert fee.text == "421.000 đ (4 bản chính)"
    assert fee.lines[0].text == "Giấy khai sinh: 1 trang × 3 bản (2.000 đ/bản)"


def test_sets_do_not_multiply_certified_copies_but_do_multiply_fixed_fees() -> None:
    one = quote(CERTIFY, sets=3, originals=[OriginalLine("Bản chính", 3, 2)])
    assert one.total == 10000 and one.text == "10.000 đ (3 trang × 2 bản)"
    fixed = quote(FeeRule(FeeKind.FIXED, amount=50000), sets=2)
    assert fixed.total == 100000


def test_an_exemption_waives_the_fee_and_says_why() -> None:
    fee = quote(
        CERTIFY,
        originals=[OriginalLine("Bản chính", 3, 1)],
        exemption="Người có công với cách mạng",
    )
    assert fee.total == 0 and not fee.payable
    assert fee.text == "Miễn 5.000 đ (Người có công với cách mạng)"
    assert check_exemption(CERTIFY, "nguoi co cong voi cach mang") == "nguoi co cong voi cach mang"
    with pytest.raises(InvalidField, match="không có trong danh mục"):
        check_exemption(CERTIFY, "Quen biết")
    assert check_exemption(FeeRule(FeeKind.FIXED, amount=1), "Hộ nghèo") == "Hộ nghèo"


def test_originals_are_checked_field_by_field() -> None:
    lines, errors = check_originals([("Giấy A", 0, 1), ("", 2, 0), ("Giấy C", 2, 2)])
    assert lines == [OriginalLine("Giấy C", 2, 2)]
    assert [e.field for e in errors] == ["originals.0", "originals.1"]


def test_fee_amounts_in_the_catalogue_are_whole_dong() -> None:
    doc = {
        "version": "t", "published": "2026-01-01", "source": "test",
        "procedures": [{
            "code": "2.000815", "name": "Chứng thực", "sector": "Chứng thực",
            "processing": {"kind": "same_day"}, "performed_by": "UBND xã", "source": "x",
            "fee": {"kind": "per_page", "first_pages": 2, "first_rate": 2000.5, "rate": 1000},
            "components": [{"key": "a", "name": "Bản chính", "copy": "original"}],
        }],
    }  # fmt: skip
    with pytest.raises(InvalidCatalogue):
        parse_catalogue(doc)


@pytest.mark.parametrize(
    ("amount", "words"),
    [(0, "Không đồng"), (2000, "Hai nghìn đồng"), (15000, "Mười lăm nghìn đồng"),
     (21000, "Hai mươi mốt nghìn đồng"), (104000, "Một trăm linh bốn nghìn đồng"),
     (200000, "Hai trăm nghìn đồng"), (421000, "Bốn trăm hai mươi mốt nghìn đồng"),
     (1005000, "Một triệu không trăm linh năm nghìn đồng"), (1001, "Một nghìn không trăm linh một đồng"),
     (24000, "Hai mươi tư nghìn đồng")],
)  # fmt: skip
def test_amount_in_words(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_receipt_series_per_desk_and_year() -> None:
    assert receipt_series("BL", 2, datetime(2026, 3, 4).date()) == "BL26-Q2"
    with pytest.raises(InvalidField):
        receipt_series("bl", 1, datetime(2026, 3, 4).date())


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12.000", 12000), ("12,000", 12000), (12000, 12000), (12000.0, 12000), ("5000 VND", 5000),
     ("1.234.000", 1234000), ("-3.000", -3000)],
)  # fmt: skip
def test_statement_amounts(text: object, amount: int) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["12.5", 12.5, "abc", "", True])
def test_statement_amounts_refused(text: object) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_statement_lines_match_on_the_dossier_code_even_without_its_dots() -> None:
    a, b = "000.00.31.H26-260304-0001", "000.00.31.H26-260304-0002"
    lines = [
        StatementLine(2, "2026-03-04", 5000, "MBVCB.123 0000031H262603040001 ck phi"),
        StatementLine(3, "2026-03-04", 9000, f"{b} le phi"),
        StatementLine(4, "2026-03-04", 1000, "chuyen tien an trua"),
    ]
    result = match_statement(lines, {a: 5000, b: 10000})
    assert [(m.dossier_code, bool(m.problem)) for m in result] == [
        (a, False), (b, True), (None, True)
    ]  # fmt: skip
    assert "khác biên lai" in result[1].problem


def test_cash_book_totals_leave_out_voided_receipts() -> None:
    at = datetime(2026, 3, 4, 9, 0, tzinfo=VN_TZ)
    entries = [
        CashEntry("BL26-Q1", 1, "x-1", 5000, PaymentMethod.CASH, at, False, 1),
        CashEntry("BL26-Q1", 2, "x-2", 7000, PaymentMethod.TRANSFER, at, False, 1, matched=True),
        CashEntry("BL26-Q1", 3, "x-3", 9000, PaymentMethod.TRANSFER, at, False, 1),
        CashEntry("BL26-Q1", 4, "x-4", 50000, PaymentMethod.CASH, at, True, 1),
    ]
    t = totals(entries)
    assert (t.cash, t.transfer, t.total, t.receipts, t.voided, t.transfers_unmatched) == (
        5000, 16000, 21000, 3, 1, 1
    )  # fmt: skip
