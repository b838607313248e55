"""The desk's application log holds no personal data: a day's work through the real
``desk-app`` processes, then the log files grepped for the citizen's details."""

from __future__ import annotations

import logging
import subprocess
import sys
import unicodedata
from pathlib import Path

from bench.corpus import text_page
from desk_app.domain.text import fold
from desk_app.logs import LOG_DIR, PersonalDataFilter, configure
from tests.conftest import birth_draft, desk_at, desk_env

NAME = "Nguyễn Thị Hồng Nhung"
ID_NUMBER = "001190012345"
PHONE = "0912345678"
ADDRESS = "Thôn Đông, xã Minh Phú"


def _desk_app(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)], capture_output=True, text=True,
        encoding="utf-8", env=desk_env(), timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_days_work_leaves_no_personal_data_in_the_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    desk = desk_at(data)
    record = desk.intake.receive(
        birth_draft(
            desk,
            full_name=NAME,
            id_number=ID_NUMBER,
            phone=PHONE,
            address=f"{ADDRESS}, thành phố Hà Nội",
        )
    ).record
    desk.close()
    scan, bad = tmp_path / "trang.png", tmp_path / f"{ID_NUMBER}.png"
    text_page().image.save(scan, dpi=(300, 300))
    bad.write_bytes(b"not an image")
    runs = [
        ("search", NAME),
        ("search", ID_NUMBER),
        ("receipt", record.code, "--out", tmp_path / "r.pdf"),
        ("digitise", record.code, scan, "--component", "1", "--owner", ID_NUMBER),
        ("digitise", record.code, bad, "--component", "1"),  # refused: the name is an ID
        ("book", "--from", "2026-01-01", "--to", "2026-12-31", "--out", tmp_path / "s.xlsx"),
        ("report", "--period", "2026", "--out", tmp_path / "b.xlsx"),
        ("backup", "--to", tmp_path / "backups"),
        ("audit-verify",),
        ("sync",),  # not enrolled: refused
        ("enrol", "--server", "http://127.0.0.1:9", "--code", ID_NUMBER),  # nobody there
    ]
    codes = [_desk_app(args[0], "--data-dir", data, *args[1:]).returncode for args in runs]
    assert codes == [0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 2]
    logs = list((data / LOG_DIR).glob("desk.log*"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert text.count("started") == len(runs) and f"receipt printed {record.code}" in text
    assert "refused" in text
    folded = fold(text)
    for secret in (NAME, unicodedata.normalize("NFD", NAME), ID_NUMBER, "001 190 012 345",
                   PHONE, "0912 345 678", ADDRESS, record.lookup_secret):  # fmt: skip
        assert secret not in text, secret
        assert fold(secret) not in folded, secret


def test_the_filter_masks_what_slips_into_a_message() -> None:
    record = logging.LogRecord(
        "desk_app.x", logging.INFO, __file__, 1, "looked up %s and %s for %s",
        ("001 190 012 345", "0912.345.678", "000.00.31.H26-261123-0001"), None,
    )  # fmt: skip
    PersonalDataFilter().filter(record)
    message = record.getMessage()
    assert "001******345" in message and "091****678" in message
    assert "000.00.31.H26-261123-0001" in message  # a dossier code stays readable


def test_libraries_chatter_stays_out_of_the_log(tmp_path: Path) -> None:
    root = logging.getLogger()
    level = root.level
    path = configure(tmp_path)
    try:
        logging.getLogger("fontTools.subset").info("Glyph names: ['N', 'g', 'uni1EC5']")
        logging.getLogger("httpx").info("HTTP Request: POST /sync/push")
        logging.getLogger("desk_app.test").info("kept")
    finally:
        for handler in [h for h in root.handlers if getattr(h, "desk_log", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    text = path.read_text(encoding="utf-8")
    assert "kept" in text and "Glyph" not in text and "HTTP Request" not in text


def _find(people: dict[str, str], key: str) -> str:
    return people[key]


def test_tracebacks_are_written_without_personal_data(tmp_path: Path) -> None:
    """An unexpected error in the window goes to the log with its traceback
    (``ui.messages.describe_error``); the exceptions' texts quote a citizen's name, ID
    number, phone, address and e-mail, chained (raised from a KeyError that names them)."""
    from desk_app.ui.widgets.messages import describe_error

    root = logging.getLogger()
    level = root.level
    path = configure(tmp_path)
    try:
        try:
            try:
                _find({}, f"{NAME} {ID_NUMBER}")
            except KeyError as err:
                raise ValueError(
                    f"không lưu được «{NAME}», {ADDRESS}, ĐT {PHONE[:4]} {PHONE[4:7]} "
                    f"{PHONE[7:]}, nhung.nguyen@example.vn ({unicodedata.normalize('NFD', NAME)})"
                ) from err
        except ValueError as err:
            describe_error(err, "lưu hồ sơ")
        try:
            (tmp_path / f"{ID_NUMBER} {fold(NAME)}.pdf").read_bytes()
        except OSError as err:
            logging.getLogger("desk_app.test").error("reading failed", exc_info=err)
    finally:
        for handler in [h for h in root.handlers if getattr(h, "desk_log", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    text = path.read_text(encoding="utf-8")
    folded = fold(text)
    for secret in (NAME, unicodedata.normalize("NFD", NAME), ID_NUMBER, PHONE, "0912 345 678",
                   "345", ADDRESS, "nhung.nguyen@example.vn", "Hồng", "Nhung"):  # fmt: skip
        assert secret not in text, secret
        assert fold(secret) not in folded, secret
    # what a maintainer needs is there: the frames, the types, the chain, the errno
    assert "Traceback (most recent call last)" in text and "in _find" in text
    assert "KeyError" in text and "ValueError" in text and "direct cause" in text
    assert "FileNotFoundError: [ENOENT]" in text
