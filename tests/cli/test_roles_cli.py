"""The issue's attacks by a reception officer, as `desk-app` processes on a real desk:
deleting the backup history with ``backup --keep 1``, exporting the report, the tracking
book and a USB pack, enrolling the desk. Each is refused in words (exit 2) and leaves the
backups and the folder as they were; the administrator may."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.officers import Role
from desk_app.services.backup import FOLDER_ENV
from tests.conftest import TEST_PASSWORD, birth_draft, desk_at

TEMPORARY = "Mật khẩu tạm thời của quầy 2026"


def run(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def desk_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, backups = tmp_path / "data", tmp_path / "backups"
    monkeypatch.setenv(FOLDER_ENV, str(backups))
    desk = desk_at(data)
    try:
        desk.accounts.add("lan.pt", "Phạm Thị Lan", Role.RECEPTION, TEMPORARY)
        desk.intake.receive(birth_draft(desk))
        for _ in range(3):  # the history: three snapshots
            desk.backups.back_up()
    finally:
        desk.close()
    return data, backups


def _snapshots(backups: Path) -> list[str]:
    return sorted(p.name for p in backups.glob("desk-*"))


def test_reception_cannot_delete_the_backup_history(desk_dir: tuple[Path, Path]) -> None:
    data, backups = desk_dir
    history = _snapshots(backups)
    assert len(history) == 3
    reception = os.environ | {"DESK_APP_PASSWORD": TEMPORARY, FOLDER_ENV: str(backups)}
    for extra in (["--keep", "1"], ["--keep", "1", "--to", backups], []):
        done = run("--officer", "lan.pt", "backup", "--data-dir", data, *extra, env=reception)
        assert done.returncode == 2, done.stderr
        assert "Cán bộ tiếp nhận" in done.stderr and "quản trị" in done.stderr
        assert "Traceback" not in done.stderr
        assert _snapshots(backups) == history
    admin = os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD}
    done = run("backup", "--data-dir", data, "--keep", "1", "--to", backups, env=admin)
    assert done.returncode == 0, done.stderr
    assert len(_snapshots(backups)) == 1  # the administrator may choose the rotation


def test_reception_cannot_take_reports_books_or_packs_out(
    desk_dir: tuple[Path, Path], tmp_path: Path
) -> None:
    data, _ = desk_dir
    out = tmp_path / "usb"
    out.mkdir()
    reception = os.environ | {"DESK_APP_PASSWORD": TEMPORARY}
    attempts = [
        ["report", "--period", "2026-Q1", "--out", out / "bao-cao.xlsx"],
        ["report", "--period", "2026-Q1", "--out", out / "bao-cao.pdf"],
        ["book", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out / "so.pdf"],
        ["book", "--from", "2026-01-01", "--to", "2026-12-31", "--out", out / "so.xlsx"],
        ["export-pack", "--out", out / "goi.zip"],
        ["enrol", "--server", "http://127.0.0.1:9", "--code", "AAAA-BBBB-CCCC-DDDD"],
    ]
    for args in attempts:
        done = run("--officer", "lan.pt", args[0], "--data-dir", data, *args[1:], env=reception)
        assert done.returncode == 2, (args, done.stderr)
        assert "Vai trò «Cán bộ tiếp nhận» không được phép" in done.stderr, done.stderr
    assert list(out.iterdir()) == []
    # the same commands work for the roles that hold them
    admin = os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD}
    year = datetime.now(VN_TZ).year  # the dossier was received today
    done = run("report", "--data-dir", data, "--period", str(year), "--out", out / "r.xlsx",
               env=admin)  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out / "r.xlsx")["Tiến độ giải quyết"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG")
    assert total[2:7] == (0, 1, 0, 0, 1)  # the one dossier, received at the desk


def test_only_the_administrator_imports_a_published_catalogue(
    desk_dir: tuple[Path, Path], tmp_path: Path
) -> None:
    """Issue 25 item 10: the published list (.csv here) from the command line."""
    data, _ = desk_dir
    published = tmp_path / "danh-muc.csv"
    published.write_text(
        "Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết\n"
        "1.001193,Đăng ký khai sinh,Hộ tịch,Trong ngày\n"
        "1.001776,Trợ cấp xã hội hằng tháng,Bảo trợ xã hội,07 ngày làm việc\n",
        encoding="utf-8",
    )
    reception = os.environ | {"DESK_APP_PASSWORD": TEMPORARY}
    args = ["catalogue-import", "--data-dir", data, published, "--version", "2026.9"]
    done = run("--officer", "lan.pt", *args, env=reception)
    assert done.returncode == 2 and "không được phép" in done.stderr, done.stderr
    done = run(*args, env=os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD})
    assert done.returncode == 0, done.stderr
    assert "phiên bản 2026.9: 2 thủ tục, 2 lĩnh vực (Bảo trợ xã hội, Hộ tịch)" in done.stderr
