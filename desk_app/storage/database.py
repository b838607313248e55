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
import errno
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import sqlcipher3

from desk_app.lean_import import without

with without("numpy", "pandas"):
    import sqlite_utils

from desk_app.storage.clean_mark import MARK_SUFFIX, CleanMark, FileState, digest
from desk_app.storage.clean_mark import size as file_size
from desk_app.storage.faults import Fault, StorageFault, WrongKey, fault_of, refine
from desk_app.storage.files import make_private, mkdir_durably
from desk_app.storage.keyring import DataKey
from desk_app.storage.schema import FTS_INSERT_TRIGGER, FTS_INSERT_TRIGGER_NAME, MIGRATIONS

DB_FILENAME = "desk.sqlite3"
CLEAN_MARK_SUFFIX = MARK_SUFFIX
LOCK_SUFFIX = ".lock"  # held shared while open; exclusively to replace the data key
PAGE_SIZE = 4096  # SQLCipher 4's default; the file is always a whole number of pages


__all__ = [  # (the faults live in storage.faults; callers import them from here too)
    "CLEAN_MARK_SUFFIX", "DB_FILENAME", "LOCK_SUFFIX", "DatabaseError", "Fault",
    "IntegrityError", "OperationalError", "Storage", "StorageFault", "WrongKey", "connect",
    "exclusive_lock", "fault_of",
]  # fmt: skip

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

    After a clean close the files are proved to be what that close left (the clean-close
    mark) before anything is read, unless ``check_later``: then only the mark's seal and
    the files' sizes are compared here, and ``finish_start_check()`` proves the content
    later (the window calls it after its first paint). Until then SQLite keeps the main
    file as it was (a read transaction held from before the first write stops any
    checkpoint); if the proof fails, writes are refused and no mark vouches for the files.
    """

    def __init__(
        self, path: Path, key: DataKey, *, create: bool = False, check_later: bool = False
    ) -> None:
        self.path = path
        self._key = key
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()  # guards the list of connections only
        self.read_only = False
        self._damaged = False
        self._seen: list[int] | None = None  # how far the last clean close had come
        self._lock_fd: int | None = None
        self._mark = CleanMark(path, key)
        self._start_check: StartCheck | None = None  # the content still to prove
        self._check_lock = threading.Lock()
        self._refused = False  # the start check failed: every write refused
        if create:
            mkdir_durably(path.parent)
            if path.exists():
                check_file(path)
        else:
            check_file(path)
            self.read_only = not _folder_writable(path.parent)
            if self.read_only and file_size(self._mark.wal):
                # an immutable open would not read the WAL: the last commits would be unseen
                raise StorageFault(Fault.READ_ONLY, path, "WAL not empty")
        # shared while open (not on read-only media): a replacement of the data key
        # (storage.rekey) waits for it, and is not done while it is held
        lock = path.with_name(path.name + LOCK_SUFFIX)
        self._lock_fd = None if self.read_only else _lock_file(lock, shared=True)
        self.closed_cleanly = False
        try:
            self.closed_cleanly = self._take_clean_mark(check_later)
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
            raise StorageFault(refine(fault, path), path, str(err)) from err
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
            # no plugins: none is installed for the desk, and looking for them (entry
            # points) costs every start; none may run code on the keyed connection either
            db = sqlite_utils.Database(conn, execute_plugins=False)
            self._local.db = db
            with self._lock:
                self._connections.append(conn)
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One durable write transaction; nested calls become savepoints."""
        if self.read_only:
            raise StorageFault(Fault.READ_ONLY, self.path)
        if self._refused:
            raise StorageFault(Fault.CORRUPT, self.path, "start-up check failed")
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
            raise StorageFault(refine(fault, self.path), self.path, str(err)) from err
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
            self._mark.remove()

    def close(self, *, clean: bool = True) -> None:
        """Close every connection this storage opened (call from the owning threads' end)
        and, unless ``clean`` is False (a file found damaged), mark the files as this
        close left them."""
        if clean and self._start_check is not None:
            self.finish_start_check()  # before a checkpoint changes the file it proves
        self._drop_start_check()
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
                self._mark.write(seen)
        finally:
            if self._lock_fd is not None:  # after the mark: a key replacement may follow
                with contextlib.suppress(OSError):
                    os.close(self._lock_fd)
                self._lock_fd = None

    @property
    def _wal(self) -> Path:
        return self._mark.wal

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

    def _take_clean_mark(self, check_later: bool) -> bool:
        """Whether the files hold what a clean close left: proved now, or (``check_later``,
        the WAL empty at that close) seal and sizes now and the content by
        ``finish_start_check``. The mark stays: it proves content, so after a crash or any
        change it simply no longer matches."""
        recorded = self._mark.read()
        if recorded is None:
            return False
        self._seen = recorded.seen
        if not self._mark.sizes_match(recorded):
            return False  # different sizes: no need to read them
        if check_later and not self.read_only and recorded.wal is None:
            conn = connect(self.path, self._key)
            try:
                self._start_check = StartCheck(conn, recorded.database)
            except BaseException:
                conn.close()
                raise
            return True
        return self._mark.matches(recorded)

    def finish_start_check(self) -> bool:
        """Prove what ``check_later`` left to prove: the main file hashed against the mark
        (SQLite's quick_check of that same snapshot when it differs, as at an unclean
        start). False means damaged: the mark is removed and every write is refused from
        now on. Safe to call from any one thread, more than once."""
        with self._check_lock:
            check = self._start_check
            if check is None:
                return not self._refused
            try:
                sound = check.proves(self.path)
            finally:
                self._drop_start_check()
            if not sound:
                self._refused = True
                self.mark_damaged()
            return sound

    @property
    def start_check_pending(self) -> bool:
        return self._start_check is not None

    def _drop_start_check(self) -> None:
        check, self._start_check = self._start_check, None
        if check is not None:
            check.close()


class StartCheck:
    """A read transaction opened before the desk's first write, held until the main file
    is proved. In WAL mode a commit goes to the -wal file, and only a checkpoint writes the
    main file; a checkpoint never overwrites pages a reader's snapshot still needs (it
    waits for, or skips, the reader's lock), so while this transaction lasts the main
    file keeps every byte the clean close left, whatever the desk writes meanwhile."""

    def __init__(self, conn: sqlite3.Connection, expected: FileState) -> None:
        self._conn = conn
        self._expected = expected
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot taken

    def proves(self, path: Path) -> bool:
        try:
            if digest(path) == self._expected:
                return True
            return self._conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except (sqlcipher3.Error, OSError):  # a page that does not decrypt, a failing read
            return False

    def close(self) -> None:
        with contextlib.suppress(sqlcipher3.Error):
            self._conn.close()  # (ends the read transaction)
