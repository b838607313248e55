"""What a desk does when its data file is gone, empty, cut, replaced, or its disk is full
or read-only: real ``desk-app`` processes on real files and real (tmpfs) file systems.

The file-system tests mount a small tmpfs, so they need root (``mount``); they are skipped
otherwise, and say so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import run

DB = "desk.sqlite3"


def _papers(data: Path) -> dict[str, str]:
    """Every paper file under blobs/ (not the temporaries or marks) with its SHA-256."""
    return {
        p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (data / "blobs").glob("*/*")
        if p.is_file() and p.parent.name not in ("tmp", "pending")
    }


def _codes(data: Path) -> list[str]:
    result = run("search", "--data-dir", data, "--limit", "500")
    assert result.returncode == 0, result.stderr
    return [json.loads(line)["code"] for line in result.stdout.splitlines()]


def _sheet(xlsx: Path) -> list[tuple[object, ...]]:
    import openpyxl

    return list(openpyxl.load_workbook(xlsx)["Tiến độ giải quyết"].iter_rows(values_only=True))


def _desk_with_a_paper(data: Path, tmp_path: Path) -> None:
    from bench.corpus import text_page

    assert run("demo", "--data-dir", data, "--dossiers", "60").returncode == 0
    page = tmp_path / "page.png"
    text_page().image.save(page, dpi=(300, 300))
    code = _codes(data)[0]
    result = run("digitise", "--data-dir", data, code, page, "--component", "1")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo desk with a digitised paper and a backup, copied for each test."""
    base = tmp_path_factory.mktemp("template")
    data = base / "data"
    _desk_with_a_paper(data, base)
    result = run("backup", "--data-dir", data, "--to", base / "data-backups")
    assert result.returncode == 0, result.stderr
    assert len(_papers(data)) == 1
    return data


@pytest.fixture
def desk_copy(template: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    shutil.copytree(template.with_name("data-backups"), tmp_path / "data-backups")
    return data


def _refused(data: Path, *words: str) -> str:
    before = _papers(data)
    result = run("search", "--data-dir", data, "--limit", "5")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert _papers(data) == before  # not one paper file swept away
    return result.stderr


def test_a_missing_database_is_refused_with_the_way_back(desk_copy: Path) -> None:
    codes = _codes(desk_copy)
    (desk_copy / DB).unlink()
    message = _refused(
        desk_copy,
        f"Không thấy tệp dữ liệu {desk_copy / DB}",
        "Không mở một quầy trống",
        f"desk-app restore --data-dir {desk_copy}",  # the newest snapshot, named
    )
    assert not (desk_copy / DB).exists()  # no fresh empty desk made in its place
    snapshot = message.split(f"desk-app restore --data-dir {desk_copy} ")[1].split()[0]
    restored = run("restore", "--data-dir", desk_copy, snapshot)
    assert restored.returncode == 0, restored.stderr
    assert _codes(desk_copy) == codes


def test_an_older_copy_put_over_the_database_is_refused(desk_copy: Path) -> None:
    """A sound file that holds less than the last clean close saw (an older copy put back
    by hand) would issue again codes already given: refused, named, with the way back."""
    codes = _codes(desk_copy)
    shutil.copy(desk_copy / DB, desk_copy.parent / "older.sqlite3")
    assert _codes(desk_copy) == codes  # one more session: its sign-in is in the audit log
    shutil.copy(desk_copy.parent / "older.sqlite3", desk_copy / DB)
    _refused(desk_copy, "cũ hơn lần đóng phần mềm gần nhất", "cấp lại những số hồ sơ",
             f"desk-app restore --data-dir {desk_copy}")  # fmt: skip
    _refused(desk_copy, "cũ hơn lần đóng phần mềm gần nhất")  # and again: the mark stays


def test_an_empty_database_is_refused_and_left_as_it_is(desk_copy: Path) -> None:
    (desk_copy / DB).write_bytes(b"")
    _refused(desk_copy, "rỗng (0 byte)", "desk-app restore")
    assert (desk_copy / DB).stat().st_size == 0


def test_a_database_cut_mid_page_is_refused(desk_copy: Path) -> None:
    raw = (desk_copy / DB).read_bytes()
    (desk_copy / DB).write_bytes(raw[: len(raw) // 2 + 100])
    _refused(desk_copy, "bị cắt cụt", "desk-app restore")


def test_a_database_cut_at_a_page_boundary_fails_the_check(desk_copy: Path) -> None:
    raw = (desk_copy / DB).read_bytes()
    (desk_copy / DB).write_bytes(raw[: (len(raw) // 2) // 4096 * 4096])
    _refused(desk_copy, "bị hỏng (các trang không khớp nhau)", "desk-app restore")


def test_a_file_that_is_not_this_desks_database_says_so(desk_copy: Path) -> None:
    size = (desk_copy / DB).stat().st_size
    (desk_copy / DB).write_bytes(os.urandom(size))
    message = _refused(desk_copy, "không phải dữ liệu của quầy này", "desk-app restore")
    assert message.startswith("Lỗi: ")  # not SQLCipher's own English log lines first


# --- full and read-only file systems (tmpfs) ----------------------------------------------


def _fill(disk: Path) -> Path:
    """Fill the file system to the last byte."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for block in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    handle.write(b"\0" * block)
            except OSError:
                continue
    assert shutil.disk_usage(disk).free == 0
    return filler


def test_a_full_disk_at_start_up_is_called_full_not_damaged(
    small_disk: Path, tmp_path: Path
) -> None:
    data = small_disk / "data"
    _desk_with_a_paper(data, tmp_path)
    codes = _codes(data)
    filler = _fill(small_disk)
    result = run("search", "--data-dir", data, "--limit", "5")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"Ổ đĩa chứa {data} đã đầy" in result.stderr
    assert "ĐỪNG khôi phục bản sao lưu" in result.stderr
    assert "hỏng" not in result.stderr and "Traceback" not in result.stderr
    filler.unlink()  # the officer frees space: everything is there
    assert _codes(data) == codes


def test_a_read_only_data_folder_can_be_read_and_refuses_writes_in_words(
    small_disk: Path, tmp_path: Path
) -> None:
    data = small_disk / "data"
    _desk_with_a_paper(data, tmp_path)
    codes = _codes(data)
    writable = run("report", "--data-dir", data, "--period", "2026", "--out", tmp_path / "rw.xlsx")
    assert writable.returncode == 0, writable.stderr
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert _codes(data) == codes  # searching works
    found = run("search", "--data-dir", data, "--limit", "1")
    assert "chỉ đọc được" in found.stderr and "Traceback" not in found.stderr
    report = run(
        "report", "--data-dir", data, "--period", "2026", "--out", tmp_path / "bao-cao.xlsx"
    )
    assert report.returncode == 0, report.stderr
    assert _sheet(tmp_path / "bao-cao.xlsx") == _sheet(tmp_path / "rw.xlsx")  # the same report
    printed = run("receipt", "--data-dir", data, codes[0], "--out", tmp_path / "r.pdf")
    assert printed.returncode == 2, printed.stderr
    assert f"Thư mục dữ liệu {data} chỉ đọc được" in printed.stderr
    assert "Traceback" not in printed.stderr and "read-only" not in printed.stderr
    assert not (tmp_path / "r.pdf").exists()
