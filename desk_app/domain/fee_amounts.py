"""Fees the province sets (phí, lệ phí thuộc thẩm quyền HĐND tỉnh): the catalogue says so
and carries no amount; the desk's administrator types the amount the province decided (or
upstream publishes it, and upstream's wins). Until then the fee has no amount: the dossier
is received all the same and its fee taken later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desk_app.domain.catalogue import FeeRule, format_money
from desk_app.domain.errors import InvalidField
from desk_app.domain.text import clean_line

# A fee the province sets (phí, lệ phí thuộc thẩm quyền HĐND tỉnh), typed at the desk: whole
# đồng, at least 1, at most this (far above any commune fee; a typo of extra zeros is refused)
MAX_PROVINCE_AMOUNT = 10_000_000
MAX_BASIS = 200
# Who sets the amount, said plainly wherever a fee has none yet
WHO_SETS_AMOUNT = (
    "Quản trị viên nhập mức thu tại Cài đặt → Phí, lệ phí do tỉnh quy định "
    "(hoặc lệnh desk-app fees set-amount); hồ sơ vẫn tiếp nhận được, thu phí sau."
)


def pending_text(rule: FeeRule) -> str:
    """A fee the province sets with no amount at the desk yet, as the dossier (and Form 01,
    the citizen's paper) keeps it."""
    return f"Chưa có mức thu ({rule.note or 'Theo mức thu của tỉnh'}); nộp phí khi có mức thu."


def not_set_text(rule: FeeRule) -> str:
    """The same for the officer: and who sets the amount."""
    return f"{pending_text(rule)} {WHO_SETS_AMOUNT}"


# --- amounts the province sets, typed at the desk ------------------------------------------


class AmountSource(StrEnum):
    """Where a province amount at a desk came from; upstream's wins over a desk's."""

    LOCAL = "local"  # this desk's administrator
    COMMUNE = "commune"  # another desk of the commune (pulled)
    DISTRICT = "district"  # published upstream


@dataclass(frozen=True)
class ProvinceAmount:
    """The amount the province set for one procedure's fee, per dossier set, in đồng."""

    procedure_code: str
    amount: int
    basis: str  # the resolution it comes from (Nghị quyết …/NQ-HĐND), as typed
    source: AmountSource = AmountSource.LOCAL
    changed_at: str = ""
    changed_by: str = ""


def check_province_amount(amount: object) -> int:
    """A province amount as typed: whole đồng from 1 to ``MAX_PROVINCE_AMOUNT``."""
    from desk_app.domain.fees import parse_amount  # (fees imports this module)

    value = amount
    if isinstance(amount, str):
        try:
            value = parse_amount(amount)
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField("Mức thu phải là số đồng nguyên (ví dụ 8000 hoặc 8.000).",
                           field="amount")  # fmt: skip
    if not 1 <= value <= MAX_PROVINCE_AMOUNT:
        raise InvalidField(
            f"Mức thu phải từ 1 đến {format_money(MAX_PROVINCE_AMOUNT)}.", field="amount"
        )
    return value


def check_basis(text: str) -> str:
    return clean_line(text, field="basis", label="Căn cứ (nghị quyết)", max_len=MAX_BASIS,
                      required=False)  # fmt: skip


def takes_commune_amount(current: ProvinceAmount | None) -> bool:
    """A commune desk's amount is taken unless upstream published one (upstream wins)."""
    return current is None or current.source is not AmountSource.DISTRICT
