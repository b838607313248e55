"""Windows' 260-character path limit (MAX_PATH) and the desk's data folder.

A Windows program may use longer paths only when its manifest says it is long-path aware
(the desk's exe does: PyInstaller writes ``longPathAware`` into every exe's manifest, and
python.exe has its own) *and* the PC allows it: the registry value ``LongPathsEnabled`` = 1
under HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem (Windows 10 1607 and later; off
unless an administrator or the Group Policy "Enable Win32 long paths" turned it on).
Without both, the first file deep in a long data folder fails with "The system cannot
find the path specified"; the desk says why before it opens or makes anything there.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

MAX_PATH = 260  # characters, the final NUL included
# The longest name the desk makes inside its data folder: a paper's temporary file,
# blobs/ab/.<64 hex>.<32 hex>.tmp (111 characters), and some room.
DEEPEST = 120


def long_paths_enabled() -> bool:
    """Whether this process may use paths past MAX_PATH (always, off Windows)."""
    if sys.platform != "win32":
        return True
    ntdll = ctypes.WinDLL("ntdll")
    try:
        enabled = ntdll.RtlAreLongPathsEnabled
    except AttributeError:
        # Before Windows 10 1607: never. Wine (10) has no such function and no limit:
        # its files past 260 characters work (scripts/test-windows).
        return hasattr(ntdll, "wine_get_version")
    enabled.argtypes = []
    enabled.restype = ctypes.c_ubyte
    return bool(enabled())


def data_folder_too_long(data_dir: Path, long_paths: bool | None = None) -> str | None:
    """The officer's message when ``data_dir`` is too long for this PC, else None
    (``long_paths``: whether the PC allows long paths; by default asked of Windows)."""
    length = len(str(data_dir.absolute()))
    if length + DEEPEST < MAX_PATH:
        return None
    if long_paths_enabled() if long_paths is None else long_paths:
        return None
    return (
        f"Đường dẫn thư mục dữ liệu dài {length} ký tự, mà Windows trên máy này chỉ cho "
        f"phép đường dẫn đến {MAX_PATH - 1} ký tự (chưa bật đường dẫn dài). Hãy chọn thư "
        f"mục có đường dẫn dưới {MAX_PATH - DEEPEST} ký tự, hoặc nhờ quản trị bật "
        "LongPathsEnabled (xem hướng dẫn cài đặt) rồi mở lại."
    )
