"""The ``desk-app`` command as an officer or a scheduler runs it: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.capture.certs import OfficerCert
from tests.pdf_tools import pdf_qr_codes, pdf_text

DEMO_ENV = os.environ | {"DESK_APP_PASSWORD": "demo"}  # how a scheduler signs in


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=DEMO_ENV if env is None else env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    result = run("demo", "--data-dir", data, "--dossiers", "1500")
    assert result.returncode == 0, result.stderr
    assert "1.500 hồ sơ" in result.stderr
    return data


def test_search_prints_json_lines_most_recent_first(demo_dir: Path) -> None:
    result = run("search", "--data-dir", demo_dir, "--limit", "20")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 20
    for key in ["code", "applicant_name", "procedure_code", "status", "received_at", "due_at"]:
        assert all(key in h for h in hits), key
    received = [h["received_at"] for h in hits]
    assert received == sorted(received, reverse=True)
    assert all("*" in h["applicant_id_number"] for h in hits)  # masked in lists


def test_search_without_accents_finds_names_with_accents(demo_dir: Path) -> None:
    hits = [
        json.loads(x) for x in run("search", "--data-dir", demo_dir, "nguyen").stdout.splitlines()
    ]
    assert hits and all("Nguyễn" in h["applicant_name"] for h in hits)
    odd = run("search", "--data-dir", demo_dir, "\"NEAR( * '")
    assert odd.returncode == 0, odd.stderr


def test_receipt_writes_a_pdf_with_its_qr(demo_dir: Path, tmp_path: Path) -> None:
    code = json.loads(run("search", "--data-dir", demo_dir, "--limit", "1").stdout)["code"]
    out = tmp_path / "bien-nhan.pdf"
    result = run("receipt", "--data-dir", demo_dir, code, "--out", out)
    assert result.returncode == 0, result.stderr
    pdf = out.read_bytes()
    assert f"Mã hồ sơ: {code}" in pdf_text(pdf)
    assert f"MaHoSo: {code}" in pdf_qr_codes(pdf)[0]


def test_unknown_code_is_a_clear_error(demo_dir: Path, tmp_path: Path) -> None:
    result = run("receipt", "--data-dir", demo_dir, "KHONG-CO", "--out", tmp_path / "x.pdf")
    assert result.returncode == 2
    assert "Không có hồ sơ mã «KHONG-CO»" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_demo_refuses_a_folder_with_real_dossiers(demo_dir: Path) -> None:
    result = run("demo", "--data-dir", demo_dir, "--dossiers", "10")
    assert result.returncode == 2 and "đã có 1500 hồ sơ" in result.stderr


@pytest.mark.parametrize(
    ("procedure", "received", "expected"),
    [
        ("1.001193", "2026-03-04T16:00", "2026-03-05T17:00+07:00"),
        ("1.001193", "2026-03-04T14:00", "2026-03-04T17:00+07:00"),
        ("1.004873", "2026-02-13T10:00", "2026-02-25T10:00+07:00"),
        ("1.001193", "2026-08-21T16:00+07:00", "2026-08-22T17:00+07:00"),
    ],
)
def test_due_prints_the_appointment(procedure: str, received: str, expected: str) -> None:
    result = run("due", "--procedure", procedure, "--received", received)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--procedure", "9.999999", "--received", "2026-03-04T10:00"],
            "không có trong danh mục",
        ),
        (["due", "--procedure", "1.001193", "--received", "hôm qua"], "không đúng dạng ISO"),
    ],
)
def test_bad_arguments_give_words_not_tracebacks(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_report_and_book_over_the_demo(demo_dir: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "q.xlsx"
    result = run("report", "--data-dir", demo_dir, "--period", "2026-Q1", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Quý I năm 2026 (từ 15/12/2025 đến 14/03/2026)" in result.stderr
    sheet = openpyxl.load_workbook(out)["Tiến độ giải quyết"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG")
    carried, direct, online, post, to_handle = total[2:7]
    assert to_handle == carried + direct + online + post > 0
    book = tmp_path / "so.pdf"
    result = run(
        "book", "--data-dir", demo_dir, "--from", "01/03/2026", "--to", "2026-03-31", "--out", book
    )
    assert result.returncode == 0, result.stderr
    assert "SỔ THEO DÕI HỒ SƠ" in pdf_text(book.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--period", "2026-Q5", "--out", "x.xlsx"], "Không có quý 5"),
        (["report", "--period", "2026-Q1", "--out", "x.docx"], "chỉ hỗ trợ tệp .xlsx"),
        (
            ["book", "--from", "2026-03-31", "--to", "2026-03-01", "--out", "x.pdf"],
            "đổi lại thứ tự",
        ),
        (["book", "--from", "31/02/2026", "--to", "2026-03-01", "--out", "x.pdf"], "không hợp lệ"),
    ],
)
def test_bad_report_arguments(
    demo_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = run(*args, "--data-dir", demo_dir)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temporary file


def test_digitise_attaches_files_and_signs(
    demo_dir: Path, tmp_path: Path, officer: OfficerCert
) -> None:
    from bench.corpus import blank_page, text_page

    code = json.loads(run("search", "--data-dir", demo_dir, "--limit", "1").stdout)["code"]
    first, back = tmp_path / "p1.png", tmp_path / "p1-back.png"
    text_page().image.save(first, dpi=(300, 300))
    blank_page().image.save(back, dpi=(300, 300))
    out = tmp_path / "out"
    out.mkdir()
    env_run = subprocess.run(
        [sys.executable, "-m", "desk_app", "digitise", "--data-dir", str(demo_dir), code,
         str(first), str(back), "--component", "1", "--p12", str(officer.p12), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**DEMO_ENV, "DESK_APP_SIGN_PASSWORD": officer.passphrase},
    )  # fmt: skip
    assert env_run.returncode == 0, env_run.stderr
    assert f"của hồ sơ {code}: 1 trang" in env_run.stderr
    assert "ký số bởi Nguyễn Thị Hoa" in env_run.stderr
    [saved] = list(out.iterdir())
    assert saved.name.startswith(f"{code}_") and saved.suffix == ".pdf"


@pytest.mark.parametrize(
    ("files", "extra", "message"),
    [
        (["empty.jpg"], [], "rỗng"),
        (["note.jpg"], [], "đổi đuôi"),
        (["p.png"], ["--component", "99"], "không có thành phần số 99"),
        (["p.png"], ["--type", "sach"], "Loại giấy tờ «sach» không có"),
    ],
)
def test_digitise_bad_input(
    demo_dir: Path, tmp_path: Path, files: list[str], extra: list[str], message: str
) -> None:
    from bench.corpus import text_page

    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "note.jpg").write_text("không phải ảnh")
    text_page().image.save(tmp_path / "p.png", dpi=(300, 300))
    code = json.loads(run("search", "--data-dir", demo_dir, "--limit", "1").stdout)["code"]
    args = ["--component", "1", *extra] if "--component" not in extra else extra
    result = run("digitise", "--data-dir", demo_dir, code, *[tmp_path / f for f in files], *args)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_signing_in_from_the_command_line(demo_dir: Path) -> None:
    bare = {k: v for k, v in os.environ.items() if k != "DESK_APP_PASSWORD"}
    missing = run("search", "--data-dir", demo_dir, env=bare)
    assert missing.returncode == 2 and "Cần mật khẩu của «admin»" in missing.stderr
    wrong = run("search", "--data-dir", demo_dir, env=bare | {"DESK_APP_PASSWORD": "đoán bừa"})
    assert wrong.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    stranger = run("search", "--data-dir", demo_dir, "--officer", "ai-do")
    assert stranger.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in stranger.stderr
    assert "Traceback" not in wrong.stderr + stranger.stderr


def test_the_window_signed_in_from_the_environment_refuses_in_words(
    demo_dir: Path, tmp_path: Path
) -> None:
    """``DESK_APP_PASSWORD=… desk-app gui`` derives the key while Qt loads (its own
    thread): a refusal still ends in words and exit 2, before any window."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    stranger = run("gui", "--data-dir", demo_dir, "--officer", "ai-do", env=env | {
        "DESK_APP_PASSWORD": "demo"})  # fmt: skip
    assert stranger.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in stranger.stderr
    empty = run("gui", "--data-dir", tmp_path / "none", env=env | {"DESK_APP_PASSWORD": "x"})
    assert empty.returncode == 2 and "Chưa có quầy ở thư mục" in empty.stderr
    assert "Traceback" not in stranger.stderr + empty.stderr


def test_the_signed_in_start_loads_what_its_first_screen_draws_and_no_more() -> None:
    """The command line loads without the desk's services, so the sign-in's key derivation
    starts before they and Qt load; the window's modules leave out what its first screen
    does not draw (sync's HTTP, the receipt's PDF and fonts, the holiday calendars, the
    first-run wizard, process pools): each is loaded where it is used."""
    probe = (
        "import sys\n"
        "import desk_app.cli\n"
        "print(' '.join(sorted(m for m in ('PySide6', 'desk_app.services.desk', "
        "'desk_app.storage.database') if m in sys.modules)))\n"
        "import desk_app.ui.main, desk_app.app\n"
        "print(' '.join(sorted(m for m in ('httpx', 'reportlab', 'holidays', 'multiprocessing', "
        "'desk_app.ui.setup.setup_wizard', 'desk_app.ui.dossiers.dossier_dialog', "
        "'desk_app.ui.intake.payment_dialog', 'desk_app.chip.reader', 'asn1crypto') "
        "if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["", ""]


def test_setup_prints_a_recovery_code_that_resets_the_password(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    env = os.environ | {"DESK_APP_PASSWORD": "Lúa chín 2026"}
    weak = run("setup", "--data-dir", data, env=os.environ | {"DESK_APP_PASSWORD": "123"})
    assert weak.returncode == 2 and "ít nhất 12 ký tự" in weak.stderr
    made = run("setup", "--data-dir", data, "--admin", "hoa.nt", "--name", "Ngô Thị Hoa", env=env)
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    assert len(code.replace("-", "")) == 40
    again = run("setup", "--data-dir", data, env=env)
    assert again.returncode == 2 and "đã có quầy" in again.stderr
    assert run("search", "--data-dir", data, "--officer", "hoa.nt", env=env).returncode == 0
    new_env = os.environ | {"DESK_APP_PASSWORD": "Mùa gặt mới 2027", "DESK_APP_RECOVERY_CODE": code}
    reset = run("recover", "--data-dir", data, "--admin", "hoa.nt", env=new_env)
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout.strip().splitlines()[-1] != code  # a new code replaces the used one
    assert run("search", "--data-dir", data, "--officer", "hoa.nt", env=env).returncode == 2
    assert run("search", "--data-dir", data, "--officer", "hoa.nt", env=new_env).returncode == 0
    used = run("recover", "--data-dir", data, "--admin", "hoa.nt", env=new_env)
    assert used.returncode == 2 and "Mã khôi phục không đúng" in used.stderr
    verified = run("audit-verify", "--data-dir", data, "--officer", "hoa.nt", env=new_env)
    assert verified.returncode == 0 and "nguyên vẹn" in verified.stdout


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    made = run("demo", "--data-dir", data, "--dossiers", "30")
    assert made.returncode == 0, made.stderr
    taken = run("backup", "--data-dir", data, "--to", backups, "--keep", "3")
    assert taken.returncode == 0, taken.stderr
    assert "Đã sao lưu 30 hồ sơ" in taken.stderr
    snapshot = next(backups.glob("desk-*"))
    (data / "desk.sqlite3").write_bytes(b"\0" * 4096)  # the disk lost the database
    broken = run("search", "--data-dir", data)
    assert broken.returncode == 2 and "sao lưu" in broken.stderr
    refused = run(
        "restore", "--data-dir", data, snapshot, env=DEMO_ENV | {"DESK_APP_PASSWORD": "x"}
    )
    assert refused.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in refused.stderr
    restored = run("restore", "--data-dir", data, snapshot)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục 30 hồ sơ" in restored.stderr and "được giữ tại" in restored.stderr
    found = run("search", "--data-dir", data, "--limit", "100")
    assert found.returncode == 0 and len(found.stdout.splitlines()) == 30
    assert run("backup", "--data-dir", data, "--keep", "0", "--to", backups).returncode == 2
    assert run("restore", "--data-dir", data, tmp_path).returncode == 2
