"""Fees (phí, lệ phí) taken at the counter: the amount due, receipts and the cash book.

Money is integer đồng everywhere; nothing here touches a float.

Certified copies (Circular 226/2016/TT-BTC, Art. 4, point 1, still in force as amended; see
docs/fees.md): 2.000 đ per page of the *original* for pages 1 and 2, 1.000 đ per page from
page 3, at most 200.000 đ per copy. A citizen often brings several originals at once and
wants several copies of each: every original is its own line (pages × copies), and the
number of dossier sets (số bộ hồ sơ) plays no part in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desk_app.domain.catalogue import FeeKind, FeeRule, format_money
from desk_app.domain.errors import DeskError, FieldError, InvalidField
from desk_app.domain.fee_amounts import ProvinceAmount, pending_text
from desk_app.domain.text import clean_line, fold

MAX_COPIES = 99
MAX_PAGES = 2000
MAX_ORIGINALS = 50
MAX_REASON = 200


class FeeError(DeskError):
    """A payment, a receipt or a statement that cannot be accepted as it is."""


@dataclass(frozen=True)
class OriginalLine:
    """One original paper to certify: its pages and how many certified copies of it."""

    name: str
    pages: int
    copies: int


@dataclass(frozen=True)
class FeeLine:
    text: str
    amount: int  # đồng


@dataclass(frozen=True)
class FeeQuote:
    """What the citizen owes for one dossier, line by line."""

    lines: tuple[FeeLine, ...]
    total: int | None  # None: set elsewhere (province) or not computable yet
    text: str  # one line for Form 01 and the list
    exemption: str = ""  # the legal reason when the fee is waived

    @property
    def payable(self) -> bool:
        return bool(self.total)


def per_copy_amount(rule: FeeRule, pages: int) -> int:
    """The fee for one certified copy of an original of ``pages`` pages (PER_PAGE rule)."""
    if pages < 1:
        raise InvalidField("Số trang phải từ 1.", field="pages")
    first = min(pages, rule.first_pages)
    amount = first * rule.first_rate + (pages - first) * rule.rate
    return min(amount, rule.cap) if rule.cap else amount


def quote(
    rule: FeeRule,
    *,
    sets: int = 1,
    originals: Sequence[OriginalLine] = (),
    pages: int | None = None,
    exemption: str = "",
    province: ProvinceAmount | None = None,
) -> FeeQuote:
    """The fee for a dossier under ``rule``.

    FIXED and BY_CHANNEL charge once per dossier set (e.g. two contracts certified); PER_PAGE
    charges per original and per copy (``originals``); the older single ``pages`` field is
    read as one original of that many pages, one copy per set, for dossiers of before.
    An ``exemption`` (its legal reason) waives the fee and is printed with it.
    SET_BY_PROVINCE charges the ``province`` amount per set when the desk has one; without
    it the amount is unknown (``total`` None) and the text says who sets it.
    """
    reason = exemption.strip()
    if rule.kind is FeeKind.FREE:
        text = "Miễn phí" + (f" ({rule.note})" if rule.note else "")
        return FeeQuote((), 0, text)
    if rule.kind is FeeKind.SET_BY_PROVINCE and province is None:
        if reason:
            return FeeQuote((), 0, f"Miễn phí ({reason})", reason)
        return FeeQuote((), None, pending_text(rule))
    lines: list[FeeLine]
    if rule.kind is FeeKind.SET_BY_PROVINCE:
        assert province is not None
        unit = province.amount
        lines = [FeeLine(f"Phí (mức thu của tỉnh): {format_money(unit)} × {sets} bộ", unit * sets)]
    elif rule.kind in (FeeKind.FIXED, FeeKind.BY_CHANNEL):
        unit = rule.amount
        label = "Lệ phí" if rule.kind is FeeKind.BY_CHANNEL else "Phí"
        lines = [FeeLine(f"{label}: {format_money(unit)} × {sets} bộ", unit * sets)]
    else:  # PER_PAGE
        items = list(originals)
        if not items and pages:
            items = [OriginalLine("Bản chính", pages, sets)]
        if not items:
            return FeeQuote((), None, "Nhập số trang và số bản sao để tính phí")
        lines = []
        for item in items:
            one = per_copy_amount(rule, item.pages)
            lines.append(
                FeeLine(
                    f"{item.name.strip() or 'Bản chính'}: {item.pages} trang × {item.copies} bản "
                    f"({format_money(one)}/bản)",
                    one * item.copies,
                )
            )
    total = sum(line.amount for line in lines)
    if reason:
        return FeeQuote(tuple(lines), 0, f"Miễn {format_money(total)} ({reason})", reason)
    if rule.kind is FeeKind.PER_PAGE and len(lines) > 1:
        return FeeQuote(tuple(lines), total, f"{format_money(total)} ({len(lines)} bản chính)")
    text = format_money(total)
    if rule.kind is FeeKind.PER_PAGE:
        only = lines[0].text.split(": ", 1)[1].split(" (")[0]
        text = f"{text} ({only})"
    elif rule.kind is FeeKind.BY_CHANNEL:
        text = f"{text} (nộp trực tiếp)"
    elif rule.kind is FeeKind.SET_BY_PROVINCE:
        text = f"{text} (mức thu của tỉnh)"
    return FeeQuote(tuple(lines), total, text)


def check_originals(
    raw: Iterable[tuple[str, int | None, int | None]], *, field: str = "originals"
) -> tuple[list[OriginalLine], list[FieldError]]:
    """Validate (name, pages, copies) as typed; every error is returned, none raised."""
    lines: list[OriginalLine] = []
    errors: list[FieldError] = []
    items = list(raw)
    if len(items) > MAX_ORIGINALS:
        errors.append(FieldError(field, f"Tối đa {MAX_ORIGINALS} bản chính một lần."))
    for index, (name, pages, copies) in enumerate(items):
        key = f"{field}.{index}"
        try:
            clean = clean_line(
                name or "Bản chính", field=key, label="Tên giấy tờ", max_len=300, required=True
            )
        except DeskError as err:
            errors.append(FieldError(key, err.message))
            clean = ""
        if not (pages and 1 <= pages <= MAX_PAGES):
            errors.append(FieldError(key, f"Số trang của bản chính phải từ 1 đến {MAX_PAGES}."))
        if not (copies and 1 <= copies <= MAX_COPIES):
            errors.append(FieldError(key, f"Số bản sao phải từ 1 đến {MAX_COPIES}."))
        if clean and pages and copies:
            lines.append(OriginalLine(clean, pages, copies))
    return lines, errors


def check_exemption(rule: FeeRule, reason: str) -> str:
    """The exemption's reason, cleaned; one of the catalogue's when it lists them."""
    text = clean_line(
        reason, field="fee_exemption", label="Lý do miễn phí", max_len=MAX_REASON, required=False
    )
    if text and rule.exemptions and fold(text) not in {fold(e) for e in rule.exemptions}:
        raise InvalidField(
            "Lý do miễn không có trong danh mục: " + "; ".join(rule.exemptions) + ".",
            field="fee_exemption",
        )
    return text


# --- payment and receipts ------------------------------------------------------------------


class PaymentMethod(StrEnum):
    CASH = "cash"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}[self.value]


# --- a receipt another desk of the commune issued ------------------------------------------


@dataclass(frozen=True)
class ReceiptElsewhere:
    """A fee receipt another desk of the commune issued (pulled): enough to never charge
    the same fee twice and to tell the citizen which receipt settled it."""

    uuid: str
    series: str
    number: int
    dossier_code: str
    amount: int
    method: PaymentMethod
    paid_at: datetime
    desk_number: int
    voided_at: datetime | None = None
    void_reason: str = ""

    def already_paid(self) -> str:
        return (
            f"Phí của hồ sơ {self.dossier_code} đã thu tại quầy {self.desk_number}: biên lai "
            f"{self.series} số {self.number:07d} ({format_money(self.amount)}, "
            f"{self.paid_at:%d/%m/%Y}); không thu lần nữa."
        )


def receipt_series(prefix: str, desk_number: int, on: date) -> str:
    """``BL`` + two-digit year + ``-Q`` + desk: ``BL26-Q1``. One series per desk and year,
    numbered from 0000001: the symbol (ký hiệu) carries the desk and the year, so two desks
    of a commune never print the same symbol and number (Decree 123/2020 Art. 32: the
    number is unique within a symbol and runs in order from 1)."""
    if not re.fullmatch(r"[A-Z]{1,6}", prefix):
        raise InvalidField("Ký hiệu biên lai chỉ gồm chữ in hoa (1–6 chữ).", field="series")
    return f"{prefix}{on:%y}-Q{desk_number}"


# --- the cash book ------------------------------------------------------------------------


@dataclass(frozen=True)
class CashEntry:
    """One receipt as the cash book counts it."""

    series: str
    number: int
    dossier_code: str
    amount: int
    method: PaymentMethod
    paid_at: datetime
    voided: bool
    officer_id: int
    matched: bool = False  # a transfer found in the bank statement


@dataclass(frozen=True)
class CashBookTotals:
    cash: int
    transfer: int
    voided: int  # receipts voided that day (not counted in the totals)
    receipts: int
    transfers_unmatched: int

    @property
    def total(self) -> int:
        return self.cash + self.transfer


def totals(entries: Iterable[CashEntry]) -> CashBookTotals:
    cash = transfer = voided = count = unmatched = 0
    for e in entries:
        if e.voided:
            voided += 1
            continue
        count += 1
        if e.method is PaymentMethod.CASH:
            cash += e.amount
        else:
            transfer += e.amount
            unmatched += 0 if e.matched else 1
    return CashBookTotals(cash, transfer, voided, count, unmatched)


@dataclass(frozen=True)
class PeriodFees:
    """Fees of a reporting period (the quarterly report's "Phí, lệ phí" part)."""

    cash: int = 0
    transfer: int = 0
    receipts: int = 0
    voided: int = 0
    exempted: int = 0  # dossiers received with the fee waived

    @property
    def total(self) -> int:
        return self.cash + self.transfer


@dataclass(frozen=True)
class NewFeeReceipt:
    """A fee receipt as issued: what is printed and never changes."""

    uuid: str
    series: str
    number: int
    dossier_id: int
    dossier_code: str
    payer_name: str
    payer_address: str
    payer_id_number: str
    fee_name: str
    lines: tuple[FeeLine, ...]
    amount: int
    method: PaymentMethod
    paid_at: datetime
    officer_id: int
    desk_number: int


@dataclass(frozen=True)
class FeeReceiptRecord(NewFeeReceipt):
    """A receipt as read back: as issued, then its printings, voiding, bank match."""

    id: int
    prints: int
    voided_at: datetime | None
    void_reason: str
    matched_at: datetime | None
    provider: str
    provider_ref: str

    def cash_entry(self) -> CashEntry:
        return CashEntry(
            self.series, self.number, self.dossier_code, self.amount, self.method,
            self.paid_at, self.voided_at is not None, self.officer_id,
            self.matched_at is not None,
        )  # fmt: skip


@dataclass(frozen=True)
class Handover:
    officer_id: int
    day: date
    cash: int
    transfer: int
    receipts: int
    accountant: str
    handed_at: datetime


# --- bank statements ----------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    row: int  # 1-based row of the file, for the officer
    booked_on: str
    amount: int
    description: str


def parse_amount(text: object) -> int:
    """``"12.000"``, ``"12,000"``, ``12000``, ``"12000 VND"`` → 12000; refuses fractions of a
    đồng and anything that is not an amount (a float from Excel must be whole)."""
    if isinstance(text, bool):
        raise ValueError("not an amount")
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        if not text.is_integer():
            raise ValueError(f"{text} is not a whole number of đồng")
        return int(text)
    raw = re.sub(r"(?i)\s*(vnd|vnđ|đ|d)\s*$", "", str(text).strip())
    raw = raw.replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", raw):
        raw = raw.replace(".", "").replace(",", "")
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise ValueError(f"{text!r} is not an amount in đồng")
    return int(raw)


def code_pattern(code: str) -> re.Pattern[str]:
    """A dossier code as banks pass it on: case and separators may be lost
    (``000.00.31.H26-260304-0001`` arrives as ``0000031H262603040001``)."""
    letters = [re.escape(c) for c in code if c.isalnum()]
    return re.compile(r"[^A-Za-z0-9]*".join(letters), re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    line: StatementLine
    dossier_code: str | None
    problem: str  # empty when it matches exactly


def match_statement(lines: Iterable[StatementLine], expected: dict[str, int]) -> list[Match]:
    """Match each credit line to a dossier code of ``expected`` (code → amount of the
    transfer receipt) found in its description; the amount must be the same."""
    patterns = {code: code_pattern(code) for code in expected}
    result: list[Match] = []
    for line in lines:
        found = [code for code, pat in patterns.items() if pat.search(line.description)]
        if not found:
            result.append(Match(line, None, "Không thấy mã hồ sơ trong nội dung chuyển khoản"))
        elif len(found) > 1:
            result.append(Match(line, None, "Nội dung có nhiều mã hồ sơ: " + ", ".join(found)))
        elif expected[found[0]] != line.amount:
            result.append(
                Match(
                    line,
                    found[0],
                    f"Số tiền {format_money(line.amount)} khác biên lai "
                    f"({format_money(expected[found[0]])})",
                )
            )
        else:
            result.append(Match(line, found[0], ""))
    return result


# --- amounts in words (biên lai: "Số tiền bằng chữ") --------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ")


def _three(n: int, full: bool) -> str:
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if ones:
        if ones == 1 and tens >= 2:
            words.append("mốt")
        elif ones == 5 and tens >= 1:
            words.append("lăm")
        elif ones == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[ones])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """``12000`` → ``Mười hai nghìn đồng``; ``1005000`` → ``Một triệu không trăm linh năm
    nghìn đồng`` (the way receipts and bank slips spell amounts)."""
    if amount < 0:
        raise ValueError("a negative amount has no words on a receipt")
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    n = amount
    while n:
        groups.append(n % 1000)
        n //= 1000
    if len(groups) > len(_GROUPS):
        raise ValueError("amount too large")
    parts: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index]
        if value == 0:
            continue
        full = index < len(groups) - 1
        parts.append(_three(value, full) + _GROUPS[index])
    text = " ".join(parts) + " đồng"
    return text[0].upper() + text[1:]
