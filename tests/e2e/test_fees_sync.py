"""Fees go upstream: receipts paid, voided and matched reach the real server as change-log
entries, accepted; the district view shows the totals per commune and day."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import select

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fees import PaymentMethod
from desk_app.services.backup import restore_desk
from district_server.store.tables import changes
from tests.conftest import TEST_PASSWORD, FakeClock, desk_at
from tests.e2e.conftest import RunningServer
from tests.fees_tools import certify, commune
from tests.pdf_tools import pdf_text


def test_fees_sync_up_and_the_district_sees_totals_per_commune_and_day(
    desk: Desk, district: RunningServer, clock: FakeClock
) -> None:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    commune(desk)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    a, b, c = (
        certify(desk, [OriginalDraft("Giấy tờ", 1, 1)]),
        certify(desk, [OriginalDraft("Giấy tờ", 3, 2)]),
        certify(desk, [OriginalDraft("Giấy tờ", 2, 1)]),
    )
    desk.fees.take_payment(a, PaymentMethod.CASH)  # 2.000
    desk.fees.take_payment(b, PaymentMethod.TRANSFER)  # 10.000
    voided = desk.fees.take_payment(c, PaymentMethod.CASH)  # 4.000, then void
    desk.fees.void(voided.series, voided.number, "Thu nhầm")
    desk.fees.hand_over(clock.now.date(), "Lê Thị Hoa")
    summary = desk.sync.run_once()
    assert (summary.pending, summary.problems) == (0, 0), summary.line
    with district.store.engine.connect() as db:
        rows = db.execute(select(changes.c.kind, changes.c.problem)).all()
    fee_rows = [(k, p) for k, p in rows if k.startswith("fee_") or k == "cash_handover"]
    assert sorted(fee_rows) == sorted(
        [("fee_paid", None)] * 3 + [("fee_voided", None), ("cash_handover", None)]
    )
    day = clock.now.date().isoformat()
    assert district.store.fee_totals() == [
        {"commune_code": "000.00.31.H26", "day": day, "cash": 2000, "transfer": 10000,
         "receipts": 2, "voided": 1}
    ]  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-m", "district_server", "admin-token", *district.cli_args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    token = out.stdout.strip().splitlines()[-1]
    page = httpx.get(f"{district.url}/quan-ly", auth=("admin", token)).text
    assert "Phí, lệ phí theo xã và ngày" in page
    assert (
        f"<tr><td>{day}</td><td>000.00.31.H26</td><td>2.000 đ</td><td>10.000 đ</td>"
        "<td>12.000 đ</td><td>2</td><td>1</td></tr>"
    ) in page


def test_a_desk_restored_from_an_older_backup_gets_its_receipts_back(
    district: RunningServer, tmp_path: Path
) -> None:
    """No receipt number twice: receipts paid and voided after the backup come back from
    the server before the desk issues the next one (and a province amount typed since)."""
    data = tmp_path / "data"
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = desk_at(data, clock=clock)
    commune(desk, account=False)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    codes = [certify(desk, [OriginalDraft("Giấy tờ", 1, 1)]) for _ in range(3)]
    assert desk.sync.run_once().pending == 0
    snapshot = desk.backups.back_up(tmp_path / "backups").snapshot
    first = desk.fees.take_payment(codes[0], PaymentMethod.CASH)
    second = desk.fees.take_payment(codes[1], PaymentMethod.TRANSFER)
    desk.fees.void(first.series, first.number, "Thu nhầm")
    desk.fees.set_province_amount("1.004873", 8000, "NQ 12/2025/NQ-HĐND")
    assert desk.sync.run_once().pending == 0
    desk.close()
    restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)
    back = desk_at(data, clock=clock)
    try:
        assert back.sync.run_once().pending == 0
        again = back.fees.receipt(second.series, second.number)
        assert (again.uuid, again.amount, again.payer_name) == (
            second.uuid, 2000, "Trần Văn Bình"
        )  # fmt: skip
        assert back.fees.receipt(first.series, first.number).void_reason == "Thu nhầm"
        [amount] = [r.amount for r in back.fees.province_fees() if r.procedure_code == "1.004873"]
        assert amount is not None and (amount.amount, amount.basis) == (8000, "NQ 12/2025/NQ-HĐND")
        third = back.fees.take_payment(codes[2], PaymentMethod.CASH)
        assert third.number == 3  # not 1 again
        pdf = back.fees.render_receipt(second.series, second.number)
        assert "Trần Văn Bình" in pdf_text(pdf)
    finally:
        back.close()
