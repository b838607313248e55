"""``desk-app fees``: account, due, pay with the receipt PDF, reprint, void, the cash book,
hand-over and a statement, in Vietnamese and in English (in-process, real desk)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.cli.main import main
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import OriginalDraft
from tests.conftest import TEST_PASSWORD, desk_at
from tests.fees_tools import certify, commune, marriage
from tests.pdf_tools import pdf_qr_codes, pdf_text


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = tmp_path / "data"
    desk = desk_at(folder)
    try:
        commune(desk, account=False)
        code = certify(desk, [OriginalDraft("Bằng tốt nghiệp", 3, 2)])
    finally:
        desk.close()
    monkeypatch.setenv("DESK_APP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("DESK_APP_LANG", raising=False)
    return folder, code


def test_fees_from_the_command_line(
    data: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    folder, code = data
    d = ["--data-dir", str(folder)]
    assert main(["fees", "qr", code, *d]) == 2  # no account yet: said, exit 2
    assert "Chưa khai báo tài khoản nhận phí" in capsys.readouterr().err
    assert main(["fees", "account", *d, "--bank-bin", "970415", "--account", "113366668888",
                 "--account-name", "UBND xã Minh Phú", "--bank-name", "VietinBank"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["fees", "due", code, *d, "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert (due["amount"], due["outstanding"], due["receipt"]) == (10000, 10000, None)
    slip = tmp_path / "slip.pdf"
    assert main(["fees", "qr", code, *d, "--out", str(slip)]) == 0
    payload = capsys.readouterr().out.strip()
    assert pdf_qr_codes(slip.read_bytes()) == [payload]
    out = tmp_path / "bl.pdf"
    assert main(["fees", "pay", code, *d, "--method", "transfer", "--out", str(out)]) == 0
    series, number, amount = capsys.readouterr().out.split()
    assert (number, amount) == ("0000001", "10000")
    assert "Số: 0000001" in pdf_text(out.read_bytes())
    assert pdf_qr_codes(out.read_bytes()) == [payload]
    again = tmp_path / "bl2.pdf"
    assert main(["fees", "receipt", series, "1", *d, "--out", str(again)]) == 0
    assert "BẢN IN LẠI (lần 1)" in pdf_text(again.read_bytes())
    today = datetime.now(VN_TZ).date().isoformat()  # the desk's day, not the machine's
    assert main(["fees", "book", *d, "--day", today, "--json"]) == 0
    book = json.loads(capsys.readouterr().out)
    assert (book["transfer"], book["cash"], book["receipts"]) == (10000, 0, 1)
    statement = tmp_path / "sk.csv"
    statement.write_text(f"Ngày,Số tiền,Nội dung\n{today},10000,{code} le phi\n", "utf-8")
    assert main(["fees", "statement", str(statement), *d]) == 0
    assert "Đã đối chiếu 1 khoản" in capsys.readouterr().out
    monkeypatch.setenv("DESK_APP_LANG", "en")
    assert main(["fees", "book", *d, "--day", today]) == 0
    assert "cash 0 đ, transfer 10.000 đ (0 not matched)" in capsys.readouterr().out
    assert main(["fees", "void", series, "1", *d, "--reason", "Thu nhầm"]) == 0
    assert "Voided receipt" in capsys.readouterr().err
    monkeypatch.delenv("DESK_APP_LANG")
    assert main(["fees", "handover", *d, "--day", today, "--accountant", "Lê Thị Hoa"]) == 0
    assert "Đã bàn giao" in capsys.readouterr().out
    assert main(["fees", "due", code, *d]) == 0
    assert "Còn phải nộp: 10.000 đ" in capsys.readouterr().out  # the void receipt settles nothing


def test_the_province_amount_from_the_command_line(
    data: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _code = data
    d = ["--data-dir", str(folder)]
    desk = desk_at(folder)
    try:
        code = marriage(desk)
    finally:
        desk.close()
    assert main(["fees", "due", code, *d]) == 0
    assert "Chưa có mức thu (Theo mức thu do HĐND tỉnh quy định); nộp phí khi có mức thu. Quản" in (
        capsys.readouterr().out
    )
    monkeypatch.setenv("DESK_APP_LANG", "en")
    assert main(["fees", "due", code, *d, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount_not_set"] is True
    assert main(["fees", "due", code, *d]) == 0
    assert "the amount of this fee is not set at this desk: the province sets it" in (
        capsys.readouterr().out
    )
    monkeypatch.delenv("DESK_APP_LANG")
    assert main(["fees", "amounts", *d]) == 0
    assert "1.004873  Cấp Giấy xác nhận tình trạng hôn nhân: CHƯA CÓ MỨC THU" in (
        capsys.readouterr().out
    )
    assert main(["fees", "set-amount", "1.004873", "0", *d]) == 2
    assert "Mức thu phải từ 1 đến 10.000.000 đ" in capsys.readouterr().err
    assert main(["fees", "set-amount", "1.004873", "8.000", "--basis", "NQ 12/2025", *d]) == 0
    assert "Mức thu của thủ tục 1.004873: 8.000 đ mỗi bộ hồ sơ" in capsys.readouterr().out
    assert main(["fees", "amounts", *d, "--json"]) == 0
    rows = {r["procedure"]: r for r in json.loads(capsys.readouterr().out)}
    assert (rows["1.004873"]["amount"], rows["1.004873"]["source"]) == (8000, "local")
    assert rows["2.000635"]["amount"] is None
    monkeypatch.setenv("DESK_APP_LANG", "en")
    assert main(["fees", "amounts", *d]) == 0
    out = capsys.readouterr().out
    assert "1.004873  Cấp Giấy xác nhận tình trạng hôn nhân: 8.000 đ (this desk; NQ 12/2025)" in out
    assert "2.000635  Cấp bản sao trích lục hộ tịch: NOT SET" in out
    assert main(["fees", "set-amount", "1.004873", "9000", *d]) == 0
    assert "Amount of procedure 1.004873: 9.000 đ per dossier set" in capsys.readouterr().out
    assert main(["fees", "due", code, *d]) == 0
    assert "Outstanding: 9.000 đ" in capsys.readouterr().out  # taken later, at the amount set
