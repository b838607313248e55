"""Scanner batches through the real libsane (the ``test`` backend) and the hot folder."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from desk_app.capture.page import ColourMode
from desk_app.capture.sources.base import Device, ScanRequest
from desk_app.capture.sources.batch import run_batch
from desk_app.capture.sources.sane_source import SaneDriver, SaneSource


@pytest.fixture
def driver(sane_config: Path) -> SaneDriver:
    return SaneDriver()


def _open(driver: SaneDriver, name: str = "test:0", **request: object) -> SaneSource:
    device = next(d for d in driver.devices() if d.name == name)
    return driver.open(device, ScanRequest(**request))  # type: ignore[arg-type]


def test_the_test_scanner_is_listed(driver: SaneDriver) -> None:
    names = [d.name for d in driver.devices()]
    assert "test:0" in names


def test_feeder_batch_gives_every_sheet_with_progress(driver: SaneDriver) -> None:
    source = _open(driver, dpi=75, mode=ColourMode.GREY, feeder=True)
    seen: list[int] = []
    result = run_batch(source, on_page=lambda page, n: seen.append(n))
    assert result.error is None and not result.cancelled
    assert len(result.pages) >= 5 and seen == list(range(1, len(result.pages) + 1))
    page = result.pages[0]
    assert page.dpi == 75 and page.image.mode == "L"
    assert abs(page.image.width - round(210 / 25.4 * 75)) <= 2  # A4 wide
    assert result.message == f"Đã quét {len(result.pages)} trang."


def test_colour_flatbed_scan_is_one_page(driver: SaneDriver) -> None:
    source = _open(driver, dpi=50, mode=ColourMode.COLOUR, feeder=False)
    result = run_batch(source)
    assert len(result.pages) == 1 and result.pages[0].image.mode == "RGB"
    assert result.pages[0].is_packed  # a batch keeps PNGs, not pixels


def test_cancel_keeps_the_pages_already_scanned(driver: SaneDriver) -> None:
    source = _open(driver, dpi=50, feeder=True)
    kept: list[object] = []
    result = run_batch(
        source, cancelled=lambda: len(kept) >= 2, on_page=lambda p, n: kept.append(p)
    )
    assert result.cancelled and len(result.pages) == 2
    assert result.message == "Đã dừng quét; giữ 2 trang."


def test_a_scanner_that_fails_mid_batch_keeps_what_it_scanned(driver: SaneDriver) -> None:
    # The second test device: the backend keeps a device's options for the whole process.
    source = _open(driver, "test:1", dpi=50, feeder=True)

    def on_page(page: object, number: int) -> None:
        if number == 3:  # the device now fails every read, as an unplugged scanner does
            source.handle.read_return_value = "SANE_STATUS_IO_ERROR"

    result = run_batch(source, on_page=on_page)
    assert len(result.pages) == 3
    assert result.error is not None
    assert "Đã giữ 3 trang quét được trước đó." in result.message


def test_an_unknown_device_is_a_clear_error(driver: SaneDriver) -> None:
    from desk_app.capture.errors import ScannerError

    with pytest.raises(ScannerError, match="Không mở được máy quét"):
        driver.open(Device("test:9", "Máy không có"), ScanRequest())


# --- hot folder ----------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("L", (1654, 2339), 230).save(out, format="JPEG", dpi=(200, 200))
    return out.getvalue()


def _hot(folder: Path, memory: dict[str, str], clock: _Clock):  # type: ignore[no-untyped-def]
    from desk_app.capture.hot_folder import HotFolder

    return HotFolder(
        folder,
        seen=lambda sha: sha in memory,
        remember=lambda sha, name: memory.__setitem__(sha, name),
        settle_seconds=2.0,
        clock=clock,
    )


def test_a_file_being_written_is_not_taken_until_it_settles(tmp_path: Path) -> None:
    clock, memory = _Clock(), {}
    hot = _hot(tmp_path, memory, clock)
    data = _jpeg()
    target = tmp_path / "scan001.jpg"
    with open(target, "wb") as handle:
        handle.write(data[: len(data) // 2])
        handle.flush()
        assert hot.poll() == ([], [])  # first sight
        clock.now = 5
        assert hot.poll() == ([], [])  # unchanged for 5 s but cut short: looked at again
        assert target.exists()
        handle.write(data[len(data) // 2 :])  # ... the scanner was only pausing
    os.utime(target, ns=(10**9, 10**9 * 7))
    clock.now = 6
    assert hot.poll() == ([], [])  # changed: watched again from now
    clock.now = 9
    ready, failed = hot.poll()
    assert failed == [] and [f.path.name for f in ready] == ["scan001.jpg"]
    assert len(ready[0].pages) == 1
    hot.done(ready[0])
    assert not target.exists() and (tmp_path / "đã nhập" / "scan001.jpg").exists()


def test_the_same_file_is_never_imported_twice(tmp_path: Path) -> None:
    clock, memory = _Clock(), {}
    hot = _hot(tmp_path, memory, clock)
    (tmp_path / "a.jpg").write_bytes(_jpeg())
    hot.poll()
    clock.now = 3
    [item], _ = hot.poll()
    hot.done(item)
    (tmp_path / "a-copy.jpg").write_bytes(_jpeg())  # the same scan dropped again
    clock.now = 4
    hot.poll()
    clock.now = 7
    assert hot.poll() == ([], [])
    assert not (tmp_path / "a-copy.jpg").exists()  # moved aside, not imported


def test_a_broken_scan_is_set_aside_once_it_is_old(tmp_path: Path) -> None:
    clock, memory = _Clock(), {}
    hot = _hot(tmp_path, memory, clock)
    data = _jpeg()
    target = tmp_path / "cut.jpg"
    target.write_bytes(data[: len(data) // 3])
    os.utime(target, ns=(10**9, 10**9))  # last written long ago
    hot.poll()
    clock.now = 3
    ready, failed = hot.poll()
    assert ready == [] and "chưa ghi xong" in failed[0].error.message
    assert (tmp_path / "lỗi" / "cut.jpg").exists()


def test_bad_temporary_and_outside_files(tmp_path: Path) -> None:
    clock, memory = _Clock(), {}
    hot = _hot(tmp_path, memory, clock)
    (tmp_path / "note.jpg").write_text("không phải ảnh")
    (tmp_path / "scan.jpg.part").write_bytes(_jpeg())
    (tmp_path / ".hidden.jpg").write_bytes(_jpeg())
    outside = tmp_path.parent / f"{tmp_path.name}-outside.jpg"
    outside.write_bytes(_jpeg())
    (tmp_path / "link.jpg").symlink_to(outside)
    hot.poll()
    clock.now = 3
    ready, failed = hot.poll()
    assert ready == []
    assert [f.path.name for f in failed] == ["note.jpg"]
    assert "đổi đuôi" in failed[0].error.message
    assert (tmp_path / "lỗi" / "note.jpg").exists()
    assert outside.exists() and (tmp_path / "scan.jpg.part").exists()
    shutil.rmtree(tmp_path / "lỗi")
