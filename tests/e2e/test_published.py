"""What the district publishes reaches its desks: catalogue versions, calendar days,
officer accounts and their revocations; a bad item waits for a person, the rest apply."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from desk_app.app import Desk
from desk_app.domain.calendar import VN_TZ
from tests.conftest import FakeClock, birth_draft, desk_at
from tests.e2e.conftest import RunningServer

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "catalogue" / "procedures.json"


def _server_cli(district: RunningServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "district_server", *args[:1], *district.cli_args, *args[1:]],
        capture_output=True, text=True,
    )  # fmt: skip


def _desk(path: Path, commune: str, district: RunningServer, clock: FakeClock) -> Desk:
    desk = desk_at(path, clock=clock)
    desk.settings.save(replace(desk.settings.load(), desk_number=1))
    desk.sync.enrol(district.url, district.store.new_enrol_code(commune, 1, datetime.now(UTC)))
    return desk


def test_catalogue_calendar_and_accounts_reach_the_commune_s_desks_only(
    district: RunningServer, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    mine = _desk(tmp_path / "mine", "000.00.31.H26", district, clock)
    other = _desk(tmp_path / "other", "000.00.99.H99", district, clock)
    try:
        # a new catalogue version: one procedure renamed, one processing time changed
        document = json.loads(BUNDLED.read_text(encoding="utf-8"))
        old_version = document["version"]
        document["version"] = f"{old_version}-2026.11"
        document["procedures"][0]["name"] = "Đăng ký khai sinh (theo quyết định mới)"
        newer = tmp_path / "catalogue.json"
        newer.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        out = _server_cli(district, "publish-catalogue", str(newer))
        assert out.returncode == 0 and "phiên bản" in out.stdout, out.stderr
        # an extra day off on the next working day, for every commune
        tomorrow = mine.intake.calendar.next_working_day(clock().date())
        assert mine.intake.calendar.is_working_day(tomorrow)
        out = _server_cli(
            district, "publish-day", "--day", tomorrow.isoformat(), "--kind", "off",
            "--note", "Thông báo số 12/TB-UBND",
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        # an account for this commune, then its revocation
        out = _server_cli(
            district, "publish-officer", "--commune", "000.00.31.H26", "--username", "lan.nt",
            "--full-name", "Nguyễn Thị Lan",
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        summary = mine.sync.run_once()
        assert summary.received == 3 and summary.problems == 0
        assert mine.catalogue.catalogue.version == document["version"]
        code = document["procedures"][0]["code"]
        assert mine.catalogue.procedure_name(code) == "Đăng ký khai sinh (theo quyết định mới)"
        assert not mine.intake.calendar.is_working_day(tomorrow)  # the cached calendar too
        # dossiers received before keep the version they were received under
        record = mine.intake.receive(birth_draft(mine)).record
        assert record.due_at.date() != tomorrow
        accounts = {o["username"]: o for o in mine.settings.officers()}
        assert accounts["lan.nt"]["full_name"] == "Nguyễn Thị Lan"
        assert accounts["lan.nt"]["revoked_at"] is None
        out = _server_cli(
            district, "revoke-officer", "--commune", "000.00.31.H26", "--username", "lan.nt",
            "--reason", "Chuyển công tác",
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert mine.sync.run_once().received == 1
        accounts = {o["username"]: o for o in mine.settings.officers()}
        assert accounts["lan.nt"]["revoked_at"] and accounts["lan.nt"]["revoked_reason"] == (
            "Chuyển công tác"
        )
        assert mine.sync.run_once().received == 0  # nothing twice
        # the other commune: the catalogue and the day, not this commune's accounts
        assert other.sync.run_once().received == 2
        assert "lan.nt" not in {o["username"] for o in other.settings.officers()}
    finally:
        mine.close()
        other.close()


def test_an_item_a_desk_cannot_take_waits_and_the_next_ones_apply(
    district: RunningServer, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = _desk(tmp_path / "desk", "000.00.31.H26", district, clock)
    try:
        # the version this desk already holds, with other content
        document = json.loads(BUNDLED.read_text(encoding="utf-8"))
        document["procedures"][0]["name"] = "Tên khác"
        changed = tmp_path / "same-version.json"
        changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        assert _server_cli(district, "publish-catalogue", str(changed)).returncode == 0
        day = date(2026, 12, 31)
        assert _server_cli(
            district, "publish-day", "--day", day.isoformat(), "--kind", "off"
        ).returncode == 0  # fmt: skip
        summary = desk.sync.run_once()
        assert summary.received == 1 and summary.problems == 1
        problem = desk.sync.problems()[0]
        assert problem.kind == "published" and problem.ref.startswith("catalogue:")
        assert "danh mục thủ tục" in problem.message
        assert not desk.intake.calendar.is_working_day(day)
    finally:
        desk.close()


def test_bad_publications_are_refused_with_a_reason(
    district: RunningServer, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": "x", "procedures": [', encoding="utf-8")
    cases = [
        (("publish-catalogue", str(broken)), "Không đọc được"),
        (("publish-catalogue", str(tmp_path / "missing.json")), "Không đọc được"),
        (("publish-day", "--day", "31/12/2026", "--kind", "off"), "không hợp lệ"),
        (
            ("publish-officer", "--commune", "X", "--username", "A B", "--full-name", "An"),
            "Tên đăng nhập",
        ),
        (("revoke-officer", "--commune", "X", "--username", "nobody", "--reason", "r"), "không có"),
    ]
    for args, message in cases:
        out = _server_cli(district, *args)
        assert out.returncode == 2 and message in out.stderr, (args, out.stderr)
    catalogue = tmp_path / "no-procedures.json"
    catalogue.write_text(json.dumps({"version": "v", "published": "p", "source": "s"}))
    out = _server_cli(district, "publish-catalogue", str(catalogue))
    assert out.returncode == 2 and "Danh mục thủ tục không hợp lệ" in out.stderr


def test_an_account_the_district_revokes_loses_the_data_key_at_the_desk(
    district: RunningServer, tmp_path: Path
) -> None:
    """Issue 20 item 10, by the district's path: the officer's old copy of keys.json and
    password open nothing once the revocation is pulled and the desk closes."""
    import shutil

    from desk_app.domain.officers import Lockout
    from desk_app.storage.database import DatabaseError, connect
    from desk_app.storage.keyring import KEYRING_FILE, Keyring

    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = _desk(tmp_path / "desk", "000.00.31.H26", district, clock)
    out = _server_cli(
        district, "publish-officer", "--commune", "000.00.31.H26", "--username", "lan.nt",
        "--full-name", "Nguyễn Thị Lan",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    desk.sync.run_once()
    desk.accounts.reset_password("lan.nt", "Gió mùa đông bắc 7")  # her first password here
    desk.close()
    lan = desk_at(tmp_path / "desk", clock=clock, officer="lan.nt", password="Gió mùa đông bắc 7")
    lan.accounts.change_own_password("Gió mùa đông bắc 7", "Trâu cày ruộng sâu 7")
    lan.close()
    copy = tmp_path / "lan-copy"
    copy.mkdir()
    shutil.copy(tmp_path / "desk" / KEYRING_FILE, copy / KEYRING_FILE)
    old_key = Keyring.load(copy).unlock("lan.nt", "Trâu cày ruộng sâu 7", clock(), Lockout())[0]

    out = _server_cli(
        district, "revoke-officer", "--commune", "000.00.31.H26", "--username", "lan.nt",
        "--reason", "Chuyển công tác",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    desk = desk_at(tmp_path / "desk", clock=clock)
    assert desk.sync.run_once().received == 1
    desk.close()  # the revocation leaves the keyring and the data key is replaced

    raw = connect(tmp_path / "desk" / "desk.sqlite3", old_key)
    try:
        raw.execute("SELECT count(*) FROM dossiers").fetchone()
        opened = True
    except DatabaseError:
        opened = False
    finally:
        raw.close()
    assert not opened
    assert "lan.nt" not in Keyring.load(tmp_path / "desk").officers
    desk_at(tmp_path / "desk", clock=clock).close()  # the administrator still opens it


def test_a_published_list_as_a_table_reaches_the_desk_as_a_catalogue_version(
    district: RunningServer, tmp_path: Path
) -> None:
    """Issue 25 item 10: the district publishes the province's list (.xlsx) as it came."""
    import openpyxl

    clock = FakeClock(datetime.now(UTC).astimezone(VN_TZ))
    desk = _desk(tmp_path / "desk", "000.00.31.H26", district, clock)
    try:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Thời hạn giải quyết"])
        sheet.append(["1.001193", "Đăng ký khai sinh", "Hộ tịch", "Trong ngày"])
        sheet.append(["1.001776", "Trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "07 ngày"])
        book.save(tmp_path / "qd-12.xlsx")
        out = _server_cli(
            district, "publish-catalogue", str(tmp_path / "qd-12.xlsx"), "--version", "2027.1"
        )
        assert out.returncode == 0 and "2027.1" in out.stdout, out.stderr
        assert desk.sync.run_once().received == 1
        assert desk.catalogue.catalogue.version == "2027.1"
        allowance = desk.catalogue.find("1.001776")
        assert allowance is not None and allowance.sector == "Bảo trợ xã hội"
        birth = desk.catalogue.find("1.001193")
        assert birth is not None and len(birth.components) > 1  # kept from the bundled one
        bad = tmp_path / "thieu-cot.csv"
        bad.write_text("Mã thủ tục,Tên thủ tục\n1.001193,Khai sinh\n", encoding="utf-8")
        out = _server_cli(district, "publish-catalogue", str(bad))
        assert out.returncode != 0 and "«Lĩnh vực»" in out.stderr + out.stdout
    finally:
        desk.close()
