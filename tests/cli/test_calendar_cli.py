"""``desk-app calendar``, ``set-day``, ``remove-day`` as an administrator runs them: a real
process on a real desk (issue 25 item 1)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.conftest import desk_at, desk_env


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=desk_env(),
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_the_administrator_lists_sets_and_removes_days(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    desk_at(data).close()
    year = date.today().year + 1
    done = _run("set-day", "--data-dir", data, "--day", f"24/11/{year}", "--kind", "work",
                "--note", "Không nghỉ")  # fmt: skip
    assert done.returncode == 0 and f"Đã đặt ngày 24/11/{year}." in done.stdout, done.stderr
    listing = _run("calendar", "--data-dir", data, "--year", str(year))
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert f"24/11/{year}\tNgày làm việc\tKhông nghỉ\tQuầy này đặt" in lines
    assert any(line.startswith(f"01/01/{year}\tNgày nghỉ\tTết Dương lịch") for line in lines)
    gone = _run("remove-day", "--data-dir", data, "--day", f"{year}-11-24")
    assert gone.returncode == 0, gone.stderr
    again = _run("calendar", "--data-dir", data, "--year", str(year)).stdout.splitlines()
    back = f"24/11/{year}\tNgày nghỉ\tNgày Văn hóa Việt Nam\tLịch nghỉ lễ theo quy định"
    assert any(line.startswith(back) for line in again)  # the package's day again
    past = _run("set-day", "--data-dir", data, "--day", "2020-01-02", "--kind", "off")
    assert past.returncode == 2 and "đã qua" in past.stderr
