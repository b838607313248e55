"""DPAPI sealing through the real Windows API: these run under the Windows CPython in
Wine (scripts/test-windows, stage "tests"), and on Windows; elsewhere only the refusal."""

from __future__ import annotations

import sys

import pytest

from desk_app.platform import seal_dpapi
from desk_app.platform.seal_dpapi import SealError, protect, unprotect
from tests.conftest import RUN_UNDER_WINE

on_windows = pytest.mark.skipif(
    sys.platform != "win32", reason=f"DPAPI is Windows' own ({RUN_UNDER_WINE})"
)
SECRET = "Mật khẩu đồng bộ của Nguyễn Thị Hoa: ấy-ỹ-đ 2026".encode()


@on_windows
@pytest.mark.parametrize("machine", [False, True])
def test_a_sealed_secret_unseals_to_the_same_bytes(machine: bool) -> None:
    sealed = protect(SECRET, machine=machine)
    assert SECRET not in sealed and len(sealed) > len(SECRET)
    assert unprotect(sealed) == SECRET
    assert protect(SECRET, machine=machine) != sealed  # fresh salt each time
    assert unprotect(protect(b"")) == b""


@on_windows
def test_a_changed_or_cut_blob_does_not_unseal() -> None:
    sealed = bytearray(protect(SECRET))
    sealed[-5] ^= 0x01
    with pytest.raises(SealError, match="niêm phong lại"):
        unprotect(bytes(sealed))
    with pytest.raises(SealError):
        unprotect(bytes(sealed[: len(sealed) // 2]))
    with pytest.raises(SealError):
        unprotect(b"")


@on_windows
def test_a_blob_sealed_for_another_purpose_does_not_unseal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seal_dpapi, "PURPOSE", b"another program")
    sealed = protect(SECRET)
    monkeypatch.undo()
    with pytest.raises(SealError):
        unprotect(sealed)


@pytest.mark.skipif(sys.platform == "win32", reason="the refusal off Windows")
def test_off_windows_sealing_says_it_is_windows_only() -> None:
    with pytest.raises(SealError, match="chỉ có trên Windows"):
        protect(SECRET)
