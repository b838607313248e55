"""Fees the province sets (issue 22 part 2, left open): quoted at the amount the desk has,
per dossier set; without one the text says plainly that it is not set and who sets it; the
amount typed is whole đồng within bounds; upstream's wins over a commune desk's."""

from __future__ import annotations

import pytest

from desk_app.domain.catalogue import FeeKind, FeeRule
from desk_app.domain.errors import InvalidField
from desk_app.domain.fee_amounts import (
    MAX_PROVINCE_AMOUNT,
    AmountSource,
    ProvinceAmount,
    check_basis,
    check_province_amount,
    not_set_text,
    takes_commune_amount,
)
from desk_app.domain.fees import quote

RULE = FeeRule(FeeKind.SET_BY_PROVINCE, note="Theo mức thu do HĐND tỉnh quy định")


def test_without_an_amount_the_fee_says_it_is_not_set_and_who_sets_it() -> None:
    fee = quote(RULE, sets=2)
    assert fee.total is None and not fee.payable and fee.lines == ()
    # the dossier (and Form 01, the citizen's paper) keeps what the citizen needs to know
    assert (
        fee.text == "Chưa có mức thu (Theo mức thu do HĐND tỉnh quy định); nộp phí khi có mức thu."
    )
    told = not_set_text(RULE)  # the officer is also told who sets it
    assert told.startswith(fee.text + " Quản trị viên nhập mức thu tại Cài đặt")
    assert "desk-app fees set-amount" in told and "thu phí sau" in told
    waived = quote(RULE, exemption="Người có công với cách mạng")
    assert (waived.total, waived.text) == (0, "Miễn phí (Người có công với cách mạng)")


def test_with_an_amount_it_is_charged_per_set() -> None:
    amount = ProvinceAmount("1.004873", 15000, "NQ 12/2025/NQ-HĐND")
    fee = quote(RULE, sets=2, province=amount)
    assert fee.total == 30000 and fee.payable
    assert fee.text == "30.000 đ (mức thu của tỉnh)"
    assert [(line.text, line.amount) for line in fee.lines] == [
        ("Phí (mức thu của tỉnh): 15.000 đ × 2 bộ", 30000)
    ]
    waived = quote(RULE, sets=1, province=amount, exemption="Hộ nghèo")
    assert (waived.total, waived.text) == (0, "Miễn 15.000 đ (Hộ nghèo)")
    fixed = FeeRule(FeeKind.FIXED, amount=10000)
    assert quote(fixed, sets=1, province=amount).total == 10000  # only the province's kind


@pytest.mark.parametrize("typed", [15000, "15000", "15.000", "15,000", "15.000 đ", " 15000 "])
def test_the_amount_typed_is_whole_dong(typed: object) -> None:
    assert check_province_amount(typed) == 15000


@pytest.mark.parametrize(
    "typed", [0, -5, MAX_PROVINCE_AMOUNT + 1, 1.5, 15000.0, "15000,5", "abc", "", True, None]
)
def test_anything_else_is_refused(typed: object) -> None:
    with pytest.raises(InvalidField) as err:
        check_province_amount(typed)
    assert err.value.field == "amount"


def test_bounds_and_basis() -> None:
    assert check_province_amount(1) == 1
    assert check_province_amount(MAX_PROVINCE_AMOUNT) == MAX_PROVINCE_AMOUNT
    assert check_basis("  NQ 12/2025/NQ-HĐND ") == "NQ 12/2025/NQ-HĐND"
    with pytest.raises(InvalidField):
        check_basis("x" * 201)


def test_upstream_wins_over_a_commune_desk() -> None:
    assert takes_commune_amount(None)
    for source in (AmountSource.LOCAL, AmountSource.COMMUNE):
        assert takes_commune_amount(ProvinceAmount("1.004873", 1, "", source))
    assert not takes_commune_amount(ProvinceAmount("1.004873", 1, "", AmountSource.DISTRICT))
