"""The nightly sync's sealed password (services.sync_secret) with the real DPAPI: under
the Windows CPython in Wine (scripts/test-windows) and on Windows. The installed program's
``seal-password`` then ``sync`` with no password in the environment is exercised by
installer/wine/stage.sh check-installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desk_app.platform.seal_dpapi import SealError
from desk_app.services.sync_secret import SEALED_FILE, seal_sync_password, sealed_sync_password
from tests.conftest import RUN_UNDER_WINE

on_windows = pytest.mark.skipif(
    sys.platform != "win32", reason=f"DPAPI is Windows' own ({RUN_UNDER_WINE})"
)


@on_windows
def test_the_sealed_password_comes_back_for_its_officer_only(tmp_path: Path) -> None:
    folder = tmp_path / "Dữ liệu xã Minh Phú"
    folder.mkdir()
    assert sealed_sync_password(folder, "admin") is None
    target = seal_sync_password(folder, "lan.pt", "mật-khẩu đồng bộ 1")
    assert target.name == SEALED_FILE and b"lan.pt" not in target.read_bytes()
    assert not list(folder.glob("*.partial"))
    assert sealed_sync_password(folder, "lan.pt") == "mật-khẩu đồng bộ 1"
    with pytest.raises(SealError, match=r"lan\.pt"):
        sealed_sync_password(folder, "admin")
    seal_sync_password(folder, "lan.pt", "mới")  # replaces the earlier one
    assert sealed_sync_password(folder, "lan.pt") == "mới"


@on_windows
def test_a_changed_or_huge_sealed_file_is_refused_in_words(tmp_path: Path) -> None:
    target = seal_sync_password(tmp_path, "admin", "demo")
    data = bytearray(target.read_bytes())
    data[-5] ^= 0xFF  # in the MAC (Wine's DPAPI ignores some changes to the header)
    target.write_bytes(bytes(data))
    with pytest.raises(SealError, match="niêm phong lại"):
        sealed_sync_password(tmp_path, "admin")
    target.write_bytes(b"\0" * (65 * 1024))
    with pytest.raises(SealError, match="quá lớn"):
        sealed_sync_password(tmp_path, "admin")


def test_off_windows_there_is_no_sealed_password(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("off Windows only")
    (tmp_path / SEALED_FILE).write_bytes(b"anything")
    assert sealed_sync_password(tmp_path, "admin") is None
