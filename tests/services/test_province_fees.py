"""Fees the province sets and receipts of the commune's other desks, at one desk (issue 22
part 2, left open): a dossier is received while its fee has no amount (never blocked) and
its fee taken once the administrator set it (audited, queued for the commune); a receipt
another desk issued (pulled) settles the fee here, its voiding opens it again."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.errors import InvalidField
from desk_app.domain.fee_amounts import AmountSource, ProvinceAmount
from desk_app.domain.fees import FeeError, PaymentMethod
from desk_app.storage.fee_store import FeeStore
from desk_app.sync.pull import apply_commune_fee
from tests.fees_tools import MARRIAGE, commune, marriage


def test_received_without_an_amount_then_taken_once_it_is_set(desk: Desk) -> None:
    commune(desk, account=False)
    [row] = [r for r in desk.fees.province_fees() if r.procedure_code == MARRIAGE]
    assert row.amount is None and row.note == "Theo mức thu do HĐND tỉnh quy định"
    preview = desk.intake.preview(MARRIAGE, sets=1, pages=None)
    assert preview.fee.amount is None and "Chưa có mức thu" in preview.fee.text
    code = marriage(desk, sets=2)  # received all the same
    due = desk.fees.due(code)
    assert due.amount_not_set and due.outstanding == 0 and "Quản trị viên" in due.fee_text
    with pytest.raises(FeeError, match="không có khoản phí xác định"):
        desk.fees.take_payment(code, PaymentMethod.CASH)
    for wrong in (0, "1.5", 10_000_001, "mười nghìn"):
        with pytest.raises(InvalidField):
            desk.fees.set_province_amount(MARRIAGE, wrong)
    with pytest.raises(FeeError, match="không có khoản phí do tỉnh quy định"):
        desk.fees.set_province_amount("2.000815", 5000)  # the ministry's per-page fee
    saved = desk.fees.set_province_amount(MARRIAGE, "8.000", "NQ 12/2025/NQ-HĐND")
    assert (saved.amount, saved.source, saved.changed_by) == (8000, AmountSource.LOCAL, "admin")
    assert desk.fees.due(code).outstanding == 16000  # two sets
    receipt = desk.fees.take_payment(code, PaymentMethod.CASH)
    assert receipt.amount == 16000
    assert [(ln.text, ln.amount) for ln in receipt.lines] == [
        ("16.000 đ (mức thu của tỉnh)", 16000)
    ]
    assert desk.intake.preview(MARRIAGE, sets=1, pages=None).fee.amount == 8000
    later = desk.receipts.load(marriage(desk))  # received now: it carries the amount
    assert (later.fee_amount, later.fee_text) == (8000, "8.000 đ (mức thu của tỉnh)")
    # audited and queued for the commune's other desks
    sent = [
        json.loads(p) for (p,) in desk.storage.db.execute(
            "SELECT payload FROM change_log WHERE kind = 'fee_amount'"
        )
    ]  # fmt: skip
    assert [(e["procedure_code"], e["amount"], e["basis"]) for e in sent] == [
        (MARRIAGE, 8000, "NQ 12/2025/NQ-HĐND")
    ]
    details = [e.detail for e in desk.audit.recent(50) if e.subject == f"phí {MARRIAGE}"]
    assert "mức thu của tỉnh chưa có → 8.000 đ NQ 12/2025/NQ-HĐND" in details


def test_a_commune_amount_never_replaces_upstream_s(desk: Desk) -> None:
    commune(desk, account=False)
    store = FeeStore(desk.storage)
    with desk.storage.write():
        store.set_province_amount(
            ProvinceAmount(MARRIAGE, 20000, "NQ 3/2026", AmountSource.DISTRICT, "", "")
        )
        applied = apply_commune_fee(store, "fee_amount", "x", {
            "procedure_code": MARRIAGE, "amount": 15000, "basis": "", "changed_by": "b"})  # fmt: skip
    assert applied == 0
    [row] = [r for r in desk.fees.province_fees() if r.procedure_code == MARRIAGE]
    assert row.amount is not None and row.amount.amount == 20000
    with pytest.raises(FeeError, match="cấp trên công bố"):
        desk.fees.set_province_amount(MARRIAGE, 15000)


def test_a_receipt_of_another_desk_settles_the_fee_until_it_is_voided(desk: Desk) -> None:
    commune(desk, account=False)
    desk.fees.set_province_amount(MARRIAGE, 8000)
    code = marriage(desk)
    store = FeeStore(desk.storage)
    paid = {"code": code, "series": "BL26-Q2", "number": 7, "amount": 8000, "method": "cash",
            "paid_at": datetime(2026, 3, 4, 10, 0, tzinfo=VN_TZ).isoformat(), "desk": 2}  # fmt: skip
    with desk.storage.write():
        assert apply_commune_fee(store, "fee_paid", "u-1", paid) == 1
        assert apply_commune_fee(store, "fee_paid", "u-1", paid) == 0  # a page read twice
    due = desk.fees.due(code)
    assert due.outstanding == 0 and due.paid is None and due.paid_elsewhere is not None
    with pytest.raises(FeeError) as err:
        desk.fees.take_payment(code, PaymentMethod.CASH)
    assert err.value.message == (
        f"Phí của hồ sơ {code} đã thu tại quầy 2: biên lai BL26-Q2 số 0000007 "
        "(8.000 đ, 04/03/2026); không thu lần nữa."
    )
    with desk.storage.write():
        voided = {"code": code, "series": "BL26-Q2", "number": 7, "reason": "Thu nhầm",
                  "voided_at": "2026-03-04T10:05:00+07:00"}  # fmt: skip
        assert apply_commune_fee(store, "fee_voided", "u-1", voided) == 1
    assert desk.fees.due(code).outstanding == 8000
    assert desk.fees.take_payment(code, PaymentMethod.CASH).series == "BL26-Q1"
