"""Vietnamese from the commands on a Windows code page: a pipe or a redirected file is
written in the locale's encoding (on Windows the ANSI code page: cp1252, or cp1258 on a
Vietnamese install; cp437 is the console's old OEM page), none of which has "ủ" or "ệ"
precomposed. The commands print UTF-8 instead of ending with UnicodeEncodeError.
Under the Windows CPython in Wine (scripts/test-windows) the first case is the real ANSI
code page of the prefix; the others set the legacy encoding on every system."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# None: the system's own (in Wine cp1252, where the server's command failed). Each case is
# a process start (seconds under Wine): the desk on the Vietnamese ANSI page and the old
# console page, the server on the system's and the Vietnamese one.


def _run(module: str, *args: str | Path, code_page: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env["PYTHONUTF8"] = "0"
    if code_page:
        env["PYTHONIOENCODING"] = code_page
    done = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")  # UTF-8 whatever the code page: no mojibake


@pytest.mark.parametrize("code_page", ["cp1258", "cp437"])
def test_the_desk_prints_vietnamese_on_any_code_page(code_page: str | None) -> None:
    assert "Phần mềm tiếp nhận hồ sơ tại Bộ phận Một cửa" in _run(
        "desk_app", "--help", code_page=code_page
    )


@pytest.mark.parametrize("code_page", [None, "cp1258"])
def test_the_district_server_prints_vietnamese_on_any_code_page(
    code_page: str | None, tmp_path: Path
) -> None:
    out = _run(
        "district_server", "enrol-desk", "--data-dir", tmp_path, "--commune", "000.00.31.H26",
        "--desk", "2", code_page=code_page,
    )  # fmt: skip
    assert out.startswith("Mã đăng ký cho quầy 2 của 000.00.31.H26")
