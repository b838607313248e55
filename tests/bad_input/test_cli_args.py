"""``desk-app`` arguments a person or a scheduler can get wrong: exit code 2 with a message
on stderr, no traceback, nothing changed. Run in-process (the same ``main`` as the real
command; tests/cli runs the real process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.services.desk import Desk
from tests.bad_input.conftest import dossier_code
from tests.conftest import TEST_PASSWORD

GOOD_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~"
    b"\x9bU\x00\x00\x00\nIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4\x00\x00\x00\x00"
    b"IEND\xaeB`\x82"
)

CASES: list[tuple[str, list[str]]] = [
    ("no such command", ["lam-gi-do"]),
    (
        "due: unknown procedure",
        ["due", "--procedure", "9.999999", "--received", "2026-03-02T16:00"],
    ),
    ("due: words for a time", ["due", "--procedure", "1.001193", "--received", "hôm nay"]),
    ("due: month 13", ["due", "--procedure", "1.001193", "--received", "2026-13-01T08:00"]),
    ("due: missing options", ["due"]),
    ("receipt: unknown code", ["receipt", "000.00.31.H26-260304-9999", "--out", "{tmp}/r.pdf"]),
    ("receipt: no code", ["receipt", "--out", "{tmp}/r.pdf"]),
    ("report: quarter 5", ["report", "--period", "2026-Q5", "--out", "{tmp}/b.xlsx"]),
    ("report: words for a period", ["report", "--period", "quý một", "--out", "{tmp}/b.xlsx"]),
    ("report: Word file", ["report", "--period", "2026-Q1", "--out", "{tmp}/b.docx"]),
    (
        "book: 30 February",
        ["book", "--from", "2026-02-30", "--to", "2026-03-31", "--out", "{tmp}/s.pdf"],
    ),
    (
        "book: words for a day",
        ["book", "--from", "đầu tháng", "--to", "2026-03-31", "--out", "{tmp}/s.pdf"],
    ),
    (
        "book: to before from",
        ["book", "--from", "2026-03-31", "--to", "2026-03-01", "--out", "{tmp}/s.pdf"],
    ),
    ("search: limit not a number", ["search", "--limit", "nhiều"]),
    ("digitise: file not there", ["digitise", "{code}", "{tmp}/khong-co.png", "--component", "1"]),
    ("digitise: component not a number", ["digitise", "{code}", "{png}", "--component", "một"]),
    ("digitise: component 0", ["digitise", "{code}", "{png}", "--component", "0"]),
    (
        "digitise: unknown paper type",
        ["digitise", "{code}", "{png}", "--component", "1", "--type", "hộ chiếu"],
    ),
    (
        "digitise: 31 February",
        ["digitise", "{code}", "{png}", "--component", "1", "--issued", "31/02/2020"],
    ),
    (
        "digitise: unknown colour mode",
        ["digitise", "{code}", "{png}", "--component", "1", "--mode", "sepia"],
    ),
    (
        "digitise: token without module",
        ["digitise", "{code}", "{png}", "--component", "1", "--token", "VNPT-CA"],
    ),
    ("digitise: unknown dossier", ["digitise", "KHONG-CO", "{png}", "--component", "1"]),
    ("enrol: not an address", ["enrol", "--server", "không phải địa chỉ", "--code", "ABCD"]),
    ("enrol: ftp address", ["enrol", "--server", "ftp://motcua.example.vn", "--code", "ABCD"]),
    ("enrol: nobody listening", ["enrol", "--server", "http://127.0.0.1:9", "--code", "ABCD"]),
    ("sync: not enrolled", ["sync"]),
    ("export-pack: not enrolled", ["export-pack", "--out", "{tmp}/goi.zip"]),
    ("import-ack: no file", ["import-ack", "{tmp}/khong-co.json"]),
    ("import-ack: not enrolled", ["import-ack", "{png}"]),
    ("unknown officer", ["--officer", "khong.co", "search"]),
    ("backup: keep 0", ["backup", "--keep", "0", "--to", "{tmp}/sao-luu"]),
    ("restore: not a backup", ["restore", "{tmp}"]),
    ("data dir without a value", ["search", "--data-dir"]),
]

NOT_ENROLLED = "Lỗi: Quầy chưa đăng ký với máy chủ: hãy chạy «desk-app enrol --server … --code …»."
# What the officer reads: the message's own line (argparse's refusals: its "error:" line).
WHY = {
    "no such command": "desk-app: lỗi: tham số LỆNH: lựa chọn không hợp lệ: 'lam-gi-do'",
    "due: unknown procedure": "Lỗi: Thủ tục mã «9.999999» không có trong danh mục đang áp dụng.",
    "due: words for a time": "Lỗi: Thời điểm nhận «hôm nay» không đúng dạng ISO",
    "due: month 13": "Lỗi: Thời điểm nhận «2026-13-01T08:00» không đúng dạng ISO",
    "due: missing options": "lỗi: thiếu các tham số bắt buộc: --procedure, --received",
    "receipt: unknown code": "Lỗi: Không có hồ sơ mã «000.00.31.H26-260304-9999» tại quầy này.",
    "receipt: no code": "lỗi: thiếu các tham số bắt buộc: MÃ_HỒ_SƠ",
    "report: quarter 5": "Lỗi: Không có quý 5: chỉ từ 1 đến 4.",
    "report: words for a period": "Lỗi: Kỳ báo cáo «quý một» không hợp lệ.",
    "report: Word file": "Lỗi: Không xuất được «b.docx»: chỉ hỗ trợ tệp .xlsx (Excel) hoặc .pdf.",
    "book: 30 February": "Lỗi: --from không hợp lệ: ",
    "book: words for a day": "Lỗi: --from không hợp lệ: ",
    "book: to before from": "Lỗi: Ngày bắt đầu (31/03/2026) sau ngày kết thúc (01/03/2026)",
    "search: limit not a number": "lỗi: tham số --limit: giá trị số nguyên không hợp lệ: 'nhiều'",
    "digitise: file not there": "Lỗi: Không tìm thấy tệp khong-co.png.",
    "digitise: component not a number": "lỗi: tham số --component: giá trị số nguyên không hợp lệ: 'một'",
    "digitise: component 0": "không có thành phần số 0. Các thành phần: 1. Tờ khai",
    "digitise: unknown paper type": "Lỗi: Loại giấy tờ «hộ chiếu» không có; chọn một trong: ",
    "digitise: 31 February": "Lỗi: --issued không hợp lệ: Ngày «31/02/2020» không có trên lịch.",
    "digitise: unknown colour mode": "lỗi: tham số --mode: lựa chọn không hợp lệ: 'sepia'",
    "digitise: token without module": "Lỗi: Ký bằng USB token cần cả --pkcs11-module và --token.",
    "digitise: unknown dossier": "Lỗi: Không có hồ sơ mã «KHONG-CO» tại quầy này.",
    "enrol: not an address": "Lỗi: Địa chỉ máy chủ «không phải địa chỉ» phải bắt đầu bằng http://",
    "enrol: ftp address": "Lỗi: Địa chỉ máy chủ «ftp://motcua.example.vn» phải bắt đầu bằng http://",
    "enrol: nobody listening": "Lỗi: Không kết nối được máy chủ http://127.0.0.1:9 (ConnectError).",
    "sync: not enrolled": NOT_ENROLLED,
    "export-pack: not enrolled": NOT_ENROLLED,
    "import-ack: no file": NOT_ENROLLED,  # refused as not enrolled before the file is looked at
    "import-ack: not enrolled": NOT_ENROLLED,
    "unknown officer": "Lỗi: Sai tên đăng nhập hoặc mật khẩu.",
    "backup: keep 0": "Lỗi: Số bản sao lưu giữ lại phải từ 1 trở lên.",
    "restore: not a backup": "không phải một bản sao lưu của quầy (thiếu manifest.json).",
    "data dir without a value": "lỗi: tham số --data-dir: cần một giá trị",
}


@pytest.mark.parametrize(("what", "argv"), CASES, ids=[c[0] for c in CASES])
def test_wrong_arguments_exit_2_with_a_message(
    unchanged: Desk,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    argv: list[str],
) -> None:
    monkeypatch.setenv("DESK_APP_PASSWORD", TEST_PASSWORD)
    png = tmp_path / "trang.png"
    png.write_bytes(GOOD_PNG)
    values = {"tmp": str(tmp_path), "code": dossier_code(unchanged), "png": str(png)}
    args = [a.format(**values) for a in argv]
    if "--data-dir" not in args:
        args = ["--data-dir", str(unchanged.data_dir), *args]
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse's own refusals
        code = exit_.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert code == 2, (code, err)
    assert WHY[what] in err and "Traceback" not in err, err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


def test_a_wrong_password_exits_2_and_changes_nothing(
    unchanged: Desk, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_APP_PASSWORD", "không phải mật khẩu")
    assert main(["--data-dir", str(unchanged.data_dir), "search"]) == 2
    assert "Sai tên đăng nhập hoặc mật khẩu" in capsys.readouterr().err
