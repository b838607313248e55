"""Fee entries an enrolled desk's program would never write, pushed to the real district
server on loopback through the desk's real change log and sync (issue 20's bar): each is
kept as a problem and never reaches the district's fee totals (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk_app.domain.dossier import OriginalDraft
from desk_app.domain.fees import PaymentMethod
from desk_app.storage.change_log import ChangeLog
from tests.conftest import desk_at
from tests.e2e.conftest import RunningServer
from tests.e2e.test_authz import _forge
from tests.fees_tools import certify, commune

COMMUNE = "000.00.31.H26"


def _paid_payload(desk: Any) -> dict[str, Any]:
    (entry,) = [e for e in ChangeLog(desk.storage).entries() if e["kind"] == "fee_paid"]
    return dict(json.loads(entry["payload"]))


def test_hostile_fee_entries_are_problems_and_leave_the_totals_alone(
    district: RunningServer, tmp_path: Path
) -> None:
    desk = desk_at(tmp_path / "desk")
    try:
        commune(desk)
        desk.sync.enrol(district.url, district.store.new_enrol_code(COMMUNE, 1, datetime.now(UTC)))
        code = certify(desk, [OriginalDraft("Giấy tờ", 3, 2)])
        desk.fees.take_payment(code, PaymentMethod.CASH)  # 10.000 đ, receipt 1
        assert desk.sync.run_once().problems == 0
        (honest,) = district.store.fee_totals()
        assert (honest["cash"], honest["receipts"]) == (10_000, 1)
        paid = _paid_payload(desk)
        hostile = {
            # the same receipt again for 1 đ: the day's cash would have shrunk to 1 đ
            "same receipt, less": paid | {"amount": 1},
            "negative": paid | {"number": 90, "amount": -10_000},
            "float": paid | {"number": 91, "amount": 10_000.5},
            "bool": paid | {"number": 92, "amount": True},
            "huge": paid | {"number": 93, "amount": 10**30},
            "another commune": paid | {"number": 94, "code": "000.00.99.H99-261206-1001"},
            "receipt number zero": paid | {"number": 0},
        }
        seqs = {
            _forge(desk, "fee_paid", str(uuid.uuid4()), payload): name
            for name, payload in hostile.items()
        }
        desk.sync.run_once()
        problems = {p.ref: p.code for p in desk.sync.problems()}
        refused = {seqs[int(ref)] for ref in problems if ref.isdigit() and int(ref) in seqs}
        assert refused == set(hostile), problems
        assert district.store.fee_totals() == [honest]
    finally:
        desk.close()
