"""DPAPI sealing on Windows: ``protect(bytes) -> bytes`` and ``unprotect(bytes) -> bytes``.

``CryptProtectData`` seals bytes to the signed-in Windows user (or, with ``machine=True``,
to the PC): only that user on that PC can unseal them, with no password to keep. The
nightly sync's secret is sealed this way (README). The blob carries a MAC, so a changed
byte, a blob sealed by another user or on another PC, or one sealed for another purpose
(the optional entropy) fails to unseal with ``SealError``. Windows only: elsewhere every
call raises ``SealError``.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes
from typing import Any

from desk_app.domain.errors import DeskError

CRYPTPROTECT_UI_FORBIDDEN = 0x1
CRYPTPROTECT_LOCAL_MACHINE = 0x4
# Binds a sealed blob to this program's purpose: another program of the same user that
# unseals with DPAPI but without these bytes gets nothing.
PURPOSE = b"desk-app DPAPI seal v1"


class SealError(DeskError):
    """The bytes could not be sealed or unsealed (message in Vietnamese)."""


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> tuple[_Blob, Any]:
    buffer = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer


def _dlls() -> tuple[Any, Any]:
    if sys.platform != "win32":
        raise SealError("Niêm phong DPAPI chỉ có trên Windows.")
    win_dll: Any = getattr(ctypes, "WinDLL")  # noqa: B009 (absent from ctypes off Windows)
    return win_dll("crypt32", use_last_error=True), win_dll("kernel32", use_last_error=True)


def _call(name: str, data: bytes, flags: int) -> bytes:
    crypt32, kernel32 = _dlls()
    function = getattr(crypt32, name)
    function.argtypes = [
        ctypes.POINTER(_Blob), ctypes.c_void_p, ctypes.POINTER(_Blob), ctypes.c_void_p,
        ctypes.c_void_p, wintypes.DWORD, ctypes.POINTER(_Blob),
    ]  # fmt: skip
    function.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    kernel32.LocalFree.restype = ctypes.c_void_p
    data_in, _keep = _blob(data)
    entropy, _keep_entropy = _blob(PURPOSE)
    out = _Blob()
    description = ctypes.c_wchar_p("desk-app") if name == "CryptProtectData" else None
    ok = function(ctypes.byref(data_in), description, ctypes.byref(entropy), None, None,
                  flags | CRYPTPROTECT_UI_FORBIDDEN, ctypes.byref(out))  # fmt: skip
    if not ok:
        error = ctypes.get_last_error()  # type: ignore[attr-defined,unused-ignore]
        if name == "CryptProtectData":
            raise SealError(f"Không niêm phong được dữ liệu bằng DPAPI (mã lỗi Windows {error}).")
        raise SealError(
            "Không mở được dữ liệu niêm phong: tệp đã bị sửa, hoặc được niêm phong bởi tài "
            f"khoản Windows hay máy khác (mã lỗi Windows {error}). Hãy niêm phong lại trên "
            "máy này, bằng tài khoản sẽ chạy đồng bộ."
        )
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)


def protect(data: bytes, *, machine: bool = False) -> bytes:
    """``data`` sealed to this Windows user (or to this PC with ``machine=True``)."""
    return _call("CryptProtectData", data, CRYPTPROTECT_LOCAL_MACHINE if machine else 0)


def unprotect(sealed: bytes) -> bytes:
    """The bytes ``protect`` sealed; ``SealError`` when they cannot be unsealed here."""
    return _call("CryptUnprotectData", sealed, 0)
