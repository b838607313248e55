"""Why the desk database cannot be opened or written, in words that say what is true
and what to do: a full disk wants space (restoring a backup would throw recent work
away), a damaged file wants the backup."""

from __future__ import annotations

import contextlib
import enum
import errno
import shutil
from pathlib import Path

from desk_app.domain.errors import DeskError


class Fault(enum.Enum):
    """Why the database cannot be opened or written. Each has its own way forward: a full
    disk wants space (restoring a backup would throw recent work away), a damaged file
    wants the backup."""

    MISSING = "missing"  # the desk has a keyring but its database file is gone
    EMPTY = "empty"  # 0 bytes: a fresh SQLite would open it as an empty desk
    CUT_SHORT = "cut_short"  # not a whole number of pages
    NOT_A_DATABASE = "not_a_database"  # NOTADB: not this desk's key, or not a database
    CORRUPT = "corrupt"  # CORRUPT: pages that do not fit together
    DISK_FULL = "disk_full"  # FULL
    IO_ERROR = "io_error"  # IOERR: the drive failed a read or a write
    CANNOT_OPEN = "cannot_open"  # CANTOPEN: the file or its -wal/-shm cannot be opened
    READ_ONLY = "read_only"  # READONLY: a write on read-only media


# SQLite's primary result codes (the low byte of an extended code).
_CODES = {
    11: Fault.CORRUPT,  # SQLITE_CORRUPT
    13: Fault.DISK_FULL,  # SQLITE_FULL
    10: Fault.IO_ERROR,  # SQLITE_IOERR
    14: Fault.CANNOT_OPEN,  # SQLITE_CANTOPEN
    8: Fault.READ_ONLY,  # SQLITE_READONLY
    26: Fault.NOT_A_DATABASE,  # SQLITE_NOTADB
}
_ERRNOS = {
    errno.ENOSPC: Fault.DISK_FULL,
    errno.EDQUOT: Fault.DISK_FULL,
    errno.EROFS: Fault.READ_ONLY,
}


def fault_of(err: BaseException) -> Fault | None:
    """The fault behind an SQLite or OS error, or None for anything else (a constraint,
    a programming error)."""
    if isinstance(err, OSError):
        return _ERRNOS.get(err.errno or 0, Fault.IO_ERROR)
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int):
        fault = _CODES.get(code & 0xFF)
        if fault is Fault.IO_ERROR and _disk_full_text(err):
            return Fault.DISK_FULL  # SQLite reports some ENOSPC as IOERR_WRITE
        return fault
    return None


def _disk_full_text(err: BaseException) -> bool:
    return "disk is full" in str(err) or "No space" in str(err)


_FULL_BELOW = 1 << 20  # free bytes under which an I/O error is taken for a full disk


def refine(fault: Fault, path: Path) -> Fault:
    """SQLite reports a -shm or -wal it cannot grow on a full disk as a plain I/O error
    (or cannot-open): ask the disk."""
    if fault in (Fault.IO_ERROR, Fault.CANNOT_OPEN):
        with contextlib.suppress(OSError):
            if shutil.disk_usage(path.parent).free < _FULL_BELOW:
                return Fault.DISK_FULL
    return fault


class StorageFault(DeskError):
    """The database cannot be opened or written, with what is true and what to do."""

    def __init__(self, fault: Fault, path: Path, detail: str = "") -> None:
        super().__init__(_message(fault, path))
        self.fault = fault
        self.path = path
        self.detail = detail


class WrongKey(StorageFault):
    """The database does not open with this key (another desk's key, or not a database)."""


def _message(fault: Fault, path: Path) -> str:
    folder = path.parent
    restore = (
        "Hãy khôi phục bản sao lưu gần nhất (desk-app restore); nếu quầy đã đồng bộ, máy chủ "
        "cấp trên còn giữ các hồ sơ đã gửi: báo quản trị cấp huyện."
    )
    return {
        Fault.MISSING: f"Không thấy tệp dữ liệu {path} dù quầy đã được thiết lập (có tệp "
        "khóa keys.json). Không mở một quầy trống thay cho nó: số hồ sơ sẽ cấp lại từ đầu và "
        f"tệp số hóa sẽ mất. Kiểm tra ổ đĩa và thư mục {folder}. " + restore,
        Fault.EMPTY: f"Tệp dữ liệu {path} rỗng (0 byte). Không mở một quầy trống thay cho "
        "nó: số hồ sơ sẽ cấp lại từ đầu. " + restore,
        Fault.CUT_SHORT: f"Tệp dữ liệu {path} bị cắt cụt (không đủ trang). Không nhập thêm gì "
        "vào quầy này. " + restore,
        Fault.NOT_A_DATABASE: f"Tệp {path} không phải dữ liệu của quầy này (tệp hỏng, bị "
        "thay, hoặc tệp khóa keys.json là của quầy khác). Không nhập thêm gì vào quầy này. "
        + restore,
        Fault.CORRUPT: f"Tệp dữ liệu {path} bị hỏng (các trang không khớp nhau). Không nhập "
        "thêm gì vào quầy này. " + restore,
        Fault.DISK_FULL: f"Ổ đĩa chứa {folder} đã đầy: không ghi được dữ liệu. Dữ liệu đã "
        "lưu vẫn nguyên, ĐỪNG khôi phục bản sao lưu (sẽ mất việc gần đây). Hãy xóa bớt tệp "
        "không cần trên ổ đĩa này (hoặc chuyển sang ổ khác) rồi làm lại.",
        Fault.IO_ERROR: f"Ổ đĩa chứa {folder} báo lỗi đọc/ghi. Đừng tắt máy giữa chừng; hãy "
        "kiểm tra ổ đĩa (cáp, USB, dung lượng) rồi mở lại. Nếu lỗi còn, sao chép cả thư mục "
        "sang ổ khác và báo quản trị; chỉ khôi phục bản sao lưu khi tệp dữ liệu được xác "
        "định là hỏng.",
        Fault.CANNOT_OPEN: f"Không mở được tệp dữ liệu trong {folder} (không tạo được tệp "
        "nhật ký -wal/-shm bên cạnh: thư mục không được phép ghi, ổ đĩa đầy hoặc đã rút ra). "
        "Dữ liệu không bị thay đổi: hãy kiểm tra ổ đĩa và quyền ghi thư mục rồi mở lại.",
        Fault.READ_ONLY: f"Thư mục dữ liệu {folder} chỉ đọc được: xem và tìm hồ sơ vẫn được, "
        "nhưng không lưu được gì. Để làm việc, hãy mở quầy trên ổ đĩa ghi được (hoặc bỏ chế "
        "độ chống ghi của ổ/USB).",
    }[fault]
