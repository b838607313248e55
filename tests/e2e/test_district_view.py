"""The district view: communes and desks with last contact and backlog; a dossier search."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from district_server import district_view
from tests.conftest import FakeClock, birth_draft
from tests.e2e.conftest import RunningServer


def test_admin_sees_desks_backlog_and_finds_a_dossier(
    desk: Desk, district: RunningServer, clock: FakeClock, tmp_path: Path
) -> None:
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(
        district.url, district.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
    )
    district.store.new_enrol_code("000.00.31.H26", 2, datetime.now(UTC))  # a desk not yet enrolled
    record = desk.intake.receive(birth_draft(desk)).record
    desk.sync.run_once()
    url = f"{district.url}/quan-ly"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, auth=("admin", "sai")).status_code == 401
    out = subprocess.run(
        [sys.executable, "-m", "district_server", "admin-token", *district.cli_args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    token = out.stdout.strip().splitlines()[-1]
    page = httpx.get(url, auth=("admin", token))
    assert page.status_code == 200
    assert "000.00.31.H26" in page.text and "hoạt động" in page.text
    # received through entry 1, nothing left waiting at the desk, active
    assert "<td>1</td><td>0</td><td>hoạt động</td>" in page.text
    found = httpx.get(url, params={"q": record.code[-11:]}, auth=("admin", token))
    assert record.code in found.text and "Nguyễn T. H. N." in found.text and "1 hồ sơ" in found.text
    assert "Hồng Nhung" not in found.text
    # Issue 26, 8: the commune by its name, Vietnam's times, the dates and the late flag.
    name = desk.settings.load().parent_unit
    assert f"{name} (000.00.31.H26)" in page.text and "UTC</" not in page.text
    assert record.received_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") in found.text
    assert record.due_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") in found.text
    assert "QUÁ HẠN" not in found.text
    clock.now = record.due_at + timedelta(days=2)  # past the deadline, still at the desk
    later = district.store.search_dossiers(record.code)
    page_later = district_view.desks_page(district.store.desks(), record.code, later, clock.now)
    assert "QUÁ HẠN" in page_later
