"""The desk's SQLite database: one file, encrypted (SQLCipher 4), WAL, FULL sync, a
connection per thread.

The file is keyed with a raw 256-bit key derived from the desk's data key
(``storage.keyring``), so opening costs no PBKDF2 and a copy of the file without the key
is random bytes (pages are AES-256-CBC with an HMAC-SHA512 each; the WAL too).

A ``sqlite_utils.Database`` belongs to the thread that opened it, so ``Storage`` keeps one
per thread. Writes are serialised by the caller (the UI's single DB worker, or the one
thread of a CLI command); ``write()`` takes SQLite's write lock up front (BEGIN IMMEDIATE)
so a writer never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import sqlcipher3
import sqlite_utils

from desk_app.domain.errors import DeskError
from desk_app.storage.files import make_private, mkdir_durably, write_durably
from desk_app.storage.keyring import DataKey
from desk_app.storage.schema import FTS_INSERT_TRIGGER, FTS_INSERT_TRIGGER_NAME, MIGRATIONS

DB_FILENAME = "desk.sqlite3"
CLEAN_MARK_SUFFIX = ".clean"
LOCK_SUFFIX = ".lock"  # held shared while open; exclusively to replace the data key
PAGE_SIZE = 4096  # SQLCipher 4's default; the file is always a whole number of pages


# SQLCipher's own exception classes (not the stdlib's): what a caller may catch.
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
OperationalError = sqlcipher3.OperationalError


def _lock_file(path: Path, shared: bool) -> int | None:
    """An flock on ``path`` (created 0600): shared waits for an exclusive holder (a data
    key being replaced); exclusive gives None when anyone holds it. On Windows no lock is
    taken (the file is still opened)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # read-only media: nothing can be written, nor replaced, there
        return None
    if os.name == "nt":
        return fd
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@contextmanager
def exclusive_lock(path: Path) -> Iterator[bool]:
    """Whether this process alone has the database at hand (no ``Storage`` open on it in
    any process), held for the block."""
    fd = _lock_file(path, shared=False)
    try:
        yield fd is not None
    finally:
        if fd is not None:
            os.close(fd)


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


def _refine(fault: Fault, path: Path) -> Fault:
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


def connect(path: Path, key: DataKey, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the encrypted file at ``path``, keyed; nothing else set.

    ``read_only`` opens a database on read-only media as immutable: no locks, no -shm
    (which could not be created there). Only for a file nothing can write and whose WAL
    is empty (the caller checks), since an immutable open does not read the WAL."""
    # Each thread uses its own connection; check_same_thread=False only lets ``close()``
    # close them all from whichever thread ends the desk (an open connection left to the
    # process's exit would checkpoint the WAL after the clean-close mark was taken).
    target: str | Path = path
    if read_only:
        target = f"file:{quote(path.resolve().as_posix())}?mode=ro&immutable=1"
    conn = sqlcipher3.connect(
        target, isolation_level=None, timeout=10.0, check_same_thread=False, uri=read_only
    )
    # SQLCipher's own log goes to stderr in English ("hmac check failed for pgno=1"); the
    # fault reaches the officer as a StorageFault in words instead
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.derive('desk database').hex()}'\"")
    return cast(sqlite3.Connection, conn)


def _folder_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (a real try: root ignores file modes,
    a read-only mount does not)."""
    probe = folder / f".probe-{uuid.uuid4().hex}"
    try:
        probe.touch(exist_ok=False)
    except OSError as err:
        return err.errno not in (errno.EROFS, errno.EACCES, errno.EPERM)
    probe.unlink(missing_ok=True)
    return True


def check_file(path: Path) -> None:
    """Refuse, before SQLite sees it, a database file that SQLite would open as a fresh
    empty desk (missing, 0 bytes) or that was cut short."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise StorageFault(Fault.MISSING, path) from None
    except OSError as err:
        raise StorageFault(fault_of(err) or Fault.IO_ERROR, path, str(err)) from err
    if size == 0:
        raise StorageFault(Fault.EMPTY, path)
    if size % PAGE_SIZE:
        raise StorageFault(Fault.CUT_SHORT, path, f"{size} bytes")


class Storage:
    """Opens connections to one desk database and runs its migrations once.

    The file must exist and hold pages unless ``create`` (setting a desk up): SQLite would
    happily open a missing or empty file as a new, empty desk. On read-only media the
    database opens for reading only (``read_only``); every write then raises
    ``StorageFault(READ_ONLY)``.
    """

    def __init__(self, path: Path, key: DataKey, *, create: bool = False) -> None:
        self.path = path
        self._key = key
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()  # guards the list of connections only
        self.read_only = False
        self._damaged = False
        self._seen: list[int] | None = None  # how far the last clean close had come
        self._lock_fd: int | None = None
        if create:
            mkdir_durably(path.parent)
            if path.exists():
                check_file(path)
        else:
            check_file(path)
            self.read_only = not _folder_writable(path.parent)
            if self.read_only and _nonempty(self._wal):
                # an immutable open would not read the WAL: the last commits would be unseen
                raise StorageFault(Fault.READ_ONLY, path, "WAL not empty")
        # shared while open (not on read-only media): a replacement of the data key
        # (storage.rekey) waits for it, and is not done while it is held
        lock = path.with_name(path.name + LOCK_SUFFIX)
        self._lock_fd = None if self.read_only else _lock_file(lock, shared=True)
        self.closed_cleanly = self._take_clean_mark()
        try:
            db = self.db
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if self.read_only:
                if MIGRATIONS.pending(db):
                    raise StorageFault(Fault.READ_ONLY, path, "migrations pending")
            else:
                make_private(path, 0o600)  # SQLite gives -wal and -shm the same mode
                db.execute("PRAGMA journal_mode = WAL")
                MIGRATIONS.apply(db)
                self._ensure_search_index()
        except (sqlcipher3.Error, OSError) as err:
            self.close(clean=False)
            fault = fault_of(err)
            if fault is None:
                raise
            if fault is Fault.NOT_A_DATABASE:
                raise WrongKey(fault, path, str(err)) from err
            raise StorageFault(_refine(fault, path), path, str(err)) from err
        except StorageFault:
            self.close(clean=False)
            raise

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            # isolation_level=None: no implicit transactions; write() and atomic() decide.
            conn = connect(self.path, self._key, read_only=self.read_only)
            for pragma in (
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 10000",
                "PRAGMA cache_size = -16000",
                "PRAGMA temp_store = MEMORY",
            ):
                conn.execute(pragma)
            db = sqlite_utils.Database(conn)
            self._local.db = db
            with self._lock:
                self._connections.append(conn)
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One durable write transaction; nested calls become savepoints."""
        if self.read_only:
            raise StorageFault(Fault.READ_ONLY, self.path)
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                self._take_after_commit()
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlcipher3.Error as err:
            # a full disk, a failing drive or damaged pages say so in words, not as a
            # "database or disk is full" traceback; nothing of the transaction was kept
            # (an OSError of the caller's own files passes as it is: the caller words it)
            self._take_after_commit()
            if db.conn.in_transaction:
                with contextlib.suppress(sqlcipher3.Error):
                    db.execute("ROLLBACK")
            fault = fault_of(err)
            if fault is None:
                raise
            raise StorageFault(_refine(fault, self.path), self.path, str(err)) from err
        for done in self._take_after_commit():
            done()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this thread's current write transaction has committed
        (never if it rolls back)."""
        pending: list[Callable[[], None]] | None = getattr(self._local, "after_commit", None)
        if pending is None:
            pending = self._local.after_commit = []
        pending.append(callback)

    def _take_after_commit(self) -> list[Callable[[], None]]:
        pending: list[Callable[[], None]] = getattr(self._local, "after_commit", None) or []
        self._local.after_commit = []
        return pending

    @contextmanager
    def bulk_load(self, cache_mb: int = 256) -> Iterator[None]:
        """For loading many dossiers of disposable data (the demo), fast.

        A big page cache, NORMAL sync (in WAL mode it still survives an application crash;
        only a power cut can lose the last commits, which for demo data means running the
        demo again), and the search index rebuilt once at the end instead of row by row.
        If the process dies before the end, the next ``Storage`` open restores the index.
        Real intake never uses this.
        """
        db = self.db
        db.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        db.execute("PRAGMA synchronous = NORMAL")
        with self.write():
            db.execute(f"DROP TRIGGER IF EXISTS {FTS_INSERT_TRIGGER_NAME}")
        try:
            yield
        finally:
            self._ensure_search_index()
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA cache_size = -16000")

    def _ensure_search_index(self) -> None:
        """Put back the search trigger and rebuild the index if a bulk load was cut short."""
        db = self.db
        present = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            [FTS_INSERT_TRIGGER_NAME],
        ).fetchone()
        if present:
            return
        with self.write():
            db.execute(FTS_INSERT_TRIGGER)
            db.execute("INSERT INTO dossier_fts (dossier_fts) VALUES ('rebuild')")

    @property
    def key(self) -> DataKey:
        return self._key

    def backup_to(self, target: Path) -> None:
        """An online copy of the whole database into the new file ``target`` (SQLite's
        backup API, keyed alike: the copy is as encrypted as the original). Writers wait
        a moment, readers not at all."""
        copy = connect(target, self._key)
        try:
            self.db.conn.backup(copy)
        finally:
            copy.close()

    def integrity_ok(self) -> bool:
        """SQLite's quick_check, reading every page (each page's HMAC checked on the way)."""
        try:
            rows = self.db.execute("PRAGMA quick_check").fetchall()
        except sqlcipher3.DatabaseError:  # a page altered or torn: it does not decrypt
            self.mark_damaged()
            return False
        if rows != [("ok",)]:
            self.mark_damaged()
            return False
        return True

    def mark_damaged(self) -> None:
        """A page was found damaged: no clean-close mark will vouch for these files."""
        self._damaged = True
        with contextlib.suppress(OSError):
            self._clean_mark.unlink(missing_ok=True)

    def close(self, *, clean: bool = True) -> None:
        """Close every connection this storage opened (call from the owning threads' end)
        and, unless ``clean`` is False (a file found damaged), mark the files as this
        close left them."""
        marking = clean and not self.read_only and not self._damaged
        seen = self._high_water() if marking else None
        with self._lock:
            for conn in self._connections:
                # A connection of another (possibly ended) thread refuses; the OS frees it.
                with contextlib.suppress(sqlcipher3.ProgrammingError):
                    conn.close()
            self._connections.clear()
        self._local = threading.local()
        try:
            if not marking or self._damaged:
                return
            with contextlib.suppress(OSError):  # no mark: the next open checks, which is safe
                write_durably(self._clean_mark, json.dumps(self._mark(seen)).encode("utf-8"))
        finally:
            if self._lock_fd is not None:  # after the mark: a key replacement may follow
                with contextlib.suppress(OSError):
                    os.close(self._lock_fd)
                self._lock_fd = None

    # A clean close leaves a mark: the database and WAL files' sizes and SHA-256, sealed
    # with an HMAC under the desk's key. The next open compares.
    # A crash, a power cut, another process still writing, a byte the disk flipped or an
    # edit (whatever its modification time says) leaves no mark or a different one, and
    # only then is the whole-file check run. Hashing reads every byte too, but costs far
    # less than SQLite's check, which decrypts and verifies every page and walks every
    # b-tree: SHA-256 (with the CPU's SHA instructions) over 16 MB segments on every
    # core at once. Measured in one run on the loaded 2-core build machine, a 48 MB
    # desk (40,000 dossiers): 0.08-0.12 s to hash, 0.59 s for quick_check; 240 MB hash
    # in 0.6-0.7 s. That is what a clean start now costs (it was 1 ms: sizes and times
    # only). A sample of the file would be cheaper but cannot see a byte outside it.

    @property
    def _clean_mark(self) -> Path:
        return self.path.with_name(self.path.name + CLEAN_MARK_SUFFIX)

    @property
    def _wal(self) -> Path:
        return self.path.with_name(self.path.name + "-wal")

    def _file_state(self) -> list[list[Any] | None]:
        return [_digest(file) for file in (self.path, self._wal)]

    def _seal(self, files: object, seen: object) -> str:
        text = json.dumps([files, seen], separators=(",", ":")).encode("utf-8")
        return hmac.new(self._key.derive("clean close mark"), text, hashlib.sha256).hexdigest()

    def _mark(self, seen: list[int] | None) -> dict[str, Any]:
        files = self._file_state()
        return {
            "format": _MARK_FORMAT,
            "files": files,
            "seen": seen,
            "mac": self._seal(files, seen),
        }

    # The mark also says how far the database had come at that close: its last change-log
    # and audit-log entries (the audit log grows at every sign-in). A sound database that
    # has less is an older copy put in its place: opening it would issue again dossier
    # codes already given to citizens, so the desk refuses (``desk-app restore`` replaces
    # the mark with the snapshot's).

    def _high_water(self) -> list[int] | None:
        try:
            row = self.db.execute(
                "SELECT (SELECT coalesce(max(seq), 0) FROM change_log), "
                "(SELECT coalesce(max(seq), 0) FROM audit_log)"
            ).fetchone()
        except sqlcipher3.Error:
            return None
        return [int(row[0]), int(row[1])]

    def older_than_last_close(self) -> tuple[list[int], list[int]] | None:
        """(what the database holds, what the last clean close saw) when it holds less."""
        seen, now = self._seen, self._high_water()
        if seen is None or now is None:
            return None
        if any(have < had for have, had in zip(now, seen, strict=True)):
            return now, seen
        return None

    def _take_clean_mark(self) -> bool:
        """Whether the files hold exactly what a clean close left. The mark stays: it proves
        content, so after a crash or any change it simply no longer matches."""
        try:
            recorded = json.loads(self._clean_mark.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(recorded, dict) or recorded.get("format") != _MARK_FORMAT:
            return False  # an older mark (sizes and times only) proves nothing
        files, seen = recorded.get("files"), recorded.get("seen")
        if not isinstance(files, list) or not hmac.compare_digest(
            str(recorded.get("mac", "")), self._seal(files, seen)
        ):
            return False
        if isinstance(seen, list) and len(seen) == 2 and all(isinstance(n, int) for n in seen):
            self._seen = [int(n) for n in seen]
        sizes = [_size(file) for file in (self.path, self._wal)]
        if sizes != [f[0] if isinstance(f, list) and f else None for f in files]:
            return False  # different sizes: no need to read them
        return bool(files == self._file_state())


_MARK_FORMAT = 2
_SEGMENT = 16 << 20


def _nonempty(path: Path) -> bool:
    return bool(_size(path))


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def _digest(path: Path) -> list[Any] | None:
    """[size, SHA-256 of the content] of ``path`` (None when there is no such file),
    hashed in 16 MB segments on every core (hashlib lets go of the GIL)."""
    size = _size(path)
    if size is None:
        return None

    def segment(start: int) -> bytes:
        sha = hashlib.sha256()
        buffer = bytearray(1 << 20)
        view = memoryview(buffer)
        left = min(_SEGMENT, size - start)
        with open(path, "rb") as handle:
            handle.seek(start)
            while left > 0:
                got = handle.readinto(view[: min(len(buffer), left)])
                if not got:
                    break
                sha.update(view[:got])
                left -= got
        return sha.digest()

    starts = list(range(0, size, _SEGMENT)) or [0]
    workers = max(1, min(len(starts), os.cpu_count() or 1, 8))
    try:
        if workers == 1:
            parts = [segment(start) for start in starts]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                parts = list(pool.map(segment, starts))
    except FileNotFoundError:
        return None
    return [size, hashlib.sha256(b"".join(parts)).hexdigest()]
