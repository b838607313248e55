"""A data folder whose full path is past Windows' old 260-character limit (MAX_PATH), with
Vietnamese names all the way: a day's work in it (intake, a digitised paper read from a
long path, the receipt, a backup beside it and the restore). Windows lets a program past
260 characters only when the program says it is long-path aware (the desk's exe: its
PyInstaller manifest; python.exe: its own) and the PC allows it (the LongPathsEnabled
registry value, README); without them the desk refuses such a folder in words. Run under
the Windows CPython in Wine by scripts/test-windows (Wine has no 260-character limit)."""

from __future__ import annotations

from pathlib import Path

from desk_app.platform.long_paths import data_folder_too_long, long_paths_enabled
from desk_app.services.backup import restore_desk
from desk_app.services.self_check import sample_paper
from tests.conftest import TEST_PASSWORD, FakeClock, birth_draft, desk_at

NAMES = [
    "Hồ sơ",
    "Xã Phước Hòa",
    "Bộ phận Một cửa - tiếp nhận và trả kết quả",
    "Năm 2026 - khai sinh, kết hôn, chứng thực bản sao",
    "Quầy số 1 - cán bộ Nguyễn Thị Hồng Nhung",
    "Dữ liệu quầy đồng bộ với huyện Tư Nghĩa, tỉnh Quảng Ngãi",
    "Lưu trữ điện tử theo Nghị định 45-2020-NĐ-CP",
]


def long_folder(base: Path) -> Path:
    folder = base
    for name in NAMES:
        folder /= name
    assert len(str(folder)) > 260, len(str(folder))
    return folder


def test_a_days_work_in_a_data_folder_past_260_characters(tmp_path: Path, clock: FakeClock) -> None:
    home = long_folder(tmp_path)
    data = home / "Dữ liệu"
    home.mkdir(parents=True)
    paper = sample_paper(home)  # read from a long path too
    desk = desk_at(data, clock=clock)
    try:
        record = desk.intake.receive(birth_draft(desk)).record
        code = record.code
        position = desk.digitisation.dossier_by_code(code).components[0].position
        stored = desk.digitisation.digitise_files(code, position, [paper])
        pdf = desk.digitisation.pdf(stored.id)
        receipt = home / "Giấy tiếp nhận và hẹn trả kết quả.pdf"
        receipt.write_bytes(desk.receipts.render(desk.receipts.load(code)))
        assert receipt.read_bytes().startswith(b"%PDF")
        snapshot = desk.backups.back_up(home / "Sao lưu").snapshot
        assert len(str(snapshot.path)) > 260
    finally:
        desk.close()
    restored = restore_desk(data, snapshot.path, "admin", TEST_PASSWORD, clock)
    assert restored.set_aside is not None and restored.set_aside.is_dir()
    again = desk_at(data, clock=clock)
    try:
        assert again.digitisation.pdf(stored.id) == pdf
        assert [hit.code for hit in again.dossiers.search(code)] == [code]
    finally:
        again.close()


def test_without_long_paths_a_long_folder_is_refused_in_words(tmp_path: Path) -> None:
    long = long_folder(tmp_path)
    message = data_folder_too_long(long, long_paths=False)
    assert message is not None
    assert f"dài {len(str(long))} ký tự" in message and "LongPathsEnabled" in message
    assert data_folder_too_long(long, long_paths=True) is None
    short = tmp_path / "Xã Phước Hòa"
    assert len(str(short)) < 100 and data_folder_too_long(short, long_paths=False) is None
    # On this system the day's work above went through, so the desk must not refuse here.
    assert long_paths_enabled() and data_folder_too_long(long) is None
