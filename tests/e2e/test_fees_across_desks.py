"""Fees across a commune's desks, through the real district server on loopback (issue 22
part 2, left open): the amount the province sets, typed at one desk, reaches the others and
upstream's wins; a fee taken at desk 1 is seen at desk 2 (never charged twice), desk 2
takes an unpaid one with its own series, and the server refuses a second payment of the
same fee from two desks that took it offline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fee_amounts import AmountSource
from desk_app.domain.fees import FeeError, PaymentMethod
from district_server import publishing
from tests.conftest import FakeClock, desk_at, desk_env
from tests.e2e.conftest import RunningServer
from tests.fees_tools import MARRIAGE, certify, commune, marriage

COMMUNE = "000.00.31.H26"


def _desk(tmp_path: Path, number: int, district: RunningServer, clock: FakeClock) -> Desk:
    desk = desk_at(tmp_path / f"desk{number}", clock=clock)
    commune(desk, account=False)
    desk.settings.save(replace(desk.settings.load(), desk_number=number))
    desk.sync.enrol(district.url, district.store.new_enrol_code(COMMUNE, number, datetime.now(UTC)))
    return desk


def _desk_app(desk: Desk, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *args, "--data-dir", str(desk.data_dir)],
        capture_output=True, text=True, encoding="utf-8", env=desk_env(), timeout=120,
    )  # fmt: skip


@pytest.fixture
def desks(district: RunningServer, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    """Desks 1 and 2 of the commune, enrolled with the server, on the machine's clock."""
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    one, two = _desk(tmp_path, 1, district, clock), _desk(tmp_path, 2, district, clock)
    yield one, two
    one.close()
    two.close()


def _sync(*desks: Desk, problems: int = 0) -> None:
    for desk in desks:
        summary = desk.sync.run_once()
        assert (summary.pending, summary.problems) == (0, problems), summary.line


def test_the_province_amount_reaches_the_commune_and_upstream_wins(
    district: RunningServer, desks: tuple[Desk, Desk]
) -> None:
    one, two = desks
    # not set yet: desk 2 receives the dossier all the same and says who sets the amount
    waiting = marriage(two)
    due = two.fees.due(waiting)
    assert due.amount_not_set and due.amount is None and due.outstanding == 0
    assert "Chưa có mức thu" in due.fee_text and "Quản trị viên" in due.fee_text
    with pytest.raises(FeeError, match="không có khoản phí xác định"):
        two.fees.take_payment(waiting, PaymentMethod.CASH)
    one.fees.set_province_amount(MARRIAGE, "15.000", "NQ 12/2025/NQ-HĐND")
    _sync(one, two)
    [row] = [r for r in two.fees.province_fees() if r.procedure_code == MARRIAGE]
    assert row.amount is not None
    assert (row.amount.amount, row.amount.source, row.amount.basis) == (
        15000, AmountSource.COMMUNE, "NQ 12/2025/NQ-HĐND"
    )  # fmt: skip
    # the fee left for later is taken now, at the amount set since
    assert two.fees.due(waiting).outstanding == 15000
    taken = two.fees.take_payment(waiting, PaymentMethod.CASH)
    assert (taken.amount, taken.series[-3:]) == (15000, "-Q2")
    # a dossier received now is quoted at the province amount
    assert one.fees.due(marriage(one)).outstanding == 15000
    # upstream publishes its amount: it wins at both desks, a desk can no longer change it
    key, document = publishing.fee_amount(MARRIAGE, "20000", "NQ 3/2026/NQ-HĐND")
    district.store.publish("fee_amount", key, document, datetime.now(UTC), COMMUNE)
    _sync(one, two)
    for desk in (one, two):
        amount = desk.fees.province_fees()
        [mine] = [r.amount for r in amount if r.procedure_code == MARRIAGE]
        assert mine is not None
        assert (mine.amount, mine.source) == (20000, AmountSource.DISTRICT)
    with pytest.raises(FeeError, match="cấp trên công bố"):
        one.fees.set_province_amount(MARRIAGE, 18000)


def test_a_fee_is_taken_once_across_the_commune_s_desks(
    district: RunningServer, desks: tuple[Desk, Desk]
) -> None:
    one, two = desks
    paid_at_one, unpaid, both = (
        certify(one, [OriginalDraft("Giấy tờ", 1, 1)]) for _ in range(3)
    )  # 2.000 đ each
    first = one.fees.take_payment(paid_at_one, PaymentMethod.CASH)
    _sync(one, two)
    # desk 2 sees desk 1's receipt and never charges the citizen again
    due = two.fees.due(paid_at_one)
    assert due.paid is None and due.outstanding == 0
    assert due.paid_elsewhere is not None
    assert (due.paid_elsewhere.series, due.paid_elsewhere.number) == (first.series, 1)
    assert due.paid_elsewhere.desk_number == 1
    # desk 2's officer at the command line (a process of its own): refused, said plainly
    refused = _desk_app(two, "fees", "pay", paid_at_one, "--method", "cash")
    assert refused.returncode == 2
    assert f"đã thu tại quầy 1: biên lai {first.series} số 0000001" in refused.stderr
    # an unpaid fee is taken at desk 2, in desk 2's own series; the server accepts it
    taken = _desk_app(two, "fees", "pay", unpaid, "--method", "transfer")
    assert taken.returncode == 0, taken.stderr
    series, number, _amount = taken.stdout.split()
    assert series == first.series.replace("-Q1", "-Q2") and number == "0000001"
    _sync(two, one)
    assert one.fees.due(unpaid).paid_elsewhere is not None
    with pytest.raises(FeeError, match="đã thu tại quầy 2"):
        one.fees.take_payment(unpaid, PaymentMethod.CASH)
    # both desks take the same fee before either syncs: the server keeps the first
    one.fees.take_payment(both, PaymentMethod.CASH)
    late = two.fees.take_payment(both, PaymentMethod.CASH)
    _sync(one)
    summary = two.sync.run_once()
    assert (summary.pending, summary.problems) == (0, 1)
    [problem] = two.sync.problems()
    assert problem.code == "fee_paid_twice"
    assert f"đã thu tại quầy 1: biên lai {first.series} số 0000002" in problem.message
    totals = district.store.fee_totals()
    assert [(t["cash"], t["transfer"], t["receipts"]) for t in totals] == [(4000, 2000, 3)]
    # desk 2 voids its receipt (the citizen gets the money back); desk 1 voids its first
    # receipt: desk 2 may then take that fee, and the server accepts it
    two.fees.void(late.series, late.number, "Đã thu ở quầy 1, hoàn tiền")
    one.fees.void(first.series, first.number, "Thu nhầm số tiền")
    _sync(one)
    _sync(two, problems=1)  # (the problem above waits for a person)
    assert two.fees.due(paid_at_one).outstanding == 2000
    again = two.fees.take_payment(paid_at_one, PaymentMethod.CASH)
    assert again.number == 3  # desk 2's series goes on: 1, 2 (void), 3
    _sync(two, problems=1)  # accepted: no new problem
    totals = district.store.fee_totals()
    assert [(t["cash"], t["transfer"], t["receipts"]) for t in totals] == [(4000, 2000, 3)]
