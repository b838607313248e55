"""The OS keystore for the nightly sync's secret (issue 20 item 10). DPAPI itself runs on
Windows only; here: the non-DPAPI path of this PC (Linux) through the real ``desk-app``
process, and the sealed file's format with a stand-in keystore (a unit test of one piece)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.storage.keystore import (
    SYNC_SECRET_FILE,
    KeystoreError,
    keystore,
    load_sync_secret,
    store_sync_secret,
)
from tests.conftest import TEST_PASSWORD, desk_at


class _Xor:
    """A stand-in keystore (reversible, keyed by this test): only the file format is tested."""

    name = "test"

    def __init__(self, key: int) -> None:
        self._key = key

    def seal(self, data: bytes) -> bytes:
        return bytes([self._key]) + bytes(b ^ self._key for b in data)

    def unseal(self, sealed: bytes) -> bytes:
        if not sealed or sealed[0] != self._key:
            raise KeystoreError("another user's secret")
        return bytes(b ^ self._key for b in sealed[1:])


def test_the_sealed_secret_round_trips_and_another_keystore_cannot_read_it(
    tmp_path: Path,
) -> None:
    path = store_sync_secret(tmp_path, "dongbo", "Trâu cày ruộng sâu 7", _Xor(0x5A))
    assert "Trâu".encode() not in path.read_bytes() and b"dongbo" not in path.read_bytes()
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_sync_secret(tmp_path, _Xor(0x5A)) == ("dongbo", "Trâu cày ruộng sâu 7")
    with pytest.raises(KeystoreError):
        load_sync_secret(tmp_path, _Xor(0x33))
    assert load_sync_secret(tmp_path / "none", _Xor(0x5A)) is None


@pytest.mark.skipif(sys.platform == "win32", reason="the non-DPAPI path")
def test_without_an_os_keystore_the_command_says_what_to_use_instead(tmp_path: Path) -> None:
    assert keystore() is None
    desk_at(tmp_path / "data").close()
    result = subprocess.run(
        [sys.executable, "-m", "desk_app", "sync-secret", "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL,
        env=os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "DPAPI" in result.stderr and "systemd credential" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / SYNC_SECRET_FILE).exists()
