"""Where a command's output goes: a pipe its reader closed, a folder that is not there.
Real ``desk-app`` processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import DEMO_ENV, run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    result = run("demo", "--data-dir", data, "--dossiers", "1200")
    assert result.returncode == 0, result.stderr
    return data


def _search(demo_dir: Path, limit: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "desk_app", "search", "--data-dir", str(demo_dir),
         "--limit", str(limit)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=DEMO_ENV,
    )  # fmt: skip


def test_a_reader_that_stops_after_one_line_gets_no_broken_pipe_message(demo_dir: Path) -> None:
    """``desk-app search … | head -1``: about 400 KB of lines against a 64 KB pipe, the
    reader takes one line and goes away while the desk is still writing."""
    proc = _search(demo_dir, 1200)
    assert proc.stdout is not None and proc.stderr is not None
    first = json.loads(proc.stdout.readline())
    assert first["code"]
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 141, err
    assert err == ""  # not "Lỗi đọc/ghi tệp: Broken pipe", not "Exception ignored"


def test_a_pipe_closed_before_the_first_line_is_quiet_too(demo_dir: Path) -> None:
    """A short answer sits in the buffer until the interpreter's last flush."""
    proc = _search(demo_dir, 2)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 141, err
    assert err == ""
    # and the desk was closed cleanly on the way out: it opens and searches again
    again = run("search", "--data-dir", demo_dir, "--limit", "2")
    assert again.returncode == 0 and len(again.stdout.splitlines()) == 2, again.stderr


def _paper_files(data: Path) -> list[Path]:
    return sorted(p for p in (data / "blobs").glob("*/*") if p.parent.name != "tmp")


def test_digitise_to_a_missing_folder_stores_nothing(demo_dir: Path, tmp_path: Path) -> None:
    """The output folder is checked before the paper is stored: exit 2 after storing it
    would invite the officer to run the command again and store it twice."""
    from bench.corpus import text_page

    page = tmp_path / "p1.png"
    text_page().image.save(page, dpi=(300, 300))
    code = json.loads(run("search", "--data-dir", demo_dir, "--limit", "1").stdout)["code"]
    before = _paper_files(demo_dir)
    missing = tmp_path / "khong-co"
    result = run(
        "digitise", "--data-dir", demo_dir, code, page, "--component", "1", "--out", missing
    )
    assert result.returncode == 2, result.stderr
    assert f"Không có thư mục {missing}" in result.stderr
    assert "chưa có gì được lưu" in result.stderr and "Traceback" not in result.stderr
    assert _paper_files(demo_dir) == before
    assert not missing.exists()
    # the same command with a folder that is there stores it once
    missing.mkdir()
    result = run(
        "digitise", "--data-dir", demo_dir, code, page, "--component", "1", "--out", missing
    )
    assert result.returncode == 0, result.stderr
    assert len(_paper_files(demo_dir)) == len(before) + 1
    assert len(list(missing.iterdir())) == 1
