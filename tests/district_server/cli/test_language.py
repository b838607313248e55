"""The server's command speaks Vietnamese by default and English with DESK_APP_LANG=en, argparse's
own words included; a reader that closes the output early ends it quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from district_server.cli import main

ROOT = Path(__file__).resolve().parents[3]
COMMUNE = "000.00.31.H26"


def _run(*args: str, english: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DESK_APP_LANG", None)
    if english:
        env["DESK_APP_LANG"] = "en"
    return subprocess.run(
        [sys.executable, "-m", "district_server", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "vietnamese", "english"),
    [
        (["enrol-desk", "--commune", COMMUNE], "thiếu các tham số bắt buộc: --data-dir, --desk",
         "the following arguments are required: --data-dir, --desk"),
        (["bogus"], "lựa chọn không hợp lệ: 'bogus'", "invalid choice: 'bogus'"),
        (["publish-day", "--data-dir", "x", "--day", "2026-09-01", "--kind", "maybe"],
         "tham số --kind: lựa chọn không hợp lệ", "argument --kind: invalid choice"),
        (["enrol-desk", "--data-dir", "x", "--commune", COMMUNE, "--desk", "two"],
         "giá trị số nguyên không hợp lệ: 'two'", "invalid whole number value: 'two'"),
        (["serve", "--data-dir", "x", "--later"], "không hiểu các tham số: --later",
         "unrecognized arguments: --later"),
    ],
)  # fmt: skip
def test_argparse_refuses_in_the_command_language(
    args: list[str], vietnamese: str, english: str
) -> None:
    out = _run(*args)
    assert out.returncode == 2 and vietnamese in out.stderr, out.stderr
    assert out.stderr.startswith("cách dùng: district-server")
    assert "lỗi:" in out.stderr and "usage" not in out.stderr
    out = _run(*args, english=True)
    assert out.returncode == 2 and english in out.stderr, out.stderr
    assert out.stderr.startswith("usage: district-server")


def test_help_in_each_language() -> None:
    vietnamese = _run("enrol-desk", "--help")
    assert vietnamese.returncode == 0
    assert "tùy chọn:" in vietnamese.stdout and "in hướng dẫn này rồi thoát" in vietnamese.stdout
    assert "tạo mã đăng ký dùng một lần cho một quầy" in vietnamese.stdout
    english = _run("enrol-desk", "--help", english=True)
    assert "options:" in english.stdout and "show this help message and exit" in english.stdout
    assert "make a one-time enrolment code for a desk" in english.stdout


def test_the_commands_own_words_in_each_language(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "district")]
    out = _run("enrol-desk", *data, "--commune", COMMUNE, "--desk", "3")
    assert out.returncode == 0 and f"Mã đăng ký cho quầy 3 của {COMMUNE}" in out.stdout
    out = _run("enrol-desk", *data, "--commune", COMMUNE, "--desk", "3", english=True)
    assert out.returncode == 0 and f"Enrolment code for desk 3 of {COMMUNE}" in out.stdout
    refused = _run("revoke-desk", *data, "no-such-desk", "--reason", "x")
    assert refused.returncode == 2 and refused.stderr == "Lỗi: không có quầy no-such-desk.\n"
    refused = _run("revoke-desk", *data, "no-such-desk", "--reason", "x", english=True)
    assert refused.returncode == 2 and refused.stderr == "Error: no desk no-such-desk.\n"
    day = ["--day", "2026-09-02", "--kind", "off"]
    out = _run("publish-day", *data, *day, english=True)
    assert out.returncode == 0 and out.stdout.startswith("Published extra day off 2026-09-02")


def test_a_closed_output_ends_the_command_quietly(tmp_path: Path) -> None:
    args = ["enrol-desk", "--data-dir", str(tmp_path), "--commune", COMMUNE, "--desk", "1"]
    reader = subprocess.Popen(
        [sys.executable, "-m", "district_server", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # the reader goes away before a word is written
    errors = reader.stderr.read()
    assert reader.wait(timeout=60) == 141
    assert errors == b""


def test_main_in_process_refuses_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_APP_LANG", raising=False)
    code = main(["enrol-desk", "--data-dir", str(tmp_path), "--commune", COMMUNE, "--desk", "0"])
    assert code == 2
    assert capsys.readouterr().err == "Lỗi: số quầy phải từ 1 đến 99.\n"
