"""What the fee service hands out and takes (``services.fees``, which re-exports them): the
commune's fee account, the e-receipt seam, what is due, printed receipts, the cash book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from desk_app.domain.fee_amounts import ProvinceAmount
from desk_app.domain.fees import (
    CashBookTotals,
    FeeReceiptRecord,
    Handover,
    Match,
    ReceiptElsewhere,
)
from desk_app.domain.vietqr import PayeeAccount


@dataclass(frozen=True)
class FeeSettings:
    """The commune's account and receipt book (kept with the desk's settings, ``fee_*``)."""

    bank_bin: str = ""
    bank_account: str = ""
    bank_account_name: str = ""
    bank_name: str = ""
    tax_code: str = ""
    form_symbol: str = "01BLP0-001"  # ký hiệu mẫu biên lai: set to the registered one
    series_prefix: str = "BL"

    @property
    def payee(self) -> PayeeAccount | None:
        if not self.bank_account:
            return None
        return PayeeAccount(self.bank_bin, self.bank_account, self.bank_account_name)


class ReceiptIssuer(Protocol):
    """Where a receipt is issued beyond the desk's book: a licensed e-receipt provider."""

    name: str

    def issue(self, receipt: FeeReceiptRecord) -> str: ...  # the provider's reference

    def void(self, receipt: FeeReceiptRecord, reason: str) -> None: ...


class PaperIssuer:
    """Printed receipts from the desk's own series: nothing to tell anyone."""

    name = "paper"

    def issue(self, receipt: FeeReceiptRecord) -> str:
        return ""

    def void(self, receipt: FeeReceiptRecord, reason: str) -> None:
        return None


@dataclass(frozen=True)
class FeeDue:
    code: str
    payer_name: str
    amount: int | None  # None: the amount is not known at the desk
    fee_text: str
    paid: FeeReceiptRecord | None  # the receipt that settled it, if any
    # the receipt another desk of the commune issued for it (pulled), if any
    paid_elsewhere: ReceiptElsewhere | None = None
    amount_not_set: bool = False  # a fee the province sets, with no amount at this desk yet

    @property
    def outstanding(self) -> int:
        if self.paid is not None or self.paid_elsewhere is not None or not self.amount:
            return 0
        return self.amount


@dataclass(frozen=True)
class ProvinceFeeRow:
    """A procedure whose fee the province sets, and the amount this desk has for it."""

    procedure_code: str
    procedure_name: str
    note: str  # the catalogue's words (who sets it)
    amount: ProvinceAmount | None


@dataclass(frozen=True)
class PrintedFeeReceipt:
    receipt: FeeReceiptRecord
    pdf: bytes
    print_number: int


@dataclass(frozen=True)
class CashBook:
    day: date
    officer_id: int | None
    receipts: tuple[FeeReceiptRecord, ...]
    totals: CashBookTotals
    handover: Handover | None


@dataclass(frozen=True)
class StatementResult:
    matches: tuple[Match, ...]
    matched: int
    problems: int
