"""``desk-app card read`` through the real pcscd and the emulated card (tests/pcsc.py):
the fields, the verification, and one exit code and message per failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pcsc
from tests.chip import card_files as cf
from tests.chip.test_reader import KEY


def card(
    *args: str | Path, lang: str = "vi", sock: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DESK_APP_LANG": lang}
    if sock:
        env["PCSCLITE_CSOCK_NAME"] = sock
    return subprocess.run(
        [sys.executable, "-m", "desk_app", "card", "read", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=60, env=env,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


TYPED = ("--document", cf.ID_NUMBER, "--birth", "15/01/1990", "--expiry", "15/01/2030")


def _put(pcscd: pcsc.Pcscd, files: cf.CardFiles):  # type: ignore[no-untyped-def]
    return pcsc.card_on_reader(pcscd, files.files, KEY.mrz_information().decode())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_read_from_the_qr_with_the_trust_list_in_the_data_folder(
    pcscd: pcsc.Pcscd, data_dir: Path
) -> None:
    files = cf.make_card()
    (data_dir / "trust").mkdir(parents=True)
    (data_dir / "trust" / "csca-vn.pem").write_bytes(files.pki.csca_pem())
    with _put(pcscd, files):
        result = card("--qr", cf.QR_TEXT, "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr
    assert "Họ và tên: Nguyễn Thị Hoà" in result.stdout
    assert "Họ tên mẹ: Lê Thị Cúc" in result.stdout
    assert "Xác thực chip: HỢP LỆ" in result.stdout
    assert "Khác với mã QR" not in result.stdout


def test_typed_key_json_in_english_and_a_tampered_card(
    pcscd: pcsc.Pcscd, data_dir: Path, tmp_path: Path
) -> None:
    files = cf.make_card(tamper_dg13=True)
    csca = tmp_path / "csca.pem"
    csca.write_bytes(files.pki.csca_pem())
    with _put(pcscd, files):
        result = card(*TYPED, "--trust", csca, "--json", "--data-dir", data_dir, lang="en")
    assert result.returncode == 15, result.stderr
    out = json.loads(result.stdout)
    assert out["fields"]["full_name"] == "Nguyễn Thị Hoả"
    assert out["verification"]["verified"] is False
    assert out["verification"]["data_groups"] == {"DG1": True, "DG13": False}
    assert "photo" not in result.stdout


def test_no_trust_list_reads_but_does_not_verify(pcscd: pcsc.Pcscd, data_dir: Path) -> None:
    with _put(pcscd, cf.make_card()):
        result = card(*TYPED, "--data-dir", data_dir, lang="en")
    assert result.returncode == 15
    assert "Full name: Nguyễn Thị Hoà" in result.stdout
    assert "Chip verification: NOT VERIFIED" in result.stdout


def test_wrong_key(pcscd: pcsc.Pcscd, data_dir: Path) -> None:
    with _put(pcscd, cf.make_card()):
        result = card("--document", cf.ID_NUMBER, "--birth", "16/01/1990", "--expiry",
                      "15/01/2030", "--data-dir", data_dir)  # fmt: skip
    assert result.returncode == 12
    assert "Chip từ chối khoá truy cập" in result.stderr


def test_no_card(pcscd: pcsc.Pcscd, data_dir: Path) -> None:
    result = card(*TYPED, "--data-dir", data_dir, lang="en")
    assert result.returncode == 11
    assert "No card on the reader" in result.stderr


def test_no_reader_service(data_dir: Path, tmp_path: Path) -> None:
    result = card(*TYPED, "--data-dir", data_dir, sock=str(tmp_path / "no-pcscd.comm"))
    assert result.returncode == 10
    assert "Không thấy đầu đọc thẻ" in result.stderr


def test_a_typing_mistake_is_exit_2(data_dir: Path) -> None:
    result = card("--document", cf.ID_NUMBER, "--birth", "31/02/1990", "--expiry", "15/01/2030",
                  "--data-dir", data_dir)  # fmt: skip
    assert result.returncode == 2
    assert "không có trên lịch" in result.stderr


def test_a_pace_chip_json_says_pace_and_a_wrong_key_exits_as_with_bac(
    pcscd: pcsc.Pcscd, data_dir: Path, tmp_path: Path
) -> None:
    """The nPA emulator (PACE only, tests/chip/vicc_npa.py) holding the same files."""
    files = cf.make_card()
    csca = tmp_path / "csca.pem"
    csca.write_bytes(files.pki.csca_pem())
    info = KEY.mrz_information().decode()
    with pcsc.card_on_reader(pcscd, files.files, info, pace=True):
        result = card(*TYPED, "--trust", csca, "--json", "--data-dir", data_dir, lang="en")
        wrong = card("--document", cf.ID_NUMBER, "--birth", "16/01/1990", "--expiry",
                     "15/01/2030", "--data-dir", data_dir, lang="en")  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["access"] == "PACE" and out["verification"]["access"] == "PACE"
    assert out["pace_protocol"] == "ECDH-GM-AES-128 brainpoolP256r1"
    assert out["fields"]["full_name"] == "Nguyễn Thị Hoà"
    assert out["verification"]["verified"] is True
    assert wrong.returncode == 12
    assert "The chip refused the access key" in wrong.stderr
