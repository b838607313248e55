"""The data folder's life: a set-up cut by a power cut, a disk that fills while the desk
works. Real files; the full disk is a real tmpfs filled to its last byte (root only)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk_app.app import open_desk
from desk_app.services import access
from desk_app.services.access import is_set_up, set_up_desk
from desk_app.storage.database import DB_FILENAME, Fault, StorageFault
from desk_app.storage.keyring import KEYRING_FILE, Keyring
from tests.conftest import CHEAP_KDF, TEST_PASSWORD, FakeClock, birth_draft


class PowerCut(BaseException):
    pass


def _set_up(data: Path, clock: FakeClock) -> str:
    return set_up_desk(
        data, username="admin", full_name="Quản trị thử", password=TEST_PASSWORD,
        clock=clock, cost=CHEAP_KDF,
    )  # fmt: skip


def test_a_set_up_cut_after_the_keyring_is_finished_by_the_next_open(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"

    def cut(_data_dir: Path) -> None:
        raise PowerCut

    monkeypatch.setattr(access, "_finish_set_up", cut)
    with pytest.raises(PowerCut):
        _set_up(data, clock)
    monkeypatch.undo()
    assert (data / KEYRING_FILE).is_file() and not (data / DB_FILENAME).exists()
    desk = open_desk(data, officer="admin", password=TEST_PASSWORD, clock=clock)
    try:
        assert desk.session.username == "admin"
        assert not list(data.glob("*.setup*"))
    finally:
        desk.close()


def test_a_set_up_cut_before_the_keyring_starts_again(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"

    def cut(*_args: object, **_kwargs: object) -> None:
        raise PowerCut

    monkeypatch.setattr(Keyring, "create", cut)
    with pytest.raises(PowerCut):
        _set_up(data, clock)
    monkeypatch.undo()
    assert not is_set_up(data) and not (data / DB_FILENAME).exists()
    _set_up(data, clock)  # the half-made database is cleared, set-up runs again
    desk = open_desk(data, officer="admin", password=TEST_PASSWORD, clock=clock)
    desk.close()


def test_a_disk_that_fills_while_the_desk_works_is_called_full(
    small_disk: Path, clock: FakeClock
) -> None:
    """A save on a full disk fails as a full disk, in words, with nothing half-kept; the
    same save succeeds once there is room."""
    data = small_disk / "data"
    _set_up(data, clock)
    desk = open_desk(data, officer="admin", password=TEST_PASSWORD, clock=clock)
    try:
        first = desk.intake.receive(birth_draft(desk)).record
        filler = data.parent / "filler"
        with open(filler, "wb", buffering=0) as handle:
            for block in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
                try:
                    while True:
                        handle.write(b"\0" * block)
                except OSError:
                    continue
        assert shutil.disk_usage(small_disk).free == 0
        draft = birth_draft(desk, full_name="Kiều Văn Lực")
        with pytest.raises(StorageFault) as caught:
            for _ in range(50):  # the WAL has room for a few pages before it must grow
                desk.intake.receive(draft)
        assert caught.value.fault is Fault.DISK_FULL
        assert "đã đầy" in caught.value.message and "ĐỪNG khôi phục" in caught.value.message
        kept = desk.dossiers.count()
        filler.unlink()
        again = desk.intake.receive(draft).record
        assert desk.dossiers.count() == kept + 1
        assert again.code != first.code
    finally:
        desk.close()
